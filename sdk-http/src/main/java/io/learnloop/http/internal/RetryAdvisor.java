package io.learnloop.http.internal;

import java.time.Duration;

/**
 * A peer's own word on one response, consulted before the shared rules of
 * {@link io.learnloop.http.RetryPolicy}: Stripe's {@code Stripe-Should-Retry} header and its 409, Discourse's 429
 * (sent before Discourse acts) and its {@code extras.wait_seconds}.
 *
 * <p>Implementations must be thread-safe.
 */
public interface RetryAdvisor {
    /** No opinion: the shared rules decide. */
    RetryAdvisor NONE = new RetryAdvisor() {
    };

    /** What the peer says about repeating a request after a response. */
    enum Verdict {
        /** The peer says the request may be repeated, even when its method alone would not allow it. */
        RETRY,
        /** The peer says repeating would not help. */
        STOP,
        /** The peer says nothing; the shared rules decide. */
        DEFAULT
    }

    /**
     * The peer's verdict on a response.
     *
     * @param response the response
     * @return the verdict, {@link Verdict#DEFAULT} when the peer says nothing
     */
    default Verdict verdict(HttpResponse response) {
        return Verdict.DEFAULT;
    }

    /**
     * How long the peer asked to wait when it sent no {@code Retry-After} header (for example in its error body).
     *
     * @param response the response
     * @return the wait, or null
     */
    default Duration retryAfter(HttpResponse response) {
        return null;
    }
}
