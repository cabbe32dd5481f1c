package io.learnloop.payment.internal.alipay;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The certificates of Alipay's certificate mode (公钥证书模式) with their serial numbers computed once: the application
 * certificate ({@code app_cert_sn}), Alipay's root chain ({@code alipay_root_cert_sn}) and Alipay's public-key
 * certificates keyed by the {@code alipay_cert_sn} that responses name (several during a rotation).
 *
 * <p>Thread-safe: immutable.
 */
public final class AlipayCertificates {
    /** Where an instant lies relative to a certificate's validity period. */
    public enum Validity {
        /** Within notBefore … notAfter. */
        VALID,
        /** Before notBefore. */
        NOT_YET_VALID,
        /** After notAfter. */
        EXPIRED
    }

    private final X509Certificate appCertificate;
    private final String appCertSn;
    private final String rootCertSn;
    private final Map<String, X509Certificate> alipayCertificates;
    private final AlipayCertPath paths;

    /**
     * Computes the serial numbers.
     *
     * @param appCertificate     the application's public-key certificate ({@code appCertPublicKey_<appId>.crt})
     * @param alipayCertificates Alipay's public-key certificates ({@code alipayCertPublicKey_RSA2.crt}), current first
     * @param rootChain          Alipay's root certificates ({@code alipayRootCert.crt})
     * @param intermediates      intermediate CA certificates between the certificates and the roots
     */
    public AlipayCertificates(X509Certificate appCertificate, List<X509Certificate> alipayCertificates,
                              List<X509Certificate> rootChain, List<X509Certificate> intermediates) {
        this.paths = new AlipayCertPath(rootChain, intermediates);
        this.appCertificate = appCertificate;
        this.appCertSn = AlipayCertSn.of(appCertificate);
        this.rootCertSn = AlipayCertSn.rootOf(rootChain);
        Map<String, X509Certificate> bySn = new LinkedHashMap<>();
        for (X509Certificate c : alipayCertificates) {
            bySn.putIfAbsent(AlipayCertSn.of(c), c);
        }
        this.alipayCertificates = Collections.unmodifiableMap(bySn);
    }

    /**
     * Checks certificates against the configured root chain and intermediates.
     *
     * @return the checker
     */
    public AlipayCertPath paths() {
        return paths;
    }

    /**
     * The application certificate.
     *
     * @return the certificate
     */
    public X509Certificate appCertificate() {
        return appCertificate;
    }

    /**
     * The value of {@code app_cert_sn}.
     *
     * @return the serial number
     */
    public String appCertSn() {
        return appCertSn;
    }

    /**
     * The value of {@code alipay_root_cert_sn}.
     *
     * @return the joined serial numbers
     */
    public String rootCertSn() {
        return rootCertSn;
    }

    /**
     * Alipay's certificates by serial number, in configuration order.
     *
     * @return an unmodifiable map
     */
    public Map<String, X509Certificate> alipayCertificates() {
        return alipayCertificates;
    }

    /**
     * The Alipay certificate a response names.
     *
     * @param sn the {@code alipay_cert_sn}
     * @return the certificate, or null if none configured has that serial number
     */
    public X509Certificate alipayCertificate(String sn) {
        return sn == null ? null : alipayCertificates.get(sn);
    }

    /**
     * Where the instant lies relative to the certificate's validity period (both ends inclusive, as X.509 says).
     *
     * @param certificate the certificate
     * @param now         the instant, from the configured clock
     * @return the validity
     */
    public static Validity validity(X509Certificate certificate, Instant now) {
        if (now.isBefore(certificate.getNotBefore().toInstant())) {
            return Validity.NOT_YET_VALID;
        }
        if (now.isAfter(certificate.getNotAfter().toInstant())) {
            return Validity.EXPIRED;
        }
        return Validity.VALID;
    }
}
