package io.learnloop.community.internal.discourse;

import io.learnloop.http.internal.HttpResponse;
import io.learnloop.http.internal.RetryAdvisor;

import java.time.Duration;

/**
 * Discourse's own word on retries. Its rate limiter answers 429 before the action runs, so a 429 may be repeated
 * whatever the method (a POST included); and when the answer has no {@code Retry-After} header, the wait is in the
 * error body's {@code extras.wait_seconds}.
 *
 * <p>Thread-safe: stateless.
 */
final class DiscourseRetryAdvice implements RetryAdvisor {
    static final DiscourseRetryAdvice INSTANCE = new DiscourseRetryAdvice();

    private DiscourseRetryAdvice() {
    }

    @Override
    public Verdict verdict(HttpResponse response) {
        return response.status() == 429 ? Verdict.RETRY : Verdict.DEFAULT;
    }

    @Override
    public Duration retryAfter(HttpResponse response) {
        return response.status() == 429 ? DiscourseErrors.waitSeconds(DiscourseErrors.body(response)) : null;
    }
}
