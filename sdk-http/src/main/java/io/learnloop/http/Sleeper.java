package io.learnloop.http;

import java.time.Duration;

/**
 * Waits between two attempts of a call. The SDK's one sleeper: payment providers and the Discourse backend wait
 * through it, and tests pass one that records the waits instead of sleeping.
 *
 * <p>Interruption is decided in one place, the retry loop, not here: an implementation whose thread is interrupted
 * while it waits returns early and leaves the thread's interrupt flag set (as {@link #system()} does); the caller
 * then stops retrying and throws {@link CallInterruptedException}. An implementation therefore never needs to throw.
 *
 * <p>Implementations must be thread-safe: one sleeper serves every call of a {@link SharedHttpClient}.
 */
@FunctionalInterface
public interface Sleeper {
    /**
     * Waits for the given time, or less if the thread is interrupted (then the interrupt flag stays set).
     *
     * @param duration how long, never negative
     */
    void sleep(Duration duration);

    /**
     * A sleeper that blocks the calling thread. An interrupt ends the wait early and restores the thread's
     * interrupt flag, which makes the caller stop retrying.
     *
     * <p>Thread-safe: stateless.
     *
     * @return the system sleeper
     */
    static Sleeper system() {
        return SystemSleeper.INSTANCE;
    }
}
