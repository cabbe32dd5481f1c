package io.learnloop.core.settlement;

import io.learnloop.core.Page;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.commerce.RefundRequest;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.store.UnitOfWork;

/**
 * Settling payments and refunds: the one place an order becomes paid or refunded. Settling a payment moves the
 * order to PAID, grants every line (one grant per line; membership periods placed after the learner's latest one),
 * posts the revenue ledger and publishes the events, in ONE transaction; settling a refund records it on the order,
 * claws the revenue back and revokes the access of every line refunded in full, in one transaction too. Nothing is
 * ever half-settled, and settling the same payment or refund again changes nothing.
 *
 * <p>Two kinds of caller use it:
 * <ul>
 *   <li><b>Payment channels</b>: server code that has verified a payment with whoever took the money (the payment
 *       providers of {@code sdk-payment}, an app store, a host's own channel). They call the methods that take a
 *       {@link UnitOfWork}, inside their own transaction, so their own records (the provider attempt, the
 *       notification's dedupe record) commit with the settlement or not at all; and {@link #order},
 *       {@link #awaitPayment} and {@link #expire}. These take no actor: a channel has already established that the
 *       money moved. Never call them on behalf of an end user's request.</li>
 *   <li><b>People</b> with {@link io.learnloop.core.identity.Role#FINANCE}: the methods that take an {@link Actor}
 *       confirm a payment taken outside any provider (a bank transfer), refund in the books, and work through the
 *       payments held for review.</li>
 * </ul>
 * A payment that cannot be delivered in full (the order was already paid, was closed, the amount differs, or a line's
 * course no longer exists) never throws: it is settled as far as it can be and raises a {@link SettlementIssue}.
 *
 * <p>Thread-safe.
 */
public interface Settlement {
    /**
     * Reads an order, for a channel.
     *
     * @param id the order
     * @return the order
     * @throws io.learnloop.core.error.NotFoundException if there is none
     */
    Order order(OrderId id);

    /**
     * Records that a channel started collecting the payment of a CREATED order; an order already awaiting payment is
     * returned as it is.
     *
     * @param id the order
     * @return the order, AWAITING_PAYMENT
     * @throws io.learnloop.core.error.ConflictException with INVALID_STATE if it is paid, cancelled or expired
     */
    Order awaitPayment(OrderId id);

    /**
     * Expires an unpaid order whose deadline has passed, giving its coupons back.
     *
     * @param id the order
     * @return the order, EXPIRED
     * @throws io.learnloop.core.error.ConflictException with INVALID_STATE if it is not unpaid or its deadline is ahead
     */
    Order expire(OrderId id);

    /**
     * Settles a confirmed payment inside the channel's unit of work. The caller runs the work with
     * {@link io.learnloop.core.ServiceContext#transactRetrying}, so a lost race (another delivery of the same payment
     * on another thread or host) runs it again and finds the order settled.
     *
     * @param uow     the channel's unit of work
     * @param payment the confirmed payment
     * @return what was done
     * @throws io.learnloop.core.error.NotFoundException if the order does not exist
     */
    SettlementResult settle(UnitOfWork uow, PaymentConfirmation payment);

    /**
     * Settles a refund in the books inside the channel's unit of work, before the channel returns the money.
     * Idempotent per refund key.
     *
     * @param uow     the channel's unit of work
     * @param order   the paid order
     * @param request the refund key and the amount per line
     * @return what was recorded
     * @throws io.learnloop.core.error.ValidationException if a line or amount is invalid or exceeds what is left
     * @throws io.learnloop.core.error.ConflictException   if the order is not paid, or the key was used for other amounts
     */
    RefundSettlement refund(UnitOfWork uow, OrderId order, RefundRequest request);

    /**
     * Settles a payment a person confirms: money that reached the platform outside any payment provider, such as a
     * bank transfer. Runs in its own transaction.
     *
     * @param actor   someone with {@link io.learnloop.core.identity.Role#FINANCE}
     * @param payment the payment, under the channel that took it (for example {@code bank-transfer})
     * @return what was done
     * @throws io.learnloop.core.error.ForbiddenException if the actor lacks the role
     */
    SettlementResult settle(Actor actor, PaymentConfirmation payment);

    /**
     * Settles a refund a person makes outside any payment provider (the money goes back by bank transfer, say).
     * Refunds of provider payments go through the provider's channel ({@code Payments.refund}), which settles them
     * here and returns the money.
     *
     * @param actor   someone with {@link io.learnloop.core.identity.Role#FINANCE}
     * @param order   the paid order
     * @param request the refund key and the amount per line
     * @return what was recorded
     * @throws io.learnloop.core.error.ForbiddenException if the actor lacks the role
     */
    RefundSettlement refund(Actor actor, OrderId order, RefundRequest request);

    /**
     * One page of the open issues, oldest first.
     *
     * @param actor  someone with {@link io.learnloop.core.identity.Role#FINANCE}
     * @param cursor the previous page's {@link Page#nextCursor()}, or null for the first page
     * @param limit  the page size, 1 to {@value Page#MAX_LIMIT}
     * @return the page
     * @throws io.learnloop.core.error.ForbiddenException if the actor lacks the role
     */
    Page<SettlementIssue> issues(Actor actor, String cursor, int limit);

    /**
     * Closes an issue once a person has acted (refunded the payment, or granted access by hand). Resolving a resolved
     * issue returns it as it is.
     *
     * @param actor   someone with {@link io.learnloop.core.identity.Role#FINANCE}
     * @param issueId the issue
     * @param note    what was done, 1 to 500 characters
     * @return the resolved issue
     * @throws io.learnloop.core.error.ForbiddenException if the actor lacks the role
     * @throws io.learnloop.core.error.NotFoundException  if there is no such issue
     */
    SettlementIssue resolveIssue(Actor actor, String issueId, String note);

    /**
     * One page of the refunds booked without a channel's return that still await money return, the earliest booked
     * first: the pay-per-outcome job books the refund of the stated share in the books and leaves returning the
     * money to the channel that took the payment ({@code sdk-payment}'s {@code Payments.reconcile()} returns those
     * paid through a configured provider). A refund stays listed until a channel marks it returned.
     *
     * @param actor  someone with {@link io.learnloop.core.identity.Role#FINANCE} (or an admin)
     * @param cursor the previous page's {@link Page#nextCursor()}, or null for the first page
     * @param limit  the page size, 1 to {@value Page#MAX_LIMIT}
     * @return the page
     * @throws io.learnloop.core.error.ForbiddenException if the actor lacks the role
     */
    Page<BookedRefund> awaitingReturn(Actor actor, String cursor, int limit);

    /**
     * The refunds awaiting money return on one channel, the earliest booked first, for that channel's scheduled job
     * (it takes no actor, like the other channel methods). A channel reads only its own, so refunds another channel
     * must return never hold its job up.
     *
     * @param channel the channel that took the orders' payment ({@link BookedRefund#channel()}, e.g. {@code stripe})
     * @param cursor  the previous page's {@link Page#nextCursor()}, or null for the first page
     * @param limit   the page size, 1 to {@value Page#MAX_LIMIT}
     * @return the page
     */
    Page<BookedRefund> awaitingReturn(String channel, String cursor, int limit);

    /**
     * Marks a booked refund's money returned, inside the channel's unit of work, so it commits with the channel's own
     * record of the return (the provider refund it sent) or not at all. Idempotent: a refund marked before, or one
     * that was never booked to await return (a refund the channel itself asked for), is left as it is.
     *
     * @param uow       the channel's unit of work
     * @param order     the order
     * @param refundKey the refund's key
     * @param channel   the channel that returned the money
     * @return true if this call marked it
     */
    boolean markReturned(UnitOfWork uow, OrderId order, String refundKey, String channel);

    /**
     * Marks a booked refund taken on by its channel, inside the channel's unit of work that stores its own record of
     * the return: it leaves the channel's list ({@link #awaitingReturn(String, String, int)}), so a refund the
     * provider refused or that waits for a person never holds up the ones booked after it, but it stays in the
     * finance list ({@link #awaitingReturn(Actor, String, int)}) until {@link #markReturned} once the money is back.
     * Idempotent: a refund taken or returned before, or never booked to await return, is left as it is.
     *
     * @param uow       the channel's unit of work
     * @param order     the order
     * @param refundKey the refund's key
     * @param channel   the channel that took it on
     * @return true if this call marked it
     */
    boolean markTaken(UnitOfWork uow, OrderId order, String refundKey, String channel);
}
