package io.learnloop.payment.wechat;

import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.RemoteException;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.testing.MutableClock;
import io.learnloop.payment.NotificationOutcome;
import io.learnloop.payment.RejectionReason;
import io.learnloop.payment.Secret;
import io.learnloop.http.SharedHttpClient;
import io.learnloop.payment.testing.RecordingSleeper;
import io.learnloop.payment.testing.StubServer;
import io.learnloop.payment.testing.TestKeys;
import io.learnloop.payment.wechat.WechatTestCertificates.Issued;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.learnloop.payment.wechat.WechatPayProviderTest.API_V3_KEY;
import static io.learnloop.payment.wechat.WechatPayProviderTest.APP_ID;
import static io.learnloop.payment.wechat.WechatPayProviderTest.MCH_ID;
import static io.learnloop.payment.wechat.WechatPayProviderTest.MERCHANT;
import static io.learnloop.payment.wechat.WechatPayProviderTest.MERCHANT_SERIAL;
import static io.learnloop.payment.wechat.WechatTestCertificates.certificatesBody;
import static io.learnloop.payment.wechat.WechatTestCertificates.serials;
import static io.learnloop.payment.wechat.WechatTestCertificates.signedBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * With {@code platformCertificateIssuer(...)} configured, downloaded platform certificates must chain to that CA
 * (PKIX at the clock's instant), with real keytool certificates: one issued by the configured test CA, one by an
 * unrelated CA with the same names, and one whose issuing CA is configured but which is signed by another key.
 */
class PlatformCertificateIssuerTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final String TENPAY_CA_DN = "CN=Tenpay.com Root CA, OU=Tenpay.com CA Center, O=Tenpay.com, C=CN";

    @RegisterExtension
    static final StubServer server = new StubServer();

    @TempDir
    static Path dir;

    static Issued tenpayCa;
    static Issued issuedByCa;
    static Issued issuedByImpostor;

    final MutableClock clock = new MutableClock(NOW);

    @BeforeAll
    static void issueCertificates() throws Exception {
        tenpayCa = WechatTestCertificates.ca(dir, "tenpay-ca", TENPAY_CA_DN);
        // an unrelated CA that copies the real one's name: only the signature tells them apart
        WechatTestCertificates.ca(dir, "impostor-ca", TENPAY_CA_DN);
        issuedByCa = WechatTestCertificates.issueBy(dir, "tenpay-ca", "platform", "2026/01/01 00:00:00", 1825);
        issuedByImpostor = WechatTestCertificates.issueBy(dir, "impostor-ca", "impostor", "2026/01/01 00:00:00", 1825);
    }

    WechatPayConfig.Builder config() {
        return WechatPayConfig.builder(MCH_ID, APP_ID)
                .merchantKey(MERCHANT_SERIAL, MERCHANT.getPrivate())
                .apiV3Key(Secret.of(API_V3_KEY))
                .baseUrl(server.baseUrl()).notifyUrl("https://shop.example/notify/wechat")
                .clock(clock).ids(IdGenerator.sequential("nonce"))
                .autoPlatformCertificates(Duration.ofHours(12))
                .http(SharedHttpClient.builder().sleeper(new RecordingSleeper()).build());
    }

    WechatPayProvider withIssuer() {
        return new WechatPayProvider(config().platformCertificateIssuer(tenpayCa.certificate()).build());
    }

    void serve(Issued signer, Issued... listed) throws Exception {
        server.stubFor(get("/v3/certificates").willReturn(signedBy(signer.key(), signer.serial(),
                certificatesBody(API_V3_KEY, listed), clock.instant().getEpochSecond())));
    }

    NotificationOutcome notifySignedBy(WechatPayProvider wechat, PrivateKey key, String serial) throws Exception {
        String body = WechatPayProviderTest.notification("EV-1", "TRANSACTION.SUCCESS", WechatPayProviderTest.paidResource(MCH_ID, 9900));
        long ts = clock.instant().getEpochSecond();
        String signature = TestKeys.sign(key, (ts + "\nnotify-nonce\n" + body + "\n").getBytes(StandardCharsets.UTF_8));
        return wechat.parseNotification(body.getBytes(StandardCharsets.UTF_8), Map.of("Wechatpay-Timestamp", String.valueOf(ts),
                "Wechatpay-Nonce", "notify-nonce", "Wechatpay-Serial", serial, "Wechatpay-Signature", signature));
    }

    @Test
    void refreshPlatformCertificates_whenIssuedByConfiguredCa_isTrusted() throws Exception {
        serve(issuedByCa, issuedByCa);
        WechatPayProvider wechat = withIssuer();

        assertThat(serials(wechat.refreshPlatformCertificates())).containsExactly(issuedByCa.serial());
        assertThat(notifySignedBy(wechat, issuedByCa.key(), issuedByCa.serial()).verified()).isTrue();
    }

    @Test
    void refreshPlatformCertificates_whenIssuedByOtherCa_isRefusedAndNeverTrusted() throws Exception {
        serve(issuedByImpostor, issuedByImpostor);
        WechatPayProvider wechat = withIssuer();

        assertThatThrownBy(wechat::refreshPlatformCertificates).isInstanceOfSatisfying(RemoteException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.VERIFICATION_FAILED);
            assertThat(e.getMessage()).contains("platform certificate " + issuedByImpostor.serial() + " is refused and never trusted")
                    .contains("the configured platformCertificateIssuer of that name did not sign it");
        });
        // the automatic path refuses it too (after the cooldown that follows every attempt): the key stays unknown
        clock.set(NOW.plus(Duration.ofMinutes(2)));
        NotificationOutcome o = notifySignedBy(wechat, issuedByImpostor.key(), issuedByImpostor.serial());
        assertThat(WechatPayProviderTest.reason(o)).isEqualTo(RejectionReason.UNKNOWN_KEY);
        assertThat(((NotificationOutcome.Rejected) o).detail()).contains("never trusted");
    }

    @Test
    void refreshPlatformCertificates_whenListMixesTrustedAndForeign_refusesTheWholeDownload() throws Exception {
        serve(issuedByCa, issuedByCa, issuedByImpostor);
        WechatPayProvider wechat = withIssuer();

        assertThatThrownBy(wechat::refreshPlatformCertificates).isInstanceOfSatisfying(RemoteException.class,
                e -> assertThat(e.getMessage()).contains(issuedByImpostor.serial()).doesNotContain(issuedByCa.serial() + " is refused"));
        assertThat(WechatPayProviderTest.reason(notifySignedBy(wechat, issuedByCa.key(), issuedByCa.serial())))
                .isEqualTo(RejectionReason.UNKNOWN_KEY);
    }

    @Test
    void parseNotification_whenAutomaticAndIssuedByConfiguredCa_downloadsAndVerifies() throws Exception {
        serve(issuedByCa, issuedByCa);
        WechatPayProvider wechat = withIssuer();

        assertThat(notifySignedBy(wechat, issuedByCa.key(), issuedByCa.serial()).verified()).isTrue();
        assertThat(server.findAll(getRequestedFor(urlEqualTo("/v3/certificates")))).hasSize(1);
    }

    @Test
    void refreshPlatformCertificates_whenNoIssuerConfigured_keepsTrustingDecryptedCertificates() throws Exception {
        serve(issuedByImpostor, issuedByImpostor);
        WechatPayProvider wechat = new WechatPayProvider(config().build());

        assertThat(serials(wechat.refreshPlatformCertificates())).containsExactly(issuedByImpostor.serial());
    }

    @Test
    void toString_whenIssuerConfigured_namesTheCa() {
        assertThat(withIssuer().toString()).contains("platformCertificateIssuers=[" + tenpayCa.certificate().getSubjectX500Principal().getName());
    }
}
