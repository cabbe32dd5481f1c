package io.learnloop.payment.internal.alipay;

import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.LearnloopException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.StringJoiner;

/**
 * Alipay certificate serial numbers ({@code app_cert_sn}, {@code alipay_cert_sn}, {@code alipay_root_cert_sn}) as the
 * official SDK computes them ({@code AntCertificationUtil#getCertSN} / {@code #getRootCertSN}): the MD5 of the
 * issuer's RFC 2253 name ({@code getIssuerX500Principal().getName()}, most specific RDN first, so {@code CN=…,OU=…,O=…,C=CN})
 * immediately followed by the serial number in decimal, as 32 lower-case hex digits with leading zeros kept.
 */
public final class AlipayCertSn {
    /** PKCS#1 signature algorithms (sha1WithRSAEncryption, sha256WithRSAEncryption, …). */
    private static final String RSA_SIGNATURE_OID_PREFIX = "1.2.840.113549.1.1.";

    private AlipayCertSn() {
    }

    /**
     * The serial number Alipay uses for one certificate.
     *
     * @param certificate the certificate
     * @return 32 lower-case hex digits
     */
    public static String of(X509Certificate certificate) {
        return md5Hex(certificate.getIssuerX500Principal().getName() + certificate.getSerialNumber());
    }

    /**
     * The root serial number: the serial numbers of the RSA-signed certificates of the chain, in order, joined by
     * {@code _}; SM2 and ECDSA-signed roots are skipped, as the official SDK does for RSA2 applications.
     *
     * @param rootChain the certificates of Alipay's root file ({@code alipayRootCert.crt}), in file order
     * @return the joined serial numbers, or the empty string when no certificate is RSA-signed
     */
    public static String rootOf(List<X509Certificate> rootChain) {
        StringJoiner j = new StringJoiner("_");
        for (X509Certificate c : rootChain) {
            if (rsaSigned(c)) {
                j.add(of(c));
            }
        }
        return j.toString();
    }

    /**
     * Whether the certificate's own signature is an RSA (PKCS#1) signature.
     *
     * @param certificate the certificate
     * @return true for sha1WithRSA, sha256WithRSA and the other {@code 1.2.840.113549.1.1.*} algorithms
     */
    public static boolean rsaSigned(X509Certificate certificate) {
        String oid = certificate.getSigAlgOID();
        return oid != null && oid.startsWith(RSA_SIGNATURE_OID_PREFIX);
    }

    /**
     * MD5 of the UTF-8 text as 32 lower-case hex digits, leading zeros kept (the SDK pads its BigInteger output).
     *
     * @param text the text
     * @return the digest in hex
     */
    public static String md5Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new LearnloopException(ErrorCode.INTERNAL, "MD5 is not available in this JVM", e);
        }
    }
}
