package io.learnloop.payment.apple;

/**
 * Why signed data from Apple was not accepted. A rejected notification settles, grants, refunds and records nothing.
 *
 * <p>Thread-safe: an enum.
 */
public enum AppleRejection {
    /** The body is not {@code {"signedPayload": "<JWS>"}}, or the JWS or its payload cannot be parsed. */
    MALFORMED,
    /** The algorithm is not ES256, or the signature does not verify under the leaf certificate's key. */
    BAD_SIGNATURE,
    /**
     * The {@code x5c} chain is missing, not exactly three certificates, does not lead to a configured root, lacks
     * Apple's extension on the leaf ({@code 1.2.840.113635.100.6.11.1}) or the intermediate
     * ({@code 1.2.840.113635.100.6.2.1}), is not valid at the signed date (or now, with online checks), or, with
     * online checks, its revocation status could not be confirmed.
     */
    INVALID_CHAIN,
    /** The bundle id, or in production the app's Apple id, is not the configured one. */
    WRONG_APP,
    /** The data belongs to the other environment (sandbox against production or the reverse). */
    WRONG_ENVIRONMENT,
    /** The signed date is older than the replay window. */
    STALE,
    /** The signed date lies further in the future than the allowed clock skew. */
    FUTURE
}
