package io.learnloop.payment.sandbox;

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

/** Hostile or broken sandbox deliveries, sent the way a host's webhook endpoint sends them, never make the pipeline throw. */
class SandboxNotificationInputTest {
    private static final String KEY = "sandbox-input-secret";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final Learnloop learnloop = Learnloop.builder().store(Stores.inMemory()).clock(clock).build();
    private final Payments payments = Payments.builder(learnloop)
            .provider(new SandboxProvider(SandboxConfig.builder().key("k1", Secret.of(KEY)).clock(clock).build())).build();

    private static String signed(String t, byte[] body) {
        try {
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            payload.writeBytes((t + ".").getBytes(StandardCharsets.UTF_8));
            payload.writeBytes(body);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "t=" + t + ",kid=k1,v1=" + HexFormat.of().formatHex(mac.doFinal(payload.toByteArray()));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private String now() {
        return String.valueOf(clock.instant().getEpochSecond());
    }

    private NotificationResult deliver(byte[] body, String header) {
        return payments.handleNotification(ProviderId.SANDBOX, body, Map.of(SandboxProvider.SIGNATURE_HEADER, header));
    }

    private NotificationResult deliverSigned(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return deliver(bytes, signed(now(), bytes));
    }

    private static RejectionReason rejected(NotificationResult r) {
        assertThat(r.disposition()).isEqualTo(Disposition.REJECTED);
        assertThat(r.acknowledgement().accepted()).isFalse();
        assertThat(r.outcome()).isInstanceOf(NotificationOutcome.Rejected.class);
        return ((NotificationOutcome.Rejected) r.outcome()).reason();
    }

    private static String event(String id, String created) {
        return "{\"id\":" + id + ",\"type\":\"payment.succeeded\",\"created\":" + created + ",\"merchant\":\"sandbox-merchant\","
                + "\"data\":{\"reference\":\"ref-1\",\"payment_id\":\"pay_1\",\"amount\":100,\"currency\":\"CNY\"}}";
    }

    @Test
    void handleNotification_whenSignatureTimestampOutOfRange_rejectsWithoutThrowing() {
        byte[] body = event("\"evt_1\"", now()).getBytes(StandardCharsets.UTF_8);
        assertThat(rejected(deliver(body, "t=99999999999999999,kid=k1,v1=00"))).isEqualTo(RejectionReason.BAD_SIGNATURE);
        assertThat(rejected(deliver(body, signed("99999999999999999", body)))).isEqualTo(RejectionReason.FUTURE_TIMESTAMP);
        assertThat(rejected(deliver(body, signed(String.valueOf(Long.MIN_VALUE), body)))).isEqualTo(RejectionReason.STALE_TIMESTAMP);
        assertThat(rejected(deliver(body, "t=99999999999999999999,kid=k1,v1=00"))).isEqualTo(RejectionReason.MALFORMED);
        assertThat(rejected(deliver(body, signed(now(), body) + ",kid=k2"))).isEqualTo(RejectionReason.MALFORMED);
    }

    @Test
    void handleNotification_whenSignedEventCreatedBeyondInstantRange_rejectsAsMalformed() {
        for (String created : new String[]{"99999999999999999", String.valueOf(Long.MIN_VALUE)}) {
            assertThat(rejected(deliverSigned(event("\"evt_1\"", created)))).as(created).isEqualTo(RejectionReason.MALFORMED);
        }
    }

    @Test
    void handleNotification_whenSignedEventIdBlankOrOverlong_rejectsAsMalformed() {
        for (String id : new String[]{"\"  \"", "\"" + "e".repeat(256) + "\""}) {
            assertThat(rejected(deliverSigned(event(id, now())))).isEqualTo(RejectionReason.MALFORMED);
        }
    }

    @Test
    void handleNotification_whenSignedBodyHasWrongShape_isTypedNeverThrown() {
        String[] bodies = {"[]", "1", "{\"id\":\"e1\",\"type\":\"payment.succeeded\",\"merchant\":\"sandbox-merchant\",\"data\":[]}",
            "{\"id\":\"e2\",\"type\":\"payment.succeeded\",\"merchant\":\"sandbox-merchant\",\"data\":{\"amount\":1,\"currency\":\"??\"}}",
            "{\"id\":\"e3\",\"type\":\"payment.succeeded\",\"merchant\":\"sandbox-merchant\",\"created\":1e400}"};
        for (String body : bodies) {
            assertThat(deliverSigned(body).disposition()).as(body)
                    .isIn(Disposition.REJECTED, Disposition.KEPT_FOR_REVIEW, Disposition.IGNORED);
        }
    }
}
