package io.learnloop.payment.internal.stripe;

import io.learnloop.core.error.ValidationException;
import io.learnloop.core.money.Money;

import java.util.Currency;
import java.util.Locale;
import java.util.Set;

/**
 * Converts between ISO minor units and Stripe's amount integers. Stripe treats some currencies as zero-decimal
 * (docs.stripe.com/currencies#zero-decimal) and expects ISK in two-decimal form although ISO gives it none.
 */
public final class StripeAmounts {
    private static final Set<String> ZERO_DECIMAL = Set.of("BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA",
            "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF");
    private static final Set<String> THREE_DECIMAL = Set.of("BHD", "JOD", "KWD", "OMR", "TND");

    private StripeAmounts() {
    }

    /**
     * The number of decimals Stripe's amount integer counts for a currency.
     *
     * @param currency the currency
     * @return 0, 2 or 3
     */
    public static int stripeDigits(Currency currency) {
        String code = currency.getCurrencyCode();
        if (ZERO_DECIMAL.contains(code)) {
            return 0;
        }
        if (THREE_DECIMAL.contains(code)) {
            return 3;
        }
        return 2;
    }

    /**
     * Stripe's amount for an amount in ISO minor units.
     *
     * @param amount the amount
     * @return the Stripe integer
     * @throws ValidationException if the amount cannot be expressed exactly (for example 1.50 MGA)
     */
    public static long toStripe(Money amount) {
        int shift = stripeDigits(amount.currency()) - Money.fractionDigits(amount.currency());
        long v = amount.minor();
        if (shift >= 0) {
            return Math.multiplyExact(v, pow10(shift));
        }
        long div = pow10(-shift);
        if (v % div != 0) {
            throw ValidationException.of("amount", "Stripe charges " + amount.currency().getCurrencyCode()
                    + " in whole units; " + v + " minor units is not a multiple of " + div);
        }
        return v / div;
    }

    /**
     * An amount in ISO minor units for Stripe's amount integer.
     *
     * @param stripeAmount the Stripe integer
     * @param currencyCode the currency code, any case
     * @return the amount
     */
    public static Money fromStripe(long stripeAmount, String currencyCode) {
        Currency currency = Currency.getInstance(currencyCode.toUpperCase(Locale.ROOT));
        int shift = stripeDigits(currency) - Money.fractionDigits(currency);
        long v = shift >= 0 ? stripeAmount / pow10(shift) : Math.multiplyExact(stripeAmount, pow10(-shift));
        return new Money(v, currency);
    }

    private static long pow10(int n) {
        long r = 1;
        for (int i = 0; i < n; i++) {
            r *= 10;
        }
        return r;
    }
}
