package io.learnloop.payment.wechat;

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
import io.learnloop.payment.testing.TestKeys;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.learnloop.payment.wechat.WechatPayProviderTest.API_V3_KEY;
import static io.learnloop.payment.wechat.WechatPayProviderTest.APP_ID;
import static io.learnloop.payment.wechat.WechatPayProviderTest.MCH_ID;
import static io.learnloop.payment.wechat.WechatPayProviderTest.MERCHANT;
import static io.learnloop.payment.wechat.WechatPayProviderTest.MERCHANT_SERIAL;
import static io.learnloop.payment.wechat.WechatPayProviderTest.PLATFORM;
import static io.learnloop.payment.wechat.WechatPayProviderTest.PLATFORM_SERIAL;
import static io.learnloop.payment.wechat.WechatPayProviderTest.encrypt;
import static io.learnloop.payment.wechat.WechatPayProviderTest.notification;
import static io.learnloop.payment.wechat.WechatPayProviderTest.paidResource;
import static org.assertj.core.api.Assertions.assertThat;

/** Hostile or broken WeChat Pay deliveries, sent the way a host's webhook endpoint sends them, never make the pipeline throw. */
class WechatNotificationInputTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final Learnloop learnloop = Learnloop.builder().store(Stores.inMemory()).clock(clock).build();
    private final Payments payments = Payments.builder(learnloop).provider(new WechatPayProvider(WechatPayConfig
            .builder(MCH_ID, APP_ID).merchantKey(MERCHANT_SERIAL, MERCHANT.getPrivate()).apiV3Key(Secret.of(API_V3_KEY))
            .verificationKey(PLATFORM_SERIAL, PLATFORM.getPublic()).baseUrl("https://api.mch.weixin.example")
            .notifyUrl("https://shop.example/notify/wechat").clock(clock).build())).build();

    /** Headers signed over {@code TIMESTAMP\nNONCE\nBODY\n} with the timestamp text as given. */
    private static Map<String, String> signed(String timestamp, byte[] body) {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.writeBytes((timestamp + "\nn0nce\n").getBytes(StandardCharsets.UTF_8));
        message.writeBytes(body);
        message.write('\n');
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Wechatpay-Timestamp", timestamp);
        h.put("Wechatpay-Nonce", "n0nce");
        h.put("Wechatpay-Serial", PLATFORM_SERIAL);
        h.put("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048");
        h.put("Wechatpay-Signature", TestKeys.sign(PLATFORM.getPrivate(), message.toByteArray()));
        return h;
    }

    private String now() {
        return String.valueOf(clock.instant().getEpochSecond());
    }

    private NotificationResult deliver(byte[] body, Map<String, String> headers) {
        return payments.handleNotification(ProviderId.WECHAT_PAY, body, headers);
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

    private static String envelope(String id, String resource) {
        return "{\"id\":" + id + ",\"create_time\":\"2026-03-01T17:59:30+08:00\",\"resource_type\":\"encrypt-resource\","
                + "\"event_type\":\"TRANSACTION.SUCCESS\",\"summary\":\"s\",\"resource\":" + resource + "}";
    }

    @Test
    void handleNotification_whenTimestampOutOfRange_rejectsWithoutThrowing() throws Exception {
        byte[] body = notification("EV-1", "TRANSACTION.SUCCESS", paidResource(MCH_ID, 9900)).getBytes(StandardCharsets.UTF_8);
        assertThat(rejected(deliver(body, signed("99999999999999999", body)))).isEqualTo(RejectionReason.FUTURE_TIMESTAMP);
        NotificationResult past = deliver(body, signed(String.valueOf(Long.MIN_VALUE), body));
        assertThat(rejected(past)).isEqualTo(RejectionReason.STALE_TIMESTAMP);
        assertThat(past.detail()).doesNotContain("-");
        for (String t : new String[]{"99999999999999999999", "1e9", "", " "}) {
            assertThat(rejected(deliver(body, signed(t, body)))).as(t).isEqualTo(RejectionReason.MALFORMED);
        }
    }

    @Test
    void handleNotification_whenSignatureIsNotBase64_rejectsAsBadSignature() throws Exception {
        byte[] body = notification("EV-2", "TRANSACTION.SUCCESS", paidResource(MCH_ID, 9900)).getBytes(StandardCharsets.UTF_8);
        for (String signature : new String[]{"%%%", "", "QUJD", "A".repeat(2000)}) {
            Map<String, String> h = signed(now(), body);
            h.put("Wechatpay-Signature", signature);
            assertThat(deliver(body, h).disposition()).as(signature).isEqualTo(Disposition.REJECTED);
        }
    }

    @Test
    void handleNotification_whenSignedEnvelopeIsBroken_isTypedNeverThrown() throws Exception {
        String nonce = "fdasflkja484";
        String ct = encrypt(paidResource(MCH_ID, 9900), nonce, "transaction");
        String[] resources = {
            "\"text\"", "[]", "null",
            "{\"algorithm\":\"AEAD_AES_256_GCM\",\"ciphertext\":\"%%%\",\"nonce\":\"" + nonce + "\",\"associated_data\":\"transaction\"}",
            "{\"algorithm\":\"AEAD_AES_256_GCM\",\"ciphertext\":\"" + ct + "\",\"nonce\":\"\",\"associated_data\":\"transaction\"}",
            "{\"algorithm\":\"AEAD_AES_256_GCM\",\"ciphertext\":\"\",\"nonce\":\"" + nonce + "\",\"associated_data\":\"transaction\"}",
            "{\"algorithm\":\"AEAD_AES_256_GCM\",\"ciphertext\":{},\"nonce\":[],\"associated_data\":1}",
            "{\"algorithm\":\"AES\",\"ciphertext\":\"" + ct + "\",\"nonce\":\"" + nonce + "\"}",
        };
        for (String resource : resources) {
            NotificationResult r = deliverSigned(envelope("\"EV-3\"", resource));
            assertThat(rejected(r)).as(resource).isIn(RejectionReason.MALFORMED, RejectionReason.DECRYPTION_FAILED);
        }
        for (String body : new String[]{"[]", "\"x\"", "{", "{\"id\":\"EV-4\"}"}) {
            assertThat(rejected(deliverSigned(body))).as(body).isEqualTo(RejectionReason.MALFORMED);
        }
        byte[] notUtf8 = {(byte) 0xff, '{', '}', (byte) 0xc3};
        assertThat(rejected(deliver(notUtf8, signed(now(), notUtf8)))).isEqualTo(RejectionReason.MALFORMED);
    }

    @Test
    void handleNotification_whenSignedEventIdBlankOrOverlong_rejectsAsMalformed() throws Exception {
        String nonce = "fdasflkja484";
        String resource = "{\"algorithm\":\"AEAD_AES_256_GCM\",\"ciphertext\":\"" + encrypt(paidResource(MCH_ID, 9900), nonce, "transaction")
                + "\",\"nonce\":\"" + nonce + "\",\"associated_data\":\"transaction\"}";
        for (String id : new String[]{"\" \"", "\"" + "E".repeat(256) + "\""}) {
            assertThat(rejected(deliverSigned(envelope(id, resource)))).isEqualTo(RejectionReason.MALFORMED);
        }
    }

    @Test
    void handleNotification_whenDecryptedResourceIsBroken_isTypedNeverThrown() throws Exception {
        String[] plaintexts = {
            "not json", "[]",
            "{\"mchid\":\"" + MCH_ID + "\",\"trade_state\":\"SUCCESS\",\"amount\":{\"total\":9900,\"currency\":\"XYZ1\"}}",
            "{\"mchid\":\"" + MCH_ID + "\",\"trade_state\":\"SUCCESS\",\"amount\":{\"total\":99999999999999999999999,\"currency\":\"CNY\"}}",
            "{\"mchid\":\"" + MCH_ID + "\",\"trade_state\":\"SUCCESS\",\"success_time\":\"+999999999-12-31T23:59:59+08:00\",\"amount\":[]}",
            "{\"mchid\":{\"a\":1},\"trade_state\":\"SUCCESS\"}",
        };
        String nonce = "fdasflkja484";
        int n = 0;
        for (String plain : plaintexts) {
            String resource = "{\"algorithm\":\"AEAD_AES_256_GCM\",\"ciphertext\":\"" + encrypt(plain, nonce, "transaction")
                    + "\",\"nonce\":\"" + nonce + "\",\"associated_data\":\"transaction\"}";
            NotificationResult r = deliverSigned(envelope("\"EV-5-" + (n++) + "\"", resource));
            assertThat(r.disposition()).as(plain).isIn(Disposition.REJECTED, Disposition.KEPT_FOR_REVIEW);
        }
    }
}
