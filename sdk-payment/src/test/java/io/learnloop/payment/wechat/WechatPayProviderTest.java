package io.learnloop.payment.wechat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.RemoteException;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.testing.MutableClock;
import io.learnloop.payment.spi.CreatePaymentRequest;
import io.learnloop.payment.NotificationOutcome;
import io.learnloop.core.money.Money;
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
import io.learnloop.payment.Secret;
import io.learnloop.http.SharedHttpClient;
import io.learnloop.payment.testing.RecordingSleeper;
import io.learnloop.payment.testing.StubServer;
import io.learnloop.payment.testing.TestKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WechatPayProviderTest {
    static final String MCH_ID = "1900009191";
    static final String APP_ID = "wxd678efh567hg6787";
    static final String MERCHANT_SERIAL = "3775B6A45ACD588826D15E583A95F5DD2C3A4F1B";
    static final String PLATFORM_SERIAL = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
    static final String PUB_KEY_ID = "PUB_KEY_ID_0114232134912410000000000000";
    static final String API_V3_KEY = "a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb";

    static final KeyPair MERCHANT = TestKeys.rsa2048();
    static final KeyPair PLATFORM = TestKeys.rsa2048();
    static final KeyPair WECHAT_PUBLIC = TestKeys.rsa2048();

    @RegisterExtension
    static final StubServer server = new StubServer();

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    final RecordingSleeper sleeper = new RecordingSleeper();
    WechatPayProvider wechat;

    @BeforeEach
    void reset() {
        wechat = new WechatPayProvider(config().build());
    }

    WechatPayConfig.Builder config() {
        return WechatPayConfig.builder(MCH_ID, APP_ID)
                .merchantKey(MERCHANT_SERIAL, MERCHANT.getPrivate())
                .apiV3Key(Secret.of(API_V3_KEY))
                .verificationKey(PLATFORM_SERIAL, PLATFORM.getPublic())
                .verificationKey(PUB_KEY_ID, WECHAT_PUBLIC.getPublic())
                .baseUrl(server.baseUrl()).notifyUrl("https://shop.example/notify/wechat")
                .clock(clock).ids(IdGenerator.sequential("nonce"))
                .http(SharedHttpClient.builder().sleeper(sleeper).build());
    }

    /** A response signed the way WeChat Pay signs, computed here independently of the SDK. */
    ResponseDefinitionBuilder signed(int status, String body, long timestamp) {
        return signedAt(status, body, timestamp);
    }

    /** A response signed by the platform key at the given time, computed independently of the SDK. */
    static ResponseDefinitionBuilder signedAt(int status, String body, long timestamp) {
        String nonce = "resp-nonce-" + timestamp;
        String signature = TestKeys.sign(PLATFORM.getPrivate(),
                (timestamp + "\n" + nonce + "\n" + body + "\n").getBytes(StandardCharsets.UTF_8));
        ResponseDefinitionBuilder r = aResponse().withStatus(status)
                .withHeader("Wechatpay-Timestamp", String.valueOf(timestamp))
                .withHeader("Wechatpay-Nonce", nonce)
                .withHeader("Wechatpay-Serial", PLATFORM_SERIAL)
                .withHeader("Wechatpay-Signature", signature)
                .withHeader("Request-ID", "08F78BB5AF0610D302");
        if (!body.isEmpty()) {
            r.withHeader("Content-Type", "application/json").withBody(body);
        }
        return r;
    }

    ResponseDefinitionBuilder signed(int status, String body) {
        return signed(status, body, clock.instant().getEpochSecond());
    }

    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    /** Recomputes the request signature from what arrived on the wire and checks the Authorization header. */
    static void assertSignedByMerchant(LoggedRequest r, long expectedTimestamp) {
        String auth = r.getHeader("Authorization");
        assertThat(auth).startsWith("WECHATPAY2-SHA256-RSA2048 ");
        Map<String, String> p = new HashMap<>();
        Matcher m = PARAM.matcher(auth);
        while (m.find()) {
            p.put(m.group(1), m.group(2));
        }
        assertThat(p).containsEntry("mchid", MCH_ID).containsEntry("serial_no", MERCHANT_SERIAL)
                .containsEntry("timestamp", String.valueOf(expectedTimestamp)).containsKey("nonce_str");
        String body = r.getMethod().getName().equals("GET") ? "" : r.getBodyAsString();
        String message = r.getMethod().getName() + "\n" + r.getUrl() + "\n" + p.get("timestamp") + "\n"
                + p.get("nonce_str") + "\n" + body + "\n";
        assertThat(TestKeys.verify(MERCHANT.getPublic(), message.getBytes(StandardCharsets.UTF_8), p.get("signature")))
                .as("signature over %s", message).isTrue();
    }

    static List<LoggedRequest> requests() {
        return server.findAll(anyRequestedFor(anyUrl()));
    }

    @Test
    void create_whenNative_postsSignedOrderAndReturnsCodeUrl() {
        server.stubFor(post("/v3/pay/transactions/native").willReturn(signed(200, "{\"code_url\":\"weixin://wxpay/bizpayurl?pr=p4lpSuKzz\"}")));
        PaymentSession s = wechat.create(CreatePaymentRequest.builder("order-1001", Money.ofMinor(9900, "CNY"),
                PaymentFlow.QR_CODE).description("Java 课程").expiresAt(Instant.parse("2026-03-01T10:30:00Z")).build());
        assertThat(s.qrCode()).isEqualTo("weixin://wxpay/bizpayurl?pr=p4lpSuKzz");
        LoggedRequest r = requests().get(0);
        assertSignedByMerchant(r, clock.instant().getEpochSecond());
        assertThat(r.getBodyAsString()).satisfies(b -> assertThat(equalToJson("{\"appid\":\"" + APP_ID + "\",\"mchid\":\"" + MCH_ID
                + "\",\"description\":\"Java 课程\",\"out_trade_no\":\"order-1001\",\"time_expire\":\"2026-03-01T18:30:00+08:00\","
                + "\"notify_url\":\"https://shop.example/notify/wechat\",\"amount\":{\"total\":9900,\"currency\":\"CNY\"}}")
                .match(b).isExactMatch()).isTrue());
    }

    @Test
    void create_whenJsapi_returnsPaySignVerifiableWithMerchantKey() {
        server.stubFor(post("/v3/pay/transactions/jsapi").willReturn(signed(200, "{\"prepay_id\":\"wx201410272009395522657a690389285100\"}")));
        PaymentSession s = wechat.create(CreatePaymentRequest.builder("order-1002", Money.ofMinor(100, "CNY"),
                PaymentFlow.JSAPI).payerId("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o").build());
        Map<String, String> js = s.jsapiParameters();
        assertThat(js).containsEntry("appId", APP_ID).containsEntry("package", "prepay_id=wx201410272009395522657a690389285100")
                .containsEntry("signType", "RSA").containsEntry("timeStamp", String.valueOf(clock.instant().getEpochSecond()));
        String message = APP_ID + "\n" + js.get("timeStamp") + "\n" + js.get("nonceStr") + "\n" + js.get("package") + "\n";
        assertThat(TestKeys.verify(MERCHANT.getPublic(), message.getBytes(StandardCharsets.UTF_8), js.get("paySign"))).isTrue();
        assertThat(requests().get(0).getBodyAsString()).contains("\"payer\":{\"openid\":\"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o\"}");
        assertSignedByMerchant(requests().get(0), clock.instant().getEpochSecond());
    }

    @Test
    void query_whenPaid_mapsStateAndVerifiesSignedQuery() {
        server.stubFor(get(urlEqualTo("/v3/pay/transactions/out-trade-no/order-1003?mchid=" + MCH_ID)).willReturn(signed(200,
                "{\"appid\":\"" + APP_ID + "\",\"mchid\":\"" + MCH_ID + "\",\"out_trade_no\":\"order-1003\",\"transaction_id\":\"4200000001\","
                        + "\"trade_state\":\"SUCCESS\",\"success_time\":\"2026-03-01T17:59:00+08:00\",\"amount\":{\"total\":9900,\"currency\":\"CNY\"}}")));
        PaymentStatus status = wechat.query(PaymentReference.of("order-1003"));
        assertThat(status.state()).isEqualTo(PaymentState.PAID);
        assertThat(status.amount()).isEqualTo(Money.ofMinor(9900, "CNY"));
        assertThat(status.paidAt()).isEqualTo(Instant.parse("2026-03-01T09:59:00Z"));
        assertSignedByMerchant(requests().get(0), clock.instant().getEpochSecond());
    }

    @Test
    void query_whenNotExist_isNotFound() {
        server.stubFor(get(urlEqualTo("/v3/pay/transactions/out-trade-no/order-1004?mchid=" + MCH_ID)).willReturn(aResponse()
                .withStatus(404).withBody("{\"code\":\"ORDER_NOT_EXIST\",\"message\":\"订单不存在\"}")));
        assertThat(wechat.query(PaymentReference.of("order-1004")).state()).isEqualTo(PaymentState.NOT_FOUND);
    }

    @Test
    void close_whenAccepted_verifiesSignedEmpty204() {
        server.stubFor(post("/v3/pay/transactions/out-trade-no/order-1005/close").willReturn(signed(204, "")));
        wechat.close(PaymentReference.of("order-1005"));
        LoggedRequest r = requests().get(0);
        assertThat(r.getBodyAsString()).isEqualTo("{\"mchid\":\"" + MCH_ID + "\"}");
        assertSignedByMerchant(r, clock.instant().getEpochSecond());
    }

    @Test
    void refund_whenPartial_postsAmountsAndMapsProcessing() {
        server.stubFor(post("/v3/refund/domestic/refunds").willReturn(signed(200,
                "{\"refund_id\":\"50000000382019052709732678859\",\"out_refund_no\":\"refund-1006\",\"status\":\"PROCESSING\","
                        + "\"amount\":{\"total\":9900,\"refund\":3300,\"currency\":\"CNY\"}}")));
        RefundResult r = wechat.refund(RefundRequest.of(PaymentReference.of("order-1006"), "refund-1006",
                Money.ofMinor(3300, "CNY"), Money.ofMinor(9900, "CNY"), "course 2"));
        assertThat(r.state()).isEqualTo(RefundState.PENDING);
        assertThat(r.amount()).isEqualTo(Money.ofMinor(3300, "CNY"));
        LoggedRequest req = requests().get(0);
        assertThat(equalToJson("{\"out_trade_no\":\"order-1006\",\"out_refund_no\":\"refund-1006\",\"reason\":\"course 2\","
                + "\"notify_url\":\"https://shop.example/notify/wechat\",\"amount\":{\"refund\":3300,\"total\":9900,\"currency\":\"CNY\"}}")
                .match(req.getBodyAsString()).isExactMatch()).isTrue();
        assertSignedByMerchant(req, clock.instant().getEpochSecond());
    }

    @Test
    void refund_whenRateLimited_isOutcomeUnknownAndNotRepeated() {
        server.stubFor(post("/v3/refund/domestic/refunds").willReturn(aResponse().withStatus(429)
                .withBody("{\"code\":\"RATELIMIT_EXCEEDED\",\"message\":\"slow down\"}")));
        assertThatThrownBy(() -> wechat.refund(RefundRequest.of(PaymentReference.of("order-1007"), "refund-1007",
                Money.ofMinor(1, "CNY"), Money.ofMinor(2, "CNY"), null)))
                .isInstanceOfSatisfying(RemoteException.class, e -> {
                    assertThat(e.outcomeUnknown()).isTrue();
                    assertThat(e.isRetryable()).isFalse();
                    assertThat(e.providerCode()).isEqualTo("RATELIMIT_EXCEEDED");
                });
        assertThat(requests()).hasSize(1);
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void create_whenSystemErrorThenSuccess_retriesWithFreshSignature() {
        server.stubFor(post("/v3/pay/transactions/native").inScenario("5xx").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500).withBody("{\"code\":\"SYSTEM_ERROR\",\"message\":\"busy\"}")).willSetStateTo("ok"));
        server.stubFor(post("/v3/pay/transactions/native").inScenario("5xx").whenScenarioStateIs("ok")
                .willReturn(signed(200, "{\"code_url\":\"weixin://x\"}")));
        wechat.create(CreatePaymentRequest.builder("order-1008", Money.ofMinor(1, "CNY"), PaymentFlow.QR_CODE).build());
        assertThat(requests()).hasSize(2);
        requests().forEach(r -> assertSignedByMerchant(r, clock.instant().getEpochSecond()));
        // each attempt is signed afresh: a new nonce, so never the first attempt's header replayed
        assertThat(requests()).extracting(r -> r.getHeader("Authorization")).doesNotHaveDuplicates();
        assertThat(sleeper.waits).hasSize(1);
    }

    @Test
    void create_whenResponseUnsigned_isTreatedAsForged() {
        server.stubFor(post("/v3/pay/transactions/native").willReturn(aResponse().withStatus(200)
                .withBody("{\"code_url\":\"weixin://evil\"}")));
        assertThatThrownBy(() -> wechat.create(CreatePaymentRequest.builder("order-1009", Money.ofMinor(1, "CNY"),
                PaymentFlow.QR_CODE).build())).isInstanceOfSatisfying(RemoteException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VERIFICATION_FAILED);
                    assertThat(e.outcomeUnknown()).isTrue();
                });
    }

    @Test
    void query_whenResponseSignedTooLongAgo_isRejected() {
        server.stubFor(get(urlEqualTo("/v3/pay/transactions/out-trade-no/order-1010?mchid=" + MCH_ID)).willReturn(
                signed(200, "{\"trade_state\":\"SUCCESS\"}", clock.instant().getEpochSecond() - 301)));
        assertThatThrownBy(() -> wechat.query(PaymentReference.of("order-1010")))
                .isInstanceOfSatisfying(RemoteException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VERIFICATION_FAILED));
    }

    @Test
    void create_whenCurrencyNotCny_isRejectedBeforeSending() {
        assertThatThrownBy(() -> wechat.create(CreatePaymentRequest.builder("order-1011", Money.ofMinor(1, "USD"),
                PaymentFlow.QR_CODE).build())).hasMessageContaining("CNY");
        assertThat(requests()).isEmpty();
    }

    // ---- notifications ----

    static String encrypt(String plaintext, String nonce, String aad) throws Exception {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(API_V3_KEY.getBytes(StandardCharsets.UTF_8), "AES"),
                new GCMParameterSpec(128, nonce.getBytes(StandardCharsets.UTF_8)));
        c.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
    }

    static String notification(String id, String eventType, String resourcePlain) throws Exception {
        String nonce = "fdasflkja484";
        return "{\"id\":\"" + id + "\",\"create_time\":\"2026-03-01T17:59:30+08:00\",\"resource_type\":\"encrypt-resource\","
                + "\"event_type\":\"" + eventType + "\",\"summary\":\"支付成功\",\"resource\":{\"original_type\":\"transaction\","
                + "\"algorithm\":\"AEAD_AES_256_GCM\",\"ciphertext\":\"" + encrypt(resourcePlain, nonce, "transaction")
                + "\",\"associated_data\":\"transaction\",\"nonce\":\"" + nonce + "\"}}";
    }

    static String paidResource(String mchId, long total) {
        return "{\"mchid\":\"" + mchId + "\",\"appid\":\"" + APP_ID + "\",\"out_trade_no\":\"order-1003\",\"transaction_id\":\"4200000001\","
                + "\"trade_type\":\"NATIVE\",\"trade_state\":\"SUCCESS\",\"success_time\":\"2026-03-01T17:59:00+08:00\","
                + "\"amount\":{\"total\":" + total + ",\"payer_total\":" + total + ",\"currency\":\"CNY\",\"payer_currency\":\"CNY\"}}";
    }

    Map<String, String> headers(String body, long ts, String serial, KeyPair key) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Wechatpay-Timestamp", String.valueOf(ts));
        h.put("Wechatpay-Nonce", "n0nce");
        h.put("Wechatpay-Serial", serial);
        h.put("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048");
        h.put("Wechatpay-Signature", TestKeys.sign(key.getPrivate(), (ts + "\nn0nce\n" + body + "\n").getBytes(StandardCharsets.UTF_8)));
        return h;
    }

    NotificationOutcome deliver(String body, Map<String, String> headers) {
        return wechat.parseNotification(body.getBytes(StandardCharsets.UTF_8), headers);
    }

    static RejectionReason reason(NotificationOutcome o) {
        assertThat(o).isInstanceOf(NotificationOutcome.Rejected.class);
        return ((NotificationOutcome.Rejected) o).reason();
    }

    @Test
    void parseNotification_whenSignedByCertificateOrPublicKey_decryptsPaidEvent() throws Exception {
        String body = notification("EV-2018022511223320873", "TRANSACTION.SUCCESS", paidResource(MCH_ID, 9900));
        long now = clock.instant().getEpochSecond();
        for (Map<String, String> h : List.of(headers(body, now, PLATFORM_SERIAL, PLATFORM), headers(body, now, PUB_KEY_ID, WECHAT_PUBLIC))) {
            NotificationOutcome o = deliver(body, h);
            assertThat(o).isInstanceOf(NotificationOutcome.Verified.class);
            PaymentEvent e = ((NotificationOutcome.Verified) o).event();
            assertThat(e.eventId()).isEqualTo("EV-2018022511223320873");
            assertThat(e.type()).isEqualTo(PaymentEventType.PAYMENT_SUCCEEDED);
            assertThat(e.merchantReference()).isEqualTo("order-1003");
            assertThat(e.amount()).isEqualTo(Money.ofMinor(9900, "CNY"));
            assertThat(e.merchantId()).isEqualTo(MCH_ID);
            assertThat(wechat.acknowledge(o).httpStatus()).isEqualTo(204);
        }
    }

    @Test
    void parseNotification_whenSerialSpelledWithLeadingZerosOrLowerCase_findsTheConfiguredCertificate() throws Exception {
        wechat = new WechatPayProvider(WechatPayConfig.builder(MCH_ID, APP_ID)
                .merchantKey(MERCHANT_SERIAL, MERCHANT.getPrivate()).apiV3Key(Secret.of(API_V3_KEY))
                .verificationKey("0abc0123", PLATFORM.getPublic())
                .baseUrl(server.baseUrl()).notifyUrl("https://shop.example/notify/wechat").clock(clock).build());
        String body = notification("EV-serial-spelling", "TRANSACTION.SUCCESS", paidResource(MCH_ID, 9900));
        long now = clock.instant().getEpochSecond();
        // WeChat Pay writes serials as fixed-width upper-case hex; the certificate's own number has no leading zero
        for (String serial : List.of("000000000000000000000000000000000ABC0123", "abc0123", "ABC0123")) {
            assertThat(deliver(body, headers(body, now, serial, PLATFORM))).as(serial)
                    .isInstanceOf(NotificationOutcome.Verified.class);
        }
        assertThat(reason(deliver(body, headers(body, now, "ABC0124", PLATFORM)))).isEqualTo(RejectionReason.UNKNOWN_KEY);
    }

    @Test
    void parseNotification_whenRefundSucceeded_carriesRefundReference() throws Exception {
        String plain = "{\"mchid\":\"" + MCH_ID + "\",\"out_trade_no\":\"order-1006\",\"transaction_id\":\"4200000001\","
                + "\"out_refund_no\":\"refund-1006\",\"refund_id\":\"50000000382019052709732678859\",\"refund_status\":\"SUCCESS\","
                + "\"success_time\":\"2026-03-01T18:00:00+08:00\",\"amount\":{\"total\":9900,\"refund\":3300,\"payer_total\":9900,\"payer_refund\":3300}}";
        String body = notification("EV-refund-1", "REFUND.SUCCESS", plain);
        PaymentEvent e = ((NotificationOutcome.Verified) deliver(body, headers(body, clock.instant().getEpochSecond(), PLATFORM_SERIAL, PLATFORM))).event();
        assertThat(e.type()).isEqualTo(PaymentEventType.REFUND_SUCCEEDED);
        assertThat(e.refundReference()).isEqualTo("refund-1006");
        assertThat(e.amount()).isEqualTo(Money.ofMinor(3300, "CNY"));
    }

    @Test
    void parseNotification_whenRefundAbnormal_isLeftToTheRefundQueryNotReportedFailed() throws Exception {
        // REFUND.ABNORMAL: the payer's account cannot take the money; the merchant routes it and the refund may
        // still succeed, so it must not end as a failed refund that reconciliation never asks about again
        String plain = "{\"mchid\":\"" + MCH_ID + "\",\"out_trade_no\":\"order-1007\",\"transaction_id\":\"4200000002\","
                + "\"out_refund_no\":\"refund-1007\",\"refund_id\":\"50000000382019052709732678860\",\"refund_status\":\"ABNORMAL\","
                + "\"amount\":{\"total\":9900,\"refund\":9900,\"payer_total\":9900,\"payer_refund\":9900}}";
        String body = notification("EV-refund-2", "REFUND.ABNORMAL", plain);
        PaymentEvent e = ((NotificationOutcome.Verified) deliver(body, headers(body, clock.instant().getEpochSecond(), PLATFORM_SERIAL, PLATFORM))).event();
        assertThat(e.type()).isEqualTo(PaymentEventType.IGNORED);
        assertThat(e.providerEventType()).isEqualTo("REFUND.ABNORMAL");
        assertThat(e.refundReference()).isEqualTo("refund-1007");

        String closed = notification("EV-refund-3", "REFUND.CLOSED", plain.replace("ABNORMAL", "CLOSED"));
        PaymentEvent c = ((NotificationOutcome.Verified) deliver(closed, headers(closed, clock.instant().getEpochSecond(), PLATFORM_SERIAL, PLATFORM))).event();
        assertThat(c.type()).isEqualTo(PaymentEventType.REFUND_FAILED);
    }

    @Test
    void parseNotification_whenTampered_isRejectedWithReason() throws Exception {
        String body = notification("EV-1", "TRANSACTION.SUCCESS", paidResource(MCH_ID, 9900));
        long now = clock.instant().getEpochSecond();
        Map<String, String> good = headers(body, now, PLATFORM_SERIAL, PLATFORM);

        Map<String, String> badSig = new HashMap<>(good);
        badSig.put("Wechatpay-Signature", headers(body, now, PLATFORM_SERIAL, WECHAT_PUBLIC).get("Wechatpay-Signature"));
        assertThat(reason(deliver(body, badSig))).isEqualTo(RejectionReason.BAD_SIGNATURE);

        assertThat(reason(deliver(body, headers(body, now - 301, PLATFORM_SERIAL, PLATFORM)))).isEqualTo(RejectionReason.STALE_TIMESTAMP);
        assertThat(reason(deliver(body, headers(body, now + 301, PLATFORM_SERIAL, PLATFORM)))).isEqualTo(RejectionReason.FUTURE_TIMESTAMP);

        Map<String, String> probe = new HashMap<>(good);
        probe.put("Wechatpay-Signature", "WECHATPAY/SIGNTEST/Y2hlY2sgc2lnbmF0dXJl");
        NotificationOutcome probed = deliver(body, probe);
        assertThat(reason(probed)).isEqualTo(RejectionReason.SIGNATURE_PROBE);
        assertThat(wechat.acknowledge(probed).httpStatus()).isEqualTo(401);
        assertThat(wechat.acknowledge(probed).body()).contains("\"code\":\"FAIL\"");

        Map<String, String> notBase64 = new HashMap<>(good);
        notBase64.put("Wechatpay-Signature", "%%%not-base64%%%");
        assertThat(reason(deliver(body, notBase64))).isEqualTo(RejectionReason.BAD_SIGNATURE);

        String reserialised = body.replace(",\"", ", \"");
        assertThat(reason(deliver(reserialised, good))).isEqualTo(RejectionReason.BAD_SIGNATURE);

        assertThat(reason(deliver(body, headers(body, now, "UNKNOWNSERIAL", PLATFORM)))).isEqualTo(RejectionReason.UNKNOWN_KEY);

        Map<String, String> missing = new HashMap<>(good);
        missing.remove("Wechatpay-Nonce");
        assertThat(reason(deliver(body, missing))).isEqualTo(RejectionReason.MISSING_SIGNATURE);
    }

    @Test
    void parseNotification_whenOtherMerchantOrWrongKeyOrAmount_grantsNothing() throws Exception {
        long now = clock.instant().getEpochSecond();
        String other = notification("EV-2", "TRANSACTION.SUCCESS", paidResource("1900000000", 9900));
        assertThat(reason(deliver(other, headers(other, now, PLATFORM_SERIAL, PLATFORM)))).isEqualTo(RejectionReason.WRONG_MERCHANT);

        WechatPayProvider wrongKey = new WechatPayProvider(config().apiV3Key(Secret.of("0123456789abcdef0123456789abcdef")).build());
        String body = notification("EV-3", "TRANSACTION.SUCCESS", paidResource(MCH_ID, 9900));
        assertThat(reason(wrongKey.parseNotification(body.getBytes(StandardCharsets.UTF_8), headers(body, now, PLATFORM_SERIAL, PLATFORM))))
                .isEqualTo(RejectionReason.DECRYPTION_FAILED);

        String cheap = notification("EV-4", "TRANSACTION.SUCCESS", paidResource(MCH_ID, 1));
        PaymentEvent e = ((NotificationOutcome.Verified) deliver(cheap, headers(cheap, now, PLATFORM_SERIAL, PLATFORM))).event();
        assertThat(reason(e.checkAgainst("order-1003", Money.ofMinor(9900, "CNY")))).isEqualTo(RejectionReason.AMOUNT_MISMATCH);
    }

    @Test
    void config_whenPrinted_hidesKeys() {
        String text = config().build().toString() + wechat;
        assertThat(text).doesNotContain(API_V3_KEY).contains("(redacted)");
        assertThat(Duration.ofMinutes(5)).isEqualTo(Duration.ofSeconds(300));
    }
}
