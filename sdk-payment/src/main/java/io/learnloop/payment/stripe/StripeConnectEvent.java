package io.learnloop.payment.stripe;

import io.learnloop.payment.RejectionReason;

import java.util.List;

/**
 * What a Connect webhook delivery says about payouts: the reversals of a {@code transfer.reversed} event, or why the
 * delivery was refused. Answer Stripe with HTTP 400 when {@link #rejection()} is set, else 200.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param rejection why the delivery was refused (bad signature, replay, malformed), or null
 * @param detail    what was wrong or what the event was, for logs
 * @param reversals the reversals of payouts it reports, empty for other events
 */
public record StripeConnectEvent(RejectionReason rejection, String detail, List<StripeTransferReversal> reversals) {
    /**
     * Copies the list.
     *
     * @param rejection the rejection
     * @param detail    the detail
     * @param reversals the reversals
     */
    public StripeConnectEvent {
        reversals = List.copyOf(reversals);
    }
}
