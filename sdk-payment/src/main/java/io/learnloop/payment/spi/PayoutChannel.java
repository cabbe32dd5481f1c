package io.learnloop.payment.spi;

import io.learnloop.core.error.RemoteException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.money.Money;
import io.learnloop.payment.ProviderId;

/**
 * A provider that moves money out to payees: Stripe Connect transfers, WeChat Pay profit sharing, Alipay royalty
 * settlement. One instance per merchant account, holding its own keys and HTTP client (no static state).
 *
 * <p>The payout key of a {@link PayoutTransfer} is the provider's idempotency key (Stripe's {@code Idempotency-Key},
 * WeChat Pay's {@code out_order_no}, Alipay's {@code out_request_no}): sending it again never moves money twice.
 * A remote failure is a {@link RemoteException}: {@link RemoteException#isRetryable()} when the same call may be
 * sent again later, {@link RemoteException#outcomeUnknown()} when the provider may have acted (query first); any
 * other failure is the provider refusing the transfer.
 *
 * <p>Implementations must be thread-safe.
 */
public interface PayoutChannel {
    /**
     * The provider's id; its clearing account funds the payouts.
     *
     * @return the id
     */
    ProviderId id();

    /**
     * How this provider pays out.
     *
     * @return the mode
     */
    PayoutMode mode();

    /**
     * Sends one transfer.
     *
     * @param transfer the transfer
     * @return CONFIRMED, PENDING or REJECTED
     * @throws ValidationException if the transfer cannot be expressed for this provider (currency, destination)
     * @throws RemoteException     if the provider failed, refused or could not be reached
     */
    PayoutResult send(PayoutTransfer transfer);

    /**
     * Asks the provider where a transfer stands.
     *
     * @param transfer the transfer, as sent (with the provider's transfer id when it is known)
     * @return its state; {@link PayoutResult.State#NOT_FOUND} when the provider never received it
     * @throws RemoteException if the provider failed or could not be reached
     */
    PayoutResult query(PayoutTransfer transfer);

    /**
     * Takes part or all of a confirmed transfer back from the payee (Stripe transfer reversal, WeChat Pay
     * profit-sharing return). Repeating it with the same return reference returns once.
     *
     * @param transfer        the confirmed transfer, whose description is the return's reason
     * @param returnReference the return's idempotency key
     * @param amount          how much comes back
     * @return CONFIRMED when the money came back, PENDING while the provider works on it, or REJECTED
     * @throws ValidationException if this provider cannot take money back from this payee
     * @throws RemoteException     if the provider failed, refused or could not be reached
     */
    PayoutResult reverse(PayoutTransfer transfer, String returnReference, Money amount);
}
