package io.learnloop.payment.internal.apple;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.commerce.CommerceService;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.commerce.PlaceOrder;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.money.Money;
import io.learnloop.core.settlement.PaymentConfirmation;
import io.learnloop.core.settlement.Settlement;
import io.learnloop.core.settlement.SettlementResult;
import io.learnloop.core.store.UnitOfWork;
import io.learnloop.payment.apple.AppleConfig;
import io.learnloop.payment.apple.AppleDisposition;
import io.learnloop.payment.apple.AppleNotificationResult;
import io.learnloop.payment.apple.AppleProduct;
import io.learnloop.payment.apple.AppleTransaction;

import java.util.Currency;
import java.util.Optional;

/**
 * Settles a one-off purchase (consumable, non-consumable, non-renewing subscription) through the core settlement:
 * the product's offer is ordered for the learner under the client key {@code apple:<transactionId>} (so every
 * delivery finds the same order), and the order is paid under the channel {@value AppleConfig#CHANNEL} and the
 * transaction id, with Apple's commission as the channel's fee and, for a non-renewing subscription, a membership
 * period placed by the settlement. Auto-renewable subscriptions go through {@link AppleSubscriptions}. The
 * settlement, the transaction's records and the notification's dedupe record commit together.
 *
 * <p>Thread-safe: immutable.
 */
final class ApplePurchases {
    private final ServiceContext ctx;
    private final AppleConfig config;
    private final Settlement settlement;
    private final CommerceService commerce;
    private final AppleLearners learners;

    ApplePurchases(ServiceContext ctx, AppleConfig config, Settlement settlement, CommerceService commerce,
              AppleLearners learners) {
        this.ctx = ctx;
        this.config = config;
        this.settlement = settlement;
        this.commerce = commerce;
        this.learners = learners;
    }

    AppleNotificationResult settle(NotificationContext c, AppleTransaction t) {
        String problem = null;
        AppleProduct product = config.product(t.productId()).orElse(null);
        Optional<UserId> learner = product == null ? Optional.empty() : learners.of(t);
        Money amount = product == null ? null : amountOf(t);
        if (product == null) {
            problem = "product '" + t.productId() + "' is not configured: add an AppleProduct for it";
        } else if (learner.isEmpty()) {
            problem = "no learner for the transaction: its appAccountToken (" + t.appAccountToken()
                    + ") is unknown to AppleAccounts and its subscription was never seen";
        } else if (t.quantity() != 1) {
            problem = "a quantity of " + t.quantity() + " is not sold through one offer";
        } else if (amount == null) {
            problem = "the transaction has no price in a known currency (price " + t.priceMilliunits() + ", "
                    + t.currency() + ")";
        }
        if (problem != null) {
            return review(c, t, null, problem);
        }
        Order order;
        try {
            order = commerce.placeOrder(Actor.learner(learner.get().value()),
                    PlaceOrder.of("apple:" + t.transactionId(), product.offer()));
        } catch (LearnloopException e) {
            return review(c, t, null, "could not place the order for offer " + product.offer() + ": "
                    + e.getMessage());
        }
        PaymentConfirmation confirmed = new PaymentConfirmation(order.id(), AppleConfig.CHANNEL, t.transactionId(),
                amount).withChannelFee(product.commissionBps());
        UserId buyer = learner.get();
        return ctx.transactRetrying(uow -> {
            SettlementResult r = settlement.settle(uow, confirmed);
            AppleNotificationResult result = switch (r.status()) {
                case SETTLED -> c.result(AppleDisposition.SETTLED, t.transactionId(), order.id(), "order paid");
                case ALREADY_SETTLED -> c.result(AppleDisposition.ALREADY_SETTLED, t.transactionId(), order.id(),
                        "the transaction paid the order before");
                case HELD_FOR_REVIEW -> c.result(AppleDisposition.KEPT_FOR_REVIEW, t.transactionId(), order.id(),
                        r.issue().kind() + ": " + r.issue().detail());
            };
            remember(uow, t, order.id(), buyer);
            c.record(uow, result, ctx.now());
            return result;
        });
    }

    private AppleNotificationResult review(NotificationContext c, AppleTransaction t, OrderId order, String detail) {
        AppleNotificationResult r = c.result(AppleDisposition.KEPT_FOR_REVIEW, t.transactionId(), order, detail);
        return ctx.transactRetrying(uow -> {
            c.record(uow, r, ctx.now());
            return r;
        });
    }

    private void remember(UnitOfWork uow, AppleTransaction t, OrderId order, UserId learner) {
        if (uow.find(AppleTypes.TRANSACTION, t.transactionId()).isEmpty()) {
            uow.insert(AppleTypes.TRANSACTION, new AppleTransactionRecord(t.transactionId(),
                    t.originalTransactionId(), order.value(), learner.value(), t.productId(), ctx.now()));
        }
        if (uow.find(AppleTypes.SUBSCRIPTION, t.originalTransactionId()).isEmpty()) {
            uow.insert(AppleTypes.SUBSCRIPTION, new AppleSubscriptionRecord(t.originalTransactionId(),
                    learner.value(), t.productId(), t.originalTransactionId(), ctx.now()));
        }
    }

    /** Apple's price in thousandths of the unit, in the currency's minor units when it converts exactly. */
    static Money amountOf(AppleTransaction t) {
        if (t.priceMilliunits() == null || t.currency() == null || t.priceMilliunits() < 0) {
            return null;
        }
        Currency currency;
        try {
            currency = Currency.getInstance(t.currency());
        } catch (IllegalArgumentException e) {
            return null;
        }
        int digits = currency.getDefaultFractionDigits();
        if (digits < 0 || digits > 3) {
            return null;
        }
        long divisor = (long) Math.pow(10, 3 - digits);
        if (t.priceMilliunits() % divisor != 0) {
            return null;
        }
        return Money.ofMinor(t.priceMilliunits() / divisor, currency.getCurrencyCode());
    }
}
