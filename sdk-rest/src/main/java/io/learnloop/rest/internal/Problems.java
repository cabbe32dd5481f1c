package io.learnloop.rest.internal;

import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.core.error.RemoteException;
import io.learnloop.core.error.ValidationException;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps every failure to its status and problem detail. The status follows the stable code, so a client may switch
 * on either.
 */
final class Problems {
    /** Base of every problem type URI; the code in lower case with dashes follows. */
    static final String TYPE_BASE = "https://learnloop.io/problems/";

    private static final Map<String, Integer> STATUS = Map.ofEntries(
            Map.entry(ErrorCode.VALIDATION_FAILED.name(), 400),
            Map.entry(ErrorCode.NOT_FOUND.name(), 404),
            Map.entry(ErrorCode.VERSION_CONFLICT.name(), 409),
            Map.entry(ErrorCode.DUPLICATE_KEY.name(), 409),
            Map.entry(ErrorCode.INVALID_STATE.name(), 409),
            Map.entry(ErrorCode.FORBIDDEN.name(), 403),
            Map.entry(ErrorCode.CURRENCY_MISMATCH.name(), 422),
            Map.entry(ErrorCode.ARITHMETIC_OVERFLOW.name(), 422),
            Map.entry(ErrorCode.REMOTE_FAILURE.name(), 502),
            Map.entry(ErrorCode.RATE_LIMITED.name(), 503),
            Map.entry(ErrorCode.VERIFICATION_FAILED.name(), 422),
            Map.entry(ErrorCode.STORE_UNAVAILABLE.name(), 503),
            Map.entry(ErrorCode.OUTPUT_FAILED.name(), 500),
            Map.entry(ErrorCode.CONFIGURATION.name(), 500),
            Map.entry(ErrorCode.INTERNAL.name(), 500));

    private Problems() {
    }

    static Problem of(Throwable failure, String path) {
        if (failure instanceof RestFailure f) {
            return problem(f.status(), f.code(), f.getMessage(), path, f.violations());
        }
        if (failure instanceof LearnloopException e) {
            String code = e.code().name();
            List<ValidationException.Violation> errors =
                    e instanceof ValidationException v ? v.violations() : List.of();
            int status = STATUS.getOrDefault(code, 500);
            if (e instanceof RemoteException r && r.outcomeUnknown()) {
                // The provider may have acted: the client retries with the same idempotency key, never a new one.
                status = 504;
            }
            return problem(status, code, e.getMessage(), path, errors);
        }
        // A bug: the detail stays generic so nothing internal leaks to the caller.
        return problem(500, ErrorCode.INTERNAL.name(), "The server failed to answer this request; it has been logged.",
                path, List.of());
    }

    static Problem problem(int status, String code, String detail, String path,
                           List<ValidationException.Violation> errors) {
        return new Problem(TYPE_BASE + code.toLowerCase(Locale.ROOT).replace('_', '-'), title(code), status, detail,
                path, code, errors);
    }

    private static String title(String code) {
        String words = code.toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
