package io.learnloop.payment.spi;

import io.learnloop.core.money.Money;

import io.learnloop.core.error.ValidationException;
import io.learnloop.core.error.Validator;

/**
 * A request to refund part or all of a paid payment.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param payment         the payment to refund (Stripe needs its {@code pi_…} id)
 * @param refundReference the host's id for this refund (Alipay {@code out_request_no}, WeChat {@code out_refund_no});
 *                        the same id always means the same refund, so a repeated request refunds once
 * @param amount          the amount to refund; more than zero and at most {@code paidAmount}
 * @param paidAmount      the amount originally paid (WeChat requires it)
 * @param reason          a short reason shown to the payer, or null
 * @param idempotencyKey  the provider idempotency key (Stripe); at most 255 characters
 */
public record RefundRequest(PaymentReference payment, String refundReference, Money amount,
                            Money paidAmount, String reason, String idempotencyKey) {
    /**
     * Validates the request.
     *
     * @param payment         the payment
     * @param refundReference the refund id
     * @param amount          the refund amount
     * @param paidAmount      the paid amount
     * @param reason          the reason or null
     * @param idempotencyKey  the idempotency key
     * @throws ValidationException listing every invalid field
     */
    public RefundRequest {
        Validator v = new Validator();
        v.notNull("payment", payment);
        CreatePaymentRequest.checkReference(v, "refundReference", refundReference);
        v.notNull("amount", amount);
        v.notNull("paidAmount", paidAmount);
        if (amount != null && paidAmount != null) {
            v.check(amount.minor() > 0, "amount", "must be more than zero");
            v.check(amount.currency().equals(paidAmount.currency()), "amount.currency",
                    "must equal the paid currency " + paidAmount.currency());
            v.check(amount.minor() <= paidAmount.minor(), "amount",
                    "must not exceed the paid amount " + paidAmount.minor());
        }
        v.maxLength("reason", reason, 80);
        v.notBlank("idempotencyKey", idempotencyKey, 255);
        v.throwIfInvalid();
    }

    /**
     * A refund whose idempotency key is derived from the refund reference.
     *
     * @param payment         the payment
     * @param refundReference the refund id
     * @param amount          the refund amount
     * @param paidAmount      the paid amount
     * @param reason          the reason or null
     * @return the request
     */
    public static RefundRequest of(PaymentReference payment, String refundReference, Money amount,
                                   Money paidAmount, String reason) {
        return new RefundRequest(payment, refundReference, amount, paidAmount, reason, refundReference + ":refund");
    }
}
