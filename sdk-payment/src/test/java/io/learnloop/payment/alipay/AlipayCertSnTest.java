package io.learnloop.payment.alipay;

import io.learnloop.payment.internal.alipay.AlipayCertSn;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Alipay certificate serial numbers: MD5(issuer RFC 2253 name + decimal serial), 32 hex digits. */
class AlipayCertSnTest {
    static final AlipayTestPki PKI = AlipayTestPki.get();

    /** The documented formula, written out independently the way the official SDK does it (BigInteger, then pad). */
    static String expectedSn(String issuerName, BigInteger serial) throws Exception {
        byte[] digest = MessageDigest.getInstance("MD5").digest((issuerName + serial).getBytes(StandardCharsets.UTF_8));
        StringBuilder hex = new StringBuilder(new BigInteger(1, digest).toString(16));
        while (hex.length() < 32) {
            hex.insert(0, '0');
        }
        return hex.toString();
    }

    static X509Certificate resource(String name) throws Exception {
        try (InputStream in = AlipayCertSnTest.class.getResourceAsStream(name)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    @Test
    void of_whenPublishedAlipayAppCertificate_matchesPublishedSn() throws Exception {
        // fixture and expected value: see src/test/resources/alipay/README.md
        X509Certificate published = resource("/alipay/appCertPublicKey-published.crt");
        // the DER name is C, O, OU, CN; the SN uses it most specific first, comma-separated, no spaces
        assertThat(published.getIssuerX500Principal().getName())
                .isEqualTo("CN=Ant Financial Certification Authority Class 2 R1,OU=Certification Authority,O=Ant Financial,C=CN");
        assertThat(AlipayCertSn.of(published)).isEqualTo("4498aaa8ab0c8986c15c41b36186db7d")
                .isEqualTo(expectedSn("CN=Ant Financial Certification Authority Class 2 R1,OU=Certification Authority,O=Ant Financial,C=CN",
                        published.getSerialNumber()));
    }

    @Test
    void of_whenIssuerNameNeedsEscaping_usesRfc2253NameAndDecimalSerial() throws Exception {
        X509Certificate app = PKI.app.certificate();
        assertThat(AlipayCertSn.of(app))
                .isEqualTo(expectedSn("CN=Learnloop Test Root R1,OU=Certification Authority,O=Learnloop Test\\, Ltd.,C=CN", app.getSerialNumber()))
                .hasSize(32).matches("[0-9a-f]{32}");
        assertThat(AlipayCertSn.of(PKI.alipayA.certificate())).isNotEqualTo(AlipayCertSn.of(PKI.alipayB.certificate()));
    }

    @Test
    void md5Hex_whenDigestStartsWithZero_keepsAll32Digits() throws Exception {
        String text = null;
        for (int i = 0; text == null; i++) {
            byte[] d = MessageDigest.getInstance("MD5").digest(("CN=Issuer,C=CN" + i).getBytes(StandardCharsets.UTF_8));
            if ((d[0] & 0xF0) == 0) {
                text = "CN=Issuer,C=CN" + i;
            }
        }
        String hex = AlipayCertSn.md5Hex(text);
        assertThat(hex).hasSize(32).startsWith("0");
        assertThat(new BigInteger(1, MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8))).toString(16))
                .hasSizeLessThan(32);
        assertThat(hex).isEqualTo(expectedSn("CN=Issuer,C=CN", new BigInteger(text.substring("CN=Issuer,C=CN".length()))));
    }

    @Test
    void rootOf_whenChainHoldsAnEcdsaRoot_joinsOnlyTheRsaSignedOnesInOrder() throws Exception {
        assertThat(PKI.rootE1.getSigAlgOID()).isEqualTo("1.2.840.10045.4.3.2");   // ecdsa-with-SHA256
        assertThat(PKI.rootR1.getSigAlgOID()).isEqualTo("1.2.840.113549.1.1.11");  // sha256WithRSAEncryption
        assertThat(PKI.rootG3.getSigAlgOID()).isEqualTo("1.2.840.113549.1.1.5");   // sha1WithRSAEncryption
        // self-signed: issuer name == subject name
        String expected = expectedSn(AlipayTestPki.ROOT_R1_DN, PKI.rootR1.getSerialNumber())
                + "_" + expectedSn(AlipayTestPki.ROOT_G3_DN, PKI.rootG3.getSerialNumber());
        assertThat(AlipayCertSn.rootOf(PKI.rootChain())).isEqualTo(expected);
        assertThat(AlipayCertSn.rootOf(List.of(PKI.rootE1))).isEmpty();
        assertThat(AlipayCertSn.rsaSigned(PKI.rootE1)).isFalse();
    }
}
