package io.learnloop.core.internal.store;

import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Repeats a read-modify-write transaction that lost a race: a compare-and-set on a changed version, or an insert of
 * a record another writer created meanwhile. The work re-reads the current state each time (and then finds the
 * record the other writer created), so the repeat is safe.
 *
 * <p>Each lost race means another writer committed, so a writer among n contenders loses at most n - 1 times in a
 * row; {@link #ATTEMPTS} leaves room for dozens of contenders. Between attempts the loser backs off for a random
 * while that grows with the attempt, so contenders that collided once do not collide again in lock step.
 *
 * <p>Thread-safe: stateless.
 */
public final class ConflictRetry {
    /** How many times a transaction is tried before its last conflict is thrown to the caller. */
    public static final int ATTEMPTS = 64;

    private static final int SPIN_ATTEMPTS = 2;
    private static final long MAX_PAUSE_NANOS = 2_000_000L;

    private ConflictRetry() {
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
                pause(attempt);
            }
        }
    }

    /**
     * Waits before attempt {@code failed + 1}: a spin for the first retries, then a random park of up to
     * 2^failed microseconds, capped at 2 ms.
     *
     * @param failed how many attempts have failed so far (1 or more)
     */
    public static void pause(int failed) {
        if (failed <= SPIN_ATTEMPTS) {
            Thread.onSpinWait();
            return;
        }
        long bound = Math.min(MAX_PAUSE_NANOS, 1_000L << Math.min(failed, 20));
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(bound / 2, bound + 1));
    }
}
