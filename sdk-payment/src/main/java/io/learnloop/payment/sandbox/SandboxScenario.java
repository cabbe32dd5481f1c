package io.learnloop.payment.sandbox;

/**
 * A fault the sandbox injects once, so a host can test how its integration copes with real-world delivery.
 *
 * <p>Thread-safe: an enum.
 */
public enum SandboxScenario {
    /** The next notification is delivered twice with the same event id. */
    DUPLICATE,
    /** The next notification is held back until the sandbox clock passes its delay. */
    DELAYED,
    /** The next notification is held back and delivered after the one that follows it. */
    OUT_OF_ORDER,
    /** The next notification is signed with a timestamp older than the tolerance. */
    EXPIRED_TIMESTAMP,
    /** The next notification carries a signature that does not match its body. */
    BAD_SIGNATURE,
    /**
     * The next API call is refused with 401 before doing anything, as when an API key was revoked or a certificate
     * expired: not retryable until the host fixes its configuration.
     */
    INVALID_CREDENTIALS,
    /** The next API call fails with 429 before doing anything (retryable). */
    RATE_LIMITED,
    /** The next API call does its work and then fails with 500 (outcome unknown: query before retrying). */
    SERVER_ERROR,
    /**
     * The next API call is lost on the way, as on a connection reset: nothing is done, and the caller sees an
     * outcome-unknown failure (query before retrying).
     */
    LOST_REQUEST,
    /**
     * The next refund is accepted but stays processing (like WeChat PROCESSING or Stripe pending) until
     * {@link SandboxProvider#completeRefund(String)} or {@link SandboxProvider#closeRefund(String)} finishes it.
     */
    REFUND_PROCESSING
}
