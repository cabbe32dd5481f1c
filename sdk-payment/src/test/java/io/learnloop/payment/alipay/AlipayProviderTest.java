package io.learnloop.payment.alipay;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.RemoteException;
import io.learnloop.core.money.Money;
import io.learnloop.core.testing.MutableClock;
import io.learnloop.payment.spi.CreatePaymentRequest;
import io.learnloop.payment.NotificationOutcome;
import io.learnloop.payment.PaymentEvent;
import io.learnloop.payment.PaymentEventType;
import io.learnloop.payment.PaymentFlow;
import io.learnloop.payment.spi.PaymentReference;
import io.learnloop.payment.PaymentSession;
import io.learnloop.payment.spi.PaymentState;
import io.learnloop.payment.spi.PaymentStatus;
import io.learnloop.payment.spi.RefundRequest;
import io.learnloop.payment.spi.RefundResult;
import io.learnloop.payment.RefundState;
import io.learnloop.payment.RejectionReason;
import io.learnloop.http.SharedHttpClient;
import io.learnloop.payment.testing.Forms;
import io.learnloop.payment.testing.RecordingSleeper;
import io.learnloop.payment.testing.StubServer;
import io.learnloop.payment.testing.TestKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlipayProviderTest {
    static final String APP_ID = "2021000123456789";
    static final String SELLER_ID = "2088102177846880";
    static final KeyPair APP = TestKeys.rsa2048();
    static final KeyPair ALIPAY_OLD = TestKeys.rsa2048();
    static final KeyPair ALIPAY_NEW = TestKeys.rsa2048();

    @RegisterExtension
    static final StubServer server = new StubServer();

    // 2026-03-01 18:00:00 in Beijing
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    final RecordingSleeper sleeper = new RecordingSleeper();
    AlipayProvider alipay;

    @BeforeEach
    void reset() {
        alipay = new AlipayProvider(AlipayConfig.builder(APP_ID).appPrivateKey(APP.getPrivate())
                .alipayPublicKey(ALIPAY_OLD.getPublic()).alipayPublicKey(ALIPAY_NEW.getPublic())
                .gatewayUrl(server.baseUrl() + "/gateway.do").notifyUrl("https://shop.example/notify/alipay")
                .sellerId(SELLER_ID).clock(clock).http(SharedHttpClient.builder().sleeper(sleeper).build()).build());
    }

    /** Sign content computed independently: sorted, non-empty, raw values, excluded keys dropped. */
    static String content(Map<String, String> params, List<String> excluded) {
        StringJoiner j = new StringJoiner("&");
        new TreeMap<>(params).forEach((k, v) -> {
            if (!excluded.contains(k) && !v.isEmpty()) {
                j.add(k + "=" + v);
            }
        });
        return j.toString();
    }

    static String signedResponse(String method, String inner, KeyPair key) {
        String sign = TestKeys.sign(key.getPrivate(), inner.getBytes(StandardCharsets.UTF_8));
        return "{\"" + method.replace('.', '_') + "_response\":" + inner + ",\"sign\":\"" + sign + "\"}";
    }

    static void stub(String method, String body) {
        server.stubFor(post(urlPathEqualTo("/gateway.do")).withQueryParam("method", equalTo(method))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html;charset=utf-8").withBody(body)));
    }

    /** All parameters of a gateway request (query string plus form body), decoded. */
    static Map<String, String> params(LoggedRequest r) {
        Map<String, String> all = new LinkedHashMap<>(Forms.decode(URI.create(r.getUrl()).getRawQuery()));
        all.putAll(Forms.decode(r.getBodyAsString()));
        return all;
    }

    static Map<String, String> assertSignedByApp(Map<String, String> p, String method) {
        assertThat(p).containsEntry("app_id", APP_ID).containsEntry("method", method).containsEntry("charset", "utf-8")
                .containsEntry("sign_type", "RSA2").containsEntry("format", "JSON").containsEntry("version", "1.0")
                .containsEntry("timestamp", "2026-03-01 18:00:00");
        assertThat(TestKeys.verify(APP.getPublic(), content(p, List.of("sign")).getBytes(StandardCharsets.UTF_8), p.get("sign")))
                .as("RSA2 signature of the request").isTrue();
        return p;
    }

    static LoggedRequest only() {
        List<LoggedRequest> all = server.findAll(anyRequestedFor(anyUrl()));
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    @Test
    void create_whenPagePay_returnsSignedGatewayUrl() {
        PaymentSession s = alipay.create(CreatePaymentRequest.builder("order-2001", Money.ofMinor(9900, "CNY"),
                PaymentFlow.REDIRECT).description("Java 课程").returnUrl("https://shop.example/paid").build());
        URI uri = URI.create(s.redirectUrl());
        assertThat(uri.getPath()).isEqualTo("/gateway.do");
        Map<String, String> p = assertSignedByApp(Forms.decode(uri.getRawQuery()), "alipay.trade.page.pay");
        assertThat(p).containsEntry("return_url", "https://shop.example/paid")
                .containsEntry("notify_url", "https://shop.example/notify/alipay")
                .containsEntry("biz_content", "{\"out_trade_no\":\"order-2001\",\"total_amount\":\"99.00\",\"subject\":\"Java 课程\","
                        + "\"product_code\":\"FAST_INSTANT_TRADE_PAY\"}");
    }

    @Test
    void create_whenPrecreate_postsSignedRequestAndVerifiesRawResponse() {
        stub("alipay.trade.precreate", signedResponse("alipay.trade.precreate",
                "{\"code\":\"10000\",\"msg\":\"Success\",\"out_trade_no\":\"order-2002\",\"qr_code\":\"https://qr.alipay.com/bax03431ljhokirwl38f00a7\"}", ALIPAY_NEW));
        PaymentSession s = alipay.create(CreatePaymentRequest.builder("order-2002", Money.ofMinor(1, "CNY"), PaymentFlow.QR_CODE)
                .expiresAt(Instant.parse("2026-03-01T10:30:00Z")).build());
        assertThat(s.qrCode()).isEqualTo("https://qr.alipay.com/bax03431ljhokirwl38f00a7");
        LoggedRequest r = only();
        assertThat(r.getBodyAsString()).startsWith("biz_content=");
        assertThat(assertSignedByApp(params(r), "alipay.trade.precreate")).containsEntry("biz_content",
                "{\"out_trade_no\":\"order-2002\",\"total_amount\":\"0.01\",\"subject\":\"Order\",\"time_expire\":\"2026-03-01 18:30:00\"}");
    }

    @Test
    void create_whenResponseSignatureInvalid_isTreatedAsForged() {
        stub("alipay.trade.precreate", signedResponse("alipay.trade.precreate",
                "{\"code\":\"10000\",\"msg\":\"Success\",\"qr_code\":\"https://evil\"}", APP));
        assertThatThrownBy(() -> alipay.create(CreatePaymentRequest.builder("order-2003", Money.ofMinor(1, "CNY"),
                PaymentFlow.QR_CODE).build())).isInstanceOfSatisfying(RemoteException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VERIFICATION_FAILED);
                    assertThat(e.outcomeUnknown()).isTrue();
                });
    }

    @Test
    void create_whenResponseWhitespaceDiffers_verifiesRawText() {
        String inner = "{ \"code\" : \"10000\", \"msg\" : \"Success\", \"qr_code\" : \"https://qr.alipay.com/x\" }";
        stub("alipay.trade.precreate", signedResponse("alipay.trade.precreate", inner, ALIPAY_OLD));
        assertThat(alipay.create(CreatePaymentRequest.builder("order-2004", Money.ofMinor(1, "CNY"), PaymentFlow.QR_CODE).build())
                .qrCode()).isEqualTo("https://qr.alipay.com/x");
    }

    @Test
    void query_whenPaid_mapsStatusAndAmount() {
        stub("alipay.trade.query", signedResponse("alipay.trade.query", "{\"code\":\"10000\",\"msg\":\"Success\","
                + "\"trade_no\":\"2026030122001\",\"out_trade_no\":\"order-2005\",\"trade_status\":\"TRADE_SUCCESS\","
                + "\"total_amount\":\"99.00\",\"send_pay_date\":\"2026-03-01 17:59:00\"}", ALIPAY_NEW));
        PaymentStatus st = alipay.query(PaymentReference.of("order-2005"));
        assertThat(st.state()).isEqualTo(PaymentState.PAID);
        assertThat(st.amount()).isEqualTo(Money.ofMinor(9900, "CNY"));
        assertThat(st.paidAt()).isEqualTo(Instant.parse("2026-03-01T09:59:00Z"));
        assertThat(assertSignedByApp(params(only()), "alipay.trade.query")).containsEntry("biz_content", "{\"out_trade_no\":\"order-2005\"}");
    }

    @Test
    void query_whenTradeNotExist_isNotFound() {
        stub("alipay.trade.query", signedResponse("alipay.trade.query", "{\"code\":\"40004\",\"msg\":\"Business Failed\","
                + "\"sub_code\":\"ACQ.TRADE_NOT_EXIST\",\"sub_msg\":\"交易不存在\"}", ALIPAY_NEW));
        assertThat(alipay.query(PaymentReference.of("order-2006")).state()).isEqualTo(PaymentState.NOT_FOUND);
    }

    @Test
    void close_whenAccepted_sendsSignedClose() {
        stub("alipay.trade.close", signedResponse("alipay.trade.close", "{\"code\":\"10000\",\"msg\":\"Success\",\"out_trade_no\":\"order-2007\"}", ALIPAY_NEW));
        alipay.close(PaymentReference.of("order-2007"));
        assertSignedByApp(params(only()), "alipay.trade.close");
    }

    @Test
    void close_whenAlreadyPaid_failsNotRetryable() {
        stub("alipay.trade.close", signedResponse("alipay.trade.close", "{\"code\":\"40004\",\"msg\":\"Business Failed\","
                + "\"sub_code\":\"ACQ.TRADE_STATUS_ERROR\",\"sub_msg\":\"交易状态不合法\"}", ALIPAY_NEW));
        assertThatThrownBy(() -> alipay.close(PaymentReference.of("order-2008"))).isInstanceOfSatisfying(RemoteException.class, e -> {
            assertThat(e.isRetryable()).isFalse();
            assertThat(e.providerCode()).isEqualTo("ACQ.TRADE_STATUS_ERROR");
        });
    }

    @Test
    void refund_whenPartial_sendsOutRequestNo() {
        stub("alipay.trade.refund", signedResponse("alipay.trade.refund", "{\"code\":\"10000\",\"msg\":\"Success\","
                + "\"trade_no\":\"2026030122001\",\"out_trade_no\":\"order-2009\",\"fund_change\":\"Y\",\"refund_fee\":\"33.00\"}", ALIPAY_NEW));
        RefundResult r = alipay.refund(RefundRequest.of(PaymentReference.of("order-2009"), "refund-2009",
                Money.ofMinor(3300, "CNY"), Money.ofMinor(9900, "CNY"), "课程 2"));
        assertThat(r.state()).isEqualTo(RefundState.SUCCEEDED);
        assertThat(assertSignedByApp(params(only()), "alipay.trade.refund")).containsEntry("biz_content",
                "{\"out_trade_no\":\"order-2009\",\"refund_amount\":\"33.00\",\"out_request_no\":\"refund-2009\",\"refund_reason\":\"课程 2\"}");
    }

    @Test
    void refund_whenSystemBusy_isOutcomeUnknown() {
        stub("alipay.trade.refund", signedResponse("alipay.trade.refund", "{\"code\":\"20000\",\"msg\":\"Service Currently Unavailable\","
                + "\"sub_code\":\"aop.unknow-error\",\"sub_msg\":\"系统繁忙\"}", ALIPAY_NEW));
        assertThatThrownBy(() -> alipay.refund(RefundRequest.of(PaymentReference.of("order-2010"), "refund-2010",
                Money.ofMinor(1, "CNY"), Money.ofMinor(2, "CNY"), null))).isInstanceOfSatisfying(RemoteException.class, e -> {
                    assertThat(e.outcomeUnknown()).isTrue();
                    assertThat(e.isRetryable()).isTrue();
                });
    }

    // ---- notifications ----

    static Map<String, String> paidNotification(String notifyTime, String totalAmount, String appId) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("gmt_create", "2026-03-01 17:58:00");
        p.put("charset", "utf-8");
        p.put("seller_email", "shop@example.com");
        p.put("subject", "Java 课程");
        p.put("buyer_id", "2088102177846873");
        p.put("invoice_amount", totalAmount);
        p.put("notify_id", "2026030100222175900098131402893");
        p.put("fund_bill_list", "[{\"amount\":\"" + totalAmount + "\",\"fundChannel\":\"ALIPAYACCOUNT\"}]");
        p.put("notify_type", "trade_status_sync");
        p.put("trade_status", "TRADE_SUCCESS");
        p.put("receipt_amount", totalAmount);
        p.put("app_id", appId);
        p.put("buyer_pay_amount", totalAmount);
        p.put("seller_id", SELLER_ID);
        p.put("gmt_payment", "2026-03-01 17:59:00");
        p.put("notify_time", notifyTime);
        p.put("version", "1.0");
        p.put("out_trade_no", "order-2005");
        p.put("total_amount", totalAmount);
        p.put("trade_no", "2026030122001");
        p.put("auth_app_id", appId);
        p.put("buyer_logon_id", "abc***@example.com");
        p.put("point_amount", "0.00");
        p.put("sign_type", "RSA2");
        p.put("sign", TestKeys.sign(ALIPAY_NEW.getPrivate(), content(p, List.of("sign", "sign_type")).getBytes(StandardCharsets.UTF_8)));
        return p;
    }

    static byte[] form(Map<String, String> p) {
        StringJoiner j = new StringJoiner("&");
        p.forEach((k, v) -> j.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return j.toString().getBytes(StandardCharsets.UTF_8);
    }

    NotificationOutcome deliver(byte[] body) {
        return alipay.parseNotification(body, Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"));
    }

    static RejectionReason reason(NotificationOutcome o) {
        assertThat(o).isInstanceOf(NotificationOutcome.Rejected.class);
        return ((NotificationOutcome.Rejected) o).reason();
    }

    @Test
    void parseNotification_whenSigned_isVerifiedAndAcknowledgedWithSuccess() {
        NotificationOutcome o = deliver(form(paidNotification("2026-03-01 18:00:00", "99.00", APP_ID)));
        assertThat(o).isInstanceOf(NotificationOutcome.Verified.class);
        PaymentEvent e = ((NotificationOutcome.Verified) o).event();
        assertThat(e.type()).isEqualTo(PaymentEventType.PAYMENT_SUCCEEDED);
        assertThat(e.eventId()).isEqualTo("2026030100222175900098131402893");
        assertThat(e.merchantReference()).isEqualTo("order-2005");
        assertThat(e.amount()).isEqualTo(Money.ofMinor(9900, "CNY"));
        assertThat(alipay.acknowledge(o).body()).isEqualTo("success");
        assertThat(e.checkAgainst("order-2005", Money.ofMinor(19900, "CNY")).verified()).isFalse();
    }

    @Test
    void verifyNotification_whenGivenDecodedMap_neverModifiesIt() {
        Map<String, String> params = paidNotification("2026-03-01 18:00:00", "99.00", APP_ID);
        Map<String, String> snapshot = new HashMap<>(params);
        Map<String, String> readOnly = Collections.unmodifiableMap(params);
        assertThat(alipay.verifyNotification(readOnly).verified()).isTrue();
        assertThat(alipay.verifyNotification(readOnly).verified()).isTrue();
        assertThat(params).isEqualTo(snapshot).containsKeys("sign", "sign_type");
    }

    @Test
    void parseNotification_whenTampered_isRejectedWithReason() {
        Map<String, String> good = paidNotification("2026-03-01 18:00:00", "99.00", APP_ID);

        Map<String, String> forged = new LinkedHashMap<>(good);
        forged.put("total_amount", "0.01");
        assertThat(reason(deliver(form(forged)))).isEqualTo(RejectionReason.BAD_SIGNATURE);
        NotificationOutcome bad = deliver(form(forged));
        assertThat(alipay.acknowledge(bad).body()).isEqualTo("fail");

        // a framework that turned the amounts into numbers and wrote them back
        byte[] reserialised = new String(form(good), StandardCharsets.UTF_8).replace("=99.00", "=99.0").getBytes(StandardCharsets.UTF_8);
        assertThat(reason(deliver(reserialised))).isEqualTo(RejectionReason.BAD_SIGNATURE);

        assertThat(reason(deliver(form(paidNotification("2026-03-01 17:40:00", "99.00", APP_ID))))).isEqualTo(RejectionReason.STALE_TIMESTAMP);
        assertThat(reason(deliver(form(paidNotification("2026-03-01 18:20:00", "99.00", APP_ID))))).isEqualTo(RejectionReason.FUTURE_TIMESTAMP);
        assertThat(reason(deliver(form(paidNotification("2026-03-01 18:00:00", "99.00", "2021000999999999"))))).isEqualTo(RejectionReason.WRONG_MERCHANT);

        Map<String, String> unsigned = new LinkedHashMap<>(good);
        unsigned.remove("sign");
        assertThat(reason(deliver(form(unsigned)))).isEqualTo(RejectionReason.MISSING_SIGNATURE);

        Map<String, String> garbage = new LinkedHashMap<>(good);
        garbage.put("sign", "***");
        assertThat(reason(deliver(form(garbage)))).isEqualTo(RejectionReason.BAD_SIGNATURE);
    }

    @Test
    void parseNotification_whenPartialRefund_reportsRefundReference() {
        Map<String, String> p = new LinkedHashMap<>(paidNotification("2026-03-01 18:00:00", "99.00", APP_ID));
        p.remove("sign");
        p.put("refund_fee", "33.00");
        p.put("out_biz_no", "refund-2009");
        p.put("gmt_refund", "2026-03-01 17:59:59.123");
        p.put("sign", TestKeys.sign(ALIPAY_OLD.getPrivate(), content(p, List.of("sign", "sign_type")).getBytes(StandardCharsets.UTF_8)));
        PaymentEvent e = ((NotificationOutcome.Verified) deliver(form(p))).event();
        assertThat(e.type()).isEqualTo(PaymentEventType.REFUND_SUCCEEDED);
        assertThat(e.refundReference()).isEqualTo("refund-2009");
        assertThat(e.attributes()).containsEntry("refund_fee_total", "33.00");
    }
}
