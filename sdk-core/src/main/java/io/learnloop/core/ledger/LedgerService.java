package io.learnloop.core.ledger;

import io.learnloop.core.Page;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.identity.Actor;
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
 * <p>Payments and refunds are posted by their settlement ({@code Learnloop.settlement()}), in the transaction that
 * pays or refunds the order. Balances are kept without a record that every posting writes, so concurrent postings
 * do not wait for one another; statements and balance sheets are read a page at a time.
 *
 * <p>Roles: payouts, every balance and every order's entries need {@link io.learnloop.core.identity.Role#FINANCE};
 * a creator or affiliate reads the balance and statement of their own account.
 *
 * <p>Implementations are thread-safe.
 */
public interface LedgerService {
    /**
     * Pays money out to a payee from what a provider holds. Idempotent per payout key.
     *
     * @param actor   someone with {@link io.learnloop.core.identity.Role#FINANCE}
     * @param request the payout
     * @return the entry
     * @throws io.learnloop.core.error.ForbiddenException  if the actor lacks the role
     * @throws io.learnloop.core.error.ValidationException if the payee's balance or the provider's held money is
     *                                                     smaller than the amount
     */
    JournalEntry payout(Actor actor, PayoutRequest request);

    /**
     * Records that money paid out came back (the provider returned or reversed the transfer): the amount moves back
     * from the provider's clearing account to the payee. Idempotent per (payout key, return key); the returns of one
     * payout never exceed it.
     *
     * @param actor  someone with {@link io.learnloop.core.identity.Role#FINANCE}
     * @param request the return
     * @return the entry (the first one, if this return was posted before)
     * @throws io.learnloop.core.error.ForbiddenException  if the actor lacks the role
     * @throws io.learnloop.core.error.NotFoundException   if no payout was posted under the payout key
     * @throws io.learnloop.core.error.ValidationException if the amount is in another currency or exceeds what is
     *                                                     left of the payout after its earlier returns
     */
    JournalEntry payoutReturn(Actor actor, PayoutReturn request);

    /**
     * An account's balance.
     *
     * @param viewer   the account's owner (creator or affiliate), or someone with
     *                 {@link io.learnloop.core.identity.Role#FINANCE} for any account
     * @param account  the account
     * @param currency the currency
     * @return the balance (zero if it never moved)
     * @throws io.learnloop.core.error.ForbiddenException if the viewer may not see the account
     */
    Money balance(Actor viewer, LedgerAccount account, Currency currency);

    /**
     * One page of every account's balance in a currency, in account order.
     *
     * @param viewer   someone with {@link io.learnloop.core.identity.Role#FINANCE}
     * @param currency the currency
     * @param cursor   the previous page's {@link Page#nextCursor()}, or null for the first page
     * @param limit    the page size, 1 to {@value Page#MAX_LIMIT}
     * @return the page
     * @throws io.learnloop.core.error.ForbiddenException if the viewer lacks the role
     */
    Page<Balance> balances(Actor viewer, Currency currency, String cursor, int limit);

    /**
     * The entries of one order (its payment and its refunds), oldest first.
     *
     * @param viewer  someone with {@link io.learnloop.core.identity.Role#FINANCE}
     * @param orderId the order
     * @return the entries
     * @throws io.learnloop.core.error.ForbiddenException if the viewer lacks the role
     */
    List<JournalEntry> entriesOf(Actor viewer, OrderId orderId);

    /**
     * One page of an account's statement for a period. Its cost depends on the page size and on how many days ago
     * {@code from} lies (plus, when {@code from} is not midnight UTC, that day's entries before it), never on the
     * account's whole history.
     *
     * @param viewer   the account's owner (creator or affiliate), or someone with
     *                 {@link io.learnloop.core.identity.Role#FINANCE} for any account
     * @param account  the account
     * @param currency the currency
     * @param from     start (inclusive)
     * @param to       end (exclusive), not before {@code from}
     * @param cursor   the previous page's {@link Statement#nextCursor()}, or null for the first page
     * @param limit    the most lines per page, 1 to {@value Page#MAX_LIMIT}
     * @return the page
     * @throws io.learnloop.core.error.ForbiddenException if the viewer may not see the account
     */
    Statement statement(Actor viewer, LedgerAccount account, Currency currency, Instant from, Instant to,
                        String cursor, int limit);
}
