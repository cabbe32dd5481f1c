package io.learnloop.core.credential;

/**
 * The JWS algorithms certificates are signed with.
 *
 * <p>Thread-safe: an enum.
 */
public enum SigningAlgorithm {
    /** ECDSA over P-256 with SHA-256. */
    ES256,
    /** Ed25519 (JWS {@code EdDSA}), computed with the JDK's own Ed25519. */
    EdDSA,
    /** RSASSA-PKCS1-v1_5 with SHA-256, keys of at least 2048 bits; the minimum Open Badges 3.0 names. */
    RS256
}
