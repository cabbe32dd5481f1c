package io.learnloop.community;

import io.learnloop.core.Learnloop;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.core.error.ValidationException;
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

    // ---- size limits, checked before the signature -----------------------------------------------------------

    /** A signed post_created body padded (in {@code raw}) to exactly {@code size} bytes. */
    private static byte[] postOfSize(int size) {
        String head = "{\"post\":{\"id\":1002,\"username\":\"bob\",\"topic_id\":100,\"version\":1,"
                + "\"updated_at\":\"2026-03-01T10:00:00.000Z\",\"raw\":\"";
        String tail = "\"}}";
        return (head + "x".repeat(size - head.length() - tail.length()) + tail).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void receive_whenBodyOneByteOverDefaultLimit_refusedBeforeTheSignatureIsChecked() {
        byte[] atLimit = postOfSize(WebhookLimits.DEFAULT_MAX_BODY_BYTES);
        byte[] overLimit = postOfSize(WebhookLimits.DEFAULT_MAX_BODY_BYTES + 1);

        // Not even signed: a size refusal must not depend on (or pay for) the HMAC.
        assertThatThrownBy(() -> webhooks.receive(overLimit, headers("60", "sha256=00")))
                .isInstanceOfSatisfying(WebhookTooLargeException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.isBody()).isTrue();
                    assertThat(e.sizeBytes()).isEqualTo(256 * 1024 + 1);
                    assertThat(e.limitBytes()).isEqualTo(256 * 1024);
                    assertThat(e.getMessage()).contains("body").contains("262144").contains("maxBodyBytes");
                });
        assertThat(webhooks.receive(atLimit, headers("61", DiscourseWebhooks.signature(SECRET, atLimit)))).isPresent();
    }

    @Test
    void receive_whenHeaderValueOneByteOverDefaultLimit_refusedBeforeTheSignatureIsChecked() {
        Map<String, String> over = headers("62", "sha256=00");
        over.put("X-Discourse-Instance", "h".repeat(WebhookLimits.DEFAULT_MAX_HEADER_VALUE_BYTES + 1));
        Map<String, String> at = headers("63", DiscourseWebhooks.signature(SECRET, POST_CREATED));
        at.put("X-Discourse-Instance", "h".repeat(WebhookLimits.DEFAULT_MAX_HEADER_VALUE_BYTES));

        assertThatThrownBy(() -> webhooks.receive(POST_CREATED, over))
                .isInstanceOfSatisfying(WebhookTooLargeException.class, e -> {
                    assertThat(e.part()).isEqualTo("header X-Discourse-Instance");
                    assertThat(e.isBody()).isFalse();
                    assertThat(e.sizeBytes()).isEqualTo(8 * 1024 + 1);
                    assertThat(e.getMessage()).contains("maxHeaderValueBytes");
                });
        assertThat(webhooks.receive(POST_CREATED, at)).isPresent();
    }

    @Test
    void receive_whenLimitsConfigured_appliesThemByTheByte() {
        DiscourseWebhooks small = DiscourseWebhooks.create(Learnloop.builder().store(Stores.inMemory()).build()
                .context(), SECRET, new WebhookLimits(600, 100));
        byte[] atLimit = postOfSize(600);
        byte[] overLimit = postOfSize(601);
        Map<String, String> multiByteHeader = headers("66", DiscourseWebhooks.signature(SECRET, atLimit));
        multiByteHeader.put("X-Discourse-Instance", "é".repeat(51));   // 102 bytes in UTF-8, 51 characters

        assertThat(small.receive(atLimit, headers("64", DiscourseWebhooks.signature(SECRET, atLimit)))).isPresent();
        assertThatThrownBy(() -> small.receive(overLimit, headers("65", DiscourseWebhooks.signature(SECRET, overLimit))))
                .isInstanceOf(WebhookTooLargeException.class);
        assertThatThrownBy(() -> small.receive(atLimit, multiByteHeader))
                .isInstanceOfSatisfying(WebhookTooLargeException.class, e -> assertThat(e.sizeBytes()).isEqualTo(102));
        assertThatThrownBy(() -> new WebhookLimits(0, -1)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.fields()).containsExactly("maxBodyBytes", "maxHeaderValueBytes"));
    }

    // ---- dedupe on the payload's identity --------------------------------------------------------------------

    private static byte[] postEdited(int version, String updatedAt, String raw) {
        return ("{\"post\":{\"id\":1001,\"username\":\"bob\",\"topic_id\":100,\"post_number\":2,\"version\":"
                + version + ",\"updated_at\":\"" + updatedAt + "\",\"raw\":\"" + raw + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> signed(String eventId, String type, String event, byte[] body) {
        Map<String, String> h = headers(eventId, DiscourseWebhooks.signature(SECRET, body));
        h.put("X-Discourse-Event-Type", type);
        h.put("X-Discourse-Event", event);
        return h;
    }

    @Test
    void receive_whenDiscourseRetriesWithANewEventId_yieldsTheEventOnce() {
        // Jobs::EmitWebHookEvent#retry_web_hook re-enqueues the same payload; each attempt is a new WebHookEvent.
        assertThat(webhooks.receive(POST_CREATED, headers("70", DiscourseWebhooks.signature(SECRET, POST_CREATED))))
                .isPresent();
        assertThat(webhooks.receive(POST_CREATED, headers("71", DiscourseWebhooks.signature(SECRET, POST_CREATED))))
                .isEmpty();
    }

    @Test
    void receive_whenPostEditedToANewVersion_yieldsItAgainButNotItsRetry() {
        byte[] v2 = postEdited(2, "2026-03-01T11:00:00.000Z", "Think of it as read-only, mostly");
        byte[] v3 = postEdited(3, "2026-03-01T12:00:00.000Z", "Think of it as read-only");
        // An edit inside Discourse's grace period keeps the version but moves updated_at.
        byte[] v3Again = postEdited(3, "2026-03-01T12:03:00.000Z", "Think of it as read-only.");

        assertThat(webhooks.receive(v2, signed("80", "post", "post_edited", v2))).isPresent();
        assertThat(webhooks.receive(v3, signed("81", "post", "post_edited", v3)))
                .hasValueSatisfying(e -> assertThat(e.fields()).containsEntry("version", "3"));
        assertThat(webhooks.receive(v3, signed("82", "post", "post_edited", v3))).isEmpty();
        assertThat(webhooks.receive(v3Again, signed("83", "post", "post_edited", v3Again))).isPresent();
    }

    @Test
    void receive_whenTopicRetriedOrEdited_dedupesRetriesOnly() {
        // WebHookTopicViewSerializer carries no version or updated_at: a retry is the same body, an edit is not.
        byte[] topic = ("{\"topic\":{\"id\":100,\"title\":\"How do generics work?\",\"posts_count\":2,"
                + "\"created_at\":\"2026-03-01T10:00:00.000Z\",\"created_by\":{\"id\":5,\"username\":\"ann\"}}}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] renamed = new String(topic, StandardCharsets.UTF_8).replace("How do generics work?", "Generics, explained")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(webhooks.receive(topic, signed("90", "topic", "topic_edited", topic))).isPresent();
        assertThat(webhooks.receive(topic, signed("91", "topic", "topic_edited", topic))).isEmpty();
        assertThat(webhooks.receive(renamed, signed("92", "topic", "topic_edited", renamed)))
                .hasValueSatisfying(e -> assertThat(e.topicId()).isEqualTo("100"));
    }
}
