package io.learnloop.payment.internal.http;

/**
 * A provider's own view on whether a response may be retried (for example Stripe's {@code Stripe-Should-Retry}).
 */
@FunctionalInterface
public interface RetryAdvisor {
    /** No opinion: the executor's default rules apply. */
    RetryAdvisor DEFAULT = (result, safe) -> null;

    /**
     * Advises on a response.
     *
     * @param result the response
     * @param safe   whether the call is safe to repeat (idempotent method or an idempotency key the peer honours)
     * @return true to retry, false not to, null for the default rules
     */
    Boolean advise(HttpResult result, boolean safe);
}
