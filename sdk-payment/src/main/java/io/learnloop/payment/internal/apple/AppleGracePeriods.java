package io.learnloop.payment.internal.apple;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.access.AccessService;
import io.learnloop.core.access.GrantRequest;
import io.learnloop.core.commerce.CommerceService;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.commerce.OfferKind;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.payment.apple.AppleConfig;
import io.learnloop.payment.apple.AppleDisposition;
import io.learnloop.payment.apple.AppleNotificationResult;
import io.learnloop.payment.apple.AppleProduct;
import io.learnloop.payment.apple.AppleTransaction;

import java.time.Instant;
import java.util.Optional;

/**
 * Keeps a subscriber's access through Apple's billing grace period: on {@code DID_FAIL_TO_RENEW} with subtype
 * {@code GRACE_PERIOD}, the membership plan is granted from the lapsed transaction's expiry date to the renewal info's
 * {@code gracePeriodExpiresDate}. The grant names no order (nothing was paid for it) and is one per learner, plan and
 * start, so a repeated delivery grants nothing more; a renewal that recovers the subscription pays its own period.
 * Granting is the channel's own act, under the actor {@value #ACTOR}.
 *
 * <p>Thread-safe: immutable.
 */
final class AppleGracePeriods {
    /** The id the channel acts under when it grants a grace period. */
    static final String ACTOR = "system:apple-grace-period";

    private final ServiceContext ctx;
    private final AppleConfig config;
    private final AccessService access;
    private final CommerceService commerce;
    private final AppleLearners learners;

    AppleGracePeriods(ServiceContext ctx, AppleConfig config, AccessService access, CommerceService commerce,
                      AppleLearners learners) {
        this.ctx = ctx;
        this.config = config;
        this.access = access;
        this.commerce = commerce;
        this.learners = learners;
    }

    AppleNotificationResult extend(NotificationContext c, AppleTransaction t, AppleRenewal renewal) {
        if (t == null || renewal == null || renewal.gracePeriodExpiresDate() == null || t.expiresDate() == null) {
            return record(c, c.result(AppleDisposition.KEPT_FOR_REVIEW, t == null ? null : t.transactionId(), null,
                    "a grace period without the transaction's expiry or the renewal's gracePeriodExpiresDate"));
        }
        Instant start = t.expiresDate();
        Instant end = renewal.gracePeriodExpiresDate();
        Optional<AppleProduct> product = config.product(t.productId());
        Optional<UserId> learner = learners.of(t);
        String problem = null;
        Offer plan = null;
        if (product.isEmpty()) {
            problem = "product '" + t.productId() + "' is not configured";
        } else if (learner.isEmpty()) {
            problem = "no learner for subscription " + t.originalTransactionId();
        } else if (!end.isAfter(start)) {
            problem = "the grace period ends (" + end + ") before the subscription expired (" + start + ")";
        } else {
            plan = commerce.offer(product.get().offer());
            if (plan.kind() != OfferKind.MEMBERSHIP) {
                problem = "offer " + plan.id() + " of product '" + t.productId() + "' is not a membership plan";
            }
        }
        if (problem != null) {
            return record(c, c.result(AppleDisposition.KEPT_FOR_REVIEW, t.transactionId(), null, problem));
        }
        try {
            access.grant(Actor.of(ACTOR, Role.ADMIN), GrantRequest.membership(learner.get(), plan.id(),
                    plan.membership().courses(), plan.membership().categories(), start, end));
        } catch (LearnloopException e) {
            return record(c, c.result(AppleDisposition.KEPT_FOR_REVIEW, t.transactionId(), null,
                    "the grace period could not be granted: " + e.getMessage()));
        }
        return record(c, c.result(AppleDisposition.GRACE_PERIOD_GRANTED, t.transactionId(), null,
                "access extended from " + start + " to " + end));
    }

    private AppleNotificationResult record(NotificationContext c, AppleNotificationResult r) {
        return ctx.transactRetrying(uow -> {
            c.record(uow, r, ctx.now());
            return r;
        });
    }
}
