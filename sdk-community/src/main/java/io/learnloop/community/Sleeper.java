package io.learnloop.community;

import java.time.Duration;

/**
 * Waits between retries. Tests inject one that records the waits instead of sleeping.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Sleeper {
    /**
     * Waits.
     *
     * @param duration how long
     */
    void sleep(Duration duration);

    /**
     * Sleeps the calling thread; an interrupt ends the wait early and keeps the thread's interrupt flag.
     *
     * @return the sleeper
     */
    static Sleeper threadSleep() {
        return d -> {
            try {
                Thread.sleep(d.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }
}
