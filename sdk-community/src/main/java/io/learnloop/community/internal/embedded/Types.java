package io.learnloop.community.internal.embedded;

import io.learnloop.community.ReportStatus;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.SortKeys;

import java.util.List;

import static io.learnloop.community.internal.embedded.Rows.GroupRow;
import static io.learnloop.community.internal.embedded.Rows.InviteRow;
import static io.learnloop.community.internal.embedded.Rows.MembershipRow;
import static io.learnloop.community.internal.embedded.Rows.NotificationRow;
import static io.learnloop.community.internal.embedded.Rows.PostRow;
import static io.learnloop.community.internal.embedded.Rows.ReactionRow;
import static io.learnloop.community.internal.embedded.Rows.ReportRow;
import static io.learnloop.community.internal.embedded.Rows.SpaceRow;
import static io.learnloop.community.internal.embedded.Rows.SuspensionRow;
import static io.learnloop.community.internal.embedded.Rows.TopicRow;

/**
 * The aggregate types of the embedded community.
 *
 * <p>Thread-safe: constants.
 */
final class Types {
    /** Sorted by time under the author's id: what a learner's export reads a page at a time. */
    static final String BY_AUTHOR = "authorTime";
    /** Sorted by time under the user's id (the reporter's, the recipient's, the member's). */
    static final String BY_USER = "userTime";
    /** A space's topics by creation time, then id: what the topic listing pages through. */
    static final String BY_SPACE = "spaceTime";
    /** A topic's posts by post number: what the post listing pages through. */
    static final String BY_TOPIC = "topicOrder";
    /** Every space by creation time, then id, under the one key {@link #ALL}: what the space listing pages through. */
    static final String BY_CREATION = "created";
    /** The key every space is filed under in {@link #BY_CREATION}. */
    static final String ALL = "all";

    static final AggregateType<SpaceRow> SPACE = AggregateType.builder("community_space", SpaceRow.class, SpaceRow::id)
            .unique("slug", SpaceRow::slug)
            .index("course", SpaceRow::courseId)
            .sortedIndex(BY_CREATION, s -> ALL, s -> SortKeys.instant(s.createdAt()))
            .build();
    static final AggregateType<TopicRow> TOPIC = AggregateType.builder("community_topic", TopicRow.class, TopicRow::id)
            .index("space", TopicRow::spaceId)
            .sortedIndex(BY_SPACE, TopicRow::spaceId, t -> SortKeys.instant(t.createdAt()))
            .sortedIndex(BY_AUTHOR, TopicRow::authorId, t -> SortKeys.instant(t.createdAt()))
            .build();
    static final AggregateType<PostRow> POST = AggregateType.builder("community_post", PostRow.class, PostRow::id)
            .index("topic", PostRow::topicId)
            .sortedIndex(BY_TOPIC, PostRow::topicId, p -> SortKeys.number(p.number()))
            .index("author", PostRow::authorId)
            // Not a unique key: numbers come from the topic's post count, which every reply updates by
            // compare-and-set in the same transaction, so the topic's version already keeps them unique.
            .index("topicNumber", p -> p.topicId() + "#" + p.number())
            .sortedIndex(BY_AUTHOR, PostRow::authorId, p -> SortKeys.instant(p.createdAt()))
            .build();
    static final AggregateType<ReactionRow> REACTION = AggregateType
            .builder("community_reaction", ReactionRow.class, ReactionRow::id)
            .index("post", ReactionRow::postId)
            .sortedIndex(BY_USER, ReactionRow::userId, r -> SortKeys.instant(r.createdAt()))
            .build();
    static final AggregateType<GroupRow> GROUP = AggregateType.builder("community_group", GroupRow.class, GroupRow::id)
            .unique("name", g -> g.name().toLowerCase(java.util.Locale.ROOT))
            .build();
    static final AggregateType<MembershipRow> MEMBERSHIP = AggregateType
            .builder("community_membership", MembershipRow.class, MembershipRow::id)
            .index("group", MembershipRow::groupId)
            .index("user", MembershipRow::userId)
            .sortedIndex(BY_USER, MembershipRow::userId, m -> SortKeys.instant(m.joinedAt()))
            .build();
    static final AggregateType<InviteRow> INVITE = AggregateType.builder("community_invite", InviteRow.class, InviteRow::id)
            .index("group", InviteRow::groupId)
            // the invited and the inviting user: both find the invitation among their own records
            .sortedMultiIndex(BY_USER, i -> List.of(i.userId(), i.invitedBy()), i -> SortKeys.instant(i.createdAt()))
            .build();
    static final AggregateType<ReportRow> REPORT = AggregateType.builder("community_report", ReportRow.class, ReportRow::id)
            .index("status", r -> r.status().name())
            .unique("reporterPost", r -> r.reporterId() + "@" + r.postId())
            .sortedIndex(BY_USER, ReportRow::reporterId, r -> SortKeys.instant(r.createdAt()))
            .build();
    static final AggregateType<NotificationRow> NOTIFICATION = AggregateType
            .builder("community_notification", NotificationRow.class, NotificationRow::id)
            .index("user", NotificationRow::userId)
            .sortedIndex(BY_USER, NotificationRow::userId, n -> SortKeys.instant(n.createdAt()))
            .build();
    static final AggregateType<SuspensionRow> SUSPENSION = AggregateType
            .builder("community_suspension", SuspensionRow.class, SuspensionRow::id)
            .build();

    static final String PENDING = ReportStatus.PENDING.name();

    private Types() {
    }
}
