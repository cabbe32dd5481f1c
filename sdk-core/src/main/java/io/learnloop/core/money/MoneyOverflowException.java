package io.learnloop.core.money;

import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.ValidationException;

import java.util.List;

/**
 * A money amount left the range of a signed 64-bit count of minor units. Nothing was computed.
 *
 * <p>Thread-safe: immutable.
 */
public final class MoneyOverflowException extends ValidationException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param field     the input that made the result overflow
     * @param operation the operation, for the message
     */
    public MoneyOverflowException(String field, String operation) {
        super(ErrorCode.ARITHMETIC_OVERFLOW, List.of(new Violation(field,
                "makes " + operation + " overflow the range of a 64-bit count of minor units")));
    }
}
