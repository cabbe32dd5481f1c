package io.learnloop.payment.alipay;

import io.learnloop.core.error.ValidationException;
import io.learnloop.core.testing.MutableClock;
import io.learnloop.payment.spi.PaymentReference;
import io.learnloop.payment.spi.PaymentState;
import io.learnloop.http.SharedHttpClient;
import io.learnloop.payment.testing.RecordingSleeper;
import io.learnloop.payment.testing.StubServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.learnloop.payment.alipay.AlipayCertificateModeTest.PAID;
import static io.learnloop.payment.alipay.AlipayCertificateModeTest.certResponse;
import static io.learnloop.payment.alipay.AlipayCertificateModeTest.sn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Configured certificates must have been issued under the configured Alipay root chain (PKIX, at the clock's
 * instant), with real keytool certificates: a direct issue by a root, a path through an intermediate CA, a
 * certificate of an unrelated CA, and an intermediate that has expired.
 */
class AlipayCertificateChainTest {
    static final AlipayTestPki PKI = AlipayTestPki.get();

    @RegisterExtension
    static final StubServer server = new StubServer();

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    AlipayConfig.Builder with(java.security.cert.X509Certificate alipayCert) {
        return AlipayConfig.builder(AlipayCertificateModeTest.APP_ID).appPrivateKey(PKI.app.privateKey())
                .certificates(PKI.app.certificate(), alipayCert, PKI.rootChain())
                .gatewayUrl(server.baseUrl() + "/gateway.do").clock(clock)
                .http(SharedHttpClient.builder().sleeper(new RecordingSleeper()).build());
    }

    static void stub(String method, String body) {
        server.stubFor(post(urlPathEqualTo("/gateway.do")).withQueryParam("method", equalTo(method))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html;charset=utf-8").withBody(body)));
    }

    @Test
    void build_whenCertificatesIssuedByRoot_isAccepted() {
        assertThatCode(() -> with(PKI.alipayA.certificate()).alipayCertificate(PKI.alipayB.certificate()).build())
                .doesNotThrowAnyException();
    }

    @Test
    void build_whenPathRunsThroughConfiguredIntermediate_isAcceptedAndVerifies() {
        AlipayProvider alipay = new AlipayProvider(with(PKI.alipayC.certificate())
                .intermediateCertificates(List.of(PKI.class2)).build());
        stub("alipay.trade.query", certResponse("alipay.trade.query", PAID,
                sn(PKI.alipayC.certificate()), PKI.alipayC.privateKey()));
        assertThat(alipay.query(PaymentReference.of("order-3001")).state()).isEqualTo(PaymentState.PAID);
    }

    @Test
    void build_whenIntermediateMissing_isRefusedSayingWhichCertificate() {
        assertThatThrownBy(() -> with(PKI.alipayC.certificate()).build())
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.fields()).containsExactly("alipayCertificates");
                    assertThat(e.getMessage()).contains("Alipay certificate SN " + sn(PKI.alipayC.certificate()))
                            .contains("does not chain to alipayRootChain").contains(AlipayTestPki.CLASS2_DN)
                            .contains("intermediateCertificates(");
                });
    }

    @Test
    void build_whenAlipayCertificateFromUnrelatedCa_isRefused() {
        assertThatThrownBy(() -> with(PKI.alipayA.certificate()).alipayCertificate(PKI.foreign.certificate()).build())
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.fields()).containsExactly("alipayCertificates");
                    assertThat(e.getMessage()).contains("Alipay certificate SN " + sn(PKI.foreign.certificate()))
                            .contains("no root certificate issued").contains(AlipayTestPki.FOREIGN_ROOT_DN)
                            .doesNotContain(sn(PKI.alipayA.certificate()));
                });
    }

    @Test
    void build_whenAppCertificateFromUnrelatedCa_isRefused() {
        // the unrelated root is itself a well-formed certificate; only the chain is wrong
        assertThatThrownBy(() -> AlipayConfig.builder(AlipayCertificateModeTest.APP_ID).appPrivateKey(PKI.foreign.privateKey())
                .certificates(PKI.foreign.certificate(), PKI.alipayA.certificate(), PKI.rootChain()).clock(clock).build())
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.fields()).containsExactly("appCertificate");
                    assertThat(e.getMessage()).contains("application certificate SN " + sn(PKI.foreign.certificate()))
                            .contains("does not chain to alipayRootChain");
                });
    }

    @Test
    void build_whenRootChainIsAnotherCa_refusesEveryCertificate() {
        assertThatThrownBy(() -> AlipayConfig.builder(AlipayCertificateModeTest.APP_ID).appPrivateKey(PKI.app.privateKey())
                .certificates(PKI.app.certificate(), PKI.alipayA.certificate(), List.of(PKI.foreignRoot)).clock(clock).build())
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.fields()).containsExactlyInAnyOrder("appCertificate", "alipayCertificates"));
    }

    @Test
    void build_whenIntermediateExpiredAtClock_isRefused() {
        // 2027-09-01: Alipay C itself is valid until 2030, but the Class 2 CA that issued it ended on 2027-06-20
        clock.set(Instant.parse("2027-09-01T00:00:00Z"));
        assertThatThrownBy(() -> with(PKI.alipayC.certificate()).intermediateCertificates(List.of(PKI.class2)).build())
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.fields()).contains("alipayCertificates");
                    assertThat(e.getMessage()).contains("issuing CA certificate " + AlipayTestPki.CLASS2_DN)
                            .contains("expired at " + PKI.class2.getNotAfter().toInstant());
                });
    }

    @Test
    void build_whenOnlyAlipayCertificateExpiredAtClock_isRefused() {
        // 2027-06-01: A ended on 2027-01-01, and no other Alipay certificate is configured
        clock.set(Instant.parse("2027-06-01T00:00:00Z"));
        assertThatThrownBy(() -> with(PKI.alipayA.certificate()).build())
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.fields()).containsExactly("alipayCertificates");
                    assertThat(e.getMessage()).contains("no Alipay certificate is valid at 2027-06-01T00:00:00Z");
                });
    }

    @Test
    void build_whenAppCertificateExpiredAtClock_isRefused() {
        clock.set(Instant.parse("2028-06-01T00:00:00Z"));
        assertThatThrownBy(() -> with(PKI.alipayB.certificate()).build())
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.fields()).containsExactly("appCertificate");
                    assertThat(e.getMessage()).contains("expired at " + PKI.app.certificate().getNotAfter().toInstant());
                });
    }

    @Test
    void build_whenRotationKeepsExpiredButChainingCertificate_isAccepted() {
        // a restart after the old certificate's expiry: it still chained while valid, the new one is valid now
        clock.set(Instant.parse("2027-06-01T00:00:00Z"));
        assertThatCode(() -> with(PKI.alipayA.certificate()).alipayCertificate(PKI.alipayB.certificate()).build())
                .doesNotThrowAnyException();
    }
}
