package io.learnloop.payment;

/**
 * Why a notification was not accepted. Every rejection grants nothing.
 *
 * <p>Thread-safe: an enum.
 */
public enum RejectionReason {
    /** A signature header or field is missing. */
    MISSING_SIGNATURE,
    /** The signature does not match the raw body under any configured key. */
    BAD_SIGNATURE,
    /** A deliberate signature probe from the provider (WeChat {@code WECHATPAY/SIGNTEST/…}). */
    SIGNATURE_PROBE,
    /** The signing key or certificate serial is not configured. */
    UNKNOWN_KEY,
    /** The signed timestamp is older than the tolerance (possible replay). */
    STALE_TIMESTAMP,
    /** The signed timestamp lies further in the future than the tolerance. */
    FUTURE_TIMESTAMP,
    /** The body could not be parsed. */
    MALFORMED,
    /** The body or a header is larger than {@link NotificationLimits} allow; nothing of it was read. */
    TOO_LARGE,
    /** The encrypted resource could not be decrypted or authenticated. */
    DECRYPTION_FAILED,
    /** The event belongs to another merchant or application. */
    WRONG_MERCHANT,
    /** The event's amount or currency differs from the payment's. */
    AMOUNT_MISMATCH,
    /** The event names a payment the host does not know. */
    UNKNOWN_PAYMENT,
    /** The event names a subscription the host does not know. */
    UNKNOWN_SUBSCRIPTION
}
