package io.learnloop.community;

import io.learnloop.core.Learnloop;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.store.Stores;
import io.learnloop.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rules only the embedded backend enforces itself: posting limits, the content filter, group and Q&amp;A rules. */
class EmbeddedRulesTest {
    private static final Actor MOD = Actor.of("mod", Role.MODERATOR);
    private static final Actor ANN = Actor.learner("ann");
    private static final Actor BOB = Actor.learner("bob");
    private static final Actor CAL = Actor.learner("cal");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final Entitlements entitlements = new Entitlements();
    private final Learnloop learnloop = Learnloop.builder().store(Stores.inMemory()).clock(clock)
            .idGenerator(IdGenerator.sequential("id")).build();

    private Community community(CommunityOptions.Builder options) {
        return Communities.embedded(learnloop.context(), options.catalog(learnloop.catalog()).build());
    }

    private Community community() {
        return community(CommunityOptions.builder(entitlements));
    }

    @Test
    void reply_whenOverPostingLimit_rateLimitedUntilWindowPasses() {
        Community c = community(CommunityOptions.builder(entitlements).postingLimit(2, Duration.ofMinutes(10)));
        Space general = c.createSpace(MOD, NewSpace.general("Lounge"));
        Topic topic = c.createTopic(ANN, general.id(), "Hello everyone", "First post", false);
        clock.advance(Duration.ofMinutes(1));
        c.reply(ANN, topic.id(), "Second post", 0);
        clock.advance(Duration.ofMinutes(1));

        assertThatThrownBy(() -> c.reply(ANN, topic.id(), "Third post", 0))
                .isInstanceOfSatisfying(RateLimitedException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(8));
                });
        assertThat(c.posts(ANN, topic.id()).items()).hasSize(2);
        assertThat(c.reply(BOB, topic.id(), "Other users are not limited", 0).number()).isEqualTo(3);

        clock.advance(Duration.ofMinutes(8));
        assertThat(c.reply(ANN, topic.id(), "Third post", 0).number()).isEqualTo(4);
    }

    @Test
    void createTopic_whenFilterRefuses_validationErrorAndNothingStored() {
        Community c = community(CommunityOptions.builder(entitlements)
                .contentFilter((author, text) -> text.contains("cheap pills") ? "looks like spam" : null));
        Space general = c.createSpace(MOD, NewSpace.general("Lounge"));

        assertThatThrownBy(() -> c.createTopic(ANN, general.id(), "Great offer", "Buy cheap pills here", false))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.fields()).containsExactly("markdown");
                    assertThat(e.getMessage()).contains("looks like spam");
                });
        assertThat(c.topics(ANN, general.id()).items()).isEmpty();
    }

    @Test
    void acceptAnswer_whenNotTheAsker_forbidden_andDiscussionHasNoAnswer() {
        Community c = community();
        Space general = c.createSpace(MOD, NewSpace.general("Lounge"));
        Topic question = c.createTopic(ANN, general.id(), "Which IDE?", "What do you use?", true);
        Post answer = c.reply(BOB, question.id(), "IntelliJ", 1);
        Topic discussion = c.createTopic(ANN, general.id(), "Weekend plans", "Anyone?", false);
        Post chat = c.reply(BOB, discussion.id(), "Hiking", 1);

        assertThatThrownBy(() -> c.acceptAnswer(BOB, answer.id())).isInstanceOfSatisfying(LearnloopException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThatThrownBy(() -> c.acceptAnswer(ANN, chat.id())).isInstanceOfSatisfying(LearnloopException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE));
        assertThat(c.acceptAnswer(MOD, answer.id()).acceptedPostId()).isEqualTo(answer.id());
    }

    @Test
    void join_whenInviteOnly_needsAnOwnersInvitation() {
        Community c = community();
        StudyGroup group = c.createGroup(ANN, new NewStudyGroup("night-owls", true, null));

        assertThatThrownBy(() -> c.join(BOB, group.id())).isInstanceOfSatisfying(LearnloopException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThatThrownBy(() -> c.invite(CAL, group.id(), UserId.of("bob"))).isInstanceOfSatisfying(
                LearnloopException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));

        c.invite(ANN, group.id(), UserId.of("bob"));
        List<Notification> bobs = c.notifications(BOB).streamAll().toList();
        GroupMember joined = c.join(BOB, group.id());

        assertThat(bobs).extracting(Notification::kind).containsExactly(NotificationKind.GROUP_INVITE);
        assertThat(bobs.get(0).groupId()).isEqualTo(group.id());
        assertThat(joined.role()).isEqualTo(GroupRole.MEMBER);
        assertThat(c.setRole(ANN, group.id(), UserId.of("bob"), GroupRole.OWNER).role()).isEqualTo(GroupRole.OWNER);
        c.leave(BOB, group.id());
        assertThat(c.members(ANN, group.id()).streamAll()).extracting(m -> m.user().value()).containsExactly("ann");
    }

    @Test
    void groupSpace_whenNotAMember_cannotBeRead() {
        Community c = community();
        StudyGroup group = c.createGroup(ANN, new NewStudyGroup("quiet-room", false, null));
        c.createTopic(ANN, group.spaceId(), "Our plan", "Chapter 3 by Friday", false);

        assertThatThrownBy(() -> c.topics(BOB, group.spaceId())).isInstanceOfSatisfying(LearnloopException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        c.join(BOB, group.id());
        assertThat(c.topics(BOB, group.spaceId()).items()).hasSize(1);
    }

    @Test
    void join_whenGoalCourseNotEntitled_forbidden() {
        Community c = community();
        entitlements.grant("ann", "kotlin");
        StudyGroup group = c.createGroup(ANN, new NewStudyGroup("kotliners", false, new GroupGoal("kotlin", 100, null)));

        assertThatThrownBy(() -> c.join(BOB, group.id())).isInstanceOfSatisfying(LearnloopException.class,
                e -> assertThat(e.getMessage()).contains("kotlin"));
        assertThatThrownBy(() -> c.progress(ANN, c.createGroup(ANN, new NewStudyGroup("no-goal", false, null)).id()))
                .isInstanceOfSatisfying(LearnloopException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE));
    }

    @Test
    void suspension_whenExpired_allowsPostingAgain() {
        Community c = community();
        Space general = c.createSpace(MOD, NewSpace.general("Lounge"));
        Topic topic = c.createTopic(ANN, general.id(), "Hello", "Hi", false);
        c.suspend(MOD, UserId.of("bob"), clock.instant().plus(Duration.ofHours(1)), "Cool down");

        assertThatThrownBy(() -> c.react(BOB, c.posts(BOB, topic.id()).items().get(0).id(), "like"))
                .isInstanceOfSatisfying(LearnloopException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        clock.advance(Duration.ofHours(2));
        assertThat(c.reply(BOB, topic.id(), "Back again", 0).number()).isEqualTo(2);
    }

    @Test
    void suspend_whenNotModerator_forbidden() {
        Community c = community();
        assertThatThrownBy(() -> c.suspend(ANN, UserId.of("bob"), clock.instant().plusSeconds(60), "no"))
                .isInstanceOfSatisfying(LearnloopException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
    }

    @Test
    void react_whenRepeated_countsOncePerUser() {
        Community c = community();
        Space general = c.createSpace(MOD, NewSpace.general("Lounge"));
        Topic topic = c.createTopic(ANN, general.id(), "Hello", "Hi", false);
        String first = c.posts(ANN, topic.id()).items().get(0).id();

        c.react(BOB, first, "like");
        c.react(BOB, first, "like");
        Post post = c.react(CAL, first, "heart");

        assertThat(post.reactions()).containsEntry("like", 1).containsEntry("heart", 1);
        assertThatThrownBy(() -> c.react(BOB, first, "Not A Reaction")).isInstanceOf(ValidationException.class);
    }

    @Test
    void search_whenWordsMatch_findsOnlyReadablePosts() {
        Community c = community();
        String java101 = Courses.create(learnloop, "Java 101");
        entitlements.grant("ann", java101);
        Space general = c.createSpace(MOD, NewSpace.general("Lounge"));
        Space course = c.createSpace(MOD, NewSpace.course("Java 101", java101));
        c.createTopic(ANN, general.id(), "Generics in general", "Wildcards confuse me", false);
        c.createTopic(ANN, course.id(), "Generics in the course", "Wildcards in chapter 4", false);

        assertThat(c.search(ANN, "wildcards generics").streamAll()).hasSize(2);
        assertThat(c.search(BOB, "wildcards generics").streamAll()).extracting(SearchHit::title)
                .containsExactly("Generics in general");
        assertThatThrownBy(() -> c.search(BOB, " ")).isInstanceOf(ValidationException.class);
    }

    @Test
    void createSpace_whenLearner_forbidden_andBadNameRejected() {
        Community c = community();
        assertThatThrownBy(() -> c.createSpace(ANN, NewSpace.general("Mine"))).isInstanceOfSatisfying(
                LearnloopException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThatThrownBy(() -> c.createSpace(MOD, NewSpace.general(" "))).isInstanceOfSatisfying(
                ValidationException.class, e -> assertThat(e.fields()).containsExactly("name"));
    }

    @Test
    void reply_whenManyWritersAtOnce_everyReplyGetsItsOwnNumber() throws Exception {
        Community c = community();
        Space general = c.createSpace(MOD, NewSpace.general("Lounge"));
        Topic topic = c.createTopic(ANN, general.id(), "Busy thread", "Go!", false);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Callable<Integer>> calls = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Actor writer = Actor.learner("writer" + t);
                for (int i = 0; i < 10; i++) {
                    calls.add(() -> c.reply(writer, topic.id(), "reply", 0).number());
                }
            }
            List<Integer> numbers = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<Integer> f : pool.invokeAll(calls)) {
                numbers.add(f.get());
            }
            assertThat(numbers).doesNotHaveDuplicates().hasSize(40).allSatisfy(n -> assertThat(n).isBetween(2, 41));
            assertThat(c.topic(ANN, topic.id()).replyCount()).isEqualTo(40);
            assertThat(c.posts(ANN, topic.id()).streamAll()).hasSize(41);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void createSpace_whenNoCatalogueConfigured_courseSpaceRefusedGeneralSpaceAllowed() {
        Community c = Communities.embedded(learnloop.context(), CommunityOptions.builder(entitlements).build());
        String java101 = Courses.create(learnloop, "Java 101");

        assertThatThrownBy(() -> c.createSpace(MOD, NewSpace.course("Java 101", java101)))
                .isInstanceOfSatisfying(LearnloopException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
                    assertThat(e.getMessage()).contains("catalog(learnloop.catalog())");
                });
        assertThat(c.createSpace(MOD, NewSpace.general("Lounge")).kind()).isEqualTo(SpaceKind.GENERAL);
        assertThat(c.spaces(MOD).streamAll()).hasSize(1);
    }
}
