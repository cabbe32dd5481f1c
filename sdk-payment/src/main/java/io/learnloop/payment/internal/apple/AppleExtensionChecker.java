package io.learnloop.payment.internal.apple;

import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.PKIXCertPathChecker;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Set;

/**
 * Requires Apple's marker extensions on the path the PKIX validator walks, as Apple's library does: the intermediate
 * (Apple Worldwide Developer Relations) carries {@value #INTERMEDIATE_OID}, the leaf (the App Store receipt signer)
 * {@value #LEAF_OID}, both as non-critical extensions. Without this, any certificate a root ever issued could sign
 * App Store data.
 *
 * <p>Not thread-safe: the validator clones it per validation.
 */
final class AppleExtensionChecker extends PKIXCertPathChecker {
    /** The extension of Apple's WWDR intermediate certificates. */
    static final String INTERMEDIATE_OID = "1.2.840.113635.100.6.2.1";
    /** The extension of the App Store's signing certificates. */
    static final String LEAF_OID = "1.2.840.113635.100.6.11.1";

    /** How many certificates of the path were checked; the validator goes from the trust anchor down. */
    private int checked;

    @Override
    public void init(boolean forward) throws CertPathValidatorException {
        if (forward) {
            throw new CertPathValidatorException("forward checking is not supported");
        }
        checked = 0;
    }

    @Override
    public boolean isForwardCheckingSupported() {
        return false;
    }

    @Override
    public Set<String> getSupportedExtensions() {
        return Set.of(INTERMEDIATE_OID, LEAF_OID);
    }

    @Override
    public void check(Certificate cert, Collection<String> unresolvedCritExts) throws CertPathValidatorException {
        X509Certificate x = (X509Certificate) cert;
        String required = switch (checked) {
            case 0 -> INTERMEDIATE_OID;
            case 1 -> LEAF_OID;
            default -> throw new CertPathValidatorException("the path is longer than leaf and intermediate");
        };
        Set<String> extensions = x.getNonCriticalExtensionOIDs();
        if (extensions == null || !extensions.contains(required)) {
            throw new CertPathValidatorException((checked == 0 ? "the intermediate" : "the signing certificate")
                    + " lacks Apple's extension " + required);
        }
        checked++;
    }

    @Override
    public AppleExtensionChecker clone() {
        return (AppleExtensionChecker) super.clone();
    }
}
