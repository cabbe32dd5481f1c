package io.learnloop.payment.spi;

import io.learnloop.payment.Acknowledgement;
import io.learnloop.payment.NotificationLimits;
import io.learnloop.payment.NotificationOutcome;
import io.learnloop.payment.PaymentSession;
import io.learnloop.payment.Payments;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.RefundState;
import io.learnloop.core.error.RemoteException;
import io.learnloop.core.error.ValidationException;

import java.util.Map;
import java.util.Set;

/**
 * The provider SPI: one instance per configured merchant account, holding its own keys, HTTP client and clock (no
 * static state). Every remote failure is a {@link RemoteException} that says whether the call may simply be
 * repeated ({@link RemoteException#isRetryable()}) or whether the provider may have acted
 * ({@link RemoteException#outcomeUnknown()}: query before any retry).
 *
 * <p>Implementations must be thread-safe.
 */
public interface PaymentProvider {
    /**
     * The provider's id.
     *
     * @return the id
     */
    ProviderId id();

    /**
     * What this provider supports.
     *
     * @return the capabilities
     */
    Set<Capability> capabilities();

    /**
     * Starts a payment.
     *
     * @param request the request
     * @return what the client needs to let the payer pay
     * @throws ValidationException if the flow or currency is not supported by this provider
     * @throws RemoteException     if the provider failed or could not be reached
     */
    PaymentSession create(CreatePaymentRequest request);

    /**
     * Queries a payment's state.
     *
     * @param payment the payment
     * @return its state at the provider
     * @throws RemoteException if the provider failed or could not be reached
     */
    PaymentStatus query(PaymentReference payment);

    /**
     * Closes an unpaid payment so it can no longer be paid.
     *
     * @param payment the payment
     * @throws RemoteException if the provider refused (for example because it was paid) or failed
     */
    void close(PaymentReference payment);

    /**
     * Refunds part or all of a paid payment. Repeating the request with the same refund reference refunds once.
     *
     * @param request the refund
     * @return the provider's answer
     * @throws RemoteException if the provider refused or failed
     */
    RefundResult refund(RefundRequest request);

    /**
     * Asks the provider where a refund stands (Stripe {@code GET /v1/refunds/{id}}, or the payment's refunds matched
     * by the refund reference in their metadata when no id is known; Alipay
     * {@code alipay.trade.fastpay.refund.query}; WeChat Pay {@code GET /v3/refund/domestic/refunds/{out_refund_no}}).
     * Used when a refund notification does not come or when the refund call's outcome was unknown.
     *
     * <p>A refund the provider does not know is reported as {@link RefundState#NOT_FOUND}, never thrown: sending
     * the refund again with the same reference and idempotency key is then safe. Alipay reports a refund that did not
     * succeed the same way (its query only finds refunds that returned money).
     *
     * @param query the refund
     * @return its state at the provider, with the provider's own state text
     * @throws RemoteException if the provider failed, could not be reached or its answer failed verification
     */
    RefundResult queryRefund(RefundQuery query);

    /**
     * Verifies and decodes a notification. Takes the raw body exactly as received (never re-serialised) and the
     * request headers (names are matched case-insensitively). Never throws for bad input: every failure is a typed
     * {@link NotificationOutcome.Rejected}, also for values out of range behind a valid signature. Sizes are not
     * bounded here: {@link Payments#handleNotification} refuses a delivery over its {@link NotificationLimits} before
     * calling this, so a host that calls it directly bounds the body and headers first.
     *
     * @param body    the raw request body
     * @param headers the request headers
     * @return the verified event or the rejection
     */
    NotificationOutcome parseNotification(byte[] body, Map<String, String> headers);

    /**
     * The response to send for a parsed notification.
     *
     * @param outcome the outcome of {@link #parseNotification(byte[], Map)} (or of the host's later checks)
     * @return the acknowledgement
     */
    Acknowledgement acknowledge(NotificationOutcome outcome);
}
