package io.learnloop.payment.internal.stripe;

import io.learnloop.http.internal.HttpResponse;
import io.learnloop.http.internal.RetryAdvisor;

/**
 * Stripe's own word on retries, as stripe-java follows it: {@code Stripe-Should-Retry: true|false} decides when
 * present, and a 409 (another request with the same idempotency key in flight) is worth repeating.
 *
 * <p>Thread-safe: stateless.
 */
public final class StripeRetryAdvice implements RetryAdvisor {
    /** The one instance. */
    public static final StripeRetryAdvice INSTANCE = new StripeRetryAdvice();

    private StripeRetryAdvice() {
    }

    @Override
    public Verdict verdict(HttpResponse response) {
        String should = response.header("Stripe-Should-Retry");
        if (should != null) {
            return Boolean.parseBoolean(should.trim()) ? Verdict.RETRY : Verdict.STOP;
        }
        return response.status() == 409 ? Verdict.RETRY : Verdict.DEFAULT;
    }
}
