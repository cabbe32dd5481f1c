package io.learnloop.payment.stripe;

import io.learnloop.core.Learnloop;
import io.learnloop.core.store.Stores;
import io.learnloop.core.testing.MutableClock;
import io.learnloop.payment.Disposition;
import io.learnloop.payment.NotificationOutcome;
import io.learnloop.payment.NotificationResult;
import io.learnloop.payment.Payments;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.RejectionReason;
import io.learnloop.payment.Secret;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Hostile or broken Stripe deliveries, sent the way a host's webhook endpoint sends them, never make the pipeline throw. */
class StripeNotificationInputTest {
    private static final String WHSEC = "whsec_inputInputInput";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final Learnloop learnloop = Learnloop.builder().store(Stores.inMemory()).clock(clock).build();
    private final Payments payments = Payments.builder(learnloop).provider(new StripeProvider(StripeConfig
            .builder(Secret.of("sk_test_input")).webhookSecret(Secret.of(WHSEC)).clock(clock).build())).build();

    private static String hmacHex(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(WHSEC.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Signs {@code "<t>.<body>"} exactly as Stripe does, with the timestamp text as given. */
    private static String signed(String t, byte[] body) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        payload.writeBytes((t + ".").getBytes(StandardCharsets.UTF_8));
        payload.writeBytes(body);
        return "t=" + t + ",v1=" + hmacHex(payload.toByteArray());
    }

    private String now() {
        return String.valueOf(clock.instant().getEpochSecond());
    }

    private NotificationResult deliver(byte[] body, String signatureHeader) {
        return payments.handleNotification(ProviderId.STRIPE, body, Map.of("Stripe-Signature", signatureHeader,
                "Content-Type", "application/json"));
    }

    private NotificationResult deliver(String body, String signatureHeader) {
        return deliver(body.getBytes(StandardCharsets.UTF_8), signatureHeader);
    }

    private static RejectionReason rejected(NotificationResult r) {
        assertThat(r.disposition()).isEqualTo(Disposition.REJECTED);
        assertThat(r.acknowledgement().accepted()).isFalse();
        assertThat(r.outcome()).isInstanceOf(NotificationOutcome.Rejected.class);
        return ((NotificationOutcome.Rejected) r.outcome()).reason();
    }

    private static String event(String id, String created) {
        return "{\"id\":" + id + ",\"object\":\"event\",\"type\":\"payment_intent.succeeded\",\"created\":" + created
                + ",\"data\":{\"object\":{\"id\":\"pi_1\",\"amount_received\":1999,\"currency\":\"usd\","
                + "\"metadata\":{\"learnloop_reference\":\"order-1\"}}}}";
    }

    @Test
    void handleNotification_whenSignatureTimestampBeyondInstantRange_rejectsWithoutThrowing() {
        String body = event("\"evt_1\"", now());
        // the probe's header: a t= no Instant can hold, with a signature that does not match
        assertThat(rejected(deliver(body, "t=99999999999999999,v1=" + "0".repeat(64)))).isEqualTo(RejectionReason.BAD_SIGNATURE);
        // correctly signed over that t: the timestamp check, not the date arithmetic, refuses it
        NotificationResult future = deliver(body, signed("99999999999999999", body.getBytes(StandardCharsets.UTF_8)));
        assertThat(rejected(future)).isEqualTo(RejectionReason.FUTURE_TIMESTAMP);
        NotificationResult past = deliver(body, signed(String.valueOf(Long.MIN_VALUE), body.getBytes(StandardCharsets.UTF_8)));
        assertThat(rejected(past)).isEqualTo(RejectionReason.STALE_TIMESTAMP);
        assertThat(past.detail()).doesNotContain("-");
    }

    @Test
    void handleNotification_whenSignatureTimestampIsNotALong_rejectsAsMalformed() {
        String body = event("\"evt_1\"", now());
        for (String t : new String[]{"99999999999999999999", "1e9", "0x10", "", "17723592OO"}) {
            assertThat(rejected(deliver(body, "t=" + t + ",v1=" + "0".repeat(64)))).as(t).isEqualTo(RejectionReason.MALFORMED);
        }
    }

    @Test
    void handleNotification_whenTimestampRepeated_rejectsAsMalformed() {
        byte[] body = event("\"evt_1\"", now()).getBytes(StandardCharsets.UTF_8);
        String header = signed(now(), body) + ",t=" + (clock.instant().getEpochSecond() - 10);
        assertThat(rejected(deliver(body, header))).isEqualTo(RejectionReason.MALFORMED);
    }

    @Test
    void handleNotification_whenSignedEventCreatedBeyondInstantRange_rejectsAsMalformed() {
        for (String created : new String[]{"99999999999999999", String.valueOf(Long.MIN_VALUE)}) {
            byte[] body = event("\"evt_1\"", created).getBytes(StandardCharsets.UTF_8);
            assertThat(rejected(deliver(body, signed(now(), body)))).as(created).isEqualTo(RejectionReason.MALFORMED);
        }
    }

    @Test
    void handleNotification_whenSignedEventIdBlankOrOverlong_rejectsAsMalformed() {
        for (String id : new String[]{"\"   \"", "\"" + "e".repeat(256) + "\""}) {
            byte[] body = event(id, now()).getBytes(StandardCharsets.UTF_8);
            assertThat(rejected(deliver(body, signed(now(), body)))).isEqualTo(RejectionReason.MALFORMED);
        }
    }

    @Test
    void handleNotification_whenSignedBodyHasWrongShapeOrCharset_isTypedNeverThrown() {
        String[] bodies = {
            "[]", "\"evt\"", "null", "{\"id\":{},\"type\":\"x\"}", "{\"id\":\"evt_2\"}", "{",
            "{\"id\":\"evt_3\",\"type\":\"payment_intent.succeeded\",\"data\":[1,2]}",
            "{\"id\":\"evt_4\",\"type\":\"payment_intent.succeeded\",\"data\":{\"object\":{\"amount_received\":\"1999\",\"currency\":\"usd\"}}}",
            "{\"id\":\"evt_5\",\"type\":\"payment_intent.succeeded\",\"data\":{\"object\":{\"amount_received\":1999,\"currency\":\"zz\"}}}",
            "{\"id\":\"evt_6\",\"type\":\"payment_intent.succeeded\",\"data\":{\"object\":{\"amount_received\":1e400,\"currency\":\"usd\"}}}",
            "{\"id\":\"evt_7\",\"type\":\"payment_intent.succeeded\",\"data\":{\"object\":{\"amount_received\":123456789012345678901234567890,\"currency\":\"usd\"}}}",
            "{\"id\":\"evt_8\",\"type\":\"payment_intent.succeeded\",\"data\":{\"object\":{\"amount_received\":9223372036854775807,\"currency\":\"mga\"}}}",
            "{\"id\":\"evt_9\",\"type\":\"payment_intent.succeeded\",\"created\":\"yesterday\",\"data\":{\"object\":[]}}",
            "[".repeat(5000) + "]".repeat(5000),
        };
        for (String b : bodies) {
            byte[] body = b.getBytes(StandardCharsets.UTF_8);
            NotificationResult r = deliver(body, signed(now(), body));
            assertThat(r.disposition()).as(b).isIn(Disposition.REJECTED, Disposition.IGNORED, Disposition.KEPT_FOR_REVIEW);
        }
        byte[] notUtf8 = {(byte) 0xff, (byte) 0xfe, '{', '}', (byte) 0xc3};
        assertThat(rejected(deliver(notUtf8, signed(now(), notUtf8)))).isEqualTo(RejectionReason.MALFORMED);
    }
}
