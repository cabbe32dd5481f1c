package io.learnloop.core.ledger;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.internal.ledger.DefaultLedgerService;
import io.learnloop.core.money.Money;

import java.time.Instant;
import java.util.Currency;
import java.util.List;

/**
 * The double-entry revenue ledger. On payment, each line's net moves from the provider's clearing account to the
 * platform (its fee), the affiliates (their commission, up to two levels) and the creators (the rest, split by
 * ratio). On refund, every share of a refunded line gives back the same proportion, computed on the cumulative
 * refund so a line refunded in full returns every share exactly. Payouts move money out of a payee's balance.
 *
 * <p>Every entry's postings sum to zero, so all balances of a currency sum to zero; every account's balance equals
 * the sum of its postings. Each entry is idempotent under its key: posting the same payment, refund or payout again
 * returns the first entry and changes nothing.
 *
 * <p>Posting methods take no actor: they are called by the payment pipeline or by host code that has authorised its
 * caller. {@link #payout} and {@link #statement} check the actor.
 *
 * <p>Implementations are thread-safe.
 */
public interface LedgerService {
    /**
     * Builds a ledger on a facade's context.
     *
     * @param context the context
     * @return the ledger
     */
    static LedgerService create(ServiceContext context) {
        return new DefaultLedgerService(context);
    }

    /**
     * Posts a paid order. Idempotent per order.
     *
     * @param posting the order and how its lines are shared
     * @return the entry (the first one, if the order was posted before)
     * @throws io.learnloop.core.error.ValidationException if the lines mix currencies
     * @throws io.learnloop.core.error.ConflictException   with DUPLICATE_KEY if the order was posted with other
     *                                                     amounts or shares
     */
    JournalEntry recordPayment(PaymentPosting posting);

    /**
     * Posts a refund: the provider's clearing account pays the refund back and every share of each refunded line
     * gives back its proportion. Idempotent per (order, refund key).
     *
     * @param posting the order, refund key and amounts per line
     * @return the entry
     * @throws io.learnloop.core.error.ConflictException   with INVALID_STATE if the order's payment was not posted
     * @throws io.learnloop.core.error.ValidationException if a line was not paid or would be refunded beyond its net
     */
    JournalEntry recordRefund(RefundPosting posting);

    /**
     * Pays money out to a payee from what a provider holds. Idempotent per payout key.
     *
     * @param actor   an admin
     * @param request the payout
     * @return the entry
     * @throws io.learnloop.core.error.ForbiddenException  if the actor is not an admin
     * @throws io.learnloop.core.error.ValidationException if the payee's balance or the provider's held money is
     *                                                     smaller than the amount
     */
    JournalEntry payout(Actor actor, PayoutRequest request);

    /**
     * An account's balance.
     *
     * @param account  the account
     * @param currency the currency
     * @return the balance (zero if it never moved)
     */
    Money balance(LedgerAccount account, Currency currency);

    /**
     * Every account's balance in a currency.
     *
     * @param currency the currency
     * @return the balances, in the order the accounts first moved
     */
    List<Balance> balances(Currency currency);

    /**
     * The entries of one order, oldest first.
     *
     * @param orderId the order
     * @return the entries
     */
    List<JournalEntry> entriesOf(OrderId orderId);

    /**
     * The entries that moved one account in a currency, oldest first.
     *
     * @param account  the account
     * @param currency the currency
     * @return the entries
     */
    List<JournalEntry> entriesOf(LedgerAccount account, Currency currency);

    /**
     * An account's statement for a period.
     *
     * @param viewer   the account's owner (creator or affiliate), or an admin for any account
     * @param account  the account
     * @param currency the currency
     * @param from     start (inclusive)
     * @param to       end (exclusive), not before {@code from}
     * @return the statement
     * @throws io.learnloop.core.error.ForbiddenException if the viewer may not see the account
     */
    Statement statement(Actor viewer, LedgerAccount account, Currency currency, Instant from, Instant to);
}
