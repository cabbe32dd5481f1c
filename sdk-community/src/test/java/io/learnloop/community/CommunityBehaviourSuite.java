package io.learnloop.community;

import io.learnloop.core.Learnloop;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.access.GrantSource;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.event.DomainEvent;
import io.learnloop.core.event.EventTypes;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.TenantId;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.store.Stores;
import io.learnloop.core.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The community behaviour every backend must show. Subclasses supply the backend and, for remote backends, the
 * peer's answers ({@link #given}) and the checks of what was sent ({@link #verifySent}).
 */
abstract class CommunityBehaviourSuite {
    static final String SPACE_NAME = "Java 101";
    static final String TITLE = "How do generics work in Java?";
    static final String QUESTION = "I do not get **wildcards**. Can someone explain `? extends T`?";
    static final String ANSWER = "Think of `? extends T` as *read-only*: you take T out, never put one in. @ann";
    static final Actor MOD = Actor.of("mod", Role.MODERATOR);
    static final Actor ANN = Actor.learner("ann");
    static final Actor BOB = Actor.learner("bob");
    static final Actor EVE = Actor.learner("eve");

    enum Scenario { SPACE_TOPIC_REPLY, ACCEPT, REACT, GROUP_JOIN, REPORT_MODERATE, PAGE_250, ENTITLEMENT, REFUND_SYNC,
        BAD_INPUT, SUSPENDED, NOTIFICATIONS, UNKNOWN_COURSE, ACCESS_EXPIRED }

    protected final Entitlements entitlements = new Entitlements();
    protected final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    protected Community community;
    protected Learnloop learnloop;
    /** The id of the catalogue course the course space is for. */
    protected String course;

    protected abstract Community newCommunity(ServiceContext ctx, CommunityOptions options);

    /** Prepares the peer's answers for a scenario; nothing to do for an embedded backend. */
    protected void given(Scenario scenario) {
    }

    /** Checks what was sent to the peer in a scenario, header by header; nothing to do for an embedded backend. */
    protected void verifySent(Scenario scenario) {
    }

    /** How many topics and replies reached the backend so far. */
    protected abstract long postsCreated();

    /** Puts {@code count} topics titled "Topic 1".. into the space; a remote backend has them already. */
    protected void seedTopics(Space space, int count) {
        for (int i = 1; i <= count; i++) {
            // Topics list by creation time, then by id: a fixed clock would leave the order to the ids.
            clock.advance(java.time.Duration.ofMillis(1));
            community.createTopic(ANN, space.id(), "Topic " + i, "Body of topic " + i, false);
        }
    }

    @BeforeEach
    void setUpCommunity() {
        learnloop = Learnloop.builder().store(Stores.inMemory()).clock(clock)
                .idGenerator(IdGenerator.sequential("id")).build();
        course = Courses.create(learnloop, SPACE_NAME);
        entitlements.grant("ann", course);
        entitlements.grant("bob", course);
        CommunityOptions options = CommunityOptions.builder(entitlements)
                .catalog(learnloop.catalog())
                .progress((user, course) -> Map.of("ann", 90, "bob", 40).getOrDefault(user.value(), 0))
                .postingLimit(1000, Duration.ofMinutes(1))
                .pageSize(30)
                .build();
        community = newCommunity(learnloop.context(), options);
    }

    private Space courseSpace() {
        return community.createSpace(MOD, NewSpace.course(SPACE_NAME, course));
    }

    @Test
    void createSpaceTopicReply_whenEntitled_roundTrips() {
        given(Scenario.SPACE_TOPIC_REPLY);
        Space space = courseSpace();
        Topic topic = community.createTopic(ANN, space.id(), TITLE, QUESTION, true);
        Post reply = community.reply(BOB, topic.id(), ANSWER, 1);
        List<Post> posts = community.posts(ANN, topic.id()).streamAll().toList();

        assertThat(space.kind()).isEqualTo(SpaceKind.COURSE);
        assertThat(space.courseId()).isEqualTo(course);
        assertThat(topic.title()).isEqualTo(TITLE);
        assertThat(topic.question()).isTrue();
        assertThat(topic.author()).isEqualTo(UserId.of("ann"));
        assertThat(reply.number()).isEqualTo(2);
        assertThat(reply.author()).isEqualTo(UserId.of("bob"));
        assertThat(reply.markdown()).isEqualTo(ANSWER);
        assertThat(reply.topicId()).isEqualTo(topic.id());
        assertThat(posts).extracting(Post::number).containsExactly(1, 2);
        assertThat(posts).extracting(p -> p.author().value()).containsExactly("ann", "bob");
        assertThat(community.topic(BOB, topic.id()).replyCount()).isEqualTo(1);
        verifySent(Scenario.SPACE_TOPIC_REPLY);
    }

    @Test
    void acceptAnswer_whenAuthorAccepts_topicCarriesAnswer() {
        given(Scenario.SPACE_TOPIC_REPLY);
        given(Scenario.ACCEPT);
        Space space = courseSpace();
        Topic topic = community.createTopic(ANN, space.id(), TITLE, QUESTION, true);
        Post reply = community.reply(BOB, topic.id(), ANSWER, 1);

        Topic answered = community.acceptAnswer(ANN, reply.id());

        assertThat(answered.id()).isEqualTo(topic.id());
        assertThat(answered.acceptedPostId()).isEqualTo(reply.id());
        verifySent(Scenario.ACCEPT);
    }

    @Test
    void notifications_whenRepliedMentionedAndAccepted_reachTheRightUsers() {
        given(Scenario.SPACE_TOPIC_REPLY);
        given(Scenario.ACCEPT);
        given(Scenario.NOTIFICATIONS);
        Space space = courseSpace();
        Topic topic = community.createTopic(ANN, space.id(), TITLE, QUESTION, true);
        Post reply = community.reply(BOB, topic.id(), ANSWER, 1);
        community.acceptAnswer(ANN, reply.id());

        List<Notification> ann = community.notifications(ANN).streamAll().toList();
        List<Notification> bob = community.notifications(BOB).streamAll().toList();

        assertThat(ann).extracting(Notification::kind).contains(NotificationKind.REPLY, NotificationKind.MENTION);
        assertThat(ann).allSatisfy(n -> assertThat(n.topicId()).isEqualTo(topic.id()));
        assertThat(bob).extracting(Notification::kind).containsExactly(NotificationKind.ACCEPTED_ANSWER);
        assertThat(bob.get(0).read()).isFalse();
        community.markRead(BOB, List.of(bob.get(0).id()));
        verifySent(Scenario.NOTIFICATIONS);
    }

    @Test
    void react_whenLiked_countsTheReaction() {
        given(Scenario.SPACE_TOPIC_REPLY);
        given(Scenario.REACT);
        Space space = courseSpace();
        Topic topic = community.createTopic(ANN, space.id(), TITLE, QUESTION, true);
        Post reply = community.reply(BOB, topic.id(), ANSWER, 1);

        Post liked = community.react(ANN, reply.id(), "like");

        assertThat(liked.id()).isEqualTo(reply.id());
        assertThat(liked.reactionCount("like")).isEqualTo(1);
        verifySent(Scenario.REACT);
    }

    @Test
    void joinGroup_whenOpen_memberCountsTowardsTheGoal() {
        given(Scenario.GROUP_JOIN);
        StudyGroup group = community.createGroup(ANN, new NewStudyGroup("java-buddies", false,
                new GroupGoal(course, 80, null)));

        GroupMember bob = community.join(BOB, group.id());
        List<GroupMember> members = community.members(ANN, group.id()).streamAll().toList();
        GroupProgress progress = community.progress(ANN, group.id());

        assertThat(group.name()).isEqualTo("java-buddies");
        assertThat(group.spaceId()).isNotNull();
        assertThat(bob.role()).isEqualTo(GroupRole.MEMBER);
        assertThat(members).extracting(m -> m.user().value() + ":" + m.role())
                .containsExactlyInAnyOrder("ann:OWNER", "bob:MEMBER");
        assertThat(progress.averagePercent()).isEqualTo(65);
        assertThat(progress.membersAtGoal()).isEqualTo(1);
        assertThat(progress.reached()).isFalse();
        assertThat(progress.percentByUser()).containsEntry(UserId.of("ann"), 90).containsEntry(UserId.of("bob"), 40);
        verifySent(Scenario.GROUP_JOIN);
    }

    @Test
    void reportAndModerate_whenHidden_postIsHiddenAndRestorable() {
        given(Scenario.SPACE_TOPIC_REPLY);
        given(Scenario.REPORT_MODERATE);
        Space space = courseSpace();
        Topic topic = community.createTopic(ANN, space.id(), TITLE, QUESTION, true);
        Post reply = community.reply(BOB, topic.id(), ANSWER, 1);

        Report report = community.report(ANN, reply.id(), ReportReason.INAPPROPRIATE, "Rude tone");
        List<Report> queue = community.moderationQueue(MOD).streamAll().toList();
        Report done = community.moderate(MOD, report.id(), ModerationAction.HIDE);
        Post hidden = community.post(MOD, reply.id());
        Post restored = community.restore(MOD, reply.id());

        assertThat(report.id()).isNotNull();
        assertThat(report.status()).isEqualTo(ReportStatus.PENDING);
        assertThat(queue).extracting(Report::id).containsExactly(report.id());
        assertThat(queue.get(0).postId()).isEqualTo(reply.id());
        assertThat(queue.get(0).reason()).isEqualTo(ReportReason.INAPPROPRIATE);
        assertThat(done.status()).isEqualTo(ReportStatus.ACTIONED);
        assertThat(hidden.status()).isEqualTo(PostStatus.HIDDEN);
        assertThat(restored.status()).isEqualTo(PostStatus.VISIBLE);
        assertThatThrownBy(() -> community.moderationQueue(ANN))
                .isInstanceOfSatisfying(LearnloopException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        verifySent(Scenario.REPORT_MODERATE);
    }

    @Test
    void topics_when250Exist_pagesThroughAllInOrder() {
        given(Scenario.PAGE_250);
        Space space = courseSpace();
        seedTopics(space, 250);

        Page<Topic> first = community.topics(ANN, space.id());
        List<Topic> all = first.streamAll().toList();

        assertThat(first.hasNextPage()).isTrue();
        assertThat(first.items()).hasSizeLessThan(250);
        assertThat(all).hasSize(250);
        assertThat(all).extracting(Topic::id).doesNotHaveDuplicates();
        assertThat(all.get(0).title()).isEqualTo("Topic 1");
        assertThat(all.get(249).title()).isEqualTo("Topic 250");
        verifySent(Scenario.PAGE_250);
    }

    @Test
    void courseSpace_whenNotEntitled_canNeitherReadNorPost() {
        given(Scenario.SPACE_TOPIC_REPLY);
        given(Scenario.ENTITLEMENT);
        Space space = courseSpace();
        Topic topic = community.createTopic(ANN, space.id(), TITLE, QUESTION, true);
        long before = postsCreated();

        assertForbidden(() -> community.topics(EVE, space.id()));
        assertForbidden(() -> community.topic(EVE, topic.id()));
        assertForbidden(() -> community.createTopic(EVE, space.id(), "Free ride?", "Can I read this?", false));
        assertForbidden(() -> community.reply(EVE, topic.id(), "Me too", 0));

        assertThat(postsCreated()).isEqualTo(before);
        assertThat(community.topics(MOD, space.id()).items()).isNotEmpty();
        verifySent(Scenario.ENTITLEMENT);
    }

    @Test
    void refund_whenSynced_removesTheLearnerFromTheCourse() {
        given(Scenario.REFUND_SYNC);
        Space space = courseSpace();
        CommunityUser ann = new CommunityUser(UserId.of("ann"), "ann@example.com", "Ann Lee");
        community.syncMember(ann);
        assertThat(community.topics(ANN, space.id()).items()).isNotNull();

        entitlements.revoke("ann", course);
        community.syncMember(ann);

        assertForbidden(() -> community.topics(ANN, space.id()));
        assertForbidden(() -> community.createTopic(ANN, space.id(), TITLE, QUESTION, false));
        verifySent(Scenario.REFUND_SYNC);
    }

    @Test
    void badInput_whenEmptyOversizedOrUnknown_typedErrorAndNothingStored() {
        given(Scenario.SPACE_TOPIC_REPLY);
        given(Scenario.BAD_INPUT);
        Space space = courseSpace();
        Topic topic = community.createTopic(ANN, space.id(), TITLE, QUESTION, true);
        long before = postsCreated();

        assertThatThrownBy(() -> community.reply(BOB, topic.id(), "   ", 0))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields()).containsExactly("markdown"));
        assertThatThrownBy(() -> community.reply(BOB, topic.id(), "x".repeat(Community.MAX_POST_LENGTH + 1), 0))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.getMessage()).contains("markdown").contains("at most 32000"));
        assertThatThrownBy(() -> community.createTopic(ANN, space.id(), "", QUESTION, false))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields()).containsExactly("title"));
        assertThatThrownBy(() -> community.reply(BOB, "999999", ANSWER, 0))
                .isInstanceOfSatisfying(LearnloopException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                    assertThat(e.getMessage()).contains("999999");
                });

        assertThat(postsCreated()).isEqualTo(before);
        verifySent(Scenario.BAD_INPUT);
    }

    @Test
    void reply_whenSuspended_isRefusedAndNothingStored() {
        given(Scenario.SPACE_TOPIC_REPLY);
        given(Scenario.SUSPENDED);
        Space space = courseSpace();
        Topic topic = community.createTopic(ANN, space.id(), TITLE, QUESTION, true);
        community.suspend(MOD, UserId.of("bob"), clock.instant().plus(Duration.ofDays(1)), "Spamming links");
        long before = postsCreated();

        assertThatThrownBy(() -> community.reply(BOB, topic.id(), ANSWER, 1))
                .isInstanceOfSatisfying(LearnloopException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
                    assertThat(e.getMessage()).contains("suspended");
                });

        assertThat(postsCreated()).isEqualTo(before);
        verifySent(Scenario.SUSPENDED);
    }

    @Test
    void createSpace_whenCourseUnknownOrArchived_typedErrorAndNothingCreated() {
        given(Scenario.UNKNOWN_COURSE);
        String archived = Courses.archived(learnloop, "Java 8 (retired)");

        assertThatThrownBy(() -> community.createSpace(MOD, NewSpace.course(SPACE_NAME, "no-such-course")))
                .isInstanceOfSatisfying(LearnloopException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                    assertThat(e.getMessage()).contains("course in the catalogue").contains("no-such-course");
                });
        assertThatThrownBy(() -> community.createSpace(MOD, NewSpace.course("Java 8", archived)))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.fields()).containsExactly("courseId");
                    assertThat(e.getMessage()).contains(archived).contains("archived");
                });

        assertThat(community.spaces(MOD).streamAll()).noneMatch(s -> s.kind() == SpaceKind.COURSE);
        verifySent(Scenario.UNKNOWN_COURSE);
    }

    @Test
    void accessExpired_whenTheGrantEnded_membershipSyncTakesTheLearnerOut() {
        given(Scenario.ACCESS_EXPIRED);
        Space space = courseSpace();
        List<UserId> lookedUp = new CopyOnWriteArrayList<>();
        MembershipSync sync = MembershipSync.onAccessEvents(community, id -> {
            lookedUp.add(id);
            return new CommunityUser(id, id.value() + "@example.com", null);
        });
        // The time-limited grant ended: the host's access decision no longer entitles ann.
        entitlements.revoke("ann", course);

        sync.onEvent(new DomainEvent("ev-expired-1", TenantId.DEFAULT, EventTypes.ACCESS_EXPIRED, "grant-1",
                clock.instant(), Map.of("learner", "ann", "course", course, "grant", "grant-1",
                "source", GrantSource.MEMBERSHIP.name())));

        assertThat(lookedUp).containsExactly(UserId.of("ann"));
        assertForbidden(() -> community.topics(ANN, space.id()));
        verifySent(Scenario.ACCESS_EXPIRED);
    }

    private static void assertForbidden(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(LearnloopException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
    }
}
