package io.learnloop.payment.internal.config;

import io.learnloop.payment.RejectionReason;

/**
 * Why a signed timestamp lies outside the tolerance, for the provider to turn into its rejection.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param reason {@link RejectionReason#STALE_TIMESTAMP} or {@link RejectionReason#FUTURE_TIMESTAMP}
 * @param detail how far off the timestamp is, for logs
 */
public record TimestampSkew(RejectionReason reason, String detail) {
}
