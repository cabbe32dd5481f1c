package io.learnloop.payment.wechat;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.RemoteException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.testing.MutableClock;
import io.learnloop.payment.NotificationOutcome;
import io.learnloop.payment.spi.PaymentReference;
import io.learnloop.payment.spi.PaymentState;
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
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
 * Platform certificate download ({@code GET /v3/certificates}) and rotation, with real keytool certificates: the
 * list is decrypted with the APIv3 key, each certificate's serial and validity are checked, and the response must be
 * signed by a configured key or one of the downloaded certificates.
 */
class PlatformCertificateRotationTest {
    private static final String CERTIFICATES = "/v3/certificates";
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @RegisterExtension
    static final StubServer server = new StubServer();

    @TempDir
    static Path dir;

    static Issued current;
    static Issued next;
    static Issued expired;

    final MutableClock clock = new MutableClock(NOW);

    @BeforeAll
    static void issueCertificates() throws Exception {
        current = WechatTestCertificates.issue(dir, "current", "2026/01/01 00:00:00", 365);
        next = WechatTestCertificates.issue(dir, "next", "2026/02/15 00:00:00", 1825);
        expired = WechatTestCertificates.issue(dir, "expired", "2025/01/01 00:00:00", 30);
    }

    WechatPayConfig.Builder config() {
        return WechatPayConfig.builder(MCH_ID, APP_ID)
                .merchantKey(MERCHANT_SERIAL, MERCHANT.getPrivate())
                .apiV3Key(Secret.of(API_V3_KEY))
                .baseUrl(server.baseUrl()).notifyUrl("https://shop.example/notify/wechat")
                .clock(clock).ids(IdGenerator.sequential("nonce"))
                .http(SharedHttpClient.builder().sleeper(new RecordingSleeper()).build());
    }

    WechatPayProvider auto() {
        return new WechatPayProvider(config().autoPlatformCertificates(Duration.ofHours(12)).build());
    }

    void serveCertificates(PrivateKey signer, String signerSerial, Issued... listed) throws Exception {
        server.stubFor(get(CERTIFICATES).willReturn(signedBy(signer, signerSerial,
                certificatesBody(API_V3_KEY, listed), clock.instant().getEpochSecond())));
    }

    int downloads() {
        return server.findAll(getRequestedFor(urlEqualTo(CERTIFICATES))).size();
    }

    NotificationOutcome notifySignedBy(WechatPayProvider wechat, PrivateKey key, String serial, String eventId) throws Exception {
        String body = WechatPayProviderTest.notification(eventId, "TRANSACTION.SUCCESS",
                WechatPayProviderTest.paidResource(MCH_ID, 9900));
        long ts = clock.instant().getEpochSecond();
        String signature = TestKeys.sign(key, (ts + "\nnotify-nonce\n" + body + "\n").getBytes(StandardCharsets.UTF_8));
        return wechat.parseNotification(body.getBytes(StandardCharsets.UTF_8), Map.of("Wechatpay-Timestamp", String.valueOf(ts),
                "Wechatpay-Nonce", "notify-nonce", "Wechatpay-Serial", serial, "Wechatpay-Signature", signature,
                "Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048"));
    }

    @Test
    void refreshPlatformCertificates_whenSignedByListedCertificate_decryptsVerifiesAndTrustsIt() throws Exception {
        serveCertificates(current.key(), current.serial(), current);
        WechatPayProvider wechat = auto();

        List<PlatformCertificate> trusted = wechat.refreshPlatformCertificates();

        assertThat(serials(trusted)).containsExactly(current.serial());
        assertThat(trusted.get(0).notAfter()).isEqualTo(current.certificate().getNotAfter().toInstant());
        assertThat(trusted.get(0).certificate()).isEqualTo(current.certificate());
        WechatPayProviderTest.assertSignedByMerchant(server.findAll(getRequestedFor(urlEqualTo(CERTIFICATES))).get(0),
                NOW.getEpochSecond());
        assertThat(notifySignedBy(wechat, current.key(), current.serial(), "EV-1").verified()).isTrue();
        assertThat(downloads()).isEqualTo(1);
    }

    @Test
    void parseNotification_whenAutomaticAndFirstNeeded_downloadsOnceAndReusesTheCertificates() throws Exception {
        serveCertificates(current.key(), current.serial(), current);
        WechatPayProvider wechat = auto();
        assertThat(downloads()).isZero();

        assertThat(notifySignedBy(wechat, current.key(), current.serial(), "EV-1").verified()).isTrue();
        assertThat(notifySignedBy(wechat, current.key(), current.serial(), "EV-2").verified()).isTrue();

        assertThat(downloads()).isEqualTo(1);
    }

    @Test
    void query_whenAutomaticAndResponseSignedByPlatformCertificate_downloadsAndVerifies() throws Exception {
        serveCertificates(current.key(), current.serial(), current);
        String body = "{\"out_trade_no\":\"order-1\",\"transaction_id\":\"4200000001\",\"trade_state\":\"SUCCESS\","
                + "\"amount\":{\"total\":9900,\"currency\":\"CNY\"}}";
        server.stubFor(get(urlEqualTo("/v3/pay/transactions/out-trade-no/order-1?mchid=" + MCH_ID))
                .willReturn(signedBy(current.key(), current.serial(), body, NOW.getEpochSecond())));

        assertThat(auto().query(new PaymentReference("order-1", null)).state()).isEqualTo(PaymentState.PAID);
        assertThat(downloads()).isEqualTo(1);
    }

    @Test
    void parseNotification_whenSignedWithNewSerial_rotatesToTheNewCertificate() throws Exception {
        server.stubFor(get(CERTIFICATES).inScenario("rotation").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(signedBy(current.key(), current.serial(), certificatesBody(API_V3_KEY, current), NOW.getEpochSecond()))
                .willSetStateTo("rotated"));
        Instant later = NOW.plus(Duration.ofHours(2));
        server.stubFor(get(CERTIFICATES).inScenario("rotation").whenScenarioStateIs("rotated")
                .willReturn(signedBy(next.key(), next.serial(), certificatesBody(API_V3_KEY, current, next), later.getEpochSecond())));
        WechatPayProvider wechat = auto();
        assertThat(notifySignedBy(wechat, current.key(), current.serial(), "EV-1").verified()).isTrue();

        clock.set(later);
        NotificationOutcome rotated = notifySignedBy(wechat, next.key(), next.serial(), "EV-2");

        assertThat(rotated.verified()).isTrue();
        assertThat(downloads()).isEqualTo(2);
        assertThat(notifySignedBy(wechat, current.key(), current.serial(), "EV-3").verified()).isTrue();
        assertThat(downloads()).isEqualTo(2);
    }

    @Test
    void keyLookup_whenRefreshIntervalPassed_downloadsAgain() throws Exception {
        serveCertificates(current.key(), current.serial(), current);
        WechatPayProvider wechat = auto();
        assertThat(notifySignedBy(wechat, current.key(), current.serial(), "EV-1").verified()).isTrue();

        clock.advance(Duration.ofHours(11));
        assertThat(notifySignedBy(wechat, current.key(), current.serial(), "EV-2").verified()).isTrue();
        assertThat(downloads()).isEqualTo(1);

        clock.advance(Duration.ofHours(1));
        serveCertificates(current.key(), current.serial(), current);
        assertThat(notifySignedBy(wechat, current.key(), current.serial(), "EV-3").verified()).isTrue();
        assertThat(downloads()).isEqualTo(2);
    }

    @Test
    void refreshPlatformCertificates_whenSignatureForged_isRefusedAndNothingIsTrusted() throws Exception {
        KeyPair forger = TestKeys.rsa2048();
        serveCertificates(forger.getPrivate(), current.serial(), current);
        WechatPayProvider wechat = auto();

        assertThatThrownBy(wechat::refreshPlatformCertificates).isInstanceOfSatisfying(RemoteException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.VERIFICATION_FAILED);
            assertThat(e.getMessage()).contains("signature does not match").contains("forged");
        });
        assertThat(WechatPayProviderTest.reason(notifySignedBy(wechat, current.key(), current.serial(), "EV-1")))
                .isEqualTo(RejectionReason.UNKNOWN_KEY);
    }

    @Test
    void refreshPlatformCertificates_whenResponseUnsigned_isRefused() throws Exception {
        server.stubFor(get(CERTIFICATES).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(certificatesBody(API_V3_KEY, current))));

        assertThatThrownBy(auto()::refreshPlatformCertificates).isInstanceOfSatisfying(RemoteException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.VERIFICATION_FAILED));
    }

    @Test
    void refreshPlatformCertificates_whenOnlyCertificateExpired_isRefused() throws Exception {
        serveCertificates(expired.key(), expired.serial(), expired);
        WechatPayProvider wechat = auto();

        assertThatThrownBy(wechat::refreshPlatformCertificates).isInstanceOfSatisfying(RemoteException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.VERIFICATION_FAILED);
            assertThat(e.getMessage()).contains(expired.serial());
        });
    }

    @Test
    void refreshPlatformCertificates_whenOneCertificateExpired_trustsOnlyTheValidOne() throws Exception {
        serveCertificates(current.key(), current.serial(), current, expired);
        WechatPayProvider wechat = auto();

        assertThat(serials(wechat.refreshPlatformCertificates())).containsExactly(current.serial());
        assertThat(WechatPayProviderTest.reason(notifySignedBy(wechat, expired.key(), expired.serial(), "EV-1")))
                .isEqualTo(RejectionReason.UNKNOWN_KEY);
    }

    @Test
    void refreshPlatformCertificates_whenSerialNoDoesNotMatchCertificate_isRefused() throws Exception {
        String body = "{\"data\":[" + WechatTestCertificates.entry(next.serial(), current.certificate(), API_V3_KEY) + "]}";
        server.stubFor(get(CERTIFICATES).willReturn(signedBy(next.key(), next.serial(), body, NOW.getEpochSecond())));

        assertThatThrownBy(auto()::refreshPlatformCertificates).isInstanceOfSatisfying(RemoteException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.VERIFICATION_FAILED);
            assertThat(e.getMessage()).contains("has the serial number " + current.serial());
        });
    }

    @Test
    void refreshPlatformCertificates_whenEncryptedWithAnotherApiV3Key_isRefused() throws Exception {
        String body = certificatesBody("b8cde1ZJB1kG2e7VfTs3jQzaWizur8Gb", current);
        server.stubFor(get(CERTIFICATES).willReturn(signedBy(current.key(), current.serial(), body, NOW.getEpochSecond())));

        assertThatThrownBy(auto()::refreshPlatformCertificates).isInstanceOfSatisfying(RemoteException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.VERIFICATION_FAILED);
            assertThat(e.getMessage()).contains("APIv3 key");
        });
    }

    @Test
    void refreshPlatformCertificates_whenConfiguredPublicKeyNamed_verifiesWithIt() throws Exception {
        KeyPair wechatPublic = TestKeys.rsa2048();
        String pubKeyId = "PUB_KEY_ID_0114232134912410000000000000";
        WechatPayProvider wechat = new WechatPayProvider(config().verificationKey(pubKeyId, wechatPublic.getPublic())
                .autoPlatformCertificates(Duration.ofHours(12)).build());
        serveCertificates(wechatPublic.getPrivate(), pubKeyId, current);
        assertThat(serials(wechat.refreshPlatformCertificates())).containsExactly(current.serial());

        // the configured key wins: a response naming it but signed by a listed certificate is refused
        serveCertificates(current.key(), pubKeyId, current);
        assertThatThrownBy(wechat::refreshPlatformCertificates).isInstanceOfSatisfying(RemoteException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.VERIFICATION_FAILED));
    }

    @Test
    void parseNotification_whenForgedSerialsRepeat_downloadsAtMostOncePerCooldown() throws Exception {
        serveCertificates(current.key(), current.serial(), current);
        WechatPayProvider wechat = auto();
        KeyPair forger = TestKeys.rsa2048();

        for (int i = 0; i < 20; i++) {
            NotificationOutcome o = notifySignedBy(wechat, forger.getPrivate(), "FORGED" + i, "EV-" + i);
            assertThat(WechatPayProviderTest.reason(o)).isEqualTo(RejectionReason.UNKNOWN_KEY);
        }
        assertThat(downloads()).isEqualTo(1);
        assertThat(notifySignedBy(wechat, current.key(), current.serial(), "EV-ok").verified()).isTrue();

        clock.advance(Duration.ofSeconds(59));
        notifySignedBy(wechat, forger.getPrivate(), "FORGED-late", "EV-late");
        assertThat(downloads()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        serveCertificates(current.key(), current.serial(), current);
        notifySignedBy(wechat, forger.getPrivate(), "FORGED-after-cooldown", "EV-after");
        assertThat(downloads()).isEqualTo(2);
    }

    @Test
    void parseNotification_whenManyThreadsNeedCertificatesAtOnce_downloadsOnce() throws Exception {
        serveCertificates(current.key(), current.serial(), current);
        WechatPayProvider wechat = auto();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> tasks = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String id = "EV-" + i;
                tasks.add(() -> notifySignedBy(wechat, current.key(), current.serial(), id).verified());
            }
            for (Future<Boolean> f : pool.invokeAll(tasks)) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(downloads()).isEqualTo(1);
    }

    @Test
    void parseNotification_whenManualKeysOnly_neverDownloads() throws Exception {
        WechatPayProvider wechat = new WechatPayProvider(config().platformCertificate(current.certificate()).build());

        assertThat(notifySignedBy(wechat, current.key(), current.serial(), "EV-1").verified()).isTrue();
        assertThat(WechatPayProviderTest.reason(notifySignedBy(wechat, next.key(), next.serial(), "EV-2")))
                .isEqualTo(RejectionReason.UNKNOWN_KEY);
        assertThat(downloads()).isZero();
    }

    @Test
    void build_whenNoKeysAndNotAutomatic_namesTheFix() {
        assertThatThrownBy(() -> config().build()).isInstanceOf(ValidationException.class)
                .hasMessageContaining("autoPlatformCertificates");
        assertThatThrownBy(() -> config().autoPlatformCertificates(Duration.ZERO).build())
                .isInstanceOf(ValidationException.class).hasMessageContaining("refresh interval must be positive");
    }
}
