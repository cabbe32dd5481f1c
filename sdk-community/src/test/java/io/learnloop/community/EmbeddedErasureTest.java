package io.learnloop.community;

import io.learnloop.core.Learnloop;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.Role;
import io.learnloop.core.internal.store.MemoryStoreContents;
import io.learnloop.core.store.Store;
import io.learnloop.core.store.Stores;
import io.learnloop.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Erasing a learner who posted, reacted, joined a group and reported a post in the embedded community. */
class EmbeddedErasureTest {
    private static final Actor ADMIN = Actor.of("root", Role.ADMIN);
    private static final Actor ANN = Actor.learner("ann-7c1f");
    private static final Actor BOB = Actor.learner("bob-2e9a");
    private static final String ANNS_TITLE = "a title by ann-7c1f";
    private static final String ANNS_TEXT = "a question text, signed ann-7c1f";
    private static final String ANNS_NOTE = "report-note-by-ann-7c1f";
    private static final String BOBS_TEXT = "answer-text-by-bob";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final Store store = Stores.inMemory();
    private Community community;
    private Learnloop learnloop;
    private Topic topic;

    private void build(PostsOnErasure policy) {
        learnloop = Learnloop.builder().store(store).clock(clock).idGenerator(IdGenerator.randomUuids())
                .personalDataEraser(Communities.personalDataEraser(policy)).build();
        String course = Courses.create(learnloop, "Java 101");
        Entitlements entitlements = new Entitlements();
        entitlements.grant(ANN.id().value(), course);
        entitlements.grant(BOB.id().value(), course);
        community = Communities.embedded(learnloop.context(), CommunityOptions.builder(entitlements)
                .catalog(learnloop.catalog()).progress((user, c) -> Map.of().size())
                .postingLimit(1000, Duration.ofMinutes(1)).pageSize(30).build());
        Space space = community.createSpace(Actor.of("mod", Role.MODERATOR), NewSpace.course("Java 101", course));
        topic = community.createTopic(ANN, space.id(), ANNS_TITLE, ANNS_TEXT, true);
        Post reply = community.reply(BOB, topic.id(), BOBS_TEXT, 1);
        community.react(ANN, reply.id(), "heart");
        StudyGroup group = community.createGroup(BOB, new NewStudyGroup("Readers", false, null));
        community.join(ANN, group.id());
        community.report(ANN, reply.id(), ReportReason.OFF_TOPIC, ANNS_NOTE);
    }

    private List<String> holding(String value) {
        return MemoryStoreContents.of(store).stream().filter(l -> l.contains(value)).toList();
    }

    @Test
    void erase_whenPostsAreAnonymised_keepsTheTextUnderAPseudonymAndNamesTheLearnerNowhere() {
        build(PostsOnErasure.ANONYMISE);
        assertThat(holding(ANN.id().value())).isNotEmpty();

        learnloop.personalData().erase(ADMIN, ANN.id(), null);

        assertThat(holding(ANN.id().value())).isEmpty();
        assertThat(holding(ANNS_NOTE)).isEmpty();
        List<Post> posts = community.posts(BOB, topic.id()).streamAll().toList();
        assertThat(posts).extracting(p -> p.author().value()).first().asString().startsWith("erased-");
        assertThat(posts.get(0).markdown()).isEqualTo(ANNS_TEXT.replace(ANN.id().value(),
                posts.get(0).author().value()));
        assertThat(posts.get(1).markdown()).isEqualTo(BOBS_TEXT);
        assertThat(holding(BOB.id().value())).isNotEmpty();
    }

    @Test
    void erase_whenPostsAreRemoved_erasesTheirTextAndTitles() {
        build(PostsOnErasure.REMOVE);

        learnloop.personalData().erase(ADMIN, ANN.id(), null);

        assertThat(holding(ANN.id().value())).isEmpty();
        assertThat(holding("a question text")).isEmpty();
        assertThat(holding("a title by")).isEmpty();
        assertThat(holding(BOBS_TEXT)).isNotEmpty();
    }
}
