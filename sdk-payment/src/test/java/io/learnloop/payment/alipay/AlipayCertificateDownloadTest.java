package io.learnloop.payment.alipay;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.testing.MutableClock;
import io.learnloop.payment.spi.PaymentReference;
import io.learnloop.payment.spi.PaymentState;
import io.learnloop.http.SharedHttpClient;
import io.learnloop.payment.testing.RecordingSleeper;
import io.learnloop.payment.testing.StubServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.learnloop.payment.alipay.AlipayCertificateModeTest.PAID;
import static io.learnloop.payment.alipay.AlipayCertificateModeTest.certResponse;
import static io.learnloop.payment.alipay.AlipayCertificateModeTest.sn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Automatic download of a rotated Alipay certificate ({@code alipay.open.app.alipaycert.download}) against WireMock,
 * with real keytool certificates: the downloaded certificate must have the requested SN and chain to the configured
 * root chain before it verifies the response that named it; downloads of unknown SNs are rate-limited.
 */
class AlipayCertificateDownloadTest {
    static final AlipayTestPki PKI = AlipayTestPki.get();
    static final String DOWNLOAD = "alipay.open.app.alipaycert.download";
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @RegisterExtension
    static final StubServer server = new StubServer();

    final MutableClock clock = new MutableClock(NOW);

    AlipayConfig.Builder config() {
        return AlipayConfig.builder(AlipayCertificateModeTest.APP_ID).appPrivateKey(PKI.app.privateKey())
                .certificates(PKI.app.certificate(), PKI.alipayA.certificate(), PKI.rootChain())
                .gatewayUrl(server.baseUrl() + "/gateway.do").clock(clock)
                .http(SharedHttpClient.builder().sleeper(new RecordingSleeper()).build());
    }

    AlipayProvider auto() {
        return new AlipayProvider(config().autoDownloadAlipayCertificates(true).build());
    }

    static void stub(String method, String body) {
        server.stubFor(post(urlPathEqualTo("/gateway.do")).withQueryParam("method", equalTo(method))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html;charset=utf-8").withBody(body)));
    }

    static String pem(X509Certificate c) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(c.getEncoded()) + "\n-----END CERTIFICATE-----\n";
    }

    /** The download response as the gateway sends it: Base64 of the PEM file, signed like every response. */
    static String downloadResponse(List<X509Certificate> file, String signerSn, PrivateKey signer) throws Exception {
        StringBuilder pems = new StringBuilder();
        for (X509Certificate c : file) {
            pems.append(pem(c));
        }
        String content = Base64.getEncoder().encodeToString(pems.toString().getBytes(StandardCharsets.UTF_8));
        return certResponse(DOWNLOAD, "{\"code\":\"10000\",\"msg\":\"Success\",\"alipay_cert_content\":\"" + content + "\"}",
                signerSn, signer);
    }

    static List<LoggedRequest> downloads() {
        return server.findAll(postRequestedFor(urlPathEqualTo("/gateway.do")).withQueryParam("method", equalTo(DOWNLOAD)));
    }

    static void queryAnswersSignedBy(AlipayTestPki.Issued signer) {
        stub("alipay.trade.query", certResponse("alipay.trade.query", PAID, sn(signer.certificate()), signer.privateKey()));
    }

    @Test
    void query_whenResponseNamesRotatedCertificate_downloadsVerifiesAndTrustsIt() throws Exception {
        // C was issued through the Class 2 intermediate, which comes with it in the downloaded file
        queryAnswersSignedBy(PKI.alipayC);
        stub(DOWNLOAD, downloadResponse(List.of(PKI.alipayC.certificate(), PKI.class2), sn(PKI.alipayA.certificate()),
                PKI.alipayA.privateKey()));
        AlipayProvider alipay = auto();

        assertThat(alipay.query(PaymentReference.of("order-3001")).state()).isEqualTo(PaymentState.PAID);

        assertThat(downloads()).hasSize(1);
        Map<String, String> p = AlipayCertificateModeTest.assertSignedWithBothSerialNumbers(AlipayProviderTest.params(downloads().get(0)));
        assertThat(p.get("biz_content")).isEqualTo("{\"alipay_cert_sn\":\"" + sn(PKI.alipayC.certificate()) + "\"}");

        // trusted from then on: no second download, and notifications naming it verify
        assertThat(alipay.query(PaymentReference.of("order-3001")).state()).isEqualTo(PaymentState.PAID);
        assertThat(downloads()).hasSize(1);
        assertThat(alipay.verifyNotification(AlipayCertificateModeTest.notification(clock.instant(), PKI.alipayC.privateKey(),
                sn(PKI.alipayC.certificate()))).verified()).isTrue();
    }

    @Test
    void query_whenDownloadResponseUnsigned_trustsTheCertificateOnItsChain() throws Exception {
        // the official SDK neither requires alipay_cert_sn on this response nor verifies it: the chain is the proof
        queryAnswersSignedBy(PKI.alipayB);
        String content = Base64.getEncoder().encodeToString(pem(PKI.alipayB.certificate()).getBytes(StandardCharsets.UTF_8));
        stub(DOWNLOAD, "{\"alipay_open_app_alipaycert_download_response\":{\"code\":\"10000\",\"msg\":\"Success\","
                + "\"alipay_cert_content\":\"" + content + "\"}}");

        assertThat(auto().query(PaymentReference.of("order-3001")).state()).isEqualTo(PaymentState.PAID);
    }

    @Test
    void query_whenCertificateContentIsNotPem_isRefused() {
        queryAnswersSignedBy(PKI.alipayB);
        stub(DOWNLOAD, certResponse(DOWNLOAD, "{\"code\":\"10000\",\"msg\":\"Success\",\"alipay_cert_content\":\""
                + Base64.getEncoder().encodeToString("not a certificate".getBytes(StandardCharsets.UTF_8)) + "\"}",
                sn(PKI.alipayA.certificate()), PKI.alipayA.privateKey()));

        assertThatThrownBy(() -> auto().query(PaymentReference.of("order-3001")))
                .isInstanceOfSatisfying(AlipayCertificateException.class, e -> {
                    assertThat(e.problem()).isEqualTo(AlipayCertificateException.Problem.UNTRUSTED_CERTIFICATE);
                    assertThat(e.getMessage()).contains("alipay_cert_content");
                });
    }

    @Test
    void query_whenDownloadedCertificateHasAnotherSn_isRefused() throws Exception {
        queryAnswersSignedBy(PKI.alipayB);
        stub(DOWNLOAD, downloadResponse(List.of(PKI.alipayC.certificate(), PKI.class2), sn(PKI.alipayA.certificate()),
                PKI.alipayA.privateKey()));

        assertThatThrownBy(() -> auto().query(PaymentReference.of("order-3001")))
                .isInstanceOfSatisfying(AlipayCertificateException.class, e -> {
                    assertThat(e.problem()).isEqualTo(AlipayCertificateException.Problem.UNTRUSTED_CERTIFICATE);
                    assertThat(e.code()).isEqualTo(ErrorCode.VERIFICATION_FAILED);
                    assertThat(e.certSn()).isEqualTo(sn(PKI.alipayB.certificate()));
                    assertThat(e.getMessage()).contains("the downloaded certificate has SN " + sn(PKI.alipayC.certificate())
                            + ", not the requested " + sn(PKI.alipayB.certificate()));
                });
    }

    @Test
    void query_whenDownloadedCertificateFromUnrelatedCa_isRefusedAndNeverTrusted() throws Exception {
        // a forger's own certificate, with Alipay's names, served under the SN the forged response names
        queryAnswersSignedBy(PKI.foreign);
        stub(DOWNLOAD, downloadResponse(List.of(PKI.foreign.certificate()), sn(PKI.alipayA.certificate()), PKI.alipayA.privateKey()));
        AlipayProvider alipay = auto();

        assertThatThrownBy(() -> alipay.query(PaymentReference.of("order-3001")))
                .isInstanceOfSatisfying(AlipayCertificateException.class, e -> {
                    assertThat(e.problem()).isEqualTo(AlipayCertificateException.Problem.UNTRUSTED_CERTIFICATE);
                    assertThat(e.getMessage()).contains("does not chain to alipayRootChain")
                            .contains(AlipayTestPki.FOREIGN_ROOT_DN);
                });
        assertThat(alipay.verifyNotification(AlipayCertificateModeTest.notification(clock.instant(), PKI.foreign.privateKey(),
                sn(PKI.foreign.certificate()))).verified()).isFalse();
    }

    @Test
    void query_whenDownloadResponseSignatureDoesNotVerify_isRefused() throws Exception {
        queryAnswersSignedBy(PKI.alipayB);
        // names the configured certificate A but is signed with another key
        stub(DOWNLOAD, downloadResponse(List.of(PKI.alipayB.certificate()), sn(PKI.alipayA.certificate()), PKI.foreign.privateKey()));

        assertThatThrownBy(() -> auto().query(PaymentReference.of("order-3001")))
                .isInstanceOfSatisfying(AlipayCertificateException.class, e -> {
                    assertThat(e.problem()).isEqualTo(AlipayCertificateException.Problem.UNTRUSTED_CERTIFICATE);
                    assertThat(e.getMessage()).contains("signature does not verify");
                });
    }

    @Test
    void query_whenDownloadedCertificateVerifiesButResponseIsForged_isForged() throws Exception {
        // the rotated certificate is genuine, but the response naming it was signed by someone else
        stub("alipay.trade.query", certResponse("alipay.trade.query", PAID, sn(PKI.alipayB.certificate()), PKI.foreign.privateKey()));
        stub(DOWNLOAD, downloadResponse(List.of(PKI.alipayB.certificate()), sn(PKI.alipayA.certificate()), PKI.alipayA.privateKey()));

        assertThatThrownBy(() -> auto().query(PaymentReference.of("order-3001")))
                .isInstanceOfSatisfying(io.learnloop.core.error.RemoteException.class, e -> {
                    assertThat(e).isNotInstanceOf(AlipayCertificateException.class);
                    assertThat(e.getMessage()).contains("forged");
                });
        assertThat(downloads()).hasSize(1);
    }

    @Test
    void query_whenForgedSnsRepeat_downloadsAtMostOncePerCooldown() {
        stub(DOWNLOAD, certResponse(DOWNLOAD, "{\"code\":\"40004\",\"msg\":\"Business Failed\",\"sub_code\":\"CERT_NOT_EXIST\","
                + "\"sub_msg\":\"certificate does not exist\"}", sn(PKI.alipayA.certificate()), PKI.alipayA.privateKey()));
        AlipayProvider alipay = auto();

        for (int i = 0; i < 5; i++) {
            String forged = String.format(Locale.ROOT, "%032x", 0xF0F0L + i);
            stub("alipay.trade.query", certResponse("alipay.trade.query", PAID, forged, PKI.alipayB.privateKey()));
            assertThatThrownBy(() -> alipay.query(PaymentReference.of("order-3001")))
                    .isInstanceOfSatisfying(AlipayCertificateException.class,
                            e -> assertThat(e.problem()).isEqualTo(AlipayCertificateException.Problem.UNKNOWN_CERTIFICATE));
            clock.advance(Duration.ofSeconds(10));
        }
        assertThat(downloads()).hasSize(1);

        clock.advance(Duration.ofSeconds(20));
        assertThatThrownBy(() -> alipay.query(PaymentReference.of("order-3001")))
                .isInstanceOfSatisfying(AlipayCertificateException.class, e -> assertThat(e.getMessage())
                        .contains("automatic download: Alipay answered with an error: CERT_NOT_EXIST"));
        assertThat(downloads()).hasSize(2);

        assertThatThrownBy(() -> alipay.query(PaymentReference.of("order-3001")))
                .isInstanceOfSatisfying(AlipayCertificateException.class,
                        e -> assertThat(e.getMessage()).contains("not downloaded: the last download attempt was at"));
        assertThat(downloads()).hasSize(2);
    }

    @Test
    void query_whenManyThreadsMeetTheRotatedCertificate_downloadsOnce() throws Exception {
        queryAnswersSignedBy(PKI.alipayB);
        stub(DOWNLOAD, downloadResponse(List.of(PKI.alipayB.certificate()), sn(PKI.alipayA.certificate()), PKI.alipayA.privateKey()));
        AlipayProvider alipay = auto();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<PaymentState>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> alipay.query(PaymentReference.of("order-3001")).state());
            }
            for (Future<PaymentState> f : pool.invokeAll(calls)) {
                assertThat(f.get()).isEqualTo(PaymentState.PAID);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(downloads()).hasSize(1);
    }

    @Test
    void query_whenAutomaticDownloadOff_neverDownloads() {
        queryAnswersSignedBy(PKI.alipayB);
        AlipayProvider alipay = new AlipayProvider(config().build());

        assertThatThrownBy(() -> alipay.query(PaymentReference.of("order-3001")))
                .isInstanceOfSatisfying(AlipayCertificateException.class, e -> {
                    assertThat(e.problem()).isEqualTo(AlipayCertificateException.Problem.UNKNOWN_CERTIFICATE);
                    assertThat(e.getMessage()).doesNotContain("automatic download");
                });
        assertThat(downloads()).isEmpty();
    }

    @Test
    void build_whenAutomaticDownloadInPublicKeyMode_isRefused() {
        assertThatThrownBy(() -> AlipayConfig.builder(AlipayCertificateModeTest.APP_ID).appPrivateKey(PKI.app.privateKey())
                .alipayPublicKey(PKI.alipayA.certificate().getPublicKey()).autoDownloadAlipayCertificates(true)
                .certificateDownloadCooldown(Duration.ZERO).build())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields())
                        .containsExactlyInAnyOrder("autoDownloadAlipayCertificates", "certificateDownloadCooldown"));
    }
}
