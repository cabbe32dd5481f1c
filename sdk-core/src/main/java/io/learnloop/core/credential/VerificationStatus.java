package io.learnloop.core.credential;

/**
 * The outcome of verifying a certificate, in the order the checks run.
 *
 * <p>Thread-safe: an enum.
 */
public enum VerificationStatus {
    /** Every check passed. */
    VALID,
    /** Not a compact JWS of three canonical base64url segments with JSON header and claims. */
    MALFORMED,
    /** The header names an algorithm other than ES256, EdDSA or RS256, or one the named key cannot verify. */
    UNSUPPORTED_ALGORITHM,
    /** The header names no key id, or one the verifier does not know. */
    UNKNOWN_KEY,
    /** The signature does not match the header and claims. */
    BAD_SIGNATURE,
    /** The token was signed by a known key but names another issuer. */
    WRONG_ISSUER,
    /** The claims hold no Open Badges 3.0 credential of the expected shape. */
    NOT_AN_OPEN_BADGE,
    /** The issuer revoked the certificate. */
    REVOKED,
    /** Its {@code validFrom} ({@code nbf}) lies in the future. */
    NOT_YET_VALID,
    /** Its {@code validUntil} ({@code exp}) has passed. */
    EXPIRED
}
