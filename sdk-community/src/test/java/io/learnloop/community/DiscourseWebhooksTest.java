package io.learnloop.community;

import io.learnloop.core.Learnloop;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.store.Stores;
import io.learnloop.core.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Webhook deliveries as Discourse's WebHookEmitter sends them. */
class DiscourseWebhooksTest {
    private static final String SECRET = "webhook-secret-0123456789";
    private static final byte[] POST_CREATED = ("{\"post\":{\"id\":1001,\"name\":null,\"username\":\"bob\","
            + "\"created_at\":\"2026-03-01T10:00:00.000Z\",\"raw\":\"Think of it as read-only\",\"post_number\":2,"
            + "\"topic_id\":100,\"topic_slug\":\"how-do-generics-work\",\"topic_title\":\"How do generics work?\","
            + "\"category_id\":7,\"hidden\":false,\"deleted_at\":null}}").getBytes(StandardCharsets.UTF_8);

    private DiscourseWebhooks webhooks;

    @BeforeEach
    void setUp() {
        webhooks = DiscourseWebhooks.create(Learnloop.builder().store(Stores.inMemory())
                .clock(new MutableClock(Instant.parse("2026-03-01T10:00:05Z")))
                .idGenerator(IdGenerator.sequential("id")).build().context(), SECRET);
    }

    private static Map<String, String> headers(String eventId, String signature) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("X-Discourse-Instance", "https://forum.example.com");
        h.put("X-Discourse-Event-Id", eventId);
        h.put("X-Discourse-Event-Type", "post");
        h.put("X-Discourse-Event", "post_created");
        if (signature != null) {
            h.put("X-Discourse-Event-Signature", signature);
        }
        return h;
    }

    @Test
    void receive_whenSignedDelivery_yieldsTypedEvent() {
        Optional<CommunityEvent> event = webhooks.receive(POST_CREATED,
                headers("42", DiscourseWebhooks.signature(SECRET, POST_CREATED)));

        assertThat(event).hasValueSatisfying(e -> {
            assertThat(e.kind()).isEqualTo(CommunityEventKind.POST_CREATED);
            assertThat(e.eventId()).isEqualTo("42");
            assertThat(e.postId()).isEqualTo("1001");
            assertThat(e.topicId()).isEqualTo("100");
            assertThat(e.username()).isEqualTo("bob");
            assertThat(e.instance()).isEqualTo("https://forum.example.com");
            assertThat(e.fields()).containsEntry("post_number", "2");
            assertThat(e.receivedAt()).isEqualTo(Instant.parse("2026-03-01T10:00:05Z"));
        });
    }

    @Test
    void signature_whenComputed_isSha256HexOverRawBody() {
        // Reference value computed independently: HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog").
        assertThat(DiscourseWebhooks.signature("key", "The quick brown fox jumps over the lazy dog"
                .getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
    }

    @Test
    void receive_whenSignatureWrong_refusesAndRecordsNothing() {
        String forged = DiscourseWebhooks.signature("another-secret-9876", POST_CREATED);

        assertThatThrownBy(() -> webhooks.receive(POST_CREATED, headers("43", forged)))
                .isInstanceOfSatisfying(LearnloopException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.VERIFICATION_FAILED));
        // The refused delivery did not use up its event id.
        assertThat(webhooks.receive(POST_CREATED, headers("43", DiscourseWebhooks.signature(SECRET, POST_CREATED))))
                .isPresent();
    }

    @Test
    void receive_whenBodyChangedAfterSigning_refuses() {
        String signature = DiscourseWebhooks.signature(SECRET, POST_CREATED);
        byte[] tampered = new String(POST_CREATED, StandardCharsets.UTF_8).replace("bob", "eve")
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> webhooks.receive(tampered, headers("44", signature)))
                .isInstanceOfSatisfying(LearnloopException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.VERIFICATION_FAILED));
    }

    @Test
    void receive_whenSignatureMissing_refuses() {
        assertThatThrownBy(() -> webhooks.receive(POST_CREATED, headers("45", null)))
                .isInstanceOfSatisfying(LearnloopException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VERIFICATION_FAILED);
                    assertThat(e.getMessage()).contains("X-Discourse-Event-Signature");
                });
    }

    @Test
    void receive_whenDeliveredTwice_yieldsEventOnce() {
        Map<String, String> h = headers("46", DiscourseWebhooks.signature(SECRET, POST_CREATED));

        assertThat(webhooks.receive(POST_CREATED, h)).isPresent();
        assertThat(webhooks.receive(POST_CREATED, h)).isEmpty();
    }

    @Test
    void receive_whenDeliveredConcurrently_yieldsEventOnce() throws Exception {
        Map<String, String> h = headers("47", DiscourseWebhooks.signature(SECRET, POST_CREATED));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Optional<CommunityEvent>>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> webhooks.receive(POST_CREATED, h));
            }
            int delivered = 0;
            for (Future<Optional<CommunityEvent>> f : pool.invokeAll(calls)) {
                delivered += f.get().isPresent() ? 1 : 0;
            }
            assertThat(delivered).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void receive_whenPing_yieldsPing() {
        byte[] ping = "{\"ping\":\"OK\"}".getBytes(StandardCharsets.UTF_8);
        Map<String, String> h = new LinkedHashMap<>();
        h.put("x-discourse-event-id", "1");
        h.put("x-discourse-event-type", "ping");
        h.put("x-discourse-event", "ping");
        h.put("x-discourse-event-signature", DiscourseWebhooks.signature(SECRET, ping));

        assertThat(webhooks.receive(ping, h)).hasValueSatisfying(e -> assertThat(e.kind()).isEqualTo(CommunityEventKind.PING));
    }

    @Test
    void create_whenSecretTooShort_failsValidation() {
        assertThatThrownBy(() -> DiscourseWebhooks.create(null, "short"))
                .isInstanceOfSatisfying(LearnloopException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
    }
}
