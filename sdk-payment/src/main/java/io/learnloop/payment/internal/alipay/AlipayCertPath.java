package io.learnloop.payment.internal.alipay;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks that a certificate was issued under Alipay's root chain ({@code alipayRootCert.crt}), as the official SDK's
 * {@code AntCertificationUtil.isTrusted} does before it trusts a downloaded certificate: every certificate of the
 * root file is a trust anchor, the path from the certificate up to an anchor may pass through intermediate CA
 * certificates (the later certificates of {@code appCertPublicKey_<appId>.crt} and
 * {@code alipayCertPublicKey_RSA2.crt}), and every certificate of the path must be valid at the given instant. The
 * JDK's PKIX validator does the checking (signatures, validity, CA constraints); revocation is not checked, since
 * Alipay publishes no revocation data for these certificates and the check must work offline.
 *
 * <p>Thread-safe: immutable.
 */
public final class AlipayCertPath {
    /** A path longer than this is not a real Alipay chain (leaf, one intermediate, root). */
    private static final int MAX_INTERMEDIATES = 4;

    private final Set<TrustAnchor> anchors;
    private final List<X509Certificate> roots;
    private final List<X509Certificate> intermediates;

    /**
     * Creates the checker.
     *
     * @param rootChain     the certificates of Alipay's root file, each one trusted as an anchor
     * @param intermediates CA certificates that may stand between a certificate and a root; trusted only when they
     *                      themselves chain to a root
     */
    public AlipayCertPath(List<X509Certificate> rootChain, List<X509Certificate> intermediates) {
        this.roots = List.copyOf(rootChain);
        this.intermediates = List.copyOf(intermediates);
        Set<TrustAnchor> a = new HashSet<>();
        for (X509Certificate root : roots) {
            a.add(new TrustAnchor(root, null));
        }
        this.anchors = Set.copyOf(a);
    }

    /**
     * Checks one certificate.
     *
     * @param certificate the certificate to check
     * @param extra       further intermediate certificates that came with it (for example the rest of a downloaded
     *                    file), or an empty list
     * @param at          the instant at which every certificate of the path must be valid
     * @return null when the certificate chains to a root certificate, otherwise why it does not
     */
    public String problem(X509Certificate certificate, List<X509Certificate> extra, Instant at) {
        if (anchors.isEmpty()) {
            return "there is no root certificate to chain to";
        }
        List<X509Certificate> pool = new ArrayList<>(intermediates);
        pool.addAll(extra);
        List<X509Certificate> path = path(certificate, pool);
        try {
            PKIXParameters params = new PKIXParameters(anchors);
            params.setRevocationEnabled(false);
            params.setDate(Date.from(at));
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            CertPathValidator.getInstance("PKIX").validate(certPath, params);
            return null;
        } catch (CertPathValidatorException e) {
            return explain(e, path, at);
        } catch (GeneralSecurityException e) {
            return "it could not be checked: " + e.getMessage();
        }
    }

    /** Leaf first, then the intermediates that issued it, up to (not including) a root that can have issued the last. */
    private List<X509Certificate> path(X509Certificate leaf, List<X509Certificate> pool) {
        List<X509Certificate> path = new ArrayList<>();
        path.add(leaf);
        X509Certificate current = leaf;
        while (path.size() <= MAX_INTERMEDIATES && !issuedByRoot(current) && !selfIssued(current)) {
            X509Certificate issuer = issuerOf(current, pool, path);
            if (issuer == null) {
                break;
            }
            path.add(issuer);
            current = issuer;
        }
        return path;
    }

    private boolean issuedByRoot(X509Certificate c) {
        return roots.stream().anyMatch(r -> r.getSubjectX500Principal().equals(c.getIssuerX500Principal()));
    }

    private static boolean selfIssued(X509Certificate c) {
        return c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
    }

    /** Among certificates named as the issuer, the one whose key verifies the signature; else the first, to report on. */
    private static X509Certificate issuerOf(X509Certificate c, List<X509Certificate> pool, List<X509Certificate> taken) {
        X509Certificate named = null;
        for (X509Certificate candidate : pool) {
            if (taken.contains(candidate) || !candidate.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
                continue;
            }
            if (signedBy(c, candidate)) {
                return candidate;
            }
            if (named == null) {
                named = candidate;
            }
        }
        return named;
    }

    private static boolean signedBy(X509Certificate c, X509Certificate issuer) {
        try {
            c.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static String explain(CertPathValidatorException e, List<X509Certificate> path, Instant at) {
        int index = e.getIndex();
        X509Certificate at0 = index >= 0 && index < path.size() ? path.get(index) : path.get(path.size() - 1);
        String who = index > 0 && index < path.size() ? "its issuing CA certificate " + subject(at0) : subject(at0);
        CertPathValidatorException.Reason reason = e.getReason();
        if (reason == CertPathValidatorException.BasicReason.EXPIRED) {
            return who + " expired at " + at0.getNotAfter().toInstant() + " (checked at " + at + ")";
        }
        if (reason == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
            return who + " is not valid before " + at0.getNotBefore().toInstant() + " (checked at " + at + ")";
        }
        if (reason == CertPathValidatorException.BasicReason.INVALID_SIGNATURE) {
            return "the signature of " + who + " does not verify with the key of " + at0.getIssuerX500Principal().getName();
        }
        if (reason == PKIXReason.NO_TRUST_ANCHOR) {
            X509Certificate top = path.get(path.size() - 1);
            return "no root certificate issued " + subject(top) + " (its issuer is " + top.getIssuerX500Principal().getName()
                    + "): it was not issued under the configured Alipay root chain, or the intermediate CA certificate"
                    + " is missing";
        }
        if (reason == PKIXReason.NOT_CA_CERT || reason == PKIXReason.INVALID_KEY_USAGE
                || reason == PKIXReason.PATH_TOO_LONG) {
            return who + " may not issue certificates (" + e.getMessage() + ")";
        }
        return who + " does not chain: " + e.getMessage();
    }

    private static String subject(X509Certificate c) {
        return c.getSubjectX500Principal().getName() + " (SN " + AlipayCertSn.of(c) + ")";
    }
}
