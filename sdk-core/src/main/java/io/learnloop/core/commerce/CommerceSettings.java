package io.learnloop.core.commerce;

import io.learnloop.core.error.ValidationException;

import java.time.Duration;

/**
 * Settings of the commerce service.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param orderTtl how long an unpaid order may wait for its payment before it can be expired (positive)
 */
public record CommerceSettings(Duration orderTtl) {
    /** Orders wait 30 minutes for their payment. */
    public static final CommerceSettings DEFAULTS = new CommerceSettings(Duration.ofMinutes(30));

    /**
     * Validates.
     *
     * @param orderTtl the time to live of unpaid orders
     */
    public CommerceSettings {
        if (orderTtl == null || orderTtl.isZero() || orderTtl.isNegative()) {
            throw ValidationException.of("orderTtl", "must be a positive duration");
        }
    }
}
