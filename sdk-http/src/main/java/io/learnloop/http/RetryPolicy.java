package io.learnloop.http;

import io.learnloop.core.error.Validator;

import java.time.Duration;

/**
 * How often and how long the SDK repeats a call to a remote peer. One policy serves every peer (payment providers
 * and Discourse); which failures are repeated is fixed by the SDK, how many times and how long it waits is set here.
 *
 * <p><b>Which failures are repeated.</b>
 * <ul>
 *   <li>A connection that never opened (refused, unknown host, no route, connect timeout): always, whatever the
 *       method, because the peer cannot have seen the request.</li>
 *   <li>Any other failure without a response (reset, read timeout), HTTP 429 and HTTP 500, 502, 503 and 504: only
 *       when the request is safe to repeat, that is its method is idempotent (GET, HEAD, OPTIONS, PUT, DELETE) or it
 *       carries an idempotency key the peer honours (Stripe's {@code Idempotency-Key}, WeChat Pay's and Alipay's
 *       {@code out_trade_no}).</li>
 *   <li>A peer's own explicit word overrides both rules: Stripe's {@code Stripe-Should-Retry}, Stripe's 409, and
 *       Discourse's 429, which Discourse sends before it acts.</li>
 *   <li>Nothing else: other 4xx, 501, 505 and so on are answers, not accidents.</li>
 * </ul>
 * Where the SDK's two former HTTP stacks differed, the safer rule was kept: a 429 to a request that is not safe to
 * repeat is no longer repeated by default (the payment stack did; a WeChat Pay refund's 429 may hide an accepted
 * refund), and of the 5xx statuses only the four transient ones are repeated (the payment stack repeated every 5xx).
 *
 * <p><b>How long it waits.</b> Before retry {@code n} (1, 2, …) it waits a random time between zero and
 * {@code min(maxBackoff, initialBackoff × 2^(n-1))} ("full jitter", so that many clients failing together do not
 * retry together). When the peer sends {@code Retry-After} (seconds or an HTTP date), the wait is at least that;
 * a {@code Retry-After} longer than {@link #maxRetryAfter()} is not waited for at all: the call fails at once with
 * a retryable error so the host can schedule it. No call waits more than {@link #maxTotalWait()} in all, and none
 * makes more than {@link #maxAttempts()} attempts.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param maxAttempts    the most attempts of one call, the first included: 1 (never retry) to 10
 * @param initialBackoff the ceiling of the first wait; positive
 * @param maxBackoff     the highest ceiling of any computed wait; at least {@code initialBackoff}
 * @param maxRetryAfter  the longest {@code Retry-After} the SDK waits for; not negative
 * @param maxTotalWait   the most one call waits between its attempts, added up; not negative
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter,
                          Duration maxTotalWait) {
    /** The most attempts a policy allows. */
    public static final int MAX_ATTEMPTS = 10;

    /**
     * Validates the policy.
     *
     * @param maxAttempts    attempts, first included
     * @param initialBackoff first ceiling
     * @param maxBackoff     highest ceiling
     * @param maxRetryAfter  longest honoured Retry-After
     * @param maxTotalWait   longest total wait
     * @throws io.learnloop.core.error.ValidationException naming each bad field
     */
    public RetryPolicy {
        new Validator()
                .check(maxAttempts >= 1 && maxAttempts <= MAX_ATTEMPTS, "maxAttempts",
                        "must be 1 (never retry) to " + MAX_ATTEMPTS + " (was " + maxAttempts + ")")
                .check(positive(initialBackoff), "initialBackoff", "must be a positive duration")
                .check(positive(maxBackoff) && initialBackoff != null && maxBackoff.compareTo(initialBackoff) >= 0,
                        "maxBackoff", "must be at least initialBackoff")
                .check(notNegative(maxRetryAfter), "maxRetryAfter", "must be zero or a positive duration")
                .check(notNegative(maxTotalWait), "maxTotalWait", "must be zero or a positive duration")
                .throwIfInvalid();
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }

    private static boolean notNegative(Duration d) {
        return d != null && !d.isNegative();
    }

    /**
     * The defaults: 3 attempts, waits from 500 ms doubling to at most 5 s, {@code Retry-After} honoured up to 30 s,
     * at most 60 s of waiting per call.
     *
     * @return the default policy
     */
    public static RetryPolicy defaults() {
        return new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofSeconds(60));
    }

    /**
     * A copy with another attempt limit; {@code 1} turns retries off.
     *
     * @param value attempts, first included
     * @return the copy
     */
    public RetryPolicy withMaxAttempts(int value) {
        return new RetryPolicy(value, initialBackoff, maxBackoff, maxRetryAfter, maxTotalWait);
    }

    /**
     * A copy with other backoff ceilings.
     *
     * @param initial the first ceiling
     * @param max     the highest ceiling
     * @return the copy
     */
    public RetryPolicy withBackoff(Duration initial, Duration max) {
        return new RetryPolicy(maxAttempts, initial, max, maxRetryAfter, maxTotalWait);
    }

    /**
     * A copy with another {@code Retry-After} bound.
     *
     * @param value the longest honoured {@code Retry-After}
     * @return the copy
     */
    public RetryPolicy withMaxRetryAfter(Duration value) {
        return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, value, maxTotalWait);
    }

    /**
     * A copy with another bound on the total wait of one call.
     *
     * @param value the longest total wait
     * @return the copy
     */
    public RetryPolicy withMaxTotalWait(Duration value) {
        return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, maxRetryAfter, value);
    }
}
