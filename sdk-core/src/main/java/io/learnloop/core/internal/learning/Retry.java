package io.learnloop.core.internal.learning;

import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;

import java.util.function.Supplier;

/**
 * Repeats a read-modify-write transaction that lost a race: a compare-and-set on a changed version, or an insert of
 * a record another writer created meanwhile. The work re-reads the current state each time (and then finds the
 * record the other writer created), so the repeat is safe.
 *
 * <p>Thread-safe: stateless.
 */
public final class Retry {
    private static final int ATTEMPTS = 8;

    private Retry() {
    }

    /**
     * Runs the work, retrying on {@link ErrorCode#VERSION_CONFLICT} and {@link ErrorCode#DUPLICATE_KEY}.
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
                boolean race = e.code() == ErrorCode.VERSION_CONFLICT || e.code() == ErrorCode.DUPLICATE_KEY;
                if (!race || attempt >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
