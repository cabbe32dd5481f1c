package io.learnloop.payment.pipeline;

import io.learnloop.payment.Disposition;
import io.learnloop.payment.NotificationResult;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.testing.NotificationProviders;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.learnloop.payment.testing.NotificationProviders.ALIPAY_APP_ID;
import static io.learnloop.payment.testing.NotificationProviders.WECHAT_MCH_ID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code handleNotification} never throws, whatever arrives: arbitrary bytes and headers (refused, since nothing
 * random verifies), and correctly signed notifications whose every field holds a hostile value (wrong types, numbers
 * past {@code long} and {@code Instant}, overlong ids, unknown currencies, broken encodings), which reach the
 * decoding behind the signature.
 */
class NotificationInputPropertiesTest {
    private static final NotificationProviders ALL = new NotificationProviders();

    /** Header values that have broken parsers: numbers past long and Instant, separators, encodings. */
    private static final List<String> NASTY_HEADER_VALUES = List.of("", " ", ",", "=", "t=", "v1=", "t=,v1=",
            "t=99999999999999999,v1=00", "t=-9223372036854775808,v1=00", "t=99999999999999999999,v1=00",
            "t=1772359200,t=1772359200,v1=00", "t=1772359200,kid=k1,kid=k2,v1=00", "99999999999999999",
            "-9223372036854775808", "99999999999999999999", "1e9", "%%%", "WECHATPAY/SIGNTEST/", "0".repeat(64),
            "\u0000", "\r\n", "中文", "WECHATPAY2-SHA256-RSA2048", "PUB_KEY_ID_0", "F".repeat(70));

    /** JSON values for signed payloads: every type, the bounds of long and Instant, text that is no currency or id. */
    private static final List<String> NASTY_JSON = List.of("null", "true", "[]", "{}", "[1]", "{\"a\":{}}", "0", "-1",
            "1.5", "1e400", "-1e400", "99999999999999999", "-9223372036854775808", "9223372036854775807",
            "123456789012345678901234567890", "\"\"", "\"   \"", "\"x\"", "\"" + "e".repeat(300) + "\"", "\"\\u0000\"",
            "\"中文\"", "\"usd\"", "\"CNY\"", "\"zz\"", "\"mga\"", "\"succeeded\"", "\"failed\"", "\"paid\"",
            "\"SUCCESS\"", "\"CLOSED\"", "\"ref-1\"", "\"2026-03-01T17:59:00+08:00\"", "\"+999999999-12-31T23:59:59Z\"",
            "\"-999999999-01-01T00:00:00Z\"", "\"2026-02-30T00:00:00Z\"");

    private static final List<String> NASTY_FORM_VALUES = List.of("", " ", "x", "e".repeat(300), "99.00", "0.01",
            "-1", "1e400", "99999999999999999999.00", "99.001", "TRADE_SUCCESS", "TRADE_CLOSED", "TRADE_FINISHED",
            "2026-03-01 18:00:00", "+99999-01-01 00:00:00", "999999999-12-31 23:59:59", "0000-01-01 00:00:00",
            "\u0000", "%", "&", "=", "中文", "gbk", "utf-16", "x-no-such-charset");

    @Provide
    Arbitrary<ProviderId> provider() {
        return Arbitraries.of(NotificationProviders.ids());
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
        Arbitrary<byte[]> formLike = Arbitraries.strings().withChars("ab=&%12+ZX_.-中").ofMaxLength(200)
                .map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> jsonLike = Arbitraries.of(NASTY_JSON).list().ofMaxSize(6)
                .map(v -> ("{\"id\":" + String.join(",\"type\":", v) + "}").getBytes(StandardCharsets.UTF_8));
        return Arbitraries.oneOf(random, formLike, jsonLike);
    }

    @Provide
    Arbitrary<Map<String, String>> headers() {
        Arbitrary<String> names = Arbitraries.oneOf(Arbitraries.of("Stripe-Signature", "stripe-signature",
                "Sandbox-Signature", "Wechatpay-Timestamp", "Wechatpay-Nonce", "Wechatpay-Signature", "Wechatpay-Serial",
                "Wechatpay-Signature-Type", "Content-Type"), Arbitraries.strings().ofMaxLength(20));
        Arbitrary<String> values = Arbitraries.oneOf(Arbitraries.of(NASTY_HEADER_VALUES), Arbitraries.strings().ofMaxLength(120),
                Arbitraries.of(NASTY_HEADER_VALUES).list().ofMaxSize(5).map(parts -> String.join(",", parts)));
        return Arbitraries.maps(names, values).ofMaxSize(8);
    }

    @Property(tries = 400)
    void handleNotification_whenBodyAndHeadersAreArbitrary_refusesWithoutThrowing(@ForAll("provider") ProviderId provider,
            @ForAll("bodies") byte[] body, @ForAll("headers") Map<String, String> headers) {
        NotificationResult r = ALL.payments.handleNotification(provider, body, headers);

        assertThat(r.disposition()).isEqualTo(Disposition.REJECTED);
        assertThat(r.acknowledgement().accepted()).isFalse();
    }

    @Provide
    Arbitrary<List<String>> json() {
        return Arbitraries.of(NASTY_JSON).list().ofSize(18);
    }

    @Provide
    Arbitrary<List<String>> form() {
        return Arbitraries.oneOf(Arbitraries.of(NASTY_FORM_VALUES), Arbitraries.strings().ofMaxLength(12)).list().ofSize(12);
    }

    /** An answer, never an exception: rejected exactly when not verified, and then never acknowledged as accepted. */
    private static void assertConsistent(NotificationResult r) {
        assertThat(r.disposition() == Disposition.REJECTED).isEqualTo(!r.outcome().verified());
        if (r.disposition() == Disposition.REJECTED) {
            assertThat(r.acknowledgement().accepted()).isFalse();
        }
    }

    @Provide
    Arbitrary<List<Integer>> choices() {
        return Arbitraries.integers().between(0, 2).list().ofSize(11);
    }

    private static String pick(String fixed, String nasty, int choice) {
        return choice % 3 == 0 ? nasty : fixed;
    }

    @Property(tries = 200)
    void handleNotification_whenStripeEventIsSignedButHostile_neverThrows(@ForAll("json") List<String> v,
            @ForAll("choices") List<Integer> c) {
        String object = "{\"object\":{\"id\":" + v.get(5) + ",\"amount\":" + v.get(6) + ",\"amount_received\":"
                + pick("1999", v.get(7), c.get(0)) + ",\"amount_total\":" + v.get(8) + ",\"currency\":"
                + pick("\"usd\"", v.get(9), c.get(1)) + ",\"status\":" + pick("\"succeeded\"", v.get(10), c.get(2))
                + ",\"payment_status\":" + v.get(11) + ",\"payment_intent\":" + v.get(12) + ",\"client_reference_id\":"
                + v.get(13) + ",\"failure_reason\":" + v.get(14) + ",\"metadata\":{\"learnloop_reference\":" + v.get(15)
                + ",\"learnloop_refund_reference\":" + v.get(16) + "}}}";
        String body = "{\"id\":" + pick("\"evt_" + v.hashCode() + "\"", v.get(0), c.get(3)) + ",\"object\":\"event\",\"type\":"
                + pick(c.get(4) == 0 ? "\"payment_intent.succeeded\"" : "\"refund.updated\"", v.get(1), c.get(5))
                + ",\"created\":" + pick("1772359200", v.get(2), c.get(6)) + ",\"account\":" + v.get(3)
                + ",\"livemode\":" + v.get(4) + ",\"data\":" + pick(object, v.get(17), c.get(7)) + "}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

        assertConsistent(ALL.payments.handleNotification(ProviderId.STRIPE, bytes, NotificationProviders.stripeHeaders(bytes, ALL.now())));
    }

    @Property(tries = 200)
    void handleNotification_whenSandboxEventIsSignedButHostile_neverThrows(@ForAll("json") List<String> v,
            @ForAll("choices") List<Integer> c) {
        String data = "{\"reference\":" + v.get(4) + ",\"payment_id\":" + v.get(5) + ",\"refund_reference\":" + v.get(6)
                + ",\"refund_id\":" + v.get(7) + ",\"amount\":" + pick("100", v.get(8), c.get(0))
                + ",\"currency\":" + pick("\"CNY\"", v.get(9), c.get(1)) + "}";
        String body = "{\"id\":" + pick("\"evt_" + v.hashCode() + "\"", v.get(0), c.get(2))
                + ",\"type\":" + pick(c.get(3) == 0 ? "\"payment.succeeded\"" : "\"refund.succeeded\"", v.get(1), c.get(4))
                + ",\"created\":" + pick("1772359200", v.get(2), c.get(5))
                + ",\"merchant\":" + pick("\"sandbox-merchant\"", v.get(3), c.get(6))
                + ",\"data\":" + pick(data, v.get(10), c.get(7)) + "}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

        assertConsistent(ALL.payments.handleNotification(ProviderId.SANDBOX, bytes, NotificationProviders.sandboxHeaders(bytes, ALL.now())));
    }

    @Property(tries = 200)
    void handleNotification_whenWechatEventIsSignedButHostile_neverThrows(@ForAll("json") List<String> v,
            @ForAll("choices") List<Integer> c) {
        String amount = "{\"total\":" + pick("9900", v.get(0), c.get(0)) + ",\"refund\":" + pick("100", v.get(1), c.get(1))
                + ",\"currency\":" + pick("\"CNY\"", v.get(2), c.get(2)) + "}";
        String plain = "{\"mchid\":" + pick("\"" + WECHAT_MCH_ID + "\"", v.get(3), c.get(3))
                + ",\"out_trade_no\":" + v.get(4) + ",\"transaction_id\":" + v.get(5)
                + ",\"trade_state\":" + pick("\"SUCCESS\"", v.get(6), c.get(4)) + ",\"success_time\":" + v.get(7)
                + ",\"refund_status\":" + pick("\"SUCCESS\"", v.get(8), c.get(5)) + ",\"out_refund_no\":" + v.get(9)
                + ",\"refund_id\":" + v.get(10) + ",\"amount\":" + pick(amount, v.get(11), c.get(6)) + "}";
        String body = "{\"id\":" + pick("\"EV-" + v.hashCode() + "\"", v.get(12), c.get(7))
                + ",\"create_time\":" + v.get(13) + ",\"event_type\":"
                + pick(c.get(8) == 0 ? "\"REFUND.SUCCESS\"" : "\"TRANSACTION.SUCCESS\"", v.get(14), c.get(9))
                + ",\"resource\":" + pick(NotificationProviders.wechatResource(plain), v.get(15), c.get(10)) + "}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

        assertConsistent(ALL.payments.handleNotification(ProviderId.WECHAT_PAY, bytes,
                NotificationProviders.wechatHeaders(bytes, ALL.now())));
    }

    @Property(tries = 200)
    void handleNotification_whenAlipayFormIsSignedButHostile_neverThrows(@ForAll("form") List<String> v,
            @ForAll("choices") List<Integer> c) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("charset", pick("utf-8", v.get(0), c.get(0)));
        p.put("notify_id", pick("N" + v.hashCode(), v.get(1), c.get(1)));
        p.put("notify_time", pick("2026-03-01 18:00:00", v.get(2), c.get(2)));
        p.put("app_id", pick(ALIPAY_APP_ID, v.get(3), c.get(3)));
        p.put("trade_status", pick("TRADE_SUCCESS", v.get(4), c.get(4)));
        p.put("total_amount", pick("99.00", v.get(5), c.get(5)));
        p.put("out_trade_no", v.get(6));
        p.put("gmt_payment", pick("2026-03-01 17:59:00", v.get(7), c.get(6)));
        if (c.get(7) % 2 == 0) {
            p.put("refund_fee", pick("1.00", v.get(8), c.get(8)));
            p.put("out_biz_no", v.get(9));
        }
        byte[] form = NotificationProviders.alipayForm(p);

        assertConsistent(ALL.payments.handleNotification(ProviderId.ALIPAY, form, Map.of("Content-Type",
                "application/x-www-form-urlencoded; charset=utf-8")));
    }
}
