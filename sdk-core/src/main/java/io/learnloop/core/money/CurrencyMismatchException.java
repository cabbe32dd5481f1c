package io.learnloop.core.money;

import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.ValidationException;

import java.util.Currency;
import java.util.List;

/**
 * Arithmetic or comparison across two currencies. Convert first; the SDK never converts implicitly.
 *
 * <p>Thread-safe: immutable.
 */
public final class CurrencyMismatchException extends ValidationException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param field    the input whose currency differs
     * @param expected the currency of the left operand
     * @param actual   the currency of the right operand
     */
    public CurrencyMismatchException(String field, Currency expected, Currency actual) {
        super(ErrorCode.CURRENCY_MISMATCH, List.of(new Violation(field,
                "is in " + actual.getCurrencyCode() + " but must be in " + expected.getCurrencyCode())));
    }
}
