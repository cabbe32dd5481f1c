package io.learnloop.payment.http;

import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.LearnloopException;

import java.time.Duration;

/**
 * Waits between retries. Tests pass a recording sleeper so they never sleep.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Sleeper {
    /**
     * Waits for the given time.
     *
     * @param duration how long
     */
    void sleep(Duration duration);

    /**
     * A sleeper that blocks the calling thread; an interrupt ends the wait, keeps the interrupt flag and fails the
     * call.
     *
     * @return the system sleeper
     */
    static Sleeper system() {
        return duration -> {
            try {
                Thread.sleep(duration.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LearnloopException(ErrorCode.INTERNAL, "Interrupted while waiting to retry a payment call", e);
            }
        };
    }
}
