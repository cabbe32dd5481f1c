package io.learnloop.payment;

import io.learnloop.core.error.Validator;

/**
 * How large a notification may be. {@link Payments#handleNotification} refuses a body or a header above these
 * limits before any provider reads it: nothing is split, decoded, verified, stored or deduplicated, and the result
 * is {@link Disposition#REJECTED} with {@link RejectionReason#TOO_LARGE}. Provider notifications are a few
 * kilobytes; the limits keep a hostile delivery from costing seconds of parsing.
 *
 * <p>The limits apply to what the host passes in, so also cap the request size in the web server (or read at most
 * {@code maxBodyBytes + 1} bytes): the SDK cannot refuse bytes that were already read into memory.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param maxBodyBytes   the largest body accepted, in bytes, the limit included: 16 KiB to 64 MiB
 * @param maxHeaderChars the longest header name or value accepted, in characters, the limit included: 1 KiB to
 *                       1 MiB
 */
public record NotificationLimits(int maxBodyBytes, int maxHeaderChars) {
    private static final int KIB = 1024;

    /**
     * Validates the limits. Values below the minimum would refuse real notifications; values above the maximum
     * would no longer bound the work.
     *
     * @param maxBodyBytes   the largest body, 16 KiB to 64 MiB
     * @param maxHeaderChars the longest header name or value, 1 KiB to 1 MiB
     * @throws io.learnloop.core.error.ValidationException naming each value out of range
     */
    public NotificationLimits {
        new Validator()
                .check(maxBodyBytes >= 16 * KIB && maxBodyBytes <= 64 * KIB * KIB, "maxBodyBytes",
                        "must be 16384 (16 KiB) to 67108864 (64 MiB) bytes (was " + maxBodyBytes + ")")
                .check(maxHeaderChars >= KIB && maxHeaderChars <= KIB * KIB, "maxHeaderChars",
                        "must be 1024 (1 KiB) to 1048576 (1 MiB) characters (was " + maxHeaderChars + ")")
                .throwIfInvalid();
    }

    /**
     * The defaults: a body of at most 256 KiB and header names and values of at most 8 KiB characters each.
     *
     * @return the defaults
     */
    public static NotificationLimits defaults() {
        return new NotificationLimits(256 * KIB, 8 * KIB);
    }

    /**
     * A copy with another body limit.
     *
     * @param value the largest body, 16 KiB to 64 MiB
     * @return the copy
     * @throws io.learnloop.core.error.ValidationException if the value is out of range
     */
    public NotificationLimits withMaxBodyBytes(int value) {
        return new NotificationLimits(value, maxHeaderChars);
    }

    /**
     * A copy with another header limit.
     *
     * @param value the longest header name or value, 1 KiB to 1 MiB
     * @return the copy
     * @throws io.learnloop.core.error.ValidationException if the value is out of range
     */
    public NotificationLimits withMaxHeaderChars(int value) {
        return new NotificationLimits(maxBodyBytes, value);
    }
}
