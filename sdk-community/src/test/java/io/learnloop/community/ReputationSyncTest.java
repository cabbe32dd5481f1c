package io.learnloop.community;

import io.learnloop.core.Learnloop;
import io.learnloop.core.event.EventListener;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.reputation.ReputationEntry;
import io.learnloop.core.reputation.ReputationPolicy;
import io.learnloop.core.reputation.ReputationSource;
import io.learnloop.core.store.Stores;
import io.learnloop.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Accepted answers and helpful reactions, embedded and from Discourse webhooks, become reputation. */
class ReputationSyncTest {
    private static final Actor MOD = Actor.of("mod", Role.MODERATOR);
    private static final Actor ANN = Actor.learner("ann");
    private static final Actor BOB = Actor.learner("bob");
    private static final Actor CAROL = Actor.learner("carol");
    private static final String SECRET = "webhook-secret-0123456789";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final AtomicReference<EventListener> listener = new AtomicReference<>(event -> { });
    private final Learnloop learnloop = Learnloop.builder().store(Stores.inMemory()).clock(clock)
            .idGenerator(IdGenerator.randomUuids()).reputationPolicy(ReputationPolicy.defaults())
            .listener(event -> listener.get().onEvent(event)).build();
    private final ReputationSync sync = ReputationSync.onCommunityEvents(learnloop.reputation(),
            username -> Map.of("bob_d", "bob", "ann_d", "ann", "carol_d", "carol").containsKey(username)
                    ? UserId.of(Map.of("bob_d", "bob", "ann_d", "ann", "carol_d", "carol").get(username)) : null);

    private String course;

    private Community embedded() {
        listener.set(sync);
        course = Courses.create(learnloop, "Java 101");
        Entitlements entitlements = new Entitlements();
        for (Actor a : new Actor[]{ANN, BOB, CAROL}) {
            entitlements.grant(a.id().value(), course);
        }
        return Communities.embedded(learnloop.context(), CommunityOptions.builder(entitlements)
                .catalog(learnloop.catalog()).progress((user, c) -> 0)
                .postingLimit(1000, Duration.ofMinutes(1)).pageSize(30).build());
    }

    @Test
    void onEvent_whenEmbeddedAnswerIsAcceptedAndLiked_recordsReputationOnce() {
        Community community = embedded();
        Space space = community.createSpace(MOD, NewSpace.course("Java 101", course));
        Topic question = community.createTopic(ANN, space.id(), "Generics?", "How do wildcards work?", true);
        Post detail = community.reply(ANN, question.id(), "List<? extends Number>", 1);
        Post answer = community.reply(BOB, question.id(), "Read the PECS rule", 1);

        community.acceptAnswer(ANN, answer.id());
        community.acceptAnswer(MOD, answer.id());
        community.react(ANN, answer.id(), "like");
        community.react(CAROL, answer.id(), "like");
        community.react(CAROL, answer.id(), "heart");
        community.react(BOB, answer.id(), "like");
        community.react(CAROL, detail.id(), "tada");
        learnloop.deliverEvents();

        var bob = learnloop.reputation().score(BOB.id());
        assertThat(bob.count(ReputationSource.ACCEPTED_ANSWER)).as("accepted twice, counted once").isEqualTo(1);
        assertThat(bob.count(ReputationSource.HELPFUL_POST)).as("ann and carol; bob's own like is no vote")
                .isEqualTo(2);
        assertThat(bob.lifetimePoints()).isEqualTo(15 + 5 + 5);
        assertThat(learnloop.reputation().score(ANN.id()).lifetimePoints()).as("a tada is no helpful vote").isZero();
        assertThat(learnloop.reputation().badgesOf(BOB.id(), null, 10).items()).isEmpty();
        assertThat(learnloop.deliverEvents()).as("nothing left to redeliver").isZero();
    }

    @Test
    void onCommunityEvent_whenDiscourseSendsSolvedAndLikedWebhooks_recordsReputation() {
        DiscourseWebhooks webhooks = DiscourseWebhooks.create(learnloop.context(), SECRET);
        byte[] solved = ("{\"solved\":{\"id\":1001,\"username\":\"bob_d\",\"post_number\":2,\"topic_id\":100,"
                + "\"raw\":\"Read the PECS rule\",\"version\":1,\"updated_at\":\"2026-03-01T10:00:00.000Z\"}}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] liked = ("{\"like\":{\"post\":{\"id\":1001,\"username\":\"bob_d\",\"post_number\":2,"
                + "\"topic_id\":100},\"user\":{\"id\":9,\"username\":\"carol_d\",\"name\":\"Carol\"}}}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] selfLike = ("{\"like\":{\"post\":{\"id\":1002,\"username\":\"bob_d\",\"topic_id\":100},"
                + "\"user\":{\"id\":8,\"username\":\"bob_d\"}}}").getBytes(StandardCharsets.UTF_8);

        Optional<CommunityEvent> accepted = webhooks.receive(solved, headers("1", "solved", "accepted_solution",
                solved));
        Optional<CommunityEvent> like = webhooks.receive(liked, headers("2", "like", "post_liked", liked));
        Optional<CommunityEvent> own = webhooks.receive(selfLike, headers("3", "like", "post_liked", selfLike));

        assertThat(accepted).hasValueSatisfying(e -> {
            assertThat(e.kind()).isEqualTo(CommunityEventKind.ANSWER_ACCEPTED);
            assertThat(e.postId()).isEqualTo("1001");
            assertThat(e.topicId()).isEqualTo("100");
            assertThat(e.username()).isEqualTo("bob_d");
        });
        assertThat(like).hasValueSatisfying(e -> {
            assertThat(e.kind()).isEqualTo(CommunityEventKind.POST_LIKED);
            assertThat(e.postId()).isEqualTo("1001");
            assertThat(e.username()).isEqualTo("bob_d");
            assertThat(e.fields()).containsEntry("liker", "carol_d");
        });
        Optional<ReputationEntry> answerEntry = sync.onCommunityEvent(accepted.orElseThrow());
        Optional<ReputationEntry> likeEntry = sync.onCommunityEvent(like.orElseThrow());
        assertThat(sync.onCommunityEvent(own.orElseThrow())).as("liking one's own post earns nothing").isEmpty();
        assertThat(sync.onCommunityEvent(accepted.orElseThrow())).as("a repeat counts once")
                .contains(answerEntry.orElseThrow());

        assertThat(answerEntry).hasValueSatisfying(e -> {
            assertThat(e.learner()).isEqualTo(UserId.of("bob"));
            assertThat(e.source()).isEqualTo(ReputationSource.ACCEPTED_ANSWER);
            assertThat(e.actor()).isEqualTo(UserId.of("discourse-topic:100"));
        });
        assertThat(likeEntry).hasValueSatisfying(e -> assertThat(e.actor()).isEqualTo(UserId.of("carol")));
        assertThat(learnloop.reputation().score(UserId.of("bob")).lifetimePoints()).isEqualTo(20);
        assertThat(webhooks.receive(solved, headers("4", "solved", "accepted_solution", solved)))
                .as("a redelivery is dropped before it reaches reputation").isEmpty();
    }

    @Test
    void onCommunityEvent_whenUserIsUnknownToTheHost_recordsNothing() {
        DiscourseWebhooks webhooks = DiscourseWebhooks.create(learnloop.context(), SECRET);
        byte[] liked = ("{\"like\":{\"post\":{\"id\":7,\"username\":\"stranger\",\"topic_id\":1},"
                + "\"user\":{\"id\":9,\"username\":\"carol_d\"}}}").getBytes(StandardCharsets.UTF_8);

        CommunityEvent event = webhooks.receive(liked, headers("1", "like", "post_liked", liked)).orElseThrow();

        assertThat(sync.onCommunityEvent(event)).isEmpty();
        assertThat(learnloop.reputation().journal(UserId.of("carol"), null, 10).items()).isEmpty();
    }

    private static Map<String, String> headers(String eventId, String type, String event, byte[] body) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("X-Discourse-Instance", "https://forum.example.com");
        h.put("X-Discourse-Event-Id", eventId);
        h.put("X-Discourse-Event-Type", type);
        h.put("X-Discourse-Event", event);
        h.put("X-Discourse-Event-Signature", DiscourseWebhooks.signature(SECRET, body));
        return h;
    }
}
