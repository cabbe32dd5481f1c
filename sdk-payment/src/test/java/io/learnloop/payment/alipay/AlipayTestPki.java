package io.learnloop.payment.alipay;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * A small real PKI in the shape of Alipay's, made once per test run with the JDK's {@code keytool} (the JDK has no
 * public certificate-signing API): three self-signed roots as in {@code alipayRootCert.crt} (an RSA root signed with
 * SHA256withRSA whose name needs RFC 2253 escaping, an RSA root signed with SHA1withRSA and an ECDSA root), and, issued
 * by the first root, the application certificate and two Alipay certificates (the current one and its successor).
 * Also, as in Alipay's real files, an intermediate CA under the first root ("Class 2") with an Alipay certificate
 * "C" it issued, and an unrelated root with a certificate "F" that imitates Alipay's.
 *
 * <p>Validity periods (UTC): app 2025-01-01 to 2028-01-01; Alipay "A" 2025-01-01 to 2027-01-01; Alipay "B"
 * 2026-01-01 to 2030-01-01; roots 2024-01-01 for 20 years; intermediate 2025-01-01 to 2027-06-20; Alipay "C"
 * 2026-01-01 to 2030-01-01; "F" 2025-01-01 to 2030-01-01.
 */
final class AlipayTestPki {
    static final String ROOT_R1_DN = "CN=Learnloop Test Root R1,OU=Certification Authority,O=Learnloop Test\\, Ltd.,C=CN";
    static final String ROOT_G3_DN = "CN=Learnloop Test Root G3,O=Learnloop Test,C=CN";
    static final String ROOT_E1_DN = "CN=Learnloop Test Root E1,O=Learnloop Test,C=CN";
    static final String CLASS2_DN = "CN=Learnloop Test Class 2 R1,OU=Certification Authority,O=Learnloop Test,C=CN";
    static final String FOREIGN_ROOT_DN = "CN=Unrelated Root CA,O=Someone Else,C=CN";
    private static final String PASSWORD = "changeit";

    /** A certificate and the private key it certifies. */
    record Issued(X509Certificate certificate, PrivateKey privateKey) {
    }

    final X509Certificate rootR1;
    final X509Certificate rootG3;
    final X509Certificate rootE1;
    final Issued app;
    final Issued alipayA;
    final Issued alipayB;
    final X509Certificate class2;
    final Issued alipayC;
    final X509Certificate foreignRoot;
    final Issued foreign;

    private static AlipayTestPki instance;

    /** The PKI of this test run, made on first use. */
    static synchronized AlipayTestPki get() {
        if (instance == null) {
            instance = new AlipayTestPki();
        }
        return instance;
    }

    /** The root chain in the order of Alipay's root file: RSA, ECDSA, RSA. */
    List<X509Certificate> rootChain() {
        return List.of(rootR1, rootE1, rootG3);
    }

    private AlipayTestPki() {
        Path dir = null;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            dir = Files.createTempDirectory("alipay-pki");
            Path d = dir;
            List<Future<?>> roots = new ArrayList<>();
            roots.add(pool.submit(() -> keytool(d, "r1", "-genkeypair", "-alias", "r1", "-keyalg", "RSA", "-keysize", "2048",
                    "-sigalg", "SHA256withRSA", "-dname", ROOT_R1_DN, "-ext", "bc:c", "-startdate", "2024/01/01 00:00:00", "-validity", "7300")));
            roots.add(pool.submit(() -> keytool(d, "g3", "-genkeypair", "-alias", "g3", "-keyalg", "RSA", "-keysize", "2048",
                    "-sigalg", "SHA1withRSA", "-dname", ROOT_G3_DN, "-ext", "bc:c", "-startdate", "2024/01/01 00:00:00", "-validity", "7300")));
            roots.add(pool.submit(() -> keytool(d, "e1", "-genkeypair", "-alias", "e1", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-sigalg", "SHA256withECDSA", "-dname", ROOT_E1_DN, "-ext", "bc:c", "-startdate", "2024/01/01 00:00:00", "-validity", "7300")));
            roots.add(pool.submit(() -> keytool(d, "f1", "-genkeypair", "-alias", "f1", "-keyalg", "RSA", "-keysize", "2048",
                    "-sigalg", "SHA256withRSA", "-dname", FOREIGN_ROOT_DN, "-ext", "bc:c", "-startdate", "2024/01/01 00:00:00", "-validity", "7300")));
            List<Future<?>> leaves = new ArrayList<>();
            leaves.add(pool.submit(() -> request(d, "app", "CN=2088000000000001-2021000123456789,OU=Alipay,O=Learnloop Shop,C=CN")));
            leaves.add(pool.submit(() -> request(d, "alipay-a", "CN=Alipay Test Public Key A,OU=Alipay,O=Alipay Test,C=CN")));
            leaves.add(pool.submit(() -> request(d, "alipay-b", "CN=Alipay Test Public Key B,OU=Alipay,O=Alipay Test,C=CN")));
            leaves.add(pool.submit(() -> request(d, "class2", CLASS2_DN)));
            leaves.add(pool.submit(() -> request(d, "alipay-c", "CN=Alipay Test Public Key C,OU=Alipay,O=Alipay Test,C=CN")));
            leaves.add(pool.submit(() -> request(d, "foreign", "CN=Alipay Test Public Key B,OU=Alipay,O=Alipay Test,C=CN")));
            for (Future<?> f : roots) {
                f.get();
            }
            for (Future<?> f : leaves) {
                f.get();
            }
            List<Future<?>> issued = new ArrayList<>();
            issued.add(pool.submit(() -> issue(d, "app", "2025/01/01 00:00:00", 1095)));
            issued.add(pool.submit(() -> issue(d, "alipay-a", "2025/01/01 00:00:00", 730)));
            issued.add(pool.submit(() -> issue(d, "alipay-b", "2026/01/01 00:00:00", 1461)));
            issued.add(pool.submit(() -> issue(d, "r1", "class2", "2025/01/01 00:00:00", 900,
                    "bc:c=ca:true,pathlen:0", "ku:c=keyCertSign,cRLSign")));
            issued.add(pool.submit(() -> issue(d, "f1", "foreign", "2025/01/01 00:00:00", 1826,
                    "ku:c=digitalSignature,keyEncipherment")));
            for (Future<?> f : issued) {
                f.get();
            }
            // the intermediate's key signs with its own name as issuer, whatever certificate its store holds
            issue(d, "class2", "alipay-c", "2026/01/01 00:00:00", 1461, "ku:c=digitalSignature,keyEncipherment");
            rootR1 = stored(d, "r1").certificate();
            rootG3 = stored(d, "g3").certificate();
            rootE1 = stored(d, "e1").certificate();
            app = issuedWithKey(d, "app");
            alipayA = issuedWithKey(d, "alipay-a");
            alipayB = issuedWithKey(d, "alipay-b");
            class2 = issuedWithKey(d, "class2").certificate();
            alipayC = issuedWithKey(d, "alipay-c");
            foreignRoot = stored(d, "f1").certificate();
            foreign = issuedWithKey(d, "foreign");
        } catch (Exception e) {
            throw new IllegalStateException("could not make the test PKI with keytool", e);
        } finally {
            pool.shutdownNow();
            deleteQuietly(dir);
        }
    }

    private static Void request(Path dir, String name, String dn) throws IOException, InterruptedException {
        keytool(dir, name, "-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", "2048", "-sigalg", "SHA256withRSA", "-dname", dn);
        keytool(dir, name, "-certreq", "-alias", name, "-file", dir.resolve(name + ".csr").toString());
        return null;
    }

    private static Void issue(Path dir, String name, String start, int days) throws IOException, InterruptedException {
        return issue(dir, "r1", name, start, days, "ku:c=digitalSignature,keyEncipherment");
    }

    private static Void issue(Path dir, String issuer, String name, String start, int days, String... extensions)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("-gencert", "-alias", issuer, "-infile", dir.resolve(name + ".csr").toString(),
                "-outfile", dir.resolve(name + ".cer").toString(), "-rfc", "-sigalg", "SHA256withRSA",
                "-startdate", start, "-validity", Integer.toString(days)));
        for (String e : extensions) {
            args.add("-ext");
            args.add(e);
        }
        keytool(dir, issuer, args.toArray(String[]::new));
        return null;
    }

    private static Issued issuedWithKey(Path dir, String name) throws Exception {
        X509Certificate cert;
        try (InputStream in = Files.newInputStream(dir.resolve(name + ".cer"))) {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        return new Issued(cert, stored(dir, name).privateKey());
    }

    private static Issued stored(Path dir, String name) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve(name + ".p12"))) {
            ks.load(in, PASSWORD.toCharArray());
        }
        return new Issued((X509Certificate) ks.getCertificate(name), (PrivateKey) ks.getKey(name, PASSWORD.toCharArray()));
    }

    private static Void keytool(Path dir, String store, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                // a short-lived JVM: skip the optimising compiler
                "-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-storetype", "PKCS12", "-keystore", dir.resolve(store + ".p12").toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD, "-noprompt"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("keytool " + args[0] + " failed: " + out);
        }
        return null;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
