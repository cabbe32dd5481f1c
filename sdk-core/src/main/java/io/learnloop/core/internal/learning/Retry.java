package io.learnloop.core.internal.learning;

import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;

import java.util.function.Supplier;

/**
 * Repeats a read-modify-write transaction that lost a compare-and-set race. Only version conflicts are retried:
 * the work re-reads the current state each time, so the repeat is safe.
 *
 * <p>Thread-safe: stateless.
 */
public final class Retry {
    private static final int ATTEMPTS = 8;

    private Retry() {
    }

    /**
     * Runs the work, retrying on {@link ErrorCode#VERSION_CONFLICT}.
     *
     * @param work the transaction
     * @param <R>  the result type
     * @return its result
     */
    public static <R> R onConflict(Supplier<R> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (ConflictException e) {
                if (e.code() != ErrorCode.VERSION_CONFLICT || attempt >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
