package io.learnloop.core.credential;

import java.time.Instant;

/**
 * What verifying a certificate found. Fields after {@code message} are filled as far as the checks got (the
 * credential's contents only once the signature has been checked).
 *
 * <p>Thread-safe: immutable record.
 *
 * @param status          the outcome
 * @param message         a human-readable explanation
 * @param kid             the key id from the header, or null
 * @param credentialId    the credential's {@code id} ({@code jti}), or null
 * @param issuerId        the issuer's id, or null
 * @param subjectId       the credential subject's id ({@code sub}), or null
 * @param achievementName the achievement's name, or null
 * @param validFrom       the start of the validity window, or null
 * @param validUntil      the end of the validity window, or null when open-ended
 * @param credentialJson  the verified credential ({@code vc} claim) as JSON, or null
 */
public record VerificationResult(VerificationStatus status, String message, String kid, String credentialId,
                                 String issuerId, String subjectId, String achievementName, Instant validFrom,
                                 Instant validUntil, String credentialJson) {
    /**
     * Whether the certificate is valid.
     *
     * @return true for {@link VerificationStatus#VALID}
     */
    public boolean valid() {
        return status == VerificationStatus.VALID;
    }

    static VerificationResult failed(VerificationStatus status, String message, String kid) {
        return new VerificationResult(status, message, kid, null, null, null, null, null, null, null);
    }
}
