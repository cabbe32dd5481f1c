package io.learnloop.payment;

import io.learnloop.core.error.ValidationException;

import java.util.Currency;
import java.util.Objects;

/**
 * An amount of money as the payment providers see it: a count of the currency's minor units (cents, fen) and an
 * ISO 4217 currency. Never a floating-point number. Each provider converts at its own edge (Stripe minor units with
 * its zero-decimal rules, Alipay yuan strings, WeChat Pay integer fen).
 *
 * <p>Thread-safe: immutable record.
 *
 * @param minorUnits the amount in the currency's minor units ({@link Currency#getDefaultFractionDigits()}); not
 *                   negative
 * @param currency   the currency
 */
public record PaymentAmount(long minorUnits, Currency currency) {
    /**
     * Validates the amount.
     *
     * @param minorUnits the amount in minor units
     * @param currency   the currency
     * @throws ValidationException if the amount is negative or the currency is missing or has no minor unit
     */
    public PaymentAmount {
        if (currency == null) {
            throw ValidationException.of("amount.currency", "is required");
        }
        if (currency.getDefaultFractionDigits() < 0) {
            throw ValidationException.of("amount.currency", currency.getCurrencyCode()
                    + " has no minor unit; use an ISO 4217 circulating currency");
        }
        if (minorUnits < 0) {
            throw ValidationException.of("amount.minorUnits", "must not be negative (was " + minorUnits + ")");
        }
    }

    /**
     * Shorthand for {@code new PaymentAmount(minorUnits, Currency.getInstance(currencyCode))}.
     *
     * @param minorUnits   the amount in minor units
     * @param currencyCode the ISO 4217 code, for example {@code "CNY"}
     * @return the amount
     * @throws ValidationException if the code is unknown or the amount negative
     */
    public static PaymentAmount of(long minorUnits, String currencyCode) {
        Objects.requireNonNull(currencyCode, "currencyCode");
        Currency currency;
        try {
            currency = Currency.getInstance(currencyCode.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ValidationException.of("amount.currency", "'" + currencyCode + "' is not an ISO 4217 currency code");
        }
        return new PaymentAmount(minorUnits, currency);
    }

    /**
     * Whether this amount is in the same currency as another and not larger.
     *
     * @param other the other amount
     * @return true if the currencies match and this is at most {@code other}
     */
    public boolean isAtMost(PaymentAmount other) {
        return currency.equals(other.currency) && minorUnits <= other.minorUnits;
    }

    @Override
    public String toString() {
        return minorUnits + " " + currency.getCurrencyCode() + " (minor units)";
    }
}
