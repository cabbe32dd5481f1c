package io.learnloop.payment.wechat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.learnloop.core.error.RemoteException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.money.Money;
import io.learnloop.core.testing.MutableClock;
import io.learnloop.http.SharedHttpClient;
import com.wechat.pay.java.service.payments.h5.model.H5Info;
import io.learnloop.payment.H5Scene;
import io.learnloop.payment.NotificationOutcome;
import io.learnloop.payment.PaymentFlow;
import io.learnloop.payment.PaymentSession;
import io.learnloop.payment.RejectionReason;
import io.learnloop.payment.Secret;
import io.learnloop.payment.WechatAppParameters;
import io.learnloop.payment.WechatJsapiParameters;
import io.learnloop.payment.spi.Capability;
import io.learnloop.payment.spi.CreatePaymentRequest;
import io.learnloop.payment.testing.RecordingSleeper;
import io.learnloop.payment.testing.StubServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.learnloop.payment.wechat.WechatPayProviderTest.API_V3_KEY;
import static io.learnloop.payment.wechat.WechatPayProviderTest.APP_ID;
import static io.learnloop.payment.wechat.WechatPayProviderTest.MCH_ID;
import static io.learnloop.payment.wechat.WechatPayProviderTest.MERCHANT;
import static io.learnloop.payment.wechat.WechatPayProviderTest.MERCHANT_SERIAL;
import static io.learnloop.payment.wechat.WechatPayProviderTest.PLATFORM;
import static io.learnloop.payment.wechat.WechatPayProviderTest.PLATFORM_SERIAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The JSAPI (official account), mini-program, H5 and APP flows: each posts to its own endpoint with its own appid and
 * fields, signed with the merchant key, and hands the payer's client exactly what it needs, signed as WeChat Pay's
 * client APIs check it.
 */
class WechatPayFlowsTest {
    static final String OFFICIAL_ACCOUNT = "wx8888888888888888";
    static final String MINI_PROGRAM = "wx7777777777777777";
    static final String MOBILE_APP = "wx6666666666666666";
    static final String OPENID = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";
    static final String PREPAY_ID = "wx201410272009395522657a690389285100";
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    @RegisterExtension
    static final StubServer server = new StubServer();

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    final WechatPayProvider wechat = new WechatPayProvider(config().build());

    WechatPayConfig.Builder config() {
        return WechatPayConfig.builder(MCH_ID, APP_ID)
                .appId(PaymentFlow.JSAPI, OFFICIAL_ACCOUNT)
                .appId(PaymentFlow.MINI_PROGRAM, MINI_PROGRAM)
                .appId(PaymentFlow.APP, MOBILE_APP)
                .merchantKey(MERCHANT_SERIAL, MERCHANT.getPrivate())
                .apiV3Key(Secret.of(API_V3_KEY))
                .verificationKey(PLATFORM_SERIAL, PLATFORM.getPublic())
                .baseUrl(server.baseUrl()).notifyUrl("https://shop.example/notify/wechat")
                .clock(clock).ids(IdGenerator.sequential("nonce"))
                .http(SharedHttpClient.builder().sleeper(new RecordingSleeper()).build());
    }

    long now() {
        return clock.instant().getEpochSecond();
    }

    static List<LoggedRequest> requests() {
        return server.findAll(anyRequestedFor(anyUrl()));
    }

    static void assertBody(LoggedRequest r, String json) {
        assertThat(equalToJson(json).match(r.getBodyAsString()).isExactMatch()).as(r.getBodyAsString()).isTrue();
    }

    static String order(String appId, String reference, String extra) {
        return "{\"appid\":\"" + appId + "\",\"mchid\":\"" + MCH_ID + "\",\"description\":\"Java 课程\",\"out_trade_no\":\""
                + reference + "\",\"notify_url\":\"https://shop.example/notify/wechat\","
                + "\"amount\":{\"total\":9900,\"currency\":\"CNY\"}" + extra + "}";
    }

    /** SHA256withRSA with the JDK alone, so that the check shares no code with the SDK. */
    static String rsaSign(PrivateKey key, String message) throws GeneralSecurityException {
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(key);
        s.update(message.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(s.sign());
    }

    static boolean rsaVerify(PublicKey key, String message, String base64) throws GeneralSecurityException {
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initVerify(key);
        s.update(message.getBytes(StandardCharsets.UTF_8));
        return s.verify(Base64.getDecoder().decode(base64));
    }

    CreatePaymentRequest.Builder request(String reference, PaymentFlow flow) {
        return CreatePaymentRequest.builder(reference, Money.ofMinor(9900, "CNY"), flow).description("Java 课程");
    }

    @Test
    void create_whenJsapi_postsOpenidWithTheOfficialAccountAppidAndReturnsPaySignTheMerchantKeyVerifies() throws Exception {
        server.stubFor(post("/v3/pay/transactions/jsapi").willReturn(WechatPayProviderTest.signedAt(200,
                "{\"prepay_id\":\"" + PREPAY_ID + "\"}", now())));

        PaymentSession s = wechat.create(request("order-2001", PaymentFlow.JSAPI).payerId(OPENID).build());

        LoggedRequest r = requests().get(0);
        assertBody(r, order(OFFICIAL_ACCOUNT, "order-2001", ",\"payer\":{\"openid\":\"" + OPENID + "\"}"));
        WechatPayProviderTest.assertSignedByMerchant(r, now());
        assertThat(s.providerPaymentId()).isEqualTo(PREPAY_ID);
        WechatJsapiParameters js = s.jsapi();
        assertThat(js.appId()).isEqualTo(OFFICIAL_ACCOUNT);
        assertThat(js.timeStamp()).isEqualTo(String.valueOf(now()));
        assertThat(js.packageValue()).isEqualTo("prepay_id=" + PREPAY_ID);
        assertThat(js.signType()).isEqualTo("RSA");
        assertThat(js.nonceStr()).isNotBlank();
        String message = OFFICIAL_ACCOUNT + "\n" + now() + "\n" + js.nonceStr() + "\nprepay_id=" + PREPAY_ID + "\n";
        assertThat(rsaVerify(MERCHANT.getPublic(), message, js.paySign())).isTrue();
        // PKCS#1 v1.5 is deterministic: recomputed from the same inputs, the signature is the same bytes
        assertThat(js.paySign()).isEqualTo(rsaSign(MERCHANT.getPrivate(), message));
        assertThat(s.jsapiParameters()).containsExactly(Map.entry("appId", OFFICIAL_ACCOUNT),
                Map.entry("timeStamp", js.timeStamp()), Map.entry("nonceStr", js.nonceStr()),
                Map.entry("package", "prepay_id=" + PREPAY_ID), Map.entry("signType", "RSA"),
                Map.entry("paySign", js.paySign()));
        assertThat(s.app()).isNull();
    }

    @Test
    void create_whenMiniProgram_postsToJsapiWithTheMiniProgramAppidAndSignsThatAppid() throws Exception {
        server.stubFor(post("/v3/pay/transactions/jsapi").willReturn(WechatPayProviderTest.signedAt(200,
                "{\"prepay_id\":\"" + PREPAY_ID + "\"}", now())));

        PaymentSession s = wechat.create(request("order-2002", PaymentFlow.MINI_PROGRAM).payerId(OPENID).build());

        assertBody(requests().get(0), order(MINI_PROGRAM, "order-2002", ",\"payer\":{\"openid\":\"" + OPENID + "\"}"));
        WechatPayProviderTest.assertSignedByMerchant(requests().get(0), now());
        WechatJsapiParameters js = s.jsapi();
        assertThat(js.appId()).isEqualTo(MINI_PROGRAM);
        assertThat(rsaVerify(MERCHANT.getPublic(), MINI_PROGRAM + "\n" + js.timeStamp() + "\n" + js.nonceStr() + "\n"
                + js.packageValue() + "\n", js.paySign())).isTrue();
    }

    @Test
    void create_whenH5_postsSceneInfoWithTheClientIpAndReturnsH5UrlAsTheRedirect() {
        String h5Url = "https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=wx2016121516420242444321ca0631331346&package=1405458241";
        server.stubFor(post("/v3/pay/transactions/h5").willReturn(WechatPayProviderTest.signedAt(200,
                "{\"h5_url\":\"" + h5Url.replace("/", "\\/") + "\"}", now())));

        PaymentSession s = wechat.create(request("order-2003", PaymentFlow.H5).payerClientIp("203.0.113.7").build());

        assertBody(requests().get(0), order(APP_ID, "order-2003",
                ",\"scene_info\":{\"payer_client_ip\":\"203.0.113.7\",\"h5_info\":{\"type\":\"Wap\"}}"));
        WechatPayProviderTest.assertSignedByMerchant(requests().get(0), now());
        assertThat(s.redirectUrl()).isEqualTo(h5Url);
        assertThat(s.clientParameters()).isNull();
        assertThat(s.toString()).doesNotContain("tenpay");
    }

    @Test
    void create_whenH5InsideAnIosOrAndroidApp_sendsTheSceneAsWechatpayJavasH5InfoSerializesIt() throws Exception {
        server.stubFor(post("/v3/pay/transactions/h5").willReturn(WechatPayProviderTest.signedAt(200,
                "{\"h5_url\":\"https:\\/\\/wx.tenpay.com\\/cgi-bin\\/mmpayweb-bin\\/checkmweb?prepay_id=wx1\"}",
                now())));
        H5Info ios = new H5Info();
        ios.setType("iOS");
        ios.setAppName("Learnloop");
        ios.setBundleId("com.learnloop.courses");
        H5Info android = new H5Info();
        android.setType("Android");
        android.setAppName("Learnloop");
        android.setPackageName("com.learnloop.courses");
        H5Info wap = new H5Info();
        wap.setType("Wap");
        wap.setAppName("Learnloop");
        wap.setAppUrl("https://m.learnloop.example");

        wechat.create(request("order-2101", PaymentFlow.H5).payerClientIp("203.0.113.7")
                .h5Scene(H5Scene.ios("Learnloop", "com.learnloop.courses")).build());
        wechat.create(request("order-2102", PaymentFlow.H5).payerClientIp("203.0.113.7")
                .h5Scene(H5Scene.android("Learnloop", "com.learnloop.courses")).build());
        wechat.create(request("order-2103", PaymentFlow.H5).payerClientIp("203.0.113.7")
                .h5Scene(H5Scene.wap("Learnloop", "https://m.learnloop.example")).build());

        List<H5Info> official = List.of(ios, android, wap);
        for (int i = 0; i < 3; i++) {
            com.fasterxml.jackson.databind.JsonNode sent = JSON.readTree(requests().get(i).getBodyAsString())
                    .path("scene_info").path("h5_info");
            assertThat(sent).isEqualTo(JSON.readTree(new com.google.gson.Gson().toJson(official.get(i))));
        }
    }

    @Test
    void h5Scene_whenTypeOrAppFieldsDoNotFit_isRefusedNamingTheField() {
        assertThatThrownBy(() -> new H5Scene("IOS", null, null, null, null))
                .isInstanceOf(ValidationException.class).hasMessageContaining("h5Scene.type");
        assertThatThrownBy(() -> new H5Scene("Wap", null, null, "com.learnloop.courses", null))
                .isInstanceOf(ValidationException.class).hasMessageContaining("h5Scene.bundleId");
        assertThatThrownBy(() -> new H5Scene("iOS", null, null, null, "com.learnloop.courses"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("h5Scene.packageName");
        assertThatThrownBy(() -> H5Scene.wap("x".repeat(65), null))
                .isInstanceOf(ValidationException.class).hasMessageContaining("h5Scene.appName");
        assertThatThrownBy(() -> H5Scene.wap(null, "ftp://m.learnloop.example"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("h5Scene.appUrl");
        assertThatThrownBy(() -> request("order-2104", PaymentFlow.APP).h5Scene(H5Scene.wap(null, null)).build())
                .isInstanceOf(ValidationException.class).hasMessageContaining("h5Scene");
    }

    @Test
    void create_whenApp_returnsPartnerIdPrepayIdAndSignOverAppidTimestampNonceAndPrepayId() throws Exception {
        server.stubFor(post("/v3/pay/transactions/app").willReturn(WechatPayProviderTest.signedAt(200,
                "{\"prepay_id\":\"" + PREPAY_ID + "\"}", now())));

        PaymentSession s = wechat.create(request("order-2004", PaymentFlow.APP).build());

        assertBody(requests().get(0), order(MOBILE_APP, "order-2004", ""));
        WechatPayProviderTest.assertSignedByMerchant(requests().get(0), now());
        WechatAppParameters app = s.app();
        assertThat(app.appId()).isEqualTo(MOBILE_APP);
        assertThat(app.partnerId()).isEqualTo(MCH_ID);
        assertThat(app.prepayId()).isEqualTo(PREPAY_ID);
        assertThat(app.packageValue()).isEqualTo("Sign=WXPay");
        assertThat(app.timestamp()).isEqualTo(String.valueOf(now()));
        String message = MOBILE_APP + "\n" + now() + "\n" + app.nonceStr() + "\n" + PREPAY_ID + "\n";
        assertThat(rsaVerify(MERCHANT.getPublic(), message, app.sign())).isTrue();
        assertThat(app.sign()).isEqualTo(rsaSign(MERCHANT.getPrivate(), message));
        assertThat(app.asMap()).containsOnlyKeys("appid", "partnerid", "prepayid", "package", "noncestr", "timestamp", "sign");
        assertThat(s.jsapi()).isNull();
    }

    @Test
    void toString_whenSessionCarriesWalletSignatures_leavesThemOut() {
        server.stubFor(post("/v3/pay/transactions/jsapi").willReturn(WechatPayProviderTest.signedAt(200,
                "{\"prepay_id\":\"" + PREPAY_ID + "\"}", now())));
        server.stubFor(post("/v3/pay/transactions/app").willReturn(WechatPayProviderTest.signedAt(200,
                "{\"prepay_id\":\"" + PREPAY_ID + "\"}", now())));
        PaymentSession jsapi = wechat.create(request("order-2005", PaymentFlow.JSAPI).payerId(OPENID).build());
        PaymentSession app = wechat.create(request("order-2006", PaymentFlow.APP).build());

        assertThat(jsapi.toString()).contains("(redacted)").doesNotContain(jsapi.jsapi().paySign());
        assertThat(jsapi.jsapi().toString()).doesNotContain(jsapi.jsapi().paySign());
        assertThat(app.toString()).contains("(redacted)").doesNotContain(app.app().sign());
        assertThat(app.app().toString()).doesNotContain(app.app().sign());
    }

    @Test
    void create_whenPayerFieldMissingOrMalformed_namesTheFieldAndSendsNothing() {
        assertThatThrownBy(() -> request("order-2007", PaymentFlow.MINI_PROGRAM).build())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.getMessage()).contains("payerId"));
        assertThatThrownBy(() -> request("order-2008", PaymentFlow.H5).build())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.getMessage()).contains("payerClientIp"));
        for (String bad : List.of("shop.example", "203.0.113.256", "1.2.3", "::g", "203.0.113.7, 10.0.0.1")) {
            assertThatThrownBy(() -> request("order-2009", PaymentFlow.H5).payerClientIp(bad).build()).as(bad)
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.getMessage()).contains("payerClientIp"));
        }
        assertThat(request("order-2010", PaymentFlow.H5).payerClientIp("2001:db8::1").build().payerClientIp()).isEqualTo("2001:db8::1");
        assertThat(requests()).isEmpty();
    }

    @Test
    void create_whenSignedAnswerLacksPrepayId_failsAsOutcomeUnknown() {
        server.stubFor(post("/v3/pay/transactions/app").willReturn(WechatPayProviderTest.signedAt(200, "{}", now())));
        assertThatThrownBy(() -> wechat.create(request("order-2011", PaymentFlow.APP).build()))
                .isInstanceOfSatisfying(RemoteException.class, e -> {
                    assertThat(e.outcomeUnknown()).isTrue();
                    assertThat(e.getMessage()).contains("prepay_id");
                });
    }

    @Test
    void capabilities_whenWechat_coverEveryNewFlow() {
        assertThat(wechat.capabilities()).contains(Capability.JSAPI, Capability.MINI_PROGRAM, Capability.H5, Capability.APP);
    }

    @Test
    void build_whenFlowSpecificAppidIsForAFlowWechatHasNot_namesAppId() {
        assertThatThrownBy(() -> config().appId(PaymentFlow.REDIRECT, "wx5555555555555555").build())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.getMessage()).contains("appId"));
        assertThatThrownBy(() -> config().appId(PaymentFlow.APP, " ").build())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.getMessage()).contains("appId"));
    }

    @Test
    void parseNotification_whenPaidThroughAnyConfiguredAppid_isVerifiedAndAnUnknownAppidIsRejected() throws Exception {
        for (String appId : List.of(APP_ID, OFFICIAL_ACCOUNT, MINI_PROGRAM, MOBILE_APP)) {
            String body = WechatPayProviderTest.notification("EV-" + appId, "TRANSACTION.SUCCESS", paid(appId));
            assertThat(wechat.parseNotification(body.getBytes(StandardCharsets.UTF_8), headers(body))).as(appId)
                    .isInstanceOf(NotificationOutcome.Verified.class);
        }
        String other = WechatPayProviderTest.notification("EV-other", "TRANSACTION.SUCCESS", paid("wx0000000000000000"));
        NotificationOutcome o = wechat.parseNotification(other.getBytes(StandardCharsets.UTF_8), headers(other));
        assertThat(WechatPayProviderTest.reason(o)).isEqualTo(RejectionReason.WRONG_MERCHANT);
    }

    static String paid(String appId) {
        return "{\"mchid\":\"" + MCH_ID + "\",\"appid\":\"" + appId + "\",\"out_trade_no\":\"order-2012\","
                + "\"transaction_id\":\"4200000002\",\"trade_type\":\"JSAPI\",\"trade_state\":\"SUCCESS\","
                + "\"success_time\":\"2026-03-01T17:59:00+08:00\",\"amount\":{\"total\":9900,\"currency\":\"CNY\"}}";
    }

    Map<String, String> headers(String body) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Wechatpay-Timestamp", String.valueOf(now()));
        h.put("Wechatpay-Nonce", "n0nce");
        h.put("Wechatpay-Serial", PLATFORM_SERIAL);
        h.put("Wechatpay-Signature", io.learnloop.payment.testing.TestKeys.sign(PLATFORM.getPrivate(),
                (now() + "\nn0nce\n" + body + "\n").getBytes(StandardCharsets.UTF_8)));
        return h;
    }
}
