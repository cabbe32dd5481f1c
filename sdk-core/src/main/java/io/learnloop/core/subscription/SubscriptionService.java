package io.learnloop.core.subscription;

import io.learnloop.core.identity.UserId;

import io.learnloop.core.store.UnitOfWork;

import java.time.Instant;
import java.util.List;

/**
 * Auto-renewing memberships. A payment channel (Stripe Billing, Alipay agreement deduction, a host's own) opens a
 * subscription when its provider has one, and reports what the provider says: each paid renewal becomes an order of
 * the plan, settled through the core settlement ({@link io.learnloop.core.settlement.Settlement}) with its ledger
 * posting, its period placed right after the previous one on the learner's membership timeline; a failed renewal
 * makes the subscription past due, and the learner keeps access through the grace period while the charge is
 * retried; a payment within the grace period makes it active again with no gap and no second period; the end of the
 * grace period, or of a period the learner cancelled, expires it.
 *
 * <p>Access lives in the access ledger: every paid period and every grace period is a time-limited membership grant,
 * so access ends at exactly the instant its grant ends, and {@link io.learnloop.core.Learnloop#runScheduledJobs()}
 * announces the end ({@code access.expired}, which the community membership sync follows) and moves the subscription
 * to its next state at its {@link Subscription#deadline()}.
 *
 * <p>The methods that take a {@link UnitOfWork} run inside the channel's transaction (with
 * {@link io.learnloop.core.ServiceContext#transactRetrying}), so the channel's own records (the notification's dedupe
 * record) commit with the change or not at all. They take no actor: a channel has verified what the provider said.
 * Never call them on behalf of an end user's request.
 *
 * <p>Implementations are thread-safe.
 */
public interface SubscriptionService {
    /**
     * Records a subscription the channel opened with its provider: {@link SubscriptionStatus#TRIALING} with a trial
     * grant when the plan has free trial days, else {@link SubscriptionStatus#INCOMPLETE} until its first payment.
     * Idempotent per provider and external id: opening it again for the same learner and plan returns it as it is.
     *
     * @param uow     the channel's unit of work
     * @param request the learner, plan and the provider's id
     * @return the subscription
     * @throws io.learnloop.core.error.ValidationException if the plan is not a membership plan on sale
     * @throws io.learnloop.core.error.ConflictException   with DUPLICATE_KEY if the provider's id belongs to another
     *                                                     learner or plan
     */
    Subscription open(UnitOfWork uow, OpenSubscription request);

    /**
     * Reads a subscription.
     *
     * @param id the id
     * @return the subscription
     * @throws io.learnloop.core.error.NotFoundException if there is none
     */
    Subscription subscription(SubscriptionId id);

    /**
     * Reads a subscription by the provider's id.
     *
     * @param provider   the provider
     * @param externalId the provider's id of the subscription or agreement
     * @return the subscription
     * @throws io.learnloop.core.error.NotFoundException if there is none
     */
    Subscription byExternalId(String provider, String externalId);

    /**
     * One page of a learner's subscriptions, newest first: what a learner's "my memberships" page lists.
     *
     * @param viewer  the learner, or someone with {@link io.learnloop.core.identity.Role#FINANCE}
     * @param learner the learner
     * @param cursor  the previous page's {@link io.learnloop.core.Page#nextCursor()}, or null for the first page
     * @param limit   the page size, 1 to {@value io.learnloop.core.Page#MAX_LIMIT}
     * @return the page
     * @throws io.learnloop.core.error.ForbiddenException if the viewer is neither the learner nor finance
     */
    io.learnloop.core.Page<Subscription> subscriptionsOf(io.learnloop.core.identity.Actor viewer, UserId learner,
                                                         String cursor, int limit);

    /**
     * Records a renewal payment: places the period's order (one per payment reference), settles it through the core
     * settlement with the period right after the current one (the first period is placed after the learner's latest
     * period of the plan), and makes the subscription {@link SubscriptionStatus#ACTIVE}. A payment recorded before
     * changes nothing and comes back with {@code duplicate} set.
     *
     * @param uow     the channel's unit of work
     * @param payment the confirmed payment
     * @return the subscription and the settlement
     * @throws io.learnloop.core.error.NotFoundException   if no subscription has the provider's id
     * @throws io.learnloop.core.error.ValidationException if the amount is not the subscription's price
     * @throws io.learnloop.core.error.ConflictException   with INVALID_STATE if the subscription was cancelled
     */
    RenewalResult recordPayment(UnitOfWork uow, SubscriptionPayment payment);

    /**
     * Records a failed renewal charge: the subscription becomes {@link SubscriptionStatus#PAST_DUE}, keeps access
     * through the grace period (counted from the end of the paid period, and never extended by later failures), and
     * its next charge moves to the provider's next attempt or the policy's next retry. Failures of a subscription that
     * is not due for renewal (its period still runs) count only as failed attempts.
     *
     * @param uow     the channel's unit of work
     * @param failure the failure
     * @return the subscription after it
     * @throws io.learnloop.core.error.NotFoundException if no subscription has the provider's id
     */
    Subscription recordFailure(UnitOfWork uow, SubscriptionFailure failure);

    /**
     * Sets or clears cancellation at period end: a cancelled subscription keeps access to the end of the period and
     * then expires instead of renewing. Setting it as it is changes nothing; an ended subscription is returned as it
     * is.
     *
     * @param uow        the channel's unit of work
     * @param provider   the provider
     * @param externalId the provider's id
     * @param cancel     true to cancel at period end, false to renew again
     * @return the subscription after it
     * @throws io.learnloop.core.error.NotFoundException if no subscription has the provider's id
     */
    Subscription cancelAtPeriodEnd(UnitOfWork uow, String provider, String externalId, boolean cancel);

    /**
     * Ends a subscription now ({@link SubscriptionStatus#CANCELED}), because the provider ended it: an unpaid trial or
     * grace period still running is revoked now; paid periods run to their end (returning money is a refund of
     * their orders). An ended subscription is returned as it is.
     *
     * @param uow        the channel's unit of work
     * @param provider   the provider
     * @param externalId the provider's id
     * @param reason     why, 1 to 200 characters
     * @return the subscription after it
     * @throws io.learnloop.core.error.NotFoundException if no subscription has the provider's id
     */
    Subscription cancelNow(UnitOfWork uow, String provider, String externalId, String reason);

    /**
     * The live subscriptions of a provider whose next charge is due at or before {@code before}, earliest first: what
     * a channel that charges by itself (agreement deduction) charges on its schedule.
     *
     * @param provider the provider
     * @param before   the cut-off
     * @param limit    the most to return, 1 to {@value io.learnloop.core.Page#MAX_LIMIT}
     * @return the due subscriptions, at most {@code limit}
     */
    List<Subscription> dueForCharge(String provider, Instant before, int limit);
}
