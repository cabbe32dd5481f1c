package io.learnloop.payment.spi;

import io.learnloop.core.error.ValidationException;
import io.learnloop.core.error.Validator;

/**
 * Points at one refund for {@link PaymentProvider#queryRefund(RefundQuery)}.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param payment          the refunded payment (Alipay needs its {@code out_trade_no}; Stripe its {@code pi_…} id when
 *                         the refund id is unknown)
 * @param refundReference  the host's refund id sent with the refund (Alipay {@code out_request_no}, WeChat
 *                         {@code out_refund_no}, Stripe {@code metadata[learnloop_refund_reference]})
 * @param providerRefundId the provider's refund id if the refund call returned one (Stripe {@code re_…}), or null
 */
public record RefundQuery(PaymentReference payment, String refundReference, String providerRefundId) {
    /**
     * Validates the query.
     *
     * @param payment          the payment
     * @param refundReference  the refund id
     * @param providerRefundId the provider's refund id or null
     * @throws ValidationException listing every invalid field
     */
    public RefundQuery {
        Validator v = new Validator();
        v.notNull("payment", payment);
        CreatePaymentRequest.checkReference(v, "refundReference", refundReference);
        v.maxLength("providerRefundId", providerRefundId, 255);
        v.throwIfInvalid();
    }

    /**
     * A query for the refund a request created (or may have created).
     *
     * @param request          the refund request
     * @param providerRefundId the provider's refund id, or null
     * @return the query
     */
    public static RefundQuery of(RefundRequest request, String providerRefundId) {
        return new RefundQuery(request.payment(), request.refundReference(), providerRefundId);
    }
}
