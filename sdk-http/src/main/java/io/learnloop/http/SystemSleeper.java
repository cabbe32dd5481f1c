package io.learnloop.http;

import java.time.Duration;

/**
 * {@link Sleeper#system()}: a named class so that its {@code toString()} reads well in a configuration.
 *
 * <p>Thread-safe: stateless.
 */
enum SystemSleeper implements Sleeper {
    INSTANCE;

    @Override
    public void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            // The retry loop reads the flag and stops; swallowing it here would let the loop send again.
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "Sleeper.system()";
    }
}
