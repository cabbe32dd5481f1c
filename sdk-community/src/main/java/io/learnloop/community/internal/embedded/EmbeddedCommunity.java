package io.learnloop.community.internal.embedded;

import io.learnloop.community.Community;
import io.learnloop.community.CommunityOptions;
import io.learnloop.community.CommunityUser;
import io.learnloop.community.GroupMember;
import io.learnloop.community.GroupProgress;
import io.learnloop.community.GroupRole;
import io.learnloop.community.ModerationAction;
import io.learnloop.community.NewSpace;
import io.learnloop.community.NewStudyGroup;
import io.learnloop.community.Notification;
import io.learnloop.community.NotificationKind;
import io.learnloop.community.Page;
import io.learnloop.community.Post;
import io.learnloop.community.PostStatus;
import io.learnloop.community.RateLimitedException;
import io.learnloop.community.Report;
import io.learnloop.community.ReportReason;
import io.learnloop.community.ReportStatus;
import io.learnloop.community.SearchHit;
import io.learnloop.community.Space;
import io.learnloop.community.SpaceKind;
import io.learnloop.community.StudyGroup;
import io.learnloop.community.Topic;
import io.learnloop.community.TopicStatus;
import io.learnloop.community.internal.GroupProgressCalculator;
import io.learnloop.community.internal.Inputs;
import io.learnloop.community.internal.ListPage;
import io.learnloop.community.internal.SpaceCourses;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.error.NotFoundException;
import io.learnloop.core.error.Validator;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.store.UnitOfWork;
import io.learnloop.core.store.Versioned;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
 * The community inside the host's own application: every record lives in the core store, so it runs in memory
 * and on JDBC alike. Each operation is one store transaction; a failed check leaves nothing written.
 *
 * <p>Thread-safe: immutable; concurrent writers are serialised by the store's compare-and-set versions.
 */
public final class EmbeddedCommunity implements Community {
    /** Domain event published when a topic is opened. */
    public static final String TOPIC_CREATED = "community.topic_created";
    /** Domain event published when a reply is posted. */
    public static final String POST_CREATED = "community.post_created";
    /** Domain event published when an answer is accepted: postId, topicId, author (the answer's), acceptedBy. */
    public static final String ANSWER_ACCEPTED = "community.answer_accepted";
    /** Domain event published when a user first reacts to a post: postId, topicId, author, reactor, reaction. */
    public static final String POST_REACTED = "community.post_reacted";


    private final ServiceContext ctx;
    private final CommunityOptions options;
    private final EmbeddedAccess access;

    /**
     * Creates the backend.
     *
     * @param ctx     the core service context (store, clock, ids)
     * @param options the shared options
     */
    public EmbeddedCommunity(ServiceContext ctx, CommunityOptions options) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.options = Objects.requireNonNull(options, "options");
        this.access = new EmbeddedAccess(options.courseAccess());
    }

    /**
     * Rebuilds the sorted indexes of spaces, topics and posts in the context's tenant.
     *
     * @param ctx the core service context
     * @return how many batches were rebuilt
     */
    public static int rebuildIndexes(ServiceContext ctx) {
        Objects.requireNonNull(ctx, "ctx");
        int batches = 0;
        for (io.learnloop.core.store.AggregateType<?> type : List.of(Types.SPACE, Types.TOPIC, Types.POST)) {
            batches += io.learnloop.core.store.Stores.reindex(ctx.store(), ctx.tenant(), type);
        }
        return batches;
    }

    @Override
    public Space createSpace(Actor actor, NewSpace space) {
        actor.require(Role.MODERATOR, "create a space");
        space.validate();
        SpaceCourses.require(options.catalog(), space);
        SpaceKind kind = space.courseId() == null ? SpaceKind.GENERAL : SpaceKind.COURSE;
        SpaceRow row = new SpaceRow(ctx.newId(), space.name().strip(), slug(space.name()), kind, space.courseId(), null,
                space.description() == null ? "" : space.description(), ctx.now());
        return ctx.transact(uow -> toSpace(uow.insert(Types.SPACE, row).value()));
    }

    @Override
    public Space space(Actor actor, String spaceId) {
        Inputs.id("spaceId", spaceId);
        return ctx.read(uow -> {
            SpaceRow s = uow.get(Types.SPACE, spaceId).value();
            access.requireRead(uow, actor, s);
            return toSpace(s);
        });
    }

    @Override
    public Page<Space> spaces(Actor actor, String cursor) {
        return spaces(actor, cursor, options.pageSize());
    }

    @Override
    public Page<Space> spaces(Actor actor, String cursor, int pageSize) {
        Inputs.pageSize(pageSize);
        io.learnloop.core.Page<Space> page = ctx.read(uow -> KeysetPages.page(uow, Types.SPACE, Types.BY_CREATION,
                Types.ALL, pageSize, cursor, s -> access.canRead(uow, actor, s), EmbeddedCommunity::toSpace));
        return ListPage.resumable(page.items(), page.nextCursor(),
                () -> Optional.of(spaces(actor, page.nextCursor(), pageSize)));
    }

    @Override
    public Topic createTopic(Actor actor, String spaceId, String title, String markdown, boolean question) {
        Inputs.topic(actor, spaceId, title, markdown, options.contentFilter());
        return ctx.transact(uow -> {
            SpaceRow space = uow.get(Types.SPACE, spaceId).value();
            access.requireWrite(uow, actor, space, ctx.now());
            checkRate(uow, actor);
            Instant now = ctx.now();
            TopicRow topic = new TopicRow(ctx.newId(), spaceId, title.strip(), actor.id().value(), question, null, 1,
                    TopicStatus.OPEN, now);
            uow.insert(Types.TOPIC, topic);
            PostRow first = new PostRow(ctx.newId(), topic.id(), 1, actor.id().value(), markdown, 0,
                    PostStatus.VISIBLE, now);
            uow.insert(Types.POST, first);
            notifyMentions(uow, actor, first);
            uow.publish(ctx.event(TOPIC_CREATED, topic.id(), Map.of("spaceId", spaceId, "author", actor.id().value())));
            return toTopic(topic);
        });
    }

    @Override
    public Topic topic(Actor actor, String topicId) {
        Inputs.id("topicId", topicId);
        return ctx.read(uow -> {
            TopicRow t = uow.get(Types.TOPIC, topicId).value();
            access.requireRead(uow, actor, uow.get(Types.SPACE, t.spaceId()).value());
            return toTopic(t);
        });
    }

    @Override
    public Page<Topic> topics(Actor actor, String spaceId, String cursor) {
        return topics(actor, spaceId, cursor, options.pageSize());
    }

    @Override
    public Page<Topic> topics(Actor actor, String spaceId, String cursor, int pageSize) {
        Inputs.id("spaceId", spaceId);
        Inputs.pageSize(pageSize);
        io.learnloop.core.Page<Topic> page = ctx.read(uow -> {
            access.requireRead(uow, actor, uow.get(Types.SPACE, spaceId).value());
            return KeysetPages.page(uow, Types.TOPIC, Types.BY_SPACE, spaceId, pageSize, cursor,
                    t -> true, EmbeddedCommunity::toTopic);
        });
        return ListPage.resumable(page.items(), page.nextCursor(),
                () -> Optional.of(topics(actor, spaceId, page.nextCursor(), pageSize)));
    }

    @Override
    public Post reply(Actor actor, String topicId, String markdown, int replyToNumber) {
        Inputs.reply(actor, topicId, markdown, replyToNumber, options.contentFilter());
        return contended(uow -> {
            Versioned<TopicRow> tv = uow.get(Types.TOPIC, topicId);
            TopicRow topic = tv.value();
            access.requireWrite(uow, actor, uow.get(Types.SPACE, topic.spaceId()).value(), ctx.now());
            if (topic.status() == TopicStatus.CLOSED) {
                throw new ConflictException(ErrorCode.INVALID_STATE, "Topic '" + topicId + "' is closed to replies.");
            }
            new Validator().check(replyToNumber <= topic.postCount(), "replyToNumber",
                    "topic '" + topicId + "' has no post number " + replyToNumber).throwIfInvalid();
            checkRate(uow, actor);
            int number = topic.postCount() + 1;
            uow.update(Types.TOPIC, topic.withPostCount(number), tv.version());
            PostRow post = new PostRow(ctx.newId(), topicId, number, actor.id().value(), markdown, replyToNumber,
                    PostStatus.VISIBLE, ctx.now());
            uow.insert(Types.POST, post);
            notifyReply(uow, actor, topic, post);
            notifyMentions(uow, actor, post);
            uow.publish(ctx.event(POST_CREATED, post.id(), Map.of("topicId", topicId, "author", actor.id().value())));
            return toPost(uow, post);
        });
    }

    @Override
    public Page<Post> posts(Actor actor, String topicId, String cursor) {
        return posts(actor, topicId, cursor, options.pageSize());
    }

    @Override
    public Page<Post> posts(Actor actor, String topicId, String cursor, int pageSize) {
        Inputs.id("topicId", topicId);
        Inputs.pageSize(pageSize);
        io.learnloop.core.Page<Post> page = ctx.read(uow -> {
            TopicRow t = uow.get(Types.TOPIC, topicId).value();
            access.requireRead(uow, actor, uow.get(Types.SPACE, t.spaceId()).value());
            return KeysetPages.page(uow, Types.POST, Types.BY_TOPIC, topicId, pageSize, cursor,
                    p -> p.status() == PostStatus.VISIBLE || actor.has(Role.MODERATOR), p -> toPost(uow, p));
        });
        return ListPage.resumable(page.items(), page.nextCursor(),
                () -> Optional.of(posts(actor, topicId, page.nextCursor(), pageSize)));
    }

    @Override
    public Page<Post> latestPosts(Actor actor) {
        List<Post> all = ctx.read(uow -> {
            List<Post> out = new ArrayList<>();
            for (Versioned<SpaceRow> s : all(uow, Types.SPACE)) {
                if (!access.canRead(uow, actor, s.value())) {
                    continue;
                }
                for (Versioned<TopicRow> t : uow.findBy(Types.TOPIC, "space", s.value().id())) {
                    uow.findBy(Types.POST, "topic", t.value().id()).stream().map(Versioned::value)
                            .filter(p -> p.status() == PostStatus.VISIBLE)
                            .forEach(p -> out.add(toPost(uow, p)));
                }
            }
            out.sort(Comparator.comparing(Post::createdAt).reversed());
            return out;
        });
        return ListPage.slices(all, options.pageSize());
    }

    @Override
    public Post post(Actor actor, String postId) {
        Inputs.id("postId", postId);
        return ctx.read(uow -> toPost(uow, readablePost(uow, actor, postId)));
    }

    @Override
    public Topic acceptAnswer(Actor actor, String postId) {
        Inputs.id("postId", postId);
        return contended(uow -> {
            PostRow answer = readablePost(uow, actor, postId);
            Versioned<TopicRow> tv = uow.get(Types.TOPIC, answer.topicId());
            TopicRow topic = tv.value();
            if (!topic.question()) {
                throw new ConflictException(ErrorCode.INVALID_STATE,
                        "Topic '" + topic.id() + "' is a discussion, not a question; only questions have answers.");
            }
            if (answer.number() == 1) {
                throw new ConflictException(ErrorCode.INVALID_STATE, "The question itself cannot be its answer.");
            }
            if (!topic.authorId().equals(actor.id().value()) && !actor.has(Role.MODERATOR)) {
                throw new ForbiddenException("Only the question's author or a moderator may accept an answer.");
            }
            TopicRow updated = uow.update(Types.TOPIC, topic.withAccepted(postId), tv.version()).value();
            uow.publish(ctx.event(ANSWER_ACCEPTED, postId, Map.of("postId", postId, "topicId", topic.id(),
                    "author", answer.authorId(), "acceptedBy", actor.id().value())));
            if (!answer.authorId().equals(actor.id().value())) {
                notify(uow, answer.authorId(), NotificationKind.ACCEPTED_ANSWER, topic.id(), postId, null, actor);
            }
            return toTopic(updated);
        });
    }

    @Override
    public Post react(Actor actor, String postId, String reaction) {
        Inputs.id("postId", postId);
        Inputs.reaction(reaction);
        return ctx.transact(uow -> {
            PostRow post = readablePost(uow, actor, postId);
            access.requireNotSuspended(uow, actor, ctx.now());
            String id = postId + "|" + actor.id().value() + "|" + reaction;
            if (uow.find(Types.REACTION, id).isEmpty()) {
                uow.insert(Types.REACTION, new ReactionRow(id, postId, actor.id().value(), reaction, ctx.now()));
                uow.publish(ctx.event(POST_REACTED, postId, Map.of("postId", postId, "topicId", post.topicId(),
                        "author", post.authorId(), "reactor", actor.id().value(), "reaction", reaction)));
            }
            return toPost(uow, post);
        });
    }

    @Override
    public StudyGroup createGroup(Actor actor, NewStudyGroup group) {
        group.validate();
        return ctx.transact(uow -> {
            access.requireNotSuspended(uow, actor, ctx.now());
            if (group.goal() != null) {
                access.requireEntitled(actor, group.goal().courseId());
            }
            Instant now = ctx.now();
            String groupId = ctx.newId();
            SpaceRow space = new SpaceRow(ctx.newId(), group.name(), "group-" + slug(group.name()), SpaceKind.GROUP,
                    null, groupId, "", now);
            uow.insert(Types.SPACE, space);
            GroupRow row = new GroupRow(groupId, group.name(), space.id(), group.inviteOnly(),
                    group.goal() == null ? null : group.goal().courseId(),
                    group.goal() == null ? 0 : group.goal().targetPercent(),
                    group.goal() == null ? null : group.goal().due(), now);
            uow.insert(Types.GROUP, row);
            uow.insert(Types.MEMBERSHIP, new MembershipRow(EmbeddedAccess.membershipId(groupId, actor.id().value()),
                    groupId, actor.id().value(), GroupRole.OWNER, now));
            return EmbeddedAccess.toGroup(row);
        });
    }

    @Override
    public StudyGroup group(Actor actor, String groupId) {
        Inputs.id("groupId", groupId);
        return ctx.read(uow -> EmbeddedAccess.toGroup(uow.get(Types.GROUP, groupId).value()));
    }

    @Override
    public Page<StudyGroup> groups(Actor actor) {
        List<StudyGroup> all = ctx.read(uow -> all(uow, Types.GROUP).stream()
                .map(v -> EmbeddedAccess.toGroup(v.value())).toList());
        return ListPage.slices(all, options.pageSize());
    }

    @Override
    public GroupMember join(Actor actor, String groupId) {
        Inputs.id("groupId", groupId);
        return ctx.transact(uow -> {
            GroupRow group = uow.get(Types.GROUP, groupId).value();
            access.requireNotSuspended(uow, actor, ctx.now());
            String user = actor.id().value();
            Optional<Versioned<MembershipRow>> existing = uow.find(Types.MEMBERSHIP, EmbeddedAccess.membershipId(groupId, user));
            if (existing.isPresent()) {
                return toMember(existing.get().value());
            }
            if (group.goalCourseId() != null) {
                access.requireEntitled(actor, group.goalCourseId());
            }
            Optional<Versioned<InviteRow>> invite = uow.find(Types.INVITE, EmbeddedAccess.membershipId(groupId, user));
            if (group.inviteOnly() && invite.isEmpty()) {
                throw new ForbiddenException("Study group '" + group.name() + "' is invite-only; ask an owner for an invitation.");
            }
            invite.ifPresent(i -> uow.delete(Types.INVITE, i.value().id(), i.version()));
            MembershipRow m = new MembershipRow(EmbeddedAccess.membershipId(groupId, user), groupId, user,
                    GroupRole.MEMBER, ctx.now());
            uow.insert(Types.MEMBERSHIP, m);
            return toMember(m);
        });
    }

    @Override
    public void leave(Actor actor, String groupId) {
        Inputs.id("groupId", groupId);
        ctx.transact(uow -> {
            uow.get(Types.GROUP, groupId);
            Versioned<MembershipRow> m = uow.find(Types.MEMBERSHIP, EmbeddedAccess.membershipId(groupId, actor.id().value()))
                    .orElseThrow(() -> new NotFoundException("group membership", groupId + "/" + actor.id()));
            uow.delete(Types.MEMBERSHIP, m.value().id(), m.version());
            return null;
        });
    }

    @Override
    public void invite(Actor actor, String groupId, UserId invitee) {
        Inputs.id("groupId", groupId);
        new Validator().notNull("invitee", invitee).throwIfInvalid();
        ctx.transact(uow -> {
            GroupRow group = uow.get(Types.GROUP, groupId).value();
            access.requireNotSuspended(uow, actor, ctx.now());
            access.requireOwner(uow, actor, groupId);
            String id = EmbeddedAccess.membershipId(groupId, invitee.value());
            if (uow.find(Types.MEMBERSHIP, id).isEmpty() && uow.find(Types.INVITE, id).isEmpty()) {
                uow.insert(Types.INVITE, new InviteRow(id, groupId, invitee.value(), actor.id().value(), ctx.now()));
                notify(uow, invitee.value(), NotificationKind.GROUP_INVITE, null, null, group.id(), actor);
            }
            return null;
        });
    }

    @Override
    public GroupMember setRole(Actor actor, String groupId, UserId member, GroupRole role) {
        Inputs.id("groupId", groupId);
        new Validator().notNull("member", member).notNull("role", role).throwIfInvalid();
        return ctx.transact(uow -> {
            uow.get(Types.GROUP, groupId);
            access.requireOwner(uow, actor, groupId);
            Versioned<MembershipRow> m = uow.find(Types.MEMBERSHIP, EmbeddedAccess.membershipId(groupId, member.value()))
                    .orElseThrow(() -> new NotFoundException("group member", groupId + "/" + member));
            MembershipRow old = m.value();
            MembershipRow updated = new MembershipRow(old.id(), old.groupId(), old.userId(), role, old.joinedAt());
            return toMember(uow.update(Types.MEMBERSHIP, updated, m.version()).value());
        });
    }

    @Override
    public Page<GroupMember> members(Actor actor, String groupId) {
        Inputs.id("groupId", groupId);
        List<GroupMember> all = ctx.read(uow -> {
            uow.get(Types.GROUP, groupId);
            return uow.findBy(Types.MEMBERSHIP, "group", groupId).stream().map(v -> toMember(v.value())).toList();
        });
        return ListPage.slices(all, options.pageSize());
    }

    @Override
    public GroupProgress progress(Actor actor, String groupId) {
        StudyGroup group = group(actor, groupId);
        return GroupProgressCalculator.compute(group, members(actor, groupId).streamAll().map(GroupMember::user).toList(),
                options.progress());
    }

    @Override
    public Report report(Actor actor, String postId, ReportReason reason, String note) {
        Inputs.id("postId", postId);
        new Validator().notNull("reason", reason).maxLength("note", note, 1000).throwIfInvalid();
        return ctx.transact(uow -> {
            PostRow post = readablePost(uow, actor, postId);
            access.requireNotSuspended(uow, actor, ctx.now());
            ReportRow row = new ReportRow(ctx.newId(), postId, post.topicId(), actor.id().value(), reason, note,
                    ReportStatus.PENDING, null, null, ctx.now());
            if (uow.findUnique(Types.REPORT, "reporterPost", actor.id().value() + "@" + postId).isPresent()) {
                throw new ConflictException(ErrorCode.DUPLICATE_KEY, "You already reported post '" + postId + "'.");
            }
            return toReport(uow.insert(Types.REPORT, row).value());
        });
    }

    @Override
    public Page<Report> moderationQueue(Actor actor) {
        actor.require(Role.MODERATOR, "read the moderation queue");
        List<Report> all = ctx.read(uow -> uow.findBy(Types.REPORT, "status", Types.PENDING).stream()
                .map(v -> toReport(v.value())).toList());
        return ListPage.slices(all, options.pageSize());
    }

    @Override
    public Report moderate(Actor actor, String reportId, ModerationAction action) {
        actor.require(Role.MODERATOR, "moderate a report");
        Inputs.id("reportId", reportId);
        new Validator().notNull("action", action).throwIfInvalid();
        return ctx.transact(uow -> {
            Versioned<ReportRow> rv = uow.get(Types.REPORT, reportId);
            ReportRow r = rv.value();
            if (r.status() != ReportStatus.PENDING) {
                throw new ConflictException(ErrorCode.INVALID_STATE, "Report '" + reportId + "' is already " + r.status() + ".");
            }
            if (action != ModerationAction.DISMISS) {
                setPostStatus(uow, r.postId(), action == ModerationAction.HIDE ? PostStatus.HIDDEN : PostStatus.REMOVED);
            }
            ReportRow done = new ReportRow(r.id(), r.postId(), r.topicId(), r.reporterId(), r.reason(), r.note(),
                    action == ModerationAction.DISMISS ? ReportStatus.DISMISSED : ReportStatus.ACTIONED, action,
                    actor.id().value(), r.createdAt());
            return toReport(uow.update(Types.REPORT, done, rv.version()).value());
        });
    }

    @Override
    public Post restore(Actor actor, String postId) {
        actor.require(Role.MODERATOR, "restore a post");
        Inputs.id("postId", postId);
        return ctx.transact(uow -> toPost(uow, setPostStatus(uow, postId, PostStatus.VISIBLE)));
    }

    @Override
    public void suspend(Actor actor, UserId user, Instant until, String reason) {
        actor.require(Role.MODERATOR, "suspend a user");
        new Validator().notNull("user", user).notNull("until", until)
                .check(until == null || until.isAfter(ctx.now()), "until", "must be in the future")
                .notBlank("reason", reason, 300).throwIfInvalid();
        ctx.transact(uow -> {
            SuspensionRow row = new SuspensionRow(user.value(), user.value(), until, reason, actor.id().value());
            Optional<Versioned<SuspensionRow>> old = uow.find(Types.SUSPENSION, user.value());
            if (old.isPresent()) {
                uow.update(Types.SUSPENSION, row, old.get().version());
            } else {
                uow.insert(Types.SUSPENSION, row);
            }
            return null;
        });
    }

    @Override
    public Page<Notification> notifications(Actor actor) {
        List<Notification> all = ctx.read(uow -> {
            List<NotificationRow> rows = new ArrayList<>(uow.findBy(Types.NOTIFICATION, "user", actor.id().value())
                    .stream().map(Versioned::value).toList());
            java.util.Collections.reverse(rows);
            return rows.stream().map(EmbeddedCommunity::toNotification).toList();
        });
        return ListPage.slices(all, options.pageSize());
    }

    @Override
    public void markRead(Actor actor, List<String> ids) {
        new Validator().notEmpty("ids", ids).throwIfInvalid();
        ctx.transact(uow -> {
            for (String id : ids) {
                Versioned<NotificationRow> v = uow.get(Types.NOTIFICATION, id);
                NotificationRow n = v.value();
                if (!n.userId().equals(actor.id().value())) {
                    throw new NotFoundException("notification", id);
                }
                uow.update(Types.NOTIFICATION, new NotificationRow(n.id(), n.userId(), n.kind(), n.topicId(),
                        n.postId(), n.groupId(), n.fromUser(), true, n.createdAt()), v.version());
            }
            return null;
        });
    }

    @Override
    public Page<SearchHit> search(Actor actor, String query) {
        Inputs.query(query);
        List<String> words = List.of(query.toLowerCase(Locale.ROOT).trim().split("\\s+"));
        List<SearchHit> hits = ctx.read(uow -> {
            List<SearchHit> out = new ArrayList<>();
            for (Versioned<SpaceRow> s : all(uow, Types.SPACE)) {
                if (!access.canRead(uow, actor, s.value())) {
                    continue;
                }
                for (Versioned<TopicRow> t : uow.findBy(Types.TOPIC, "space", s.value().id())) {
                    for (Versioned<PostRow> p : uow.findBy(Types.POST, "topic", t.value().id())) {
                        String text = (t.value().title() + " " + p.value().markdown()).toLowerCase(Locale.ROOT);
                        if (p.value().status() == PostStatus.VISIBLE && words.stream().allMatch(text::contains)) {
                            out.add(new SearchHit(t.value().id(), p.value().id(), t.value().title(),
                                    excerpt(p.value().markdown())));
                        }
                    }
                }
            }
            return out;
        });
        return ListPage.slices(hits, options.pageSize());
    }

    @Override
    public void syncMember(CommunityUser user) {
        user.validate();
    }

    @Override
    public String toString() {
        return "EmbeddedCommunity[" + ctx.tenant() + "]";
    }

    /**
     * Runs a write that bumps a shared aggregate (a topic's post count): when another writer committed first, the
     * store refuses ours at commit, and the work runs again on the fresh state.
     */
    private <R> R contended(java.util.function.Function<UnitOfWork, R> work) {
        return ctx.transactRetrying(work);
    }

    private void checkRate(UnitOfWork uow, Actor actor) {
        Instant now = ctx.now();
        Instant since = now.minus(options.postingWindow());
        List<Instant> recent = uow.findBy(Types.POST, "author", actor.id().value()).stream()
                .map(v -> v.value().createdAt()).filter(t -> t.isAfter(since)).sorted().toList();
        if (recent.size() >= options.postsPerWindow()) {
            Duration wait = Duration.between(now, recent.get(recent.size() - options.postsPerWindow())
                    .plus(options.postingWindow()));
            throw new RateLimitedException("User '" + actor.id() + "' posted " + recent.size() + " times in the last "
                    + options.postingWindow() + "; wait " + wait.toSeconds() + " s before posting again.", wait, 0, null);
        }
    }

    private PostRow readablePost(UnitOfWork uow, Actor actor, String postId) {
        PostRow post = uow.get(Types.POST, postId).value();
        TopicRow topic = uow.get(Types.TOPIC, post.topicId()).value();
        access.requireRead(uow, actor, uow.get(Types.SPACE, topic.spaceId()).value());
        if (post.status() != PostStatus.VISIBLE && !actor.has(Role.MODERATOR)) {
            throw new NotFoundException("post", postId);
        }
        return post;
    }

    private PostRow setPostStatus(UnitOfWork uow, String postId, PostStatus status) {
        Versioned<PostRow> pv = uow.get(Types.POST, postId);
        return uow.update(Types.POST, pv.value().withStatus(status), pv.version()).value();
    }

    private void notifyReply(UnitOfWork uow, Actor actor, TopicRow topic, PostRow post) {
        List<String> recipients = new ArrayList<>();
        recipients.add(topic.authorId());
        if (post.replyToNumber() > 0) {
            uow.findBy(Types.POST, "topicNumber", topic.id() + "#" + post.replyToNumber())
                    .forEach(p -> recipients.add(p.value().authorId()));
        }
        recipients.stream().distinct().filter(u -> !u.equals(actor.id().value()))
                .forEach(u -> notify(uow, u, NotificationKind.REPLY, topic.id(), post.id(), null, actor));
    }

    private void notifyMentions(UnitOfWork uow, Actor actor, PostRow post) {
        for (String name : Inputs.mentions(post.markdown())) {
            if (!name.equals(actor.id().value())) {
                notify(uow, name, NotificationKind.MENTION, post.topicId(), post.id(), null, actor);
            }
        }
    }

    private void notify(UnitOfWork uow, String userId, NotificationKind kind, String topicId, String postId,
                        String groupId, Actor from) {
        uow.insert(Types.NOTIFICATION, new NotificationRow(ctx.newId(), userId, kind, topicId, postId, groupId,
                from.id().value(), false, ctx.now()));
    }

    private static <T> List<Versioned<T>> all(UnitOfWork uow, io.learnloop.core.store.AggregateType<T> type) {
        List<Versioned<T>> out = new ArrayList<>();
        int offset = 0;
        while (true) {
            List<Versioned<T>> chunk = uow.list(type, offset, 500);
            out.addAll(chunk);
            if (chunk.size() < 500) {
                return out;
            }
            offset += chunk.size();
        }
    }

    static String slug(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return s.isEmpty() ? "space" : s;
    }

    private static String excerpt(String markdown) {
        String flat = markdown.replaceAll("\\s+", " ").strip();
        return flat.length() <= 200 ? flat : flat.substring(0, 200) + "…";
    }

    private static Space toSpace(SpaceRow s) {
        return new Space(s.id(), s.name(), s.slug(), s.kind(), s.courseId(), s.groupId(), s.description());
    }

    private static Topic toTopic(TopicRow t) {
        return new Topic(t.id(), t.spaceId(), t.title(), new UserId(t.authorId()), t.question(), t.acceptedPostId(),
                t.postCount() - 1, t.status(), t.createdAt());
    }

    private static Post toPost(UnitOfWork uow, PostRow p) {
        Map<String, Integer> reactions = new LinkedHashMap<>();
        for (Versioned<ReactionRow> r : uow.findBy(Types.REACTION, "post", p.id())) {
            reactions.merge(r.value().reaction(), 1, Integer::sum);
        }
        return new Post(p.id(), p.topicId(), p.number(), new UserId(p.authorId()), p.markdown(), p.replyToNumber(),
                p.status(), reactions, p.createdAt());
    }

    private static GroupMember toMember(MembershipRow m) {
        return new GroupMember(m.groupId(), new UserId(m.userId()), m.role());
    }

    private static Report toReport(ReportRow r) {
        return new Report(r.id(), r.postId(), r.topicId(), new UserId(r.reporterId()), r.reason(), r.status(),
                r.createdAt());
    }

    private static Notification toNotification(NotificationRow n) {
        return new Notification(n.id(), n.kind(), n.topicId(), n.postId(), n.groupId(), n.fromUser(), n.read(),
                n.createdAt());
    }
}
