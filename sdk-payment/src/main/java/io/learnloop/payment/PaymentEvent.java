package io.learnloop.payment;

import io.learnloop.core.money.Money;

import io.learnloop.core.error.Validator;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A verified, decoded notification, the same shape for every provider.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param provider          the provider that sent it
 * @param eventId           the provider's id for this delivery's event, the dedupe key together with the provider
 *                          (Stripe {@code evt_…}, WeChat notification {@code id}, Alipay {@code notify_id})
 * @param type              what happened
 * @param providerEventType the provider's own event type text, for logs
 * @param merchantReference the host's reference ({@code out_trade_no}), or null for {@link PaymentEventType#IGNORED}
 * @param providerPaymentId the provider's transaction id, or null
 * @param refundReference   the host's refund id for refund events, or null
 * @param providerRefundId  the provider's refund id, or null
 * @param amount            the amount paid (payment events) or refunded (refund events), or null when not given
 * @param merchantId        the merchant or application the event belongs to (WeChat {@code mchid}, Alipay
 *                          {@code app_id}, Stripe account), or null
 * @param occurredAt        when the provider says it happened, or null
 * @param attributes        further provider fields worth keeping (never secrets)
 */
public record PaymentEvent(ProviderId provider, String eventId, PaymentEventType type, String providerEventType,
                           String merchantReference, String providerPaymentId, String refundReference,
                           String providerRefundId, Money amount, String merchantId, Instant occurredAt,
                           Map<String, String> attributes) {
    /**
     * Checks the required fields.
     *
     * @param provider          the provider
     * @param eventId           the event id
     * @param type              the type
     * @param providerEventType the provider's type text
     * @param merchantReference the host's reference
     * @param providerPaymentId the provider's transaction id
     * @param refundReference   the host's refund id
     * @param providerRefundId  the provider's refund id
     * @param amount            the amount
     * @param merchantId        the merchant id
     * @param occurredAt        when it happened
     * @param attributes        further fields
     */
    public PaymentEvent {
        new Validator().notNull("provider", provider).notBlank("eventId", eventId, 255).notNull("type", type)
                .throwIfInvalid();
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /**
     * Checks the event against what the host expects for its order: the same reference, the same currency and
     * exactly the expected amount. A payment notification that does not match must grant nothing.
     *
     * @param expectedReference the order's payment reference
     * @param expectedAmount    the amount the order asked for
     * @return {@link NotificationOutcome.Verified} with this event, or {@link NotificationOutcome.Rejected} with
     *         {@link RejectionReason#AMOUNT_MISMATCH} or {@link RejectionReason#UNKNOWN_PAYMENT}
     */
    public NotificationOutcome checkAgainst(String expectedReference, Money expectedAmount) {
        Objects.requireNonNull(expectedAmount, "expectedAmount");
        if (!Objects.equals(merchantReference, expectedReference)) {
            return new NotificationOutcome.Rejected(provider, RejectionReason.UNKNOWN_PAYMENT,
                    "the event is for payment '" + merchantReference + "', not '" + expectedReference + "'");
        }
        if (amount == null || !amount.equals(expectedAmount)) {
            return new NotificationOutcome.Rejected(provider, RejectionReason.AMOUNT_MISMATCH,
                    "the event reports " + amount + " but the payment expects " + expectedAmount);
        }
        return new NotificationOutcome.Verified(this);
    }
}
