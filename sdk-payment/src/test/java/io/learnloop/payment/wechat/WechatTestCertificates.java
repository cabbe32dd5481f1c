package io.learnloop.payment.wechat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.learnloop.payment.testing.TestKeys;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real RSA 2048 platform certificates made with the JDK's keytool (self-signed, or issued by a test CA with
 * {@code -gencert}), and WeChat Pay responses built from them the way WeChat Pay builds them (encrypted certificates, signed bodies), computed independently of the SDK.
 */
final class WechatTestCertificates {
    private WechatTestCertificates() {
    }

    /** A platform certificate with its private key; {@code serial} is what WeChat Pay sends in Wechatpay-Serial. */
    record Issued(X509Certificate certificate, PrivateKey key, String serial) {
    }

    /**
     * Issues a certificate valid from {@code start} (keytool's {@code yyyy/MM/dd HH:mm:ss}, UTC) for some days.
     */
    static Issued issue(Path dir, String alias, String start, int days) throws Exception {
        Path store = dir.resolve(alias + ".p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-J-Duser.timezone=UTC", "-genkeypair", "-alias", alias, "-keyalg", "RSA",
                "-keysize", "2048", "-sigalg", "SHA256withRSA", "-dname", "CN=Tenpay.com Root CA, OU=" + alias,
                "-startdate", start, "-validity", String.valueOf(days), "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        X509Certificate cert = (X509Certificate) ks.getCertificate(alias);
        PrivateKey key = (PrivateKey) ks.getKey(alias, "changeit".toCharArray());
        return new Issued(cert, key, cert.getSerialNumber().toString(16).toUpperCase(Locale.ROOT));
    }

    /** A self-signed CA certificate ({@code BasicConstraints CA:true}) whose key issues with {@link #issueBy}. */
    static Issued ca(Path dir, String alias, String dname) throws Exception {
        keytool(dir, alias, "-genkeypair", "-alias", alias, "-keyalg", "RSA", "-keysize", "2048", "-sigalg", "SHA256withRSA",
                "-dname", dname, "-ext", "bc:c", "-startdate", "2017/08/09 00:00:00", "-validity", "5475");
        return stored(dir, alias);
    }

    /** A platform certificate issued by a CA made with {@link #ca}, with its own key. */
    static Issued issueBy(Path dir, String ca, String alias, String start, int days) throws Exception {
        keytool(dir, alias, "-genkeypair", "-alias", alias, "-keyalg", "RSA", "-keysize", "2048", "-sigalg", "SHA256withRSA",
                "-dname", "CN=Tenpay.com sign, OU=Tenpay.com CA Center, O=Tenpay.com, C=CN");
        Path csr = dir.resolve(alias + ".csr");
        Path cer = dir.resolve(alias + ".cer");
        keytool(dir, alias, "-certreq", "-alias", alias, "-file", csr.toString());
        keytool(dir, ca, "-gencert", "-alias", ca, "-infile", csr.toString(), "-outfile", cer.toString(), "-rfc",
                "-sigalg", "SHA256withRSA", "-startdate", start, "-validity", String.valueOf(days),
                "-ext", "ku:c=digitalSignature,nonRepudiation,keyEncipherment");
        X509Certificate cert;
        try (InputStream in = Files.newInputStream(cer)) {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        return new Issued(cert, stored(dir, alias).key(), cert.getSerialNumber().toString(16).toUpperCase(Locale.ROOT));
    }

    private static Issued stored(Path dir, String alias) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve(alias + ".p12"))) {
            ks.load(in, "changeit".toCharArray());
        }
        X509Certificate cert = (X509Certificate) ks.getCertificate(alias);
        return new Issued(cert, (PrivateKey) ks.getKey(alias, "changeit".toCharArray()),
                cert.getSerialNumber().toString(16).toUpperCase(Locale.ROOT));
    }

    private static void keytool(Path dir, String store, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-J-Duser.timezone=UTC", "-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-storetype", "PKCS12", "-keystore", dir.resolve(store + ".p12").toString(),
                "-storepass", "changeit", "-keypass", "changeit", "-noprompt"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("keytool " + args[0] + ": " + out).isZero();
    }

    static String pem(X509Certificate certificate) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    /** One {@code data[]} entry: serial_no as given, the PEM encrypted with AEAD_AES_256_GCM under the APIv3 key. */
    static String entry(String serialNo, X509Certificate certificate, String apiV3Key) throws Exception {
        String nonce = "61f9c719728a";
        String aad = "certificate";
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(apiV3Key.getBytes(StandardCharsets.UTF_8), "AES"),
                new GCMParameterSpec(128, nonce.getBytes(StandardCharsets.UTF_8)));
        c.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
        String ciphertext = Base64.getEncoder().encodeToString(c.doFinal(pem(certificate).getBytes(StandardCharsets.UTF_8)));
        ZoneOffset china = ZoneOffset.ofHours(8);
        return "{\"serial_no\":\"" + serialNo + "\",\"effective_time\":\""
                + OffsetDateTime.ofInstant(certificate.getNotBefore().toInstant(), china) + "\",\"expire_time\":\""
                + OffsetDateTime.ofInstant(certificate.getNotAfter().toInstant(), china) + "\",\"encrypt_certificate\":{"
                + "\"algorithm\":\"AEAD_AES_256_GCM\",\"nonce\":\"" + nonce + "\",\"associated_data\":\"" + aad
                + "\",\"ciphertext\":\"" + ciphertext + "\"}}";
    }

    /** The {@code GET /v3/certificates} body listing the certificates under their own serials. */
    static String certificatesBody(String apiV3Key, Issued... certificates) throws Exception {
        StringBuilder entries = new StringBuilder();
        for (Issued i : certificates) {
            entries.append(entries.length() == 0 ? "" : ",").append(entry(i.serial(), i.certificate(), apiV3Key));
        }
        return "{\"data\":[" + entries + "]}";
    }

    /** A response signed over {@code timestamp\nnonce\nbody\n} with the given key, named by {@code serial}. */
    static ResponseDefinitionBuilder signedBy(PrivateKey key, String serial, String body, long timestamp) {
        String nonce = "cert-nonce-" + timestamp;
        return aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withHeader("Wechatpay-Timestamp", String.valueOf(timestamp))
                .withHeader("Wechatpay-Nonce", nonce)
                .withHeader("Wechatpay-Serial", serial)
                .withHeader("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048")
                .withHeader("Wechatpay-Signature", TestKeys.sign(key, (timestamp + "\n" + nonce + "\n" + body + "\n")
                        .getBytes(StandardCharsets.UTF_8)))
                .withHeader("Request-ID", "08F78BB5AF0610D302")
                .withBody(body);
    }

    static List<String> serials(List<PlatformCertificate> certificates) {
        return certificates.stream().map(PlatformCertificate::serialNumber).collect(Collectors.toList());
    }
}
