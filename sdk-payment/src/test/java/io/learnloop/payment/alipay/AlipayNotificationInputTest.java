package io.learnloop.payment.alipay;

import io.learnloop.payment.pipeline.PipelineFixture;
import io.learnloop.core.Learnloop;
import io.learnloop.core.store.Stores;
import io.learnloop.core.testing.MutableClock;
import io.learnloop.payment.Disposition;
import io.learnloop.payment.NotificationOutcome;
import io.learnloop.payment.NotificationResult;
import io.learnloop.payment.Payments;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.RejectionReason;
import io.learnloop.payment.testing.TestKeys;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.learnloop.payment.alipay.AlipayProviderTest.ALIPAY_NEW;
import static io.learnloop.payment.alipay.AlipayProviderTest.APP;
import static io.learnloop.payment.alipay.AlipayProviderTest.APP_ID;
import static io.learnloop.payment.alipay.AlipayProviderTest.SELLER_ID;
import static io.learnloop.payment.alipay.AlipayProviderTest.content;
import static io.learnloop.payment.alipay.AlipayProviderTest.form;
import static io.learnloop.payment.alipay.AlipayProviderTest.paidNotification;
import static org.assertj.core.api.Assertions.assertThat;

/** Hostile or broken Alipay form posts, sent the way a host's webhook endpoint sends them, never make the pipeline throw. */
class AlipayNotificationInputTest {
    // 2026-03-01 18:00:00 in Beijing
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final Learnloop learnloop = Learnloop.builder().store(Stores.inMemory()).clock(clock).build();
    private final AlipayProvider alipay = new AlipayProvider(AlipayConfig.builder(APP_ID).appPrivateKey(APP.getPrivate())
            .alipayPublicKey(ALIPAY_NEW.getPublic()).gatewayUrl("https://openapi.alipay.example/gateway.do")
            .notifyUrl("https://shop.example/notify/alipay").sellerId(SELLER_ID).clock(clock).build());
    private final Payments payments = Payments.builder(learnloop).provider(alipay).build();

    private NotificationResult deliver(byte[] body) {
        return payments.handleNotification(ProviderId.ALIPAY, body,
                Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"));
    }

    private NotificationResult deliver(String body) {
        return deliver(body.getBytes(StandardCharsets.UTF_8));
    }

    private static RejectionReason rejected(NotificationResult r) {
        assertThat(r.disposition()).isEqualTo(Disposition.REJECTED);
        assertThat(r.acknowledgement().body()).isEqualTo("fail");
        assertThat(r.outcome()).isInstanceOf(NotificationOutcome.Rejected.class);
        return ((NotificationOutcome.Rejected) r.outcome()).reason();
    }

    private static Map<String, String> resigned(Map<String, String> p) {
        Map<String, String> m = new LinkedHashMap<>(p);
        m.remove("sign");
        m.put("sign", TestKeys.sign(ALIPAY_NEW.getPrivate(), content(m, List.of("sign", "sign_type")).getBytes(StandardCharsets.UTF_8)));
        return m;
    }

    private static String good() {
        return new String(form(paidNotification("2026-03-01 18:00:00", "99.00", APP_ID)), StandardCharsets.UTF_8);
    }

    @Test
    void handleNotification_whenSignedFormIsGood_isVerified() {
        // the baseline the rejections below differ from: verified, then kept for review (no such payment here)
        NotificationResult r = deliver(good());
        assertThat(r.outcome().verified()).isTrue();
        assertThat(r.disposition()).isEqualTo(Disposition.KEPT_FOR_REVIEW);
    }

    @Test
    void handleNotification_whenAParameterIsRepeated_rejectsAsMalformedBeforeVerifying() {
        // the signed value last: taken last-value-wins, this form would verify
        NotificationResult earlier = deliver("total_amount=0.01&" + good());
        assertThat(rejected(earlier)).isEqualTo(RejectionReason.MALFORMED);
        assertThat(earlier.detail()).contains("total_amount");
        // the signed value first: a malformed form, not a bad signature
        assertThat(rejected(deliver(good() + "&total_amount=0.01"))).isEqualTo(RejectionReason.MALFORMED);
        // the same value twice, and a name spelled with a percent escape, are repeats too
        assertThat(rejected(deliver(good() + "&total_amount=99.00"))).isEqualTo(RejectionReason.MALFORMED);
        assertThat(rejected(deliver(good() + "&%74otal_amount=99.00"))).isEqualTo(RejectionReason.MALFORMED);
        assertThat(rejected(deliver(good() + "&sign=AAAA"))).isEqualTo(RejectionReason.MALFORMED);
        assertThat(rejected(deliver("extra=&extra=&" + good()))).isEqualTo(RejectionReason.MALFORMED);
        // nothing reached the review queue or the dedupe record: the good form is still processed afterwards
        assertThat(payments.reviewQueue(PipelineFixture.FINANCE, null, 1000).items()).isEmpty();
        assertThat(deliver(good()).disposition()).isEqualTo(Disposition.KEPT_FOR_REVIEW);
    }

    @Test
    void parseNotification_whenAParameterIsRepeated_rejectsAsMalformed() {
        NotificationOutcome o = alipay.parseNotification(("charset=utf-8&" + good()).getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(o).isInstanceOfSatisfying(NotificationOutcome.Rejected.class, r -> {
            assertThat(r.reason()).isEqualTo(RejectionReason.MALFORMED);
            assertThat(r.detail()).contains("charset");
        });
    }

    @Test
    void handleNotification_whenCharsetOrEscapesAreBroken_rejectsAsMalformed() {
        String withoutCharset = good().replace("charset=utf-8&", "");
        for (String charset : new String[]{"x-no-such-charset", "%%%", "utf%2D8%", "\u00ff"}) {
            assertThat(rejected(deliver("charset=" + charset + "&" + withoutCharset))).as(charset).isEqualTo(RejectionReason.MALFORMED);
        }
        assertThat(rejected(deliver(good() + "&note=%zz"))).isEqualTo(RejectionReason.MALFORMED);
        assertThat(rejected(deliver(good() + "&note=50%"))).isEqualTo(RejectionReason.MALFORMED);
    }

    @Test
    void handleNotification_whenSignedFieldsAreOutOfRange_rejectsWithoutThrowing() {
        Map<String, String> longId = new LinkedHashMap<>(paidNotification("2026-03-01 18:00:00", "99.00", APP_ID));
        longId.put("notify_id", "9".repeat(256));
        assertThat(rejected(deliver(form(resigned(longId))))).isEqualTo(RejectionReason.MALFORMED);

        for (String amount : new String[]{"1e400", "99999999999999999999.00", "99.001", "-", "\u0661\u0662.00"}) {
            Map<String, String> p = new LinkedHashMap<>(paidNotification("2026-03-01 18:00:00", "99.00", APP_ID));
            p.put("total_amount", amount);
            assertThat(rejected(deliver(form(resigned(p))))).as(amount).isEqualTo(RejectionReason.MALFORMED);
        }
        for (String time : new String[]{"+99999-01-01 00:00:00", "999999999-12-31 23:59:59", "2026-02-30 18:00:00",
                "2026-03-01T18:00:00", "0000-01-01 00:00:00"}) {
            Map<String, String> p = new LinkedHashMap<>(paidNotification(time, "99.00", APP_ID));
            assertThat(rejected(deliver(form(resigned(p))))).as(time)
                    .isIn(RejectionReason.MALFORMED, RejectionReason.STALE_TIMESTAMP, RejectionReason.FUTURE_TIMESTAMP);
        }
    }

    @Test
    void handleNotification_whenBodyIsNotAForm_isTypedNeverThrown() {
        byte[] binary = new byte[512];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i * 31 + 7);
        }
        assertThat(deliver(binary).disposition()).isEqualTo(Disposition.REJECTED);
        assertThat(rejected(deliver("&&&"))).isEqualTo(RejectionReason.MISSING_SIGNATURE);
        assertThat(rejected(deliver("sign=***&sign_type=RSA2"))).isEqualTo(RejectionReason.BAD_SIGNATURE);
        assertThat(rejected(deliver(new byte[0]))).isEqualTo(RejectionReason.MALFORMED);
    }
}
