package io.learnloop.payment.internal.apple;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.commerce.CommerceService;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.commerce.OfferId;
import io.learnloop.core.commerce.OfferKind;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.NotFoundException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.money.Money;
import io.learnloop.core.store.UnitOfWork;
import io.learnloop.core.store.Versioned;
import io.learnloop.core.subscription.OpenSubscription;
import io.learnloop.core.subscription.RenewalResult;
import io.learnloop.core.subscription.Subscription;
import io.learnloop.core.subscription.SubscriptionFailure;
import io.learnloop.core.subscription.SubscriptionPayment;
import io.learnloop.core.subscription.SubscriptionService;
import io.learnloop.payment.apple.AppleConfig;
import io.learnloop.payment.apple.AppleDisposition;
import io.learnloop.payment.apple.AppleNotificationResult;
import io.learnloop.payment.apple.AppleProduct;
import io.learnloop.payment.apple.AppleTransaction;

import java.util.Optional;
import java.util.function.Function;

/**
 * Auto-renewable App Store subscriptions as core {@link Subscription}s, the way Stripe Billing keeps Stripe's: the
 * subscription ({@code originalTransactionId}) is opened in the core on its first paid transaction, and every paid
 * transaction ({@code SUBSCRIBED}, {@code DID_RENEW}, {@code OFFER_REDEEMED}) is one
 * {@link SubscriptionService#recordPayment} (reference: the {@code transactionId}, with Apple's commission), so each
 * renewal is one core settlement and its period stacks right after the last; {@code DID_FAIL_TO_RENEW} is
 * {@link SubscriptionService#recordFailure} (past due with the configured grace period, or expired at the period's
 * end without one); {@code EXPIRED} and {@code GRACE_PERIOD_EXPIRED} are {@link SubscriptionService#cancelNow} (the
 * unpaid grace ends at that instant, paid periods run out); {@code DID_CHANGE_RENEWAL_STATUS} is
 * {@link SubscriptionService#cancelAtPeriodEnd}.
 *
 * <p>Apple keeps one {@code originalTransactionId} for ever, also when a lapsed subscriber buys again or a billing
 * retry succeeds after the subscription ended here; since an ended core subscription is final, such a payment opens a
 * new one under {@code <originalTransactionId>:<transactionId>}, which {@link AppleSubscriptionRecord#current()}
 * then names. A paid transaction whose product sells another plan (an upgrade, crossgrade or downgrade) likewise
 * ends the current core subscription and opens one for the new plan under that name.
 *
 * <p>Thread-safe: immutable.
 */
final class AppleSubscriptions {
    private final ServiceContext ctx;
    private final AppleConfig config;
    private final SubscriptionService subscriptions;
    private final CommerceService commerce;
    private final AppleLearners learners;

    AppleSubscriptions(ServiceContext ctx, AppleConfig config, SubscriptionService subscriptions,
                       CommerceService commerce, AppleLearners learners) {
        this.ctx = ctx;
        this.config = config;
        this.subscriptions = subscriptions;
        this.commerce = commerce;
        this.learners = learners;
    }

    /** A paid transaction of an auto-renewable product: one renewal of its core subscription. */
    AppleNotificationResult pay(NotificationContext c, AppleTransaction t) {
        AppleProduct product = config.product(t.productId()).orElse(null);
        Optional<UserId> learner = product == null ? Optional.empty() : learners.of(t);
        Money amount = product == null ? null : ApplePurchases.amountOf(t);
        Offer plan = null;
        String problem = null;
        if (product == null) {
            problem = "product '" + t.productId() + "' is not configured: add an AppleProduct for it";
        } else if (learner.isEmpty()) {
            problem = "no learner for subscription " + t.originalTransactionId() + ": its appAccountToken ("
                    + t.appAccountToken() + ") is unknown to AppleAccounts and it was never seen";
        } else if (t.quantity() != 1) {
            problem = "a quantity of " + t.quantity() + " is not sold through one plan";
        } else if (amount == null) {
            problem = "the transaction has no price in a known currency (price " + t.priceMilliunits() + ", "
                    + t.currency() + ")";
        } else {
            plan = commerce.offer(product.offer());
            if (plan.kind() != OfferKind.MEMBERSHIP) {
                problem = "offer " + plan.id() + " of auto-renewable product '" + t.productId()
                        + "' is not a membership plan";
            }
        }
        if (problem != null) {
            return review(c, t.transactionId(), null, problem);
        }
        UserId buyer = learner.get();
        Offer membership = plan;
        try {
            return ctx.transactRetrying(uow -> {
                AppleTransactionRecord seen = uow.find(AppleTypes.TRANSACTION, t.transactionId())
                        .map(Versioned::value).orElse(null);
                if (seen != null) {
                    return recorded(uow, c, c.result(AppleDisposition.ALREADY_SETTLED, t.transactionId(),
                            new OrderId(seen.order()), "the transaction paid the order before"));
                }
                String external = openCurrent(uow, t, buyer, membership);
                if (amount.isZero()) {
                    return recorded(uow, c, c.result(AppleDisposition.IGNORED, t.transactionId(), null,
                            "a free period (an introductory offer) pays nothing: the subscription is open"));
                }
                RenewalResult r = subscriptions.recordPayment(uow, new SubscriptionPayment(AppleConfig.CHANNEL,
                        external, t.transactionId(), amount).withChannelFee(product.commissionBps()));
                OrderId order = r.settlement().order().id();
                AppleNotificationResult result = switch (r.settlement().status()) {
                    case SETTLED -> c.result(AppleDisposition.SETTLED, t.transactionId(), order,
                            "period paid: " + r.subscription().periodStart() + " to " + r.subscription().periodEnd());
                    case ALREADY_SETTLED -> c.result(AppleDisposition.ALREADY_SETTLED, t.transactionId(), order,
                            "the transaction paid the order before");
                    case HELD_FOR_REVIEW -> c.result(AppleDisposition.KEPT_FOR_REVIEW, t.transactionId(), order,
                            r.settlement().issue().kind() + ": " + r.settlement().issue().detail());
                };
                if (uow.find(AppleTypes.TRANSACTION, t.transactionId()).isEmpty()) {
                    uow.insert(AppleTypes.TRANSACTION, new AppleTransactionRecord(t.transactionId(),
                            t.originalTransactionId(), order.value(), buyer.value(), t.productId(), ctx.now()));
                }
                return recorded(uow, c, result);
            });
        } catch (ValidationException | ConflictException e) {
            // a price that is not the plan's, or an Apple subscription already kept for another learner or plan
            return review(c, t.transactionId(), null, "the renewal was not recorded: " + e.getMessage());
        }
    }

    /** {@code DID_FAIL_TO_RENEW}: a failed renewal charge; Apple retries by itself. */
    AppleNotificationResult failed(NotificationContext c, AppleTransaction t, AppleRenewal renewal) {
        String attempt = "apple-" + (c.uuid() != null ? c.uuid() : ctx.newId());
        return change(c, t, renewal, uow -> {
            String external = currentOf(uow, originalOf(t, renewal));
            Subscription s = subscriptions.recordFailure(uow, new SubscriptionFailure(AppleConfig.CHANNEL, external,
                    attempt, null, c.subtype()));
            String apple = renewal == null || renewal.gracePeriodExpiresDate() == null ? ""
                    : "; Apple's grace period ends " + renewal.gracePeriodExpiresDate();
            return switch (s.status()) {
                case PAST_DUE -> c.result(AppleDisposition.GRACE_PERIOD_GRANTED, idOf(t), null,
                        "past due: access kept until " + s.graceEndsAt() + apple);
                case EXPIRED, CANCELED -> c.result(AppleDisposition.LAPSED, idOf(t), null,
                        "the renewal failed with no grace period left: access ended at " + s.endedAt() + apple);
                default -> c.result(AppleDisposition.LAPSED, idOf(t), null, "the renewal failed while the period"
                        + " runs to " + s.periodEnd() + ": it falls past due then unless Apple renews it" + apple);
            };
        });
    }

    /** {@code EXPIRED}, {@code GRACE_PERIOD_EXPIRED}: Apple ended the subscription, or its access, now. */
    AppleNotificationResult expired(NotificationContext c, AppleTransaction t, AppleRenewal renewal) {
        String why = c.type() + (c.subtype() == null ? "" : "/" + c.subtype());
        return change(c, t, renewal, uow -> {
            Subscription s = subscriptions.cancelNow(uow, AppleConfig.CHANNEL, currentOf(uow, originalOf(t, renewal)),
                    "Apple: " + why);
            return c.result(AppleDisposition.LAPSED, idOf(t), null, "the subscription ended (" + why + "): "
                    + s.status() + " since " + s.endedAt() + "; paid periods run to their end");
        });
    }

    /** {@code DID_CHANGE_RENEWAL_STATUS}: auto-renewal off is cancellation at period end, on undoes it. */
    AppleNotificationResult renewalStatus(NotificationContext c, AppleTransaction t, AppleRenewal renewal) {
        boolean off = "AUTO_RENEW_DISABLED".equals(c.subtype())
                || (c.subtype() == null && renewal != null && Integer.valueOf(0).equals(renewal.autoRenewStatus()));
        return change(c, t, renewal, uow -> {
            Subscription s = subscriptions.cancelAtPeriodEnd(uow, AppleConfig.CHANNEL,
                    currentOf(uow, originalOf(t, renewal)), off);
            return c.result(AppleDisposition.RENEWAL_CHANGED, idOf(t), null, off
                    ? "auto-renewal off: the subscription ends at " + s.periodEnd()
                    : "auto-renewal on: the subscription renews at " + s.periodEnd());
        });
    }

    private AppleNotificationResult change(NotificationContext c, AppleTransaction t, AppleRenewal renewal,
                                           Function<UnitOfWork, AppleNotificationResult> work) {
        if (originalOf(t, renewal) == null) {
            return review(c, null, null, "the notification names no subscription (no transaction or renewal info)");
        }
        try {
            return ctx.transactRetrying(uow -> recorded(uow, c, work.apply(uow)));
        } catch (NotFoundException e) {
            return review(c, idOf(t), null, "subscription " + originalOf(t, renewal) + " never paid here: "
                    + e.getMessage());
        }
    }

    /**
     * The core subscription that the transaction pays, opened if need be: the current one of its
     * {@code originalTransactionId}, or a new one when that one ended or the transaction is for another plan (an
     * upgrade, crossgrade or downgrade under the same {@code originalTransactionId}): the old plan's subscription then
     * ends now, its paid period running to its end, and the new plan's one is opened.
     */
    private String openCurrent(UnitOfWork uow, AppleTransaction t, UserId learner, Offer plan) {
        Versioned<AppleSubscriptionRecord> known = uow.find(AppleTypes.SUBSCRIPTION, t.originalTransactionId())
                .orElse(null);
        String external = known == null ? t.originalTransactionId() : known.value().current();
        OfferId before = known == null ? null : planOf(known.value());
        boolean planChanged = before != null && !before.equals(plan.id());
        if (planChanged) {
            subscriptions.cancelNow(uow, AppleConfig.CHANNEL, external, "Apple: plan changed to product '"
                    + t.productId() + "'");
            external = t.originalTransactionId() + ":" + t.transactionId();
            subscriptions.open(uow, open(learner, plan, external));
        } else {
            Subscription s = subscriptions.open(uow, open(learner, plan, external));
            if (!s.status().live()) {
                external = t.originalTransactionId() + ":" + t.transactionId();
                subscriptions.open(uow, open(learner, plan, external));
            }
        }
        if (known == null) {
            uow.insert(AppleTypes.SUBSCRIPTION, new AppleSubscriptionRecord(t.originalTransactionId(),
                    learner.value(), t.productId(), external, ctx.now()));
        } else if (!external.equals(known.value().current()) || planChanged) {
            uow.update(AppleTypes.SUBSCRIPTION, known.value().withCurrent(external, t.productId()),
                    known.version());
        }
        return external;
    }

    /**
     * The plan the Apple subscription's current core subscription is for: that of the product it keeps now, or null
     * when that product is no longer configured.
     */
    private OfferId planOf(AppleSubscriptionRecord r) {
        return config.product(r.productId()).map(AppleProduct::offer).orElse(null);
    }

    private OpenSubscription open(UserId learner, Offer plan, String external) {
        return new OpenSubscription(learner, plan.id(), AppleConfig.CHANNEL, external, config.dunning());
    }

    /** The core subscription now kept for an Apple subscription, or its own id before any was recorded. */
    private static String currentOf(UnitOfWork uow, String original) {
        return uow.find(AppleTypes.SUBSCRIPTION, original).map(v -> v.value().current()).orElse(original);
    }

    private static String originalOf(AppleTransaction t, AppleRenewal renewal) {
        return t != null ? t.originalTransactionId() : renewal == null ? null : renewal.originalTransactionId();
    }

    private static String idOf(AppleTransaction t) {
        return t == null ? null : t.transactionId();
    }

    private AppleNotificationResult recorded(UnitOfWork uow, NotificationContext c, AppleNotificationResult r) {
        c.record(uow, r, ctx.now());
        return r;
    }

    private AppleNotificationResult review(NotificationContext c, String transactionId, OrderId order, String detail) {
        AppleNotificationResult r = c.result(AppleDisposition.KEPT_FOR_REVIEW, transactionId, order, detail);
        return ctx.transactRetrying(uow -> recorded(uow, c, r));
    }
}
