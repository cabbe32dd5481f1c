package io.learnloop.payment.internal.pipeline;

import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.privacy.Erasure;
import io.learnloop.core.privacy.ErasureScope;
import io.learnloop.core.privacy.PersonalDataEraser;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.IndexRange;
import io.learnloop.core.store.Versioned;
import io.learnloop.payment.internal.apple.AppleRecords;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The payment module's erasure step. Attempts hold order ids, provider references and amounts, none of which
 * identifies a learner, so they stay as they are: they are the records reconciliation and the books rest on (the
 * payer's openid and client IP are sent to the provider at checkout and never stored). Refunds keep their amounts and
 * states but lose the free text a learner or the money desk wrote (reason, provider detail, resolution note).
 * Received notifications of the learner's payments (found by payment reference) and App Store notifications of their
 * orders keep their dedupe key and disposition and lose their detail, which may quote provider data. App Store
 * transactions name the pseudonym; the learner's App Store subscription records are deleted. A refund whose fate is
 * still open blocks the erasure: its confirmation must still reach the learner's order and access.
 *
 * <p>Every record is rewritten in its own unit of work and found again by a key the rewrite keeps or removes, so a
 * step that stopped midway and runs again finishes what is left and writes nothing twice.
 *
 * <p>Thread-safe: stateless.
 */
public final class PaymentErasure implements PersonalDataEraser {
    /** Refund states in which money may still move or a person must still act. */
    static final List<String> OPEN = List.of(PaymentRefund.PENDING, PaymentRefund.SENT, PaymentRefund.RETRY,
            PaymentRefund.ACTION_REQUIRED, PaymentRefund.BLOCKED, PaymentRefund.FAILED, PaymentRefund.REVERSED,
            PaymentRefund.MISMATCH);
    private static final Set<String> FREE_TEXT = Set.of("reason", "detail", "resolution");
    private static final Set<String> DETAIL = Set.of("detail");
    private static final int PAGE = 500;

    @Override
    public String step() {
        return "payments";
    }

    @Override
    public Optional<String> blocker(ErasureScope scope, UserId learner) {
        Set<OrderId> orders = new HashSet<>();
        scope.ordersOf(learner).forEachRemaining(orders::add);
        if (orders.isEmpty()) {
            return Optional.empty();
        }
        List<String> open = new ArrayList<>();
        for (String state : OPEN) {
            // open refunds are few: they are read by state, a page at a time
            String after = null;
            while (true) {
                IndexRange range = after == null ? IndexRange.first(PAGE) : IndexRange.first(PAGE).continuing(after);
                List<Versioned<PaymentRefund>> page = scope.context().read(uow -> uow.findRange(PaymentTypes.REFUND,
                        PaymentTypes.BY_STATE, state, range));
                for (Versioned<PaymentRefund> r : page) {
                    if (orders.contains(r.value().order())) {
                        open.add("refund " + r.value().refundKey() + " of order " + r.value().order() + " is "
                                + state);
                    }
                }
                if (page.size() < PAGE) {
                    break;
                }
                after = PaymentTypes.REFUND.position(PaymentTypes.BY_STATE, page.get(page.size() - 1).value());
            }
        }
        return open.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", open)
                + " (settle or resolve it with Payments.reconcile or Payments.resolveRefund first)");
    }

    @Override
    public boolean holds(ErasureScope scope, UserId learner) {
        // a learner known here has orders, which sdk-core's own steps already find
        return false;
    }

    @Override
    public void erase(Erasure erasure) {
        for (Iterator<OrderId> it = erasure.ordersOf(erasure.learner()); it.hasNext(); ) {
            OrderId order = it.next();
            for (Versioned<PaymentRefund> r : erasure.context().read(uow -> uow.findBy(PaymentTypes.REFUND,
                    PaymentTypes.BY_ORDER, order.value()))) {
                rewrite(erasure, PaymentTypes.REFUND, r.value().id(), FREE_TEXT);
            }
            for (PaymentAttempt a : erasure.context().read(uow -> uow.findBy(PaymentTypes.ATTEMPT, "order",
                    order.value())).stream().map(Versioned::value).toList()) {
                for (Versioned<ReceivedNotification> n : erasure.context().read(uow -> uow.findBy(
                        PaymentTypes.NOTIFICATION, PaymentTypes.BY_REFERENCE, a.id()))) {
                    rewrite(erasure, PaymentTypes.NOTIFICATION, n.value().id(), DETAIL);
                }
            }
            AppleRecords.eraseOrder(erasure, order);
        }
        AppleRecords.eraseLearner(erasure);
    }

    private static <T> void rewrite(Erasure erasure, AggregateType<T> type, String id, Set<String> fields) {
        erasure.context().transactRetrying(uow -> uow.find(type, id)
                .map(now -> erasure.rewrite(uow, type, now, fields)).orElse(false));
    }

    @Override
    public String toString() {
        return "PaymentErasure";
    }
}
