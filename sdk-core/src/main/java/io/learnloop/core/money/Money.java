package io.learnloop.core.money;

import io.learnloop.core.error.ValidationException;
import io.learnloop.core.error.Validator;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An amount of money: a signed count of the currency's minor units (fen, cents; yen have none; KWD has three
 * digits) and an ISO 4217 currency. Never a floating-point number. Arithmetic fails rather than overflow, and
 * operations across two currencies fail rather than convert. Decimal text is accepted and produced only at the
 * edges ({@link #parse}, {@link #toDecimalString()}).
 *
 * <p>Wire form: {@code {"minor":1234,"currency":"CNY"}}.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param minor    the amount in minor units
 * @param currency the currency
 */
public record Money(long minor, Currency currency) implements Comparable<Money> {
    private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]{1,40}(\\.[0-9]{1,40})?");

    /**
     * Validates.
     *
     * @param minor    the amount in minor units
     * @param currency the currency, required
     */
    public Money {
        if (currency == null) {
            throw ValidationException.of("currency", "is required");
        }
    }

    /**
     * Creates an amount from minor units.
     *
     * @param minor        the amount in minor units
     * @param currencyCode an ISO 4217 code such as {@code "CNY"}
     * @return the amount
     * @throws ValidationException if the code is not an ISO 4217 currency
     */
    public static Money ofMinor(long minor, String currencyCode) {
        return new Money(minor, currency(currencyCode));
    }

    /**
     * Zero in a currency.
     *
     * @param currency the currency
     * @return zero
     */
    public static Money zero(Currency currency) {
        return new Money(0, currency);
    }

    /**
     * Adds up amounts of one currency.
     *
     * @param currency the currency of the sum (and of every amount)
     * @param amounts  the amounts, possibly none
     * @return the sum, zero when there are none
     * @throws CurrencyMismatchException if an amount is in another currency
     * @throws MoneyOverflowException    if the sum overflows
     */
    public static Money sum(Currency currency, Iterable<Money> amounts) {
        Money total = zero(currency);
        for (Money m : amounts) {
            total = total.plus(m);
        }
        return total;
    }

    /**
     * Parses decimal text such as {@code "12.34"} in a currency. The text may have at most as many fraction digits as
     * the currency's minor unit.
     *
     * @param decimal      the text, for example {@code "199.00"} or {@code "-5"}
     * @param currencyCode an ISO 4217 code
     * @return the amount
     * @throws ValidationException if the text is not a number, has too many fraction digits, or overflows
     */
    public static Money parse(String decimal, String currencyCode) {
        return parse(decimal, currency(currencyCode));
    }

    /**
     * Parses decimal text in a currency.
     *
     * @param decimal  the text
     * @param currency the currency
     * @return the amount
     * @throws ValidationException if the text is not a number, has too many fraction digits, or overflows
     */
    public static Money parse(String decimal, Currency currency) {
        new Validator().notBlank("amount", decimal, 64).notNull("currency", currency).throwIfInvalid();
        String text = decimal.trim();
        if (!DECIMAL.matcher(text).matches()) {
            throw ValidationException.of("amount", "'" + decimal
                    + "' is not a plain decimal number such as 12.34 or -5 (no exponent, no grouping)");
        }
        BigDecimal value = new BigDecimal(text);
        int digits = fractionDigits(currency);
        if (value.stripTrailingZeros().scale() > digits) {
            throw ValidationException.of("amount", "'" + decimal + "' has more than " + digits
                    + " fraction digits, the minor unit of " + currency.getCurrencyCode());
        }
        try {
            return new Money(value.movePointRight(digits).longValueExact(), currency);
        } catch (ArithmeticException e) {
            throw new MoneyOverflowException("amount", "parsing");
        }
    }

    /**
     * Looks up an ISO 4217 currency.
     *
     * @param code the code, for example {@code "USD"}
     * @return the currency
     * @throws ValidationException if unknown
     */
    public static Currency currency(String code) {
        if (code == null || code.isBlank()) {
            throw ValidationException.of("currency", "is required");
        }
        try {
            return Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw ValidationException.of("currency", "'" + code + "' is not an ISO 4217 currency code");
        }
    }

    /**
     * The number of minor-unit digits of a currency (pseudo-currencies without one count as 0).
     *
     * @param currency the currency
     * @return 0 to 4
     */
    public static int fractionDigits(Currency currency) {
        return Math.max(0, currency.getDefaultFractionDigits());
    }

    /**
     * The amount as decimal text with exactly the currency's minor-unit digits, for example {@code "12.30"},
     * {@code "1230"} (JPY) or {@code "1.230"} (KWD).
     *
     * @return the decimal text
     */
    public String toDecimalString() {
        return BigDecimal.valueOf(minor, fractionDigits(currency)).toPlainString();
    }

    /**
     * The amount as a {@link BigDecimal} in major units.
     *
     * @return the decimal
     */
    public BigDecimal toDecimal() {
        return BigDecimal.valueOf(minor, fractionDigits(currency));
    }

    /**
     * Adds.
     *
     * @param other an amount in the same currency
     * @return the sum
     */
    public Money plus(Money other) {
        requireSame(other);
        try {
            return new Money(Math.addExact(minor, other.minor), currency);
        } catch (ArithmeticException e) {
            throw new MoneyOverflowException("amount", "addition");
        }
    }

    /**
     * Subtracts.
     *
     * @param other an amount in the same currency
     * @return the difference
     */
    public Money minus(Money other) {
        requireSame(other);
        try {
            return new Money(Math.subtractExact(minor, other.minor), currency);
        } catch (ArithmeticException e) {
            throw new MoneyOverflowException("amount", "subtraction");
        }
    }

    /**
     * Multiplies by a whole number.
     *
     * @param factor the factor
     * @return the product
     */
    public Money times(long factor) {
        try {
            return new Money(Math.multiplyExact(minor, factor), currency);
        } catch (ArithmeticException e) {
            throw new MoneyOverflowException("factor", "multiplication");
        }
    }

    /**
     * Multiplies by the rational {@code numerator / denominator}, rounding to a whole minor unit.
     *
     * @param numerator   the numerator
     * @param denominator the denominator, not zero
     * @param rounding    how to round
     * @return the product
     */
    public Money times(long numerator, long denominator, RoundingMode rounding) {
        new Validator().check(denominator != 0, "denominator", "must not be zero")
                .notNull("rounding", rounding).throwIfInvalid();
        BigDecimal exact = new BigDecimal(BigInteger.valueOf(minor).multiply(BigInteger.valueOf(numerator)))
                .divide(BigDecimal.valueOf(denominator), 0, rounding);
        return fromExact(exact, "multiplication");
    }

    /**
     * A percentage of this amount, rounded to a whole minor unit: {@code percent(new BigDecimal("12.5"), HALF_EVEN)}.
     *
     * @param percent  the percentage, for example {@code 30} for 30%
     * @param rounding how to round
     * @return the share
     */
    public Money percent(BigDecimal percent, RoundingMode rounding) {
        new Validator().notNull("percent", percent).notNull("rounding", rounding).throwIfInvalid();
        BigDecimal exact = BigDecimal.valueOf(minor).multiply(percent).divide(BigDecimal.valueOf(100), 0, rounding);
        return fromExact(exact, "percentage");
    }

    /**
     * Splits this amount by ratios with the largest-remainder method: every part is the floor of its exact share, and
     * the minor units left over go one each to the parts with the largest remainders (earlier parts win ties). The
     * parts always sum to this amount, and no part is negative when this amount is not.
     *
     * @param ratios non-negative weights, at least one positive
     * @return one part per ratio, in order
     */
    public List<Money> allocate(long... ratios) {
        Validator v = new Validator().check(ratios != null && ratios.length > 0, "ratios", "must not be empty");
        v.throwIfInvalid();
        BigInteger total = BigInteger.ZERO;
        for (int i = 0; i < ratios.length; i++) {
            if (ratios[i] < 0) {
                v.check(false, "ratios[" + i + "]", "must not be negative (was " + ratios[i] + ")");
            }
            total = total.add(BigInteger.valueOf(Math.max(0, ratios[i])));
        }
        v.check(total.signum() > 0, "ratios", "must have at least one positive ratio");
        v.throwIfInvalid();
        // Work on the magnitude so rounding never depends on the sign, and in BigInteger so Long.MIN_VALUE works.
        boolean negative = minor < 0;
        BigInteger amount = BigInteger.valueOf(minor).abs();
        BigInteger[] parts = new BigInteger[ratios.length];
        BigInteger[] remainders = new BigInteger[ratios.length];
        BigInteger assigned = BigInteger.ZERO;
        for (int i = 0; i < ratios.length; i++) {
            BigInteger[] qr = amount.multiply(BigInteger.valueOf(ratios[i])).divideAndRemainder(total);
            parts[i] = qr[0];
            remainders[i] = qr[1];
            assigned = assigned.add(qr[0]);
        }
        int leftover = amount.subtract(assigned).intValueExact();
        Integer[] order = new Integer[ratios.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int c = remainders[b].compareTo(remainders[a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        for (int k = 0; k < leftover; k++) {
            parts[order[k]] = parts[order[k]].add(BigInteger.ONE);
        }
        List<Money> result = new ArrayList<>(parts.length);
        for (BigInteger p : parts) {
            // |part| <= |minor| and the sign is the total's, so the value always fits in a long.
            result.add(new Money((negative ? p.negate() : p).longValueExact(), currency));
        }
        return List.copyOf(result);
    }

    /**
     * The amount with its sign flipped.
     *
     * @return the negation
     */
    public Money negate() {
        if (minor == Long.MIN_VALUE) {
            throw new MoneyOverflowException("amount", "negation");
        }
        return new Money(-minor, currency);
    }

    /**
     * Whether the amount is zero.
     *
     * @return true if zero
     */
    public boolean isZero() {
        return minor == 0;
    }

    /**
     * Whether the amount is below zero.
     *
     * @return true if negative
     */
    public boolean isNegative() {
        return minor < 0;
    }

    /**
     * Whether the amount is above zero.
     *
     * @return true if positive
     */
    public boolean isPositive() {
        return minor > 0;
    }

    /**
     * The smaller of two amounts in the same currency.
     *
     * @param other the other amount
     * @return the smaller
     */
    public Money min(Money other) {
        return compareTo(other) <= 0 ? this : other;
    }

    /**
     * The larger of two amounts in the same currency.
     *
     * @param other the other amount
     * @return the larger
     */
    public Money max(Money other) {
        return compareTo(other) >= 0 ? this : other;
    }

    /**
     * Compares two amounts in the same currency.
     *
     * @param other the other amount
     * @return negative, zero or positive
     * @throws CurrencyMismatchException if the currencies differ
     */
    @Override
    public int compareTo(Money other) {
        requireSame(other);
        return Long.compare(minor, other.minor);
    }

    /**
     * Throws unless {@code other} is in this amount's currency.
     *
     * @param other the other amount
     * @throws CurrencyMismatchException if the currencies differ
     */
    public void requireSame(Money other) {
        if (other == null) {
            throw ValidationException.of("amount", "is required");
        }
        if (!currency.equals(other.currency)) {
            throw new CurrencyMismatchException("currency", currency, other.currency);
        }
    }

    private Money fromExact(BigDecimal exact, String operation) {
        try {
            return new Money(exact.longValueExact(), currency);
        } catch (ArithmeticException e) {
            throw new MoneyOverflowException("amount", operation);
        }
    }

    @Override
    public String toString() {
        return toDecimalString() + " " + currency.getCurrencyCode();
    }
}
