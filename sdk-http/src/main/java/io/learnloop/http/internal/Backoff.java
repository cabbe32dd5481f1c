package io.learnloop.http.internal;

import io.learnloop.http.RetryPolicy;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter: before retry {@code n} a uniform random wait between zero and
 * {@code min(maxBackoff, initialBackoff × 2^(n-1))}. Full jitter spreads the retries of clients that failed together
 * better than a fixed fraction does, at the price of sometimes retrying almost at once.
 *
 * <p>Thread-safe: the random source is thread-local.
 */
final class Backoff {
    private final RetryPolicy policy;
    private final DoubleSupplier random;

    Backoff(RetryPolicy policy) {
        this(policy, () -> ThreadLocalRandom.current().nextDouble());
    }

    Backoff(RetryPolicy policy, DoubleSupplier random) {
        this.policy = policy;
        this.random = random;
    }

    /**
     * The highest wait before a retry.
     *
     * @param retry the retry, 1 for the second attempt
     * @return the ceiling
     */
    Duration ceiling(int retry) {
        long initial = policy.initialBackoff().toMillis();
        long max = policy.maxBackoff().toMillis();
        int doublings = Math.min(Math.max(retry - 1, 0), 30);
        long grown = initial > (max >> doublings) ? max : initial << doublings;
        return Duration.ofMillis(Math.min(max, grown));
    }

    /**
     * A random wait before a retry.
     *
     * @param retry the retry, 1 for the second attempt
     * @return the wait, between zero and {@link #ceiling(int)}
     */
    Duration delay(int retry) {
        return Duration.ofMillis((long) (ceiling(retry).toMillis() * random.getAsDouble()));
    }
}
