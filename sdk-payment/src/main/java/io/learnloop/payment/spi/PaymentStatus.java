package io.learnloop.payment.spi;

import io.learnloop.payment.ProviderId;
import io.learnloop.core.money.Money;

import java.time.Instant;

/**
 * The result of a query.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param provider          the provider
 * @param merchantReference the host's reference
 * @param providerPaymentId the provider's transaction id, or null when unpaid
 * @param state             the mapped state
 * @param providerState     the provider's own state text, for logs and support
 * @param amount            the amount of the payment, or null when the provider did not say
 * @param paidAt            when it was paid, or null
 */
public record PaymentStatus(ProviderId provider, String merchantReference, String providerPaymentId,
                            PaymentState state, String providerState, Money amount, Instant paidAt) {
}
