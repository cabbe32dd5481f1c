package io.learnloop.payment.internal.payout;

import io.learnloop.core.ledger.LedgerAccount;
import io.learnloop.core.money.Money;
import io.learnloop.payment.Payout;
import io.learnloop.payment.PayoutStatus;
import io.learnloop.payment.ProviderId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One payout as stored: recorded under its payout key before the provider is called, so a rerun after a crash sends
 * the same key again and the provider's idempotency stops a second transfer.
 *
 * @param id                 the payout key
 * @param provider           the provider id
 * @param payee              the payee's ledger account
 * @param amount             the amount
 * @param order              the order it splits, or null for a balance payout
 * @param sourcePayment      the provider's id of that order's payment, or null
 * @param group              the run's or order's group
 * @param state              a {@link PayoutStatus} name
 * @param providerTransferId the provider's transfer id, or null
 * @param returns            the return references already posted to the ledger
 * @param returned           the sum of those returns
 * @param reserved           the returns asked of the provider and not posted yet, by return reference: held back
 *                           from what is left to come back, so two returns at once never ask for more than the payout
 * @param sends              how many times it was sent
 * @param detail             the provider's last answer or the reason it is parked, or null
 * @param createdAt          when it was recorded
 * @param updatedAt          when it last changed
 */
public record PayoutAttempt(String id, String provider, LedgerAccount payee, Money amount, String order,
                            String sourcePayment, String group, String state, String providerTransferId,
                            List<String> returns, Money returned, int sends, String detail, Instant createdAt,
                            Instant updatedAt, Map<String, Money> reserved) {
    /**
     * Copies the list.
     *
     * @param id                 the key
     * @param provider           the provider
     * @param payee              the payee
     * @param amount             the amount
     * @param order              the order
     * @param sourcePayment      the payment
     * @param group              the group
     * @param state              the state
     * @param providerTransferId the transfer id
     * @param returns            the returns
     * @param returned           the returned sum
     * @param sends              the sends
     * @param detail             the detail
     * @param createdAt          created
     * @param updatedAt          updated
     * @param reserved           the returns asked for and not posted
     */
    public PayoutAttempt {
        returns = returns == null ? List.of() : List.copyOf(returns);
        reserved = reserved == null ? Map.of() : Map.copyOf(reserved);
    }

    /**
     * What may still be asked back: the amount less the returns posted and those asked for and not posted yet, other
     * than {@code reference}'s own.
     */
    Money leftToReturn(String reference) {
        Money left = amount.minus(returned);
        for (Map.Entry<String, Money> r : reserved.entrySet()) {
            if (!r.getKey().equals(reference)) {
                left = left.minus(r.getValue());
            }
        }
        return left;
    }

    PayoutAttempt reserving(String reference, Money value, Instant now) {
        Map<String, Money> next = new HashMap<>(reserved);
        next.put(reference, value);
        return new PayoutAttempt(id, provider, payee, amount, order, sourcePayment, group, state, providerTransferId,
                returns, returned, sends, detail, createdAt, now, next);
    }

    PayoutAttempt releasing(String reference, Instant now) {
        Map<String, Money> next = new HashMap<>(reserved);
        next.remove(reference);
        return new PayoutAttempt(id, provider, payee, amount, order, sourcePayment, group, state, providerTransferId,
                returns, returned, sends, detail, createdAt, now, next);
    }

    /**
     * Whether it still waits for an outcome.
     *
     * @return true for NEW, SENT and RETRY
     */
    public boolean open() {
        return !PayoutStatus.CONFIRMED.name().equals(state) && !PayoutStatus.PARKED.name().equals(state);
    }

    PayoutStatus status() {
        return PayoutStatus.valueOf(state);
    }

    PayoutAttempt in(PayoutStatus next, String transferId, String why, Instant now) {
        return new PayoutAttempt(id, provider, payee, amount, order, sourcePayment, group, next.name(),
                transferId != null ? transferId : providerTransferId, returns, returned, sends,
                why != null ? clip(why) : detail, createdAt, now, reserved);
    }

    PayoutAttempt sent(Instant now) {
        return new PayoutAttempt(id, provider, payee, amount, order, sourcePayment, group, PayoutStatus.SENT.name(),
                providerTransferId, returns, returned, sends + 1, detail, createdAt, now, reserved);
    }

    PayoutAttempt withReturn(String reference, Money value, Instant now) {
        List<String> next = new ArrayList<>(returns);
        next.add(reference);
        Map<String, Money> stillReserved = new HashMap<>(reserved);
        stillReserved.remove(reference);
        return new PayoutAttempt(id, provider, payee, amount, order, sourcePayment, group, state, providerTransferId,
                next, returned.plus(value), sends, detail, createdAt, now, stillReserved);
    }

    Payout view() {
        return new Payout(id, new ProviderId(provider), payee, amount, status(), providerTransferId, returned, sends,
                detail, createdAt, updatedAt);
    }

    private static String clip(String text) {
        return text.length() <= 500 ? text : text.substring(0, 499) + "…";
    }
}
