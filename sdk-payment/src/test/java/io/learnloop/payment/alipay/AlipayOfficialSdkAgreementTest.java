package io.learnloop.payment.alipay;

import com.alipay.api.AlipayApiException;
import com.alipay.api.CertAlipayRequest;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.internal.util.AlipaySignature;
import com.alipay.api.internal.util.AntCertificationUtil;
import com.alipay.api.internal.util.WebUtils;
import com.alipay.api.request.AlipayTradeAppPayRequest;
import com.alipay.api.request.AlipayTradePagePayRequest;
import com.alipay.api.request.AlipayTradeWapPayRequest;
import io.learnloop.core.money.Money;
import io.learnloop.core.testing.MutableClock;
import io.learnloop.http.SharedHttpClient;
import io.learnloop.payment.NotificationOutcome;
import io.learnloop.payment.PaymentFlow;
import io.learnloop.payment.PaymentSession;
import io.learnloop.payment.RejectionReason;
import io.learnloop.payment.internal.alipay.AlipayCertSn;
import io.learnloop.payment.spi.CreatePaymentRequest;
import io.learnloop.payment.spi.PaymentReference;
import io.learnloop.payment.spi.PaymentState;
import io.learnloop.payment.testing.Forms;
import io.learnloop.payment.testing.RecordingSleeper;
import io.learnloop.payment.testing.StubServer;
import io.learnloop.payment.testing.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our Alipay requests against the official SDK, {@code com.alipay.sdk:alipay-sdk-java} 4.40.734.ALL, on the same
 * inputs: the same keys, certificates, business content and URLs. The SDK stamps its requests with the system clock
 * and names itself in an extra signed parameter ({@code alipay_sdk}); every other parameter must be equal, and for
 * our own parameters the SDK's signing string ({@code AlipaySignature.getSignContent}), signature
 * ({@code rsaSign}, RSA2, deterministic) and encoding ({@code WebUtils.buildQuery}, what {@code sdkExecute} and
 * {@code pageExecute(…, "GET")} return) must give exactly ours. Certificate serial numbers must be
 * {@code AntCertificationUtil}'s; notifications and responses signed by the SDK's code must verify here, and
 * tampered ones must fail both here and in the SDK.
 */
class AlipayOfficialSdkAgreementTest {
    static final String APP_ID = AlipayProviderTest.APP_ID;
    static final String NOTIFY = "https://shop.example/notify/alipay";
    static final String RETURN = "https://m.shop.example/paid?o=1&x=a b";
    static final KeyPair APP = AlipayProviderTest.APP;
    static final KeyPair ALIPAY = AlipayProviderTest.ALIPAY_NEW;
    /** Parameters the official SDK adds or stamps itself: its own name, its clock, and the signature covering both. */
    static final List<String> SDK_STAMPED = List.of("alipay_sdk", "timestamp", "sign");

    @RegisterExtension
    static final StubServer server = new StubServer();

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    static String base64(byte[] der) {
        return Base64.getEncoder().encodeToString(der);
    }

    static String pem(List<X509Certificate> certificates) {
        StringBuilder b = new StringBuilder();
        for (X509Certificate c : certificates) {
            try {
                b.append("-----BEGIN CERTIFICATE-----\n")
                        .append(Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(c.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            } catch (CertificateEncodingException e) {
                throw new AssertionError(e);
            }
        }
        return b.toString();
    }

    DefaultAlipayClient officialPublicKeyMode() {
        return new DefaultAlipayClient(server.baseUrl() + "/gateway.do", APP_ID, base64(APP.getPrivate().getEncoded()),
                "JSON", "utf-8", base64(ALIPAY.getPublic().getEncoded()), "RSA2");
    }

    AlipayProvider oursPublicKeyMode() {
        return new AlipayProvider(AlipayConfig.builder(APP_ID).appPrivateKey(APP.getPrivate()).alipayPublicKey(ALIPAY.getPublic())
                .gatewayUrl(server.baseUrl() + "/gateway.do").notifyUrl(NOTIFY).clock(clock)
                .http(SharedHttpClient.builder().sleeper(new RecordingSleeper()).build()).build());
    }

    static DefaultAlipayClient officialCertificateMode(AlipayTestPki pki) throws AlipayApiException {
        CertAlipayRequest r = new CertAlipayRequest();
        r.setServerUrl(server.baseUrl() + "/gateway.do");
        r.setAppId(APP_ID);
        r.setPrivateKey(base64(pki.app.privateKey().getEncoded()));
        r.setFormat("JSON");
        r.setCharset("utf-8");
        r.setSignType("RSA2");
        r.setCertContent(pem(List.of(pki.app.certificate())));
        r.setAlipayPublicCertContent(pem(List.of(pki.alipayA.certificate())));
        r.setRootCertContent(pem(pki.rootChain()));
        return new DefaultAlipayClient(r);
    }

    AlipayProvider oursCertificateMode(AlipayTestPki pki) {
        return new AlipayProvider(AlipayConfig.builder(APP_ID).appPrivateKey(pki.app.privateKey())
                .certificates(pki.app.certificate(), pki.alipayA.certificate(), pki.rootChain())
                .gatewayUrl(server.baseUrl() + "/gateway.do").notifyUrl(NOTIFY).clock(clock)
                .http(SharedHttpClient.builder().sleeper(new RecordingSleeper()).build()).build());
    }

    static Map<String, String> without(Map<String, String> params, List<String> names) {
        Map<String, String> m = new TreeMap<>(params);
        names.forEach(m::remove);
        return m;
    }

    /**
     * Our request parameters: the SDK's signing string and RSA2 signature of them are ours, and the SDK's encoding of
     * them is the text we produced.
     */
    static void assertSignedAsTheSdkSigns(Map<String, String> ours, PrivateKey key, String ourText, boolean whole)
            throws Exception {
        Map<String, String> unsigned = without(ours, List.of("sign"));
        String officialContent = AlipaySignature.getSignContent(unsigned);
        assertThat(AlipayProviderTest.content(ours, List.of("sign"))).isEqualTo(officialContent);
        assertThat(ours.get("sign")).as("the SDK's RSA2 signature of our signing string")
                .isEqualTo(AlipaySignature.rsaSign(officialContent, base64(key.getEncoded()), "utf-8", "RSA2"));
        if (whole) {
            assertThat(ourText).as("the SDK's encoding of our parameters").isEqualTo(WebUtils.buildQuery(new TreeMap<>(ours), "utf-8"));
        }
    }

    /** The official SDK's own request verifies under our signing-string rule, and carries our other parameters. */
    static void assertSameRequest(Map<String, String> official, Map<String, String> ours, PublicKey appKey) {
        assertThat(official).containsKey("alipay_sdk").containsKey("timestamp");
        assertThat(without(official, SDK_STAMPED)).isEqualTo(without(ours, SDK_STAMPED));
        assertThat(TestKeys.verify(appKey,
                AlipayProviderTest.content(official, List.of("sign")).getBytes(StandardCharsets.UTF_8), official.get("sign")))
                .as("the SDK's signature verifies over our signing string of its parameters").isTrue();
    }

    /** The parameters a browser submits for the SDK's form (which escapes only {@code "} in values). */
    static Map<String, String> officialForm(String html) {
        return AlipayChannelsTest.submitted(html);
    }

    // ---- app pay: sdkExecute ----

    @Test
    void appOrderString_agreesWithSdkExecute() throws Exception {
        PaymentSession s = oursPublicKeyMode().create(CreatePaymentRequest.builder("order-5001", Money.ofMinor(9900, "CNY"),
                PaymentFlow.APP).description("Java 课程 & more").expiresAt(Instant.parse("2026-03-01T10:30:00Z")).build());
        String ours = s.alipayAppOrder().orderString();
        Map<String, String> p = Forms.decode(ours);

        AlipayTradeAppPayRequest official = new AlipayTradeAppPayRequest();
        official.setNotifyUrl(NOTIFY);
        official.setBizContent(p.get("biz_content"));
        String officialOrder = officialPublicKeyMode().sdkExecute(official).getBody();

        assertSameRequest(Forms.decode(officialOrder), p, APP.getPublic());
        assertSignedAsTheSdkSigns(p, APP.getPrivate(), ours, true);
        assertThat(AlipaySignature.rsaCheckV2(new HashMap<>(p), base64(APP.getPublic().getEncoded()), "utf-8", "RSA2"))
                .as("the SDK's check of a signed request (only sign left out)").isTrue();
    }

    // ---- WAP and PC page pay: pageExecute, POST form and GET URL ----

    @Test
    void wapFormAndUrl_agreeWithPageExecute() throws Exception {
        PaymentSession s = oursPublicKeyMode().create(CreatePaymentRequest.builder("order-5002", Money.ofMinor(1, "CNY"),
                PaymentFlow.WAP).description("手机网站 \"quoted\"").returnUrl(RETURN).cancelUrl("https://m.shop.example/cart").build());
        Map<String, String> byUrl = Forms.decode(URI.create(s.redirectUrl()).getRawQuery());

        AlipayTradeWapPayRequest official = new AlipayTradeWapPayRequest();
        official.setNotifyUrl(NOTIFY);
        official.setReturnUrl(RETURN);
        official.setBizContent(byUrl.get("biz_content"));
        DefaultAlipayClient sdk = officialPublicKeyMode();
        Map<String, String> officialPost = officialForm(sdk.pageExecute(official).getBody());
        String officialGet = sdk.pageExecute(official, "GET").getBody();

        assertThat(byUrl.get("biz_content")).contains("\"product_code\":\"QUICK_WAP_WAY\"").contains("\"quit_url\":");
        assertThat(AlipayChannelsTest.submitted(s.alipayForm().html())).isEqualTo(byUrl);
        assertSameRequest(officialPost, byUrl, APP.getPublic());
        assertSameRequest(Forms.decode(URI.create(officialGet).getRawQuery()), byUrl, APP.getPublic());
        assertThat(officialGet).startsWith(server.baseUrl() + "/gateway.do?");
        String query = s.redirectUrl().substring(s.redirectUrl().indexOf('?') + 1);
        assertSignedAsTheSdkSigns(byUrl, APP.getPrivate(), query, true);
        // as in the SDK's form, biz_content alone is posted; everything else is in the action
        assertThat(s.alipayForm().fields()).containsOnlyKeys("biz_content");
    }

    @Test
    void pagePayUrl_agreesWithPageExecute() throws Exception {
        PaymentSession s = oursPublicKeyMode().create(CreatePaymentRequest.builder("order-5003", Money.ofMinor(12345, "CNY"),
                PaymentFlow.REDIRECT).description("PC 课程").returnUrl(RETURN).build());
        Map<String, String> byUrl = Forms.decode(URI.create(s.redirectUrl()).getRawQuery());

        AlipayTradePagePayRequest official = new AlipayTradePagePayRequest();
        official.setNotifyUrl(NOTIFY);
        official.setReturnUrl(RETURN);
        official.setBizContent(byUrl.get("biz_content"));
        DefaultAlipayClient sdk = officialPublicKeyMode();

        assertThat(byUrl.get("biz_content")).contains("\"total_amount\":\"123.45\"").contains("\"product_code\":\"FAST_INSTANT_TRADE_PAY\"");
        assertSameRequest(Forms.decode(URI.create(sdk.pageExecute(official, "GET").getBody()).getRawQuery()), byUrl, APP.getPublic());
        assertSameRequest(officialForm(sdk.pageExecute(official).getBody()), byUrl, APP.getPublic());
        assertSignedAsTheSdkSigns(byUrl, APP.getPrivate(), s.redirectUrl().substring(s.redirectUrl().indexOf('?') + 1), true);
    }

    // ---- certificate mode ----

    @Test
    void certificateSerialNumbers_agreeWithAntCertificationUtil() throws Exception {
        AlipayTestPki pki = AlipayTestPki.get();
        for (X509Certificate c : List.of(pki.app.certificate(), pki.alipayA.certificate(), pki.alipayB.certificate(),
                pki.alipayC.certificate(), pki.class2, pki.rootR1, pki.rootG3, pki.rootE1, pki.foreign.certificate())) {
            assertThat(AlipayCertSn.of(c)).as(c.getSubjectX500Principal().getName())
                    .isEqualTo(AntCertificationUtil.getCertSN(c))
                    .isEqualTo(AntCertificationUtil.getCertSN(AntCertificationUtil.getCertFromContent(pem(List.of(c)))));
        }
        // the root file's order (RSA, ECDSA, RSA): the ECDSA-signed root is left out of alipay_root_cert_sn
        assertThat(AlipayCertSn.rootOf(pki.rootChain())).isEqualTo(AntCertificationUtil.getRootCertSN(pem(pki.rootChain())))
                .isEqualTo(AlipayCertSn.of(pki.rootR1) + "_" + AlipayCertSn.of(pki.rootG3));
        assertThat(AlipayCertSn.rootOf(List.of(pki.rootG3, pki.rootE1, pki.rootR1)))
                .isEqualTo(AntCertificationUtil.getRootCertSN(pem(List.of(pki.rootG3, pki.rootE1, pki.rootR1))));
    }

    @Test
    void certificateModeRequests_agreeWithTheSdkInCertificateMode() throws Exception {
        AlipayTestPki pki = AlipayTestPki.get();
        AlipayProvider ours = oursCertificateMode(pki);
        DefaultAlipayClient sdk = officialCertificateMode(pki);

        PaymentSession app = ours.create(CreatePaymentRequest.builder("order-5010", Money.ofMinor(100, "CNY"), PaymentFlow.APP).build());
        Map<String, String> appParams = Forms.decode(app.alipayAppOrder().orderString());
        AlipayTradeAppPayRequest officialApp = new AlipayTradeAppPayRequest();
        officialApp.setNotifyUrl(NOTIFY);
        officialApp.setBizContent(appParams.get("biz_content"));
        Map<String, String> officialAppParams = Forms.decode(sdk.sdkExecute(officialApp).getBody());

        assertThat(officialAppParams).containsKeys("app_cert_sn", "alipay_root_cert_sn");
        assertSameRequest(officialAppParams, appParams, pki.app.certificate().getPublicKey());
        assertSignedAsTheSdkSigns(appParams, pki.app.privateKey(), app.alipayAppOrder().orderString(), true);

        PaymentSession wap = ours.create(CreatePaymentRequest.builder("order-5011", Money.ofMinor(100, "CNY"), PaymentFlow.WAP)
                .returnUrl(RETURN).build());
        Map<String, String> wapParams = AlipayChannelsTest.submitted(wap.alipayForm().html());
        AlipayTradeWapPayRequest officialWap = new AlipayTradeWapPayRequest();
        officialWap.setNotifyUrl(NOTIFY);
        officialWap.setReturnUrl(RETURN);
        officialWap.setBizContent(wapParams.get("biz_content"));
        assertSameRequest(officialForm(sdk.pageExecute(officialWap).getBody()), wapParams, pki.app.certificate().getPublicKey());
        assertSignedAsTheSdkSigns(wapParams, pki.app.privateKey(), null, false);
    }

    static Map<String, String> notification(String outTradeNo) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("notify_time", "2026-03-01 17:59:30");
        p.put("notify_type", "trade_status_sync");
        p.put("notify_id", "2026030100222175900098131409999");
        p.put("charset", "utf-8");
        p.put("version", "1.0");
        p.put("app_id", APP_ID);
        p.put("auth_app_id", APP_ID);
        p.put("seller_id", AlipayProviderTest.SELLER_ID);
        p.put("out_trade_no", outTradeNo);
        p.put("trade_no", "2026030122001409999");
        p.put("trade_status", "TRADE_SUCCESS");
        p.put("total_amount", "1.00");
        p.put("subject", "手机网站 & 课程");
        p.put("gmt_payment", "2026-03-01 17:59:00");
        p.put("sign_type", "RSA2");
        return p;
    }

    /** Signs as Alipay does, with the SDK's own V1 content (sign and sign_type left out) and RSA2. */
    static Map<String, String> signedBySdk(Map<String, String> p, PrivateKey alipayKey) throws AlipayApiException {
        String content = AlipaySignature.getSignCheckContentV1(new HashMap<>(p));
        Map<String, String> signed = new LinkedHashMap<>(p);
        signed.put("sign", AlipaySignature.rsaSign(content, base64(alipayKey.getEncoded()), "utf-8", "RSA2"));
        return signed;
    }

    @Test
    void certificateModeNotification_signedAsAlipaySigns_verifiesHereAndInTheSdk(@TempDir Path dir) throws Exception {
        AlipayTestPki pki = AlipayTestPki.get();
        Path alipayCert = dir.resolve("alipayCertPublicKey_RSA2.crt");
        Files.writeString(alipayCert, pem(List.of(pki.alipayA.certificate())));
        Map<String, String> signed = signedBySdk(notification("order-5020"), pki.alipayA.privateKey());

        NotificationOutcome outcome = oursCertificateMode(pki).parseNotification(AlipayProviderTest.form(signed),
                Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"));

        assertThat(outcome.verified()).isTrue();
        assertThat(AlipaySignature.rsaCertCheckV1(new HashMap<>(signed), alipayCert.toString(), "utf-8", "RSA2")).isTrue();
    }

    @Test
    void certificateModeNotification_whenTampered_isRejectedHereAndInTheSdk(@TempDir Path dir) throws Exception {
        AlipayTestPki pki = AlipayTestPki.get();
        Path alipayCert = dir.resolve("alipayCertPublicKey_RSA2.crt");
        Files.writeString(alipayCert, pem(List.of(pki.alipayA.certificate())));
        Map<String, String> tampered = signedBySdk(notification("order-5021"), pki.alipayA.privateKey());
        tampered.put("total_amount", "0.01");
        // signed by a key whose certificate was not issued under the configured root: the foreign "F" certificate
        Map<String, String> foreign = signedBySdk(notification("order-5022"), pki.foreign.privateKey());

        AlipayProvider ours = oursCertificateMode(pki);
        for (Map<String, String> bad : List.of(tampered, foreign)) {
            NotificationOutcome outcome = ours.parseNotification(AlipayProviderTest.form(bad),
                    Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"));
            assertThat(outcome).isInstanceOfSatisfying(NotificationOutcome.Rejected.class,
                    r -> assertThat(r.reason()).isEqualTo(RejectionReason.BAD_SIGNATURE));
            assertThat(AlipaySignature.rsaCertCheckV1(new HashMap<>(bad), alipayCert.toString(), "utf-8", "RSA2")).isFalse();
        }
    }

    @Test
    void certificateModeResponse_signedAsAlipaySignsAndNamingItsCertificate_verifies() throws Exception {
        AlipayTestPki pki = AlipayTestPki.get();
        String inner = "{\"code\":\"10000\",\"msg\":\"Success\",\"trade_no\":\"2026030122001\",\"out_trade_no\":\"order-5030\","
                + "\"trade_status\":\"TRADE_SUCCESS\",\"total_amount\":\"1.00\"}";
        String sign = AlipaySignature.rsaSign(inner, base64(pki.alipayA.privateKey().getEncoded()), "utf-8", "RSA2");
        server.stubFor(post(urlPathEqualTo("/gateway.do")).withQueryParam("method", equalTo("alipay.trade.query"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html;charset=utf-8")
                        .withBody("{\"alipay_trade_query_response\":" + inner + ",\"alipay_cert_sn\":\""
                                + AntCertificationUtil.getCertSN(pki.alipayA.certificate()) + "\",\"sign\":\"" + sign + "\"}")));

        assertThat(oursCertificateMode(pki).query(PaymentReference.of("order-5030")).state()).isEqualTo(PaymentState.PAID);
    }
}
