package io.learnloop.community;

import io.learnloop.core.Learnloop;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.Role;
import io.learnloop.core.store.Store;
import io.learnloop.core.testing.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * An embedded community where Ann asked a question, added to it, reacted to Bob's answer (which mentions her),
 * joined one of Bob's groups, was invited to another, reported Bob's answer and was suspended; Carol wrote a topic of
 * her own. The facade exports and erases the community's records.
 */
final class CommunityScene {
    static final Actor ADMIN = Actor.of("root", Role.ADMIN);
    static final Actor MOD = Actor.of("mod", Role.MODERATOR);
    static final Actor ANN = Actor.learner("ann-7c1f");
    static final Actor BOB = Actor.learner("bob-2e9a");
    static final Actor CAROL = Actor.learner("carol-5d3b");
    static final String ANNS_TITLE = "Generics question by ann-7c1f";
    static final String ANNS_TEXT = "How do bounded wildcards work?";
    static final String ANNS_DETAIL = "More detail from @ann-7c1f: List<? extends Number>";
    static final String BOBS_ANSWER = "@ann-7c1f read the PECS rule";
    static final String ANNS_NOTE = "report note written by ann";
    static final String SUSPENSION_REASON = "suspension reason about ann";
    static final String CAROLS_TEXT = "carol-only text about streams";

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    final Learnloop learnloop;
    final Community community;
    final Space space;
    Topic annsTopic;
    Post bobsAnswer;

    CommunityScene(Store store, PostsOnErasure policy) {
        Learnloop.Builder builder = Learnloop.builder().store(store).clock(clock)
                .idGenerator(IdGenerator.randomUuids())
                .personalDataEraser(Communities.personalDataEraser(policy));
        Communities.personalDataSources().forEach(builder::personalDataSource);
        learnloop = builder.build();
        String course = Courses.create(learnloop, "Java 101");
        Entitlements entitlements = new Entitlements();
        for (Actor a : new Actor[]{ANN, BOB, CAROL}) {
            entitlements.grant(a.id().value(), course);
        }
        community = Communities.embedded(learnloop.context(), CommunityOptions.builder(entitlements)
                .catalog(learnloop.catalog()).progress((user, c) -> Map.of().size())
                .postingLimit(1000, Duration.ofMinutes(1)).pageSize(30).build());
        space = community.createSpace(MOD, NewSpace.course("Java 101", course));
    }

    /** Plays the scene. */
    CommunityScene play() {
        annsTopic = community.createTopic(ANN, space.id(), ANNS_TITLE, ANNS_TEXT, true);
        tick();
        community.reply(ANN, annsTopic.id(), ANNS_DETAIL, 1);
        tick();
        bobsAnswer = community.reply(BOB, annsTopic.id(), BOBS_ANSWER, 1);
        tick();
        community.react(ANN, bobsAnswer.id(), "heart");
        community.react(BOB, bobsAnswer.id(), "tada");
        StudyGroup readers = community.createGroup(BOB, new NewStudyGroup("Readers", false, null));
        community.join(ANN, readers.id());
        StudyGroup circle = community.createGroup(BOB, new NewStudyGroup("Closed-circle", true, null));
        community.invite(BOB, circle.id(), ANN.id());
        community.report(ANN, bobsAnswer.id(), ReportReason.OFF_TOPIC, ANNS_NOTE);
        Topic carols = community.createTopic(CAROL, space.id(), "Streams", CAROLS_TEXT, false);
        community.reply(BOB, carols.id(), "Bob answers Carol", 1);
        tick();
        community.suspend(MOD, ANN.id(), clock.instant().plus(Duration.ofDays(3)), SUSPENSION_REASON);
        return this;
    }

    /** Once her suspension is over, Ann adds replies to her own topic, each a second apart. */
    void annReplies(int count) {
        clock.advance(Duration.ofDays(4));
        for (int i = 0; i < count; i++) {
            community.reply(ANN, annsTopic.id(), "follow-up " + i, 0);
            tick();
        }
    }

    private void tick() {
        clock.advance(Duration.ofSeconds(1));
    }
}
