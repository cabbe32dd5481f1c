package io.learnloop.payment.alipay;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.RemoteException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.money.Money;
import io.learnloop.core.testing.MutableClock;
import io.learnloop.payment.spi.CreatePaymentRequest;
import io.learnloop.payment.NotificationOutcome;
import io.learnloop.payment.PaymentFlow;
import io.learnloop.payment.spi.PaymentReference;
import io.learnloop.payment.PaymentSession;
import io.learnloop.payment.spi.PaymentState;
import io.learnloop.payment.spi.RefundRequest;
import io.learnloop.payment.RejectionReason;
import io.learnloop.http.SharedHttpClient;
import io.learnloop.payment.testing.Forms;
import io.learnloop.payment.testing.RecordingSleeper;
import io.learnloop.payment.testing.StubServer;
import io.learnloop.payment.testing.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Certificate mode (公钥证书模式) with real certificates: requests carry {@code app_cert_sn} and
 * {@code alipay_root_cert_sn} inside the signed content; responses are verified with the configured Alipay certificate
 * their {@code alipay_cert_sn} names; notifications with the configured certificates' keys.
 */
class AlipayCertificateModeTest {
    static final AlipayTestPki PKI = AlipayTestPki.get();
    static final String APP_ID = AlipayProviderTest.APP_ID;

    @RegisterExtension
    static final StubServer server = new StubServer();

    // 2026-03-01 18:00:00 in Beijing: app, Alipay A and Alipay B are all valid
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    /** The Alipay SN written out from the documented formula: MD5(issuer RFC 2253 name + decimal serial), 32 hex digits. */
    static String sn(X509Certificate c) {
        try {
            byte[] d = MessageDigest.getInstance("MD5").digest((c.getIssuerX500Principal().getName() + c.getSerialNumber())
                    .getBytes(StandardCharsets.UTF_8));
            return String.format("%032x", new BigInteger(1, d));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    AlipayConfig.Builder certificateMode() {
        return AlipayConfig.builder(APP_ID).appPrivateKey(PKI.app.privateKey())
                .certificates(PKI.app.certificate(), PKI.alipayA.certificate(), PKI.rootChain())
                .gatewayUrl(server.baseUrl() + "/gateway.do").notifyUrl("https://shop.example/notify/alipay")
                .sellerId(AlipayProviderTest.SELLER_ID).clock(clock)
                .http(SharedHttpClient.builder().sleeper(new RecordingSleeper()).build());
    }

    AlipayProvider provider() {
        return new AlipayProvider(certificateMode().build());
    }

    AlipayProvider providerDuringRotation() {
        return new AlipayProvider(certificateMode().alipayCertificate(PKI.alipayB.certificate()).build());
    }

    /** A gateway response as Alipay sends it in certificate mode: the signature covers the raw inner JSON. */
    static String certResponse(String method, String inner, String alipayCertSn, PrivateKey signer) {
        String sign = TestKeys.sign(signer, inner.getBytes(StandardCharsets.UTF_8));
        return "{\"" + method.replace('.', '_') + "_response\":" + inner
                + (alipayCertSn == null ? "" : ",\"alipay_cert_sn\":\"" + alipayCertSn + "\"") + ",\"sign\":\"" + sign + "\"}";
    }

    static final String PAID = "{\"code\":\"10000\",\"msg\":\"Success\",\"trade_no\":\"2026030122001\",\"out_trade_no\":\"order-3001\","
            + "\"trade_status\":\"TRADE_SUCCESS\",\"total_amount\":\"99.00\",\"send_pay_date\":\"2026-03-01 17:59:00\"}";

    static Map<String, String> assertSignedWithBothSerialNumbers(Map<String, String> p) {
        assertThat(p).containsEntry("app_id", APP_ID).containsEntry("sign_type", "RSA2")
                .containsEntry("app_cert_sn", sn(PKI.app.certificate()))
                .containsEntry("alipay_root_cert_sn", sn(PKI.rootR1) + "_" + sn(PKI.rootG3));
        String content = AlipayProviderTest.content(p, List.of("sign"));
        assertThat(content).contains("alipay_root_cert_sn=" + sn(PKI.rootR1) + "_" + sn(PKI.rootG3) + "&app_cert_sn=" + sn(PKI.app.certificate()) + "&");
        assertThat(TestKeys.verify(PKI.app.certificate().getPublicKey(), content.getBytes(StandardCharsets.UTF_8), p.get("sign")))
                .as("request signature verifies with the application certificate's key").isTrue();
        return p;
    }

    static void stub(String method, String body) {
        server.stubFor(post(urlPathEqualTo("/gateway.do")).withQueryParam("method", equalTo(method))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html;charset=utf-8").withBody(body)));
    }

    static List<LoggedRequest> sent() {
        return server.findAll(anyRequestedFor(anyUrl()));
    }

    // ---- configuration ----

    @Test
    void build_whenBothModesConfigured_isRefused() {
        assertThatThrownBy(() -> certificateMode().alipayPublicKey(PKI.alipayA.certificate().getPublicKey()).build())
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.fields()).containsExactly("alipayPublicKeys");
                    assertThat(e.getMessage()).contains("not both");
                });
    }

    @Test
    void build_whenNeitherModeConfigured_namesBothWays() {
        assertThatThrownBy(() -> AlipayConfig.builder(APP_ID).appPrivateKey(PKI.app.privateKey()).build())
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.fields()).containsExactly("alipayPublicKeys");
                    assertThat(e.getMessage()).contains("certificates(appCert, alipayCert, alipayRootChain)");
                });
    }

    @Test
    void build_whenAppCertificateCertifiesAnotherKey_isRefused() {
        // Alipay's certificate passed where the application's belongs: its key is not the app private key's
        assertThatThrownBy(() -> AlipayConfig.builder(APP_ID).appPrivateKey(PKI.app.privateKey())
                .certificates(PKI.alipayA.certificate(), PKI.alipayA.certificate(), PKI.rootChain()).build())
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.fields()).containsExactly("appCertificate");
                    assertThat(e.getMessage()).contains("does not match appPrivateKey").contains(sn(PKI.alipayA.certificate()));
                });
    }

    @Test
    void build_whenRootChainHasNoRsaSignedCertificate_isRefused() {
        assertThatThrownBy(() -> AlipayConfig.builder(APP_ID).appPrivateKey(PKI.app.privateKey())
                .certificates(PKI.app.certificate(), PKI.alipayA.certificate(), List.of(PKI.rootE1)).build())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields()).containsExactly("alipayRootChain"));
    }

    @Test
    void build_whenRootCertificateGivenAsAlipayKey_isRefused() {
        assertThatThrownBy(() -> AlipayConfig.builder(APP_ID).appPrivateKey(PKI.app.privateKey())
                .certificates(PKI.app.certificate(), PKI.rootE1, PKI.rootChain()).build())
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.fields()).containsExactly("alipayCertificates");
                    assertThat(e.getMessage()).contains("EC key");
                });
    }

    @Test
    void toString_whenCertificateMode_showsSerialNumbersNotKeys() {
        String text = certificateMode().build().toString();
        assertThat(text).contains("appCertSn=" + sn(PKI.app.certificate())).contains(sn(PKI.alipayA.certificate()))
                .contains("appPrivateKey=(redacted)").doesNotContain("BEGIN").doesNotContain("modulus");
    }

    // ---- requests and responses ----

    @Test
    void create_whenPrecreate_signsBothSerialNumbersAndVerifiesWithNamedCertificate() {
        stub("alipay.trade.precreate", certResponse("alipay.trade.precreate",
                "{\"code\":\"10000\",\"msg\":\"Success\",\"out_trade_no\":\"order-3000\",\"qr_code\":\"https://qr.alipay.com/bax0001\"}",
                sn(PKI.alipayA.certificate()), PKI.alipayA.privateKey()));
        PaymentSession s = provider().create(CreatePaymentRequest.builder("order-3000", Money.ofMinor(9900, "CNY"), PaymentFlow.QR_CODE).build());
        assertThat(s.qrCode()).isEqualTo("https://qr.alipay.com/bax0001");
        assertThat(sent()).hasSize(1);
        assertThat(assertSignedWithBothSerialNumbers(AlipayProviderTest.params(sent().get(0))))
                .containsEntry("method", "alipay.trade.precreate").containsEntry("timestamp", "2026-03-01 18:00:00");
    }

    @Test
    void create_whenPagePay_urlCarriesBothSerialNumbersSigned() {
        PaymentSession s = provider().create(CreatePaymentRequest.builder("order-3010", Money.ofMinor(100, "CNY"), PaymentFlow.REDIRECT)
                .returnUrl("https://shop.example/paid").build());
        assertThat(assertSignedWithBothSerialNumbers(Forms.decode(URI.create(s.redirectUrl()).getRawQuery())))
                .containsEntry("method", "alipay.trade.page.pay");
    }

    @Test
    void query_whenSignedByRotatedCertificate_isAccepted() {
        stub("alipay.trade.query", certResponse("alipay.trade.query", PAID,
                sn(PKI.alipayB.certificate()), PKI.alipayB.privateKey()));
        assertThat(providerDuringRotation().query(PaymentReference.of("order-3001")).state()).isEqualTo(PaymentState.PAID);

        server.resetAll();
        stub("alipay.trade.query", certResponse("alipay.trade.query", PAID,
                sn(PKI.alipayA.certificate()), PKI.alipayA.privateKey()));
        assertThat(providerDuringRotation().query(PaymentReference.of("order-3001")).amount()).isEqualTo(Money.ofMinor(9900, "CNY"));
    }

    @Test
    void query_whenResponseNamesUnconfiguredCertificate_failsNamingTheSerialNumber() {
        // validly signed by Alipay's next certificate, which this configuration does not know yet: no silent fallback
        String unknown = sn(PKI.alipayB.certificate());
        stub("alipay.trade.query", certResponse("alipay.trade.query", PAID, unknown, PKI.alipayB.privateKey()));
        assertThatThrownBy(() -> provider().query(PaymentReference.of("order-3001")))
                .isInstanceOfSatisfying(AlipayCertificateException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VERIFICATION_FAILED);
                    assertThat(e.problem()).isEqualTo(AlipayCertificateException.Problem.UNKNOWN_CERTIFICATE);
                    assertThat(e.certSn()).isEqualTo(unknown);
                    assertThat(e.getMessage()).contains("SN " + unknown).contains("alipayCertificate(")
                            .contains(sn(PKI.alipayA.certificate()));
                    assertThat(e.isRetryable()).isFalse();
                    assertThat(e.outcomeUnknown()).isFalse();
                });
    }

    @Test
    void refund_whenResponseNamesUnconfiguredCertificate_isOutcomeUnknown() {
        stub("alipay.trade.refund", certResponse("alipay.trade.refund", "{\"code\":\"10000\",\"msg\":\"Success\","
                + "\"trade_no\":\"2026030122001\",\"out_trade_no\":\"order-3002\",\"fund_change\":\"Y\",\"refund_fee\":\"1.00\"}",
                "00000000000000000000000000000000", PKI.alipayA.privateKey()));
        assertThatThrownBy(() -> provider().refund(RefundRequest.of(PaymentReference.of("order-3002"), "refund-3002",
                Money.ofMinor(100, "CNY"), Money.ofMinor(9900, "CNY"), null)))
                .isInstanceOfSatisfying(AlipayCertificateException.class, e -> {
                    assertThat(e.problem()).isEqualTo(AlipayCertificateException.Problem.UNKNOWN_CERTIFICATE);
                    assertThat(e.outcomeUnknown()).isTrue();
                    assertThat(e.getMessage()).contains("query before retrying");
                });
    }

    @Test
    void query_whenSuccessResponseOmitsCertificateSn_isRefused() {
        stub("alipay.trade.query", certResponse("alipay.trade.query", PAID, null, PKI.alipayA.privateKey()));
        assertThatThrownBy(() -> provider().query(PaymentReference.of("order-3001")))
                .isInstanceOfSatisfying(AlipayCertificateException.class,
                        e -> assertThat(e.problem()).isEqualTo(AlipayCertificateException.Problem.MISSING_CERTIFICATE_SN));
    }

    @Test
    void query_whenSignedByOtherKeyThanTheNamedCertificate_isForged() {
        // names A but is signed with B's key: only the named certificate may verify
        stub("alipay.trade.query", certResponse("alipay.trade.query", PAID,
                sn(PKI.alipayA.certificate()), PKI.alipayB.privateKey()));
        assertThatThrownBy(() -> providerDuringRotation().query(PaymentReference.of("order-3001")))
                .isInstanceOfSatisfying(RemoteException.class, e -> {
                    assertThat(e).isNotInstanceOf(AlipayCertificateException.class);
                    assertThat(e.code()).isEqualTo(ErrorCode.VERIFICATION_FAILED);
                    assertThat(e.getMessage()).contains("forged");
                });
    }

    @Test
    void query_whenBusinessError_isMappedAsInPublicKeyMode() {
        stub("alipay.trade.query", certResponse("alipay.trade.query", "{\"code\":\"40004\",\"msg\":\"Business Failed\","
                + "\"sub_code\":\"ACQ.TRADE_NOT_EXIST\",\"sub_msg\":\"交易不存在\"}", sn(PKI.alipayA.certificate()), PKI.alipayA.privateKey()));
        assertThat(provider().query(PaymentReference.of("order-3003")).state()).isEqualTo(PaymentState.NOT_FOUND);
    }

    @Test
    void query_whenNamedAlipayCertificateHasExpired_isRefused() {
        // 2027-06-01: Alipay A ended on 2027-01-01; the app certificate and Alipay B are still valid
        clock.set(Instant.parse("2027-06-01T10:00:00Z"));
        AlipayProvider alipay = providerDuringRotation();
        stub("alipay.trade.query", certResponse("alipay.trade.query", PAID,
                sn(PKI.alipayA.certificate()), PKI.alipayA.privateKey()));
        assertThatThrownBy(() -> alipay.query(PaymentReference.of("order-3001")))
                .isInstanceOfSatisfying(AlipayCertificateException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
                    assertThat(e.problem()).isEqualTo(AlipayCertificateException.Problem.EXPIRED);
                    assertThat(e.certSn()).isEqualTo(sn(PKI.alipayA.certificate()));
                    assertThat(e.notAfter()).isEqualTo(PKI.alipayA.certificate().getNotAfter().toInstant());
                    assertThat(e.getMessage()).contains("expired at 2027-01-01");
                });

        server.resetAll();
        stub("alipay.trade.query", certResponse("alipay.trade.query", PAID,
                sn(PKI.alipayB.certificate()), PKI.alipayB.privateKey()));
        assertThat(alipay.query(PaymentReference.of("order-3001")).state()).isEqualTo(PaymentState.PAID);
    }

    @Test
    void create_whenAppCertificateHasExpired_refusesBeforeSending() {
        // configured while valid, then the running process crosses the certificate's end of validity
        AlipayProvider alipay = providerDuringRotation();
        clock.set(Instant.parse("2028-06-01T10:00:00Z"));
        assertThatThrownBy(() -> alipay.create(CreatePaymentRequest.builder("order-3004", Money.ofMinor(1, "CNY"), PaymentFlow.QR_CODE).build()))
                .isInstanceOfSatisfying(AlipayCertificateException.class, e -> {
                    assertThat(e.problem()).isEqualTo(AlipayCertificateException.Problem.EXPIRED);
                    assertThat(e.certSn()).isEqualTo(sn(PKI.app.certificate()));
                    assertThat(e.outcomeUnknown()).isFalse();
                    assertThat(e.getMessage()).contains("application certificate");
                });
        assertThat(sent()).isEmpty();
    }

    @Test
    void create_whenAppCertificateNotYetValid_refusesBeforeSending() {
        AlipayProvider alipay = provider();
        clock.set(Instant.parse("2024-06-01T10:00:00Z"));
        assertThatThrownBy(() -> alipay.create(CreatePaymentRequest.builder("order-3005", Money.ofMinor(1, "CNY"), PaymentFlow.REDIRECT).build()))
                .isInstanceOfSatisfying(AlipayCertificateException.class,
                        e -> assertThat(e.problem()).isEqualTo(AlipayCertificateException.Problem.NOT_YET_VALID));
    }

    // ---- notifications ----

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    Map<String, String> notification(PrivateKey signer, String alipayCertSn) {
        return notification(clock.instant(), signer, alipayCertSn);
    }

    /** A paid notification sent at the instant, signed with the key and naming the certificate SN unless null. */
    static Map<String, String> notification(Instant at, PrivateKey signer, String alipayCertSn) {
        String now = LocalDateTime.ofInstant(at, ZoneId.of("Asia/Shanghai")).format(TIME);
        Map<String, String> p = new LinkedHashMap<>(AlipayProviderTest.paidNotification(now, "99.00", APP_ID));
        p.remove("sign");
        if (alipayCertSn != null) {
            p.put("alipay_cert_sn", alipayCertSn);
        }
        p.put("sign", TestKeys.sign(signer, AlipayProviderTest.content(p, List.of("sign", "sign_type")).getBytes(StandardCharsets.UTF_8)));
        return p;
    }

    static RejectionReason reason(NotificationOutcome o) {
        return AlipayProviderTest.reason(o);
    }

    @Test
    void parseNotification_whenSignedWithConfiguredCertificateKey_isVerified() {
        NotificationOutcome o = provider().parseNotification(AlipayProviderTest.form(notification(PKI.alipayA.privateKey(), null)), Map.of());
        assertThat(o.verified()).isTrue();
        assertThat(((NotificationOutcome.Verified) o).event().amount()).isEqualTo(Money.ofMinor(9900, "CNY"));
    }

    @Test
    void parseNotification_whenSignedByRotatedCertificate_isVerified() {
        assertThat(providerDuringRotation().verifyNotification(notification(PKI.alipayB.privateKey(), null)).verified()).isTrue();
        assertThat(providerDuringRotation().verifyNotification(notification(PKI.alipayB.privateKey(), sn(PKI.alipayB.certificate()))).verified()).isTrue();
        assertThat(reason(provider().verifyNotification(notification(PKI.alipayB.privateKey(), null)))).isEqualTo(RejectionReason.BAD_SIGNATURE);
    }

    @Test
    void parseNotification_whenNamingUnconfiguredCertificate_isRejectedAsUnknownKey() {
        NotificationOutcome o = provider().verifyNotification(notification(PKI.alipayB.privateKey(), sn(PKI.alipayB.certificate())));
        assertThat(reason(o)).isEqualTo(RejectionReason.UNKNOWN_KEY);
        assertThat(((NotificationOutcome.Rejected) o).detail()).contains(sn(PKI.alipayB.certificate())).contains("alipayCertificate(");
        // naming A while signed by B's key is a bad signature, not a fallback to B
        assertThat(reason(providerDuringRotation().verifyNotification(notification(PKI.alipayB.privateKey(), sn(PKI.alipayA.certificate())))))
                .isEqualTo(RejectionReason.BAD_SIGNATURE);
    }

    @Test
    void parseNotification_whenSignedByExpiredCertificate_isRejected() {
        clock.set(Instant.parse("2027-06-01T10:00:00Z"));
        AlipayProvider alipay = providerDuringRotation();
        NotificationOutcome o = alipay.verifyNotification(notification(PKI.alipayA.privateKey(), null));
        assertThat(reason(o)).isEqualTo(RejectionReason.UNKNOWN_KEY);
        assertThat(((NotificationOutcome.Rejected) o).detail()).contains(sn(PKI.alipayA.certificate())).contains("validity period");
        assertThat(alipay.verifyNotification(notification(PKI.alipayB.privateKey(), null)).verified()).isTrue();
    }
}
