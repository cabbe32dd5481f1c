package io.learnloop.payment.wechat;

import io.learnloop.core.testing.MutableClock;
import io.learnloop.payment.NotificationOutcome;
import io.learnloop.payment.RejectionReason;
import io.learnloop.payment.Secret;
import io.learnloop.payment.testing.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Certificate mode: a real self-signed platform certificate made with the JDK's keytool. */
class PlatformCertificateTest {
    @TempDir
    Path dir;

    @Test
    void parseNotification_whenSignedByConfiguredPlatformCertificate_isKeyedBySerial() throws Exception {
        Path store = dir.resolve("platform.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "platform", "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=Tenpay.com Root CA", "-validity", "30", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        X509Certificate cert = (X509Certificate) ks.getCertificate("platform");
        PrivateKey platformKey = (PrivateKey) ks.getKey("platform", "changeit".toCharArray());
        String serial = cert.getSerialNumber().toString(16).toUpperCase(Locale.ROOT);

        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        WechatPayProvider wechat = new WechatPayProvider(WechatPayConfig.builder(WechatPayProviderTest.MCH_ID, WechatPayProviderTest.APP_ID)
                .merchantKey(WechatPayProviderTest.MERCHANT_SERIAL, WechatPayProviderTest.MERCHANT.getPrivate())
                .apiV3Key(Secret.of(WechatPayProviderTest.API_V3_KEY)).platformCertificate(cert)
                .notifyUrl("https://shop.example/n").clock(clock).build());

        String body = WechatPayProviderTest.notification("EV-cert", "TRANSACTION.SUCCESS",
                WechatPayProviderTest.paidResource(WechatPayProviderTest.MCH_ID, 100));
        long ts = clock.instant().getEpochSecond();
        String signature = TestKeys.sign(platformKey, (ts + "\nn\n" + body + "\n").getBytes(StandardCharsets.UTF_8));
        // a serial is a number: a leading zero or lower case names the same certificate, another number does not
        for (String s : List.of(serial, "0" + serial, serial.toLowerCase(Locale.ROOT), serial + "0")) {
            NotificationOutcome o = wechat.parseNotification(body.getBytes(StandardCharsets.UTF_8), Map.of(
                    "Wechatpay-Timestamp", String.valueOf(ts), "Wechatpay-Nonce", "n", "Wechatpay-Serial", s,
                    "Wechatpay-Signature", signature));
            if (!s.equals(serial + "0")) {
                assertThat(o.verified()).as(s).isTrue();
            } else {
                assertThat(((NotificationOutcome.Rejected) o).reason()).isEqualTo(RejectionReason.UNKNOWN_KEY);
            }
        }
    }
}
