package io.learnloop.payment.apple;

/**
 * What {@link AppleInAppPurchases} did with a notification or a looked-up transaction.
 *
 * <p>Thread-safe: an enum.
 */
public enum AppleDisposition {
    /** A purchase or renewal paid its order: access granted, revenue and Apple's commission posted. */
    SETTLED,
    /** The transaction had paid its order before; nothing changed. */
    ALREADY_SETTLED,
    /** A refund or revocation was settled: the order refunded, the revenue clawed back, access revoked. */
    REFUNDED,
    /**
     * A renewal failed and the subscription is past due: access is kept through the configured grace period
     * ({@link AppleConfig.Builder#dunning}) while Apple retries the charge.
     */
    GRACE_PERIOD_GRANTED,
    /**
     * The subscription lapsed: Apple expired it (its core subscription ended at that instant, a grace period still
     * running revoked), or a renewal failed with no grace period left (expired where the paid period ends), or failed
     * while the paid period still runs (past due when it ends, unless Apple renews it first).
     */
    LAPSED,
    /**
     * Auto-renewal was turned off (the subscription ends at its period's end instead of renewing) or on again.
     */
    RENEWAL_CHANGED,
    /** Verified, but nothing for Learnloop to do (a test notification, a renewal preference change, ...). */
    IGNORED,
    /** The same notification was processed before; its first result stands. */
    DUPLICATE,
    /**
     * Verified, but it could not be delivered: an unknown product or account, a price that is not the offer's, a
     * refund of a transaction that never paid an order, or the core settlement held it. Listed by
     * {@link AppleInAppPurchases#reviewQueue}; a person decides.
     */
    KEPT_FOR_REVIEW,
    /** Not accepted; see {@link AppleNotificationResult#rejection()}. Nothing was recorded. */
    REJECTED
}
