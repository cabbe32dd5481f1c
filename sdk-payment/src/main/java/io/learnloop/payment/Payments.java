package io.learnloop.payment;

import io.learnloop.payment.spi.PaymentProvider;
import io.learnloop.payment.spi.RefundQuery;
import io.learnloop.core.Learnloop;
import io.learnloop.core.Page;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.commerce.LineAmount;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.error.RemoteException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.privacy.PersonalDataEraser;
import io.learnloop.core.privacy.PersonalDataSource;
import io.learnloop.core.retention.RetentionPruner;
import io.learnloop.payment.internal.pipeline.DefaultPayments;
import io.learnloop.payment.internal.pipeline.NotificationPruner;
import io.learnloop.payment.internal.pipeline.PaymentErasure;
import io.learnloop.payment.internal.pipeline.PaymentSections;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checkout, the notification pipeline, reconciliation and refunds, the same way for every provider.
 *
 * <pre>{@code
 * Payments payments = Payments.builder(learnloop)
 *     .provider(new StripeProvider(stripeConfig))
 *     .provider(new WechatPayProvider(wechatConfig))
 *     .refundPolicy(RefundPolicy.withinDays(14))
 *     .build();
 * PaymentSession session = payments.checkout(learner, CheckoutRequest.of(order.id(), ProviderId.STRIPE,
 *     PaymentFlow.CLIENT_SECRET, "Java course"));
 * // in the webhook endpoint, with the raw body:
 * NotificationResult r = payments.handleNotification(ProviderId.STRIPE, body, headers);
 * respond(r.acknowledgement());
 * }</pre>
 *
 * <p>Every payment is settled by the core ({@code Learnloop.settlement()}) in one transaction: the order is paid, every
 * line granted and, with {@code Learnloop.Builder#revenue} configured, the revenue ledger posted (platform fee,
 * creator shares, affiliate commissions); every refund claws back each share in proportion.
 *
 * <p>Roles: a learner checks out and refunds (within the refund policy) their own orders; resending and resolving
 * refunds and reading the review queue need {@link io.learnloop.core.identity.Role#FINANCE}, who may also refund any
 * order outside the policy. {@link #handleNotification} and {@link #reconcile} are for the host's webhook endpoint and
 * scheduler, not for end users.
 *
 * <p>Thread-safe. The builder is not.
 */
public interface Payments {
    /**
     * The domain event published once when a refund is confirmed, whether by the provider's answer, its notification
     * or {@link #reconcile()}; aggregate id {@code order:refundKey}; data {@code order}, {@code refundKey},
     * {@code provider}, {@code refundReference}, {@code amount}, {@code currency} and {@code confirmedBy}
     * ({@code refund}, {@code notification} or {@code reconciliation}).
     */
    String REFUND_CONFIRMED = "payment.refund_confirmed";

    /**
     * The domain event published once when the provider reports a confirmed refund failed after all (Stripe sends
     * {@code refund.failed} / {@code charge.refund.updated} with status {@code failed} after {@code succeeded}): the
     * money did not reach the payer. Aggregate id {@code order:refundKey}; data as {@link #REFUND_CONFIRMED} with
     * {@code detail} instead of {@code confirmedBy}. A later confirmation of the refund, sent again with
     * {@link #resendRefund}, publishes {@link #REFUND_CONFIRMED} again.
     */
    String REFUND_REVERSED = "payment.refund_reversed";

    /**
     * Starts a payment for an order: moves it to AWAITING_PAYMENT and creates the payment at the provider, with a
     * payment reference and idempotency key derived from (order, operation, attempt). Calling again for the same
     * order resumes the same attempt (the provider returns the same payment); after an outcome-unknown failure the
     * attempt is queried first; a closed or failed attempt is followed by a new one.
     *
     * @param actor   the order's learner (or an admin)
     * @param request what to pay and how
     * @return what the client needs to let the payer pay
     * @throws io.learnloop.core.error.ForbiddenException if the actor is not the order's learner
     * @throws ValidationException if the provider is not configured or does not support the flow
     * @throws ConflictException   with INVALID_STATE if the order is not awaiting payment (for example already paid)
     * @throws RemoteException     if the provider failed; {@link RemoteException#outcomeUnknown()} tells whether to
     *                             query (a repeated checkout does that)
     */
    PaymentSession checkout(Actor actor, CheckoutRequest request);

    /**
     * Runs one delivery through the pipeline: verify, decrypt, decode, dedupe on (provider, event id), check amount,
     * currency and merchant against the order, move the order (compare-and-set), grant access once, acknowledge.
     * Never throws for bad input; read the raw body yourself and pass it unchanged. A body or header over the
     * {@link Builder#notificationLimits(NotificationLimits) notification limits} is refused first, by its length
     * alone ({@link RejectionReason#TOO_LARGE}): the provider never reads it and nothing is stored.
     *
     * @param provider the provider the endpoint belongs to
     * @param body     the raw request body
     * @param headers  the request headers
     * @return what happened and what to answer
     * @throws ValidationException if the provider is not configured
     */
    NotificationResult handleNotification(ProviderId provider, byte[] body, Map<String, String> headers);

    /**
     * Queries the provider for payments waiting longer than the configured time, settles paid ones, closes and
     * expires those past their deadline, and checks refunds whose fate is open. The host schedules it.
     *
     * <p>Refunds are asked about with {@link PaymentProvider#queryRefund(RefundQuery)}: a refund whose last send
     * failed (RETRY) at once; one accepted but unconfirmed (SENT: its notification was lost, or never comes, as with
     * Alipay), waiting for someone to act (ACTION_REQUIRED) or never sent (PENDING) once it has waited the configured
     * time. The provider's answer wins:
     * <ul>
     *   <li>succeeded: the refund is CONFIRMED exactly as its notification would confirm it (once, whichever comes
     *       first; nothing is revoked or posted again) and counted in
     *       {@link ReconciliationReport#refundsConfirmed()};</li>
     *   <li>closed or failed: FAILED, listed in {@link ReconciliationReport#refundsForReview()} and never sent again
     *       on its own (the provider said no: a person decides, and may call {@link #resendRefund});</li>
     *   <li>action required (WeChat Pay ABNORMAL, Stripe requires_action): ACTION_REQUIRED, listed for review on
     *       every run, and confirmed once it succeeds;</li>
     *   <li>still processing: left SENT;</li>
     *   <li>unknown to the provider: sent again with the same refund reference and idempotency key, which cannot
     *       refund twice, and counted in {@link ReconciliationReport#refundsSent()};</li>
     *   <li>another amount than the one recorded: MISMATCH, never confirmed, listed for review on every run.</li>
     * </ul>
     * Refunds the provider failed or closed (FAILED, also when only their notification said so), refunds it never
     * acted on because of our configuration (BLOCKED), refunds that failed after they were confirmed (REVERSED) and
     * MISMATCH refunds are listed in {@link ReconciliationReport#refundsForReview()} on every
     * run, with {@link RefundReview#issue()} saying why, and are not sent or asked about: a person fixes the cause
     * and calls {@link #resendRefund} (a MISMATCH refund is settled at the provider: resendRefund refuses it), or closes
     * one settled outside the SDK with {@link #resolveRefund}; RESOLVED refunds are never listed.
     *
     * <p>Last, it returns the money of refunds the core booked without asking a provider (the pay-per-outcome
     * refunds of {@code Learnloop.runScheduledJobs()}): it pages through each configured provider's
     * {@code Settlement.awaitingReturn(channel, cursor, limit)}, the earliest booked first and at most 500 a run, and
     * sends each refund as {@link #refund} would, under the same refund key (so the provider's refund reference and
     * idempotency key are the ones {@link #refund} derives, and a send repeated after a stop refunds once). The
     * provider's answer marks the refund returned in the core in the transaction that stores it, so a refund is sent by
     * one run only; one whose send failed stays listed, and the next run asks the provider first and sends it again only
     * if the provider does not know it. Sent ones count in {@link ReconciliationReport#refundsSent()}, refused ones go
     * to {@link ReconciliationReport#refundsForReview()}, and one of an order paid elsewhere (a provider not
     * configured here, a bank transfer) is not read here and stays listed for finance.
     *
     * @return what was done
     */
    ReconciliationReport reconcile();

    /**
     * Refunds amounts of order lines after the refund policy allows it. The order records the refund first (so a
     * line's refunds never exceed what was paid for it, also under concurrent requests), then the provider is asked
     * to return the money with a refund reference derived from (order, refund key), then the access of every line
     * refunded in full is revoked. Idempotent per refund key: calling again for a refund whose last send failed
     * (state RETRY), or that an earlier call stored but did not finish sending (state PENDING, for example after a
     * crash), first asks the provider, and sends the same reference again only if the provider does not know it; a
     * call that stopped after the order recorded the refund is finished, without asking the refund policy again.
     * A send the provider refuses for the refund itself is FAILED; one it never acted on because it refused our
     * configuration or credentials (an expired certificate, a bad API key, a signature problem, an invalid request) is
     * BLOCKED; both are sent again only through {@link #resendRefund}.
     *
     * @param actor     the order's learner, whose request the refund policy decides; or someone with
     *                  {@link io.learnloop.core.identity.Role#FINANCE}, who may refund outside the policy
     * @param order     the paid order
     * @param refundKey the caller's idempotency key for this refund
     * @param lines     the amount per line
     * @param reason    why, or null
     * @return the outcome
     * @throws ForbiddenException  if the actor may not refund the order, or the refund policy refuses
     * @throws ValidationException if a line or amount is invalid or exceeds what is left
     * @throws ConflictException   if the order is not paid (and does not already record this refund key)
     */
    RefundOutcome refund(Actor actor, OrderId order, String refundKey, List<LineAmount> lines, String reason);

    /**
     * Sends a refund again that the provider failed or closed (FAILED), that it never acted on because of our
     * configuration (BLOCKED: fix the cause first, for example renew the certificate or the API key), or that failed
     * after it was confirmed (REVERSED). The order and the revenue ledger keep their one refund and clawback, and
     * access stays revoked: only the money is sent again. The provider is asked first:
     * <ul>
     *   <li>it has the refund and it succeeded: CONFIRMED, nothing is sent;</li>
     *   <li>it is processing or waits for action: SENT or ACTION_REQUIRED, nothing is sent;</li>
     *   <li>it does not know it: sent with the same reference and idempotency key;</li>
     *   <li>it failed or closed it: sent as a new provider attempt under the next derived reference
     *       ({@code <reference>-r2}, {@code -r3}, ...) and idempotency key, which the provider takes as a new refund.</li>
     * </ul>
     * Two calls at once send at most once: the refund is claimed under compare-and-set, and the call that loses
     * returns the state the winner left. A refund already CONFIRMED or SENT is returned as it is.
     *
     * @param actor     someone with {@link io.learnloop.core.identity.Role#FINANCE}
     * @param order     the order
     * @param refundKey the refund key given to {@link #refund}
     * @return the outcome, with no revoked lines (access was revoked when the refund was recorded)
     * @throws io.learnloop.core.error.NotFoundException if no such refund was recorded through this SDK
     * @throws ConflictException   with INVALID_STATE if the refund is in another state (PENDING or RETRY:
     *                             call {@link #refund} again or {@link #reconcile()}; ACTION_REQUIRED: act at the
     *                             provider; MISMATCH: the provider reports another amount, settle it there;
     *                             RESOLVED: a person closed it), or if an earlier, superseded provider attempt of
     *                             this refund reported success (check at the provider, then {@link #resolveRefund})
     * @throws RemoteException     if the provider could not be asked; nothing was sent
     */
    RefundOutcome resendRefund(Actor actor, OrderId order, String refundKey);

    /**
     * Closes a refund listed for review (FAILED, BLOCKED, REVERSED or MISMATCH) that a person settled outside the SDK,
     * at the provider or by returning the money another way: it becomes RESOLVED, terminal, with the note and the
     * clock's time. Nothing else changes: the order, the revenue ledger and access keep their one refund, clawback
     * and revocation, and nothing is sent. A RESOLVED refund is never listed for review, asked about or sent again;
     * a later provider notification that reports it succeeded goes to {@link #reviewQueue} (the payer may have
     * been refunded twice), one that reports it failed is ignored.
     *
     * <p>The move is compare-and-set: if a resend or a notification changes the refund first, this call sees the new
     * state (and refuses it unless it may still be resolved). Resolving a RESOLVED refund again returns it as it is,
     * keeping the first note and time.
     *
     * @param actor     someone with {@link io.learnloop.core.identity.Role#FINANCE}
     * @param order     the order
     * @param refundKey the refund key given to {@link #refund}
     * @param note      what the person did, 1 to 500 characters (for example the provider's ticket)
     * @return the outcome, state RESOLVED, with no revoked lines
     * @throws ValidationException if the note is blank or longer than 500 characters
     * @throws io.learnloop.core.error.NotFoundException if no such refund was recorded through this SDK
     * @throws ConflictException   with INVALID_STATE if the refund is in another state (PENDING, RETRY, SENT,
     *                             ACTION_REQUIRED or CONFIRMED: its fate is open or settled)
     */
    RefundOutcome resolveRefund(Actor actor, OrderId order, String refundKey, String note);

    /**
     * One page of the verified notifications that granted nothing, or not everything, and need a person, oldest
     * first. Payments the core settlement held for review (an order paid twice, a closed order, a course that no
     * longer exists) are also listed by {@code Learnloop.settlement().issues}.
     *
     * @param actor  someone with {@link io.learnloop.core.identity.Role#FINANCE}
     * @param cursor the previous page's {@link Page#nextCursor()}, or null for the first page
     * @param limit  the page size, 1 to {@value Page#MAX_LIMIT}
     * @return the page
     * @throws ForbiddenException if the actor lacks the role
     */
    Page<ReviewItem> reviewQueue(Actor actor, String cursor, int limit);

    /**
     * The payment module's step of every learner's erasure, to register with
     * {@code Learnloop.Builder.personalDataEraser}: refunds lose the free text written about them (amounts and
     * states stay, so the books still add up); received notifications of the learner's payments, and App Store
     * notifications of their orders, lose their detail and keep the key that recognises a redelivery; App Store
     * transactions name the pseudonym and the learner's App Store subscription records are deleted (a later renewal
     * is kept for review rather than ordered for anyone). A refund whose fate is still open (sent, pending, waiting
     * for a person) stops the erasure before it starts, with {@code ERASURE_BLOCKED}. Payment attempts hold no
     * personal data (the payer's openid and client IP are sent to the provider and never stored) and stay.
     *
     * @return the step; stateless and thread-safe
     */
    static PersonalDataEraser personalDataEraser() {
        return new PaymentErasure();
    }

    /**
     * The payment module's sections of every learner's export, to register each with
     * {@code Learnloop.Builder.personalDataSource}: {@code payment-attempts}, {@code payment-notifications}
     * (received provider notifications, as stored), {@code refund-requests}, {@code apple-transactions},
     * {@code apple-notifications} and {@code payouts} (what was paid out to the person as a creator or affiliate,
     * read by payee a page at a time; kept on erasure, like the ledger). They are read one of the learner's orders at a time, by key. No card or account
     * number, WeChat openid, Alipay buyer id or logon id, Stripe customer or payment method, or payer IP appears:
     * the module never stores them.
     *
     * @return the sections, in archive order; each stateless and thread-safe
     */
    static List<PersonalDataSource> personalDataSources() {
        return PaymentSections.all();
    }

    /**
     * The pruner of received notification records, for {@code Learnloop.Builder.retentionPruner}, run for
     * {@link io.learnloop.core.retention.DataClasses#PAYMENT_NOTIFICATIONS} when the retention policy names it (it
     * is not in the defaults). A record older than the retention is stripped to its event id, type and disposition:
     * the payment reference, order, transaction and detail go, so it no longer leads to a learner, while a late or
     * replayed delivery of the event is still answered as {@link Disposition#DUPLICATE} and settles nothing.
     * Records kept for review stay whole. Webhook bodies are never stored, so there are none to prune.
     *
     * @return a thread-safe pruner
     */
    static RetentionPruner notificationPruner() {
        return new NotificationPruner();
    }

    /**
     * Starts a builder.
     *
     * @param learnloop the facade whose store, clock, commerce and access services are used
     * @return a builder
     */
    static Builder builder(Learnloop learnloop) {
        return new Builder(learnloop);
    }

    /**
     * Builds {@link Payments}.
     *
     * <p>Not thread-safe.
     */
    final class Builder {
        private final Learnloop learnloop;
        private final List<PaymentProvider> providers = new ArrayList<>();
        private RefundPolicy refundPolicy = RefundPolicy.always();
        private Duration reconcileAfter = Duration.ofMinutes(15);
        private NotificationLimits notificationLimits = NotificationLimits.defaults();

        private Builder(Learnloop learnloop) {
            this.learnloop = Objects.requireNonNull(learnloop, "learnloop");
        }

        /**
         * Adds a provider.
         *
         * @param provider the provider
         * @return this builder
         */
        public Builder provider(PaymentProvider provider) {
            providers.add(Objects.requireNonNull(provider, "provider"));
            return this;
        }

        /**
         * Sets the refund policy (default: always allow).
         *
         * @param value the policy
         * @return this builder
         */
        public Builder refundPolicy(RefundPolicy value) {
            this.refundPolicy = Objects.requireNonNull(value, "refundPolicy");
            return this;
        }

        /**
         * Sets how long a payment may wait before reconciliation queries it (default 15 minutes).
         *
         * @param value the wait
         * @return this builder
         */
        public Builder reconcileAfter(Duration value) {
            this.reconcileAfter = Objects.requireNonNull(value, "reconcileAfter");
            return this;
        }

        /**
         * Sets how large a notification's body and headers may be before {@link #handleNotification} refuses it
         * unread (default {@link NotificationLimits#defaults()}: 256 KiB body, 8 KiB per header name or value).
         *
         * @param value the limits
         * @return this builder
         */
        public Builder notificationLimits(NotificationLimits value) {
            this.notificationLimits = Objects.requireNonNull(value, "notificationLimits");
            return this;
        }

        /**
         * Builds the service.
         *
         * @return the service
         * @throws ValidationException if two providers share an id or none is configured
         */
        public Payments build() {
            return new DefaultPayments(learnloop, providers, refundPolicy, reconcileAfter, notificationLimits);
        }
    }
}
