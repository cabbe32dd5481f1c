package io.learnloop.payment.internal.wechat;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The certificate authorities a downloaded platform certificate must have been issued by, checked as wechatpay-java's
 * {@code RSACertificateHandler#validateCertPath} does: a PKIX path of the certificate alone, with the configured CA
 * certificates as trust anchors, revocation checking off (no network), every certificate valid at the given instant.
 * With no issuer configured every certificate passes, as before issuers could be configured.
 *
 * <p>Thread-safe: immutable.
 */
public final class PlatformCertificateIssuers {
    private final Set<TrustAnchor> anchors;

    /**
     * Creates the check.
     *
     * @param issuers the CA certificates, for example WeChat Pay's "Tenpay.com Root CA"; empty to accept any
     */
    public PlatformCertificateIssuers(List<X509Certificate> issuers) {
        Set<TrustAnchor> a = new HashSet<>();
        issuers.forEach(c -> a.add(new TrustAnchor(c, null)));
        this.anchors = Set.copyOf(a);
    }

    /**
     * Whether any issuer is configured.
     *
     * @return true if certificates are checked
     */
    public boolean configured() {
        return !anchors.isEmpty();
    }

    /**
     * Checks one downloaded certificate.
     *
     * @param certificate the certificate
     * @param now         the instant at which it must be valid
     * @return null when it was issued by a configured issuer (or none is configured), otherwise why not
     */
    public String problem(X509Certificate certificate, Instant now) {
        if (anchors.isEmpty()) {
            return null;
        }
        try {
            PKIXParameters params = new PKIXParameters(anchors);
            params.setRevocationEnabled(false);
            params.setDate(Date.from(now));
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(List.of(certificate)), params);
            return null;
        } catch (CertPathValidatorException e) {
            if (e.getReason() == PKIXReason.NO_TRUST_ANCHOR) {
                boolean sameName = anchors.stream().anyMatch(a -> a.getTrustedCert().getSubjectX500Principal()
                        .equals(certificate.getIssuerX500Principal()));
                return "it names " + certificate.getIssuerX500Principal().getName() + " as issuer, "
                        + (sameName ? "but the configured platformCertificateIssuer of that name did not sign it"
                        : "which is not a configured platformCertificateIssuer");
            }
            if (e.getReason() == CertPathValidatorException.BasicReason.INVALID_SIGNATURE) {
                return "it names " + certificate.getIssuerX500Principal().getName()
                        + " as issuer but that CA's key does not verify its signature";
            }
            return "it does not chain to a configured platformCertificateIssuer: " + e.getMessage();
        } catch (GeneralSecurityException e) {
            return "its certificate path could not be checked: " + e.getMessage();
        }
    }
}
