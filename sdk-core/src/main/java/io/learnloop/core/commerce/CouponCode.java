package io.learnloop.core.commerce;

import io.learnloop.core.error.ValidationException;
import io.learnloop.core.identity.Identifier;

import java.util.Locale;

/**
 * A coupon's code, as a learner types it. Codes are case-insensitive: they are kept in upper case. At most
 * {@value #MAX_LENGTH} letters, digits, {@code -} or {@code _}.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param value the code, upper case
 */
public record CouponCode(String value) implements Identifier {
    /** The longest code accepted. */
    public static final int MAX_LENGTH = 64;

    /**
     * Validates and normalises to upper case.
     *
     * @param value the code
     */
    public CouponCode {
        Identifier.check("couponCode", value);
        if (value.length() > MAX_LENGTH || !value.matches("[A-Za-z0-9_-]+")) {
            throw ValidationException.of("couponCode", "must be 1 to " + MAX_LENGTH
                    + " letters, digits, '-' or '_' (was '" + value + "')");
        }
        value = value.toUpperCase(Locale.ROOT);
    }

    /**
     * Creates a code.
     *
     * @param value the code
     * @return the code
     */
    public static CouponCode of(String value) {
        return new CouponCode(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
