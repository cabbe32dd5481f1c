package io.learnloop.payment.internal.apple;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.commerce.LineAmount;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.commerce.OrderLine;
import io.learnloop.core.commerce.RefundRequest;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.core.settlement.RefundSettlement;
import io.learnloop.core.settlement.Settlement;
import io.learnloop.core.store.Versioned;
import io.learnloop.payment.apple.AppleDisposition;
import io.learnloop.payment.apple.AppleNotificationResult;
import io.learnloop.payment.apple.AppleTransaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Settles Apple's refund or revocation of a transaction through the core refund settlement: what is left of every
 * line of the order the transaction paid is refunded under the refund key {@code apple:<transactionId>}, so the
 * revenue and Apple's commission are clawed back and the access of every line is revoked, in one transaction with the
 * notification's dedupe record. Apple has already returned the money; nothing is sent anywhere. A REFUND and a REVOKE
 * of the same transaction share the key, so the order is refunded once.
 *
 * <p>Thread-safe: immutable.
 */
final class AppleRefunds {
    private final ServiceContext ctx;
    private final Settlement settlement;

    AppleRefunds(ServiceContext ctx, Settlement settlement) {
        this.ctx = ctx;
        this.settlement = settlement;
    }

    AppleNotificationResult refund(NotificationContext c, AppleTransaction t) {
        Optional<AppleTransactionRecord> paid = ctx.read(uow -> uow.find(AppleTypes.TRANSACTION, t.transactionId()))
                .map(Versioned::value);
        if (paid.isEmpty()) {
            return record(c, c.result(AppleDisposition.KEPT_FOR_REVIEW, t.transactionId(), null,
                    "transaction " + t.transactionId() + " paid no order here: nothing to refund in Learnloop"));
        }
        OrderId orderId = new OrderId(paid.get().order());
        String key = "apple:" + t.transactionId();
        Order order = settlement.order(orderId);
        if (order.refund(key) != null) {
            return record(c, c.result(AppleDisposition.REFUNDED, t.transactionId(), orderId,
                    "the order was refunded for this transaction before"));
        }
        List<LineAmount> lines = new ArrayList<>();
        for (OrderLine line : order.lines()) {
            if (line.net().minus(line.refunded()).isPositive()) {
                lines.add(LineAmount.of(line.line(), line.net().minus(line.refunded())));
            }
        }
        if (lines.isEmpty()) {
            return record(c, c.result(AppleDisposition.KEPT_FOR_REVIEW, t.transactionId(), orderId,
                    "order " + orderId + " was already refunded in full by another refund"));
        }
        String reason = "Apple " + (c.type() == null ? "revocation" : c.type())
                + (t.revocationReason() == null ? "" : " (revocationReason " + t.revocationReason() + ")");
        RefundRequest request = new RefundRequest(key, lines, reason);
        try {
            return ctx.transactRetrying(uow -> {
                RefundSettlement s = settlement.refund(uow, orderId, request);
                AppleNotificationResult r = c.result(AppleDisposition.REFUNDED, t.transactionId(), orderId,
                        "refunded " + s.refund().total() + "; access revoked on lines " + s.revokedLines());
                c.record(uow, r, ctx.now());
                return r;
            });
        } catch (NotificationContext.DuplicateDelivery e) {
            throw e;
        } catch (LearnloopException e) {
            return record(c, c.result(AppleDisposition.KEPT_FOR_REVIEW, t.transactionId(), orderId,
                    "the refund could not be settled: " + e.getMessage()));
        }
    }

    private AppleNotificationResult record(NotificationContext c, AppleNotificationResult r) {
        return ctx.transactRetrying(uow -> {
            c.record(uow, r, ctx.now());
            return r;
        });
    }
}
