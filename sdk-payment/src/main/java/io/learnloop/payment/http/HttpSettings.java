package io.learnloop.payment.http;

import io.learnloop.core.error.Validator;

import java.time.Duration;

/**
 * Timeouts and retry limits for calls to payment providers.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param connectTimeout  how long to wait for a connection
 * @param readTimeout     how long to wait for response bytes
 * @param callTimeout     the limit for one whole attempt
 * @param maxRetries      how many times a safe call is repeated after the first attempt
 * @param initialBackoff  the first wait; doubled per retry, jittered to 75–100 %, never below this value
 * @param maxBackoff      the longest computed wait
 * @param maxRetryAfter   the longest {@code Retry-After} the client waits for; a longer one fails the call as
 *                        retryable so the host can schedule it
 */
public record HttpSettings(Duration connectTimeout, Duration readTimeout, Duration callTimeout, int maxRetries,
                           Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {
    /**
     * Validates the settings.
     *
     * @param connectTimeout connect timeout
     * @param readTimeout    read timeout
     * @param callTimeout    call timeout
     * @param maxRetries     retries after the first attempt
     * @param initialBackoff first wait
     * @param maxBackoff     longest wait
     * @param maxRetryAfter  longest honoured Retry-After
     */
    public HttpSettings {
        new Validator()
                .check(positive(connectTimeout), "connectTimeout", "must be positive")
                .check(positive(readTimeout), "readTimeout", "must be positive")
                .check(positive(callTimeout), "callTimeout", "must be positive")
                .check(maxRetries >= 0 && maxRetries <= 10, "maxRetries", "must be 0 to 10 (was " + maxRetries + ")")
                .check(positive(initialBackoff), "initialBackoff", "must be positive")
                .check(positive(maxBackoff) && initialBackoff != null && maxBackoff.compareTo(initialBackoff) >= 0,
                        "maxBackoff", "must be at least initialBackoff")
                .check(maxRetryAfter != null && !maxRetryAfter.isNegative(), "maxRetryAfter", "must not be negative")
                .throwIfInvalid();
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }

    /**
     * Defaults: connect 3 s, read 15 s, call 30 s, 2 retries, backoff 500 ms doubling to at most 5 s, Retry-After
     * honoured up to 30 s.
     *
     * @return the defaults
     */
    public static HttpSettings defaults() {
        return new HttpSettings(Duration.ofSeconds(3), Duration.ofSeconds(15), Duration.ofSeconds(30), 2,
                Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    /**
     * A copy with a different retry count.
     *
     * @param value retries after the first attempt
     * @return the copy
     */
    public HttpSettings withMaxRetries(int value) {
        return new HttpSettings(connectTimeout, readTimeout, callTimeout, value, initialBackoff, maxBackoff, maxRetryAfter);
    }
}
