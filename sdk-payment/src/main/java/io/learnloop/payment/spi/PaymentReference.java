package io.learnloop.payment.spi;

import io.learnloop.core.error.Validator;

/**
 * Points at one payment for a query or a close.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param merchantReference the host's reference ({@code out_trade_no})
 * @param providerPaymentId the provider's id, or null; Stripe needs it ({@code pi_…} or {@code cs_…})
 */
public record PaymentReference(String merchantReference, String providerPaymentId) {
    /**
     * Validates the reference.
     *
     * @param merchantReference the host's reference
     * @param providerPaymentId the provider's id or null
     */
    public PaymentReference {
        Validator v = new Validator();
        CreatePaymentRequest.checkReference(v, "merchantReference", merchantReference);
        v.maxLength("providerPaymentId", providerPaymentId, 255);
        v.throwIfInvalid();
    }

    /**
     * A reference by the host's id alone.
     *
     * @param merchantReference the host's reference
     * @return the reference
     */
    public static PaymentReference of(String merchantReference) {
        return new PaymentReference(merchantReference, null);
    }
}
