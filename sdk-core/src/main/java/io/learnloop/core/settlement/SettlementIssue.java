package io.learnloop.core.settlement;

import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.money.Money;

import java.time.Instant;

/**
 * A payment that needs a person: the money was taken, and settling it could not deliver it in full. Raised once per
 * (order, channel, reference), whatever the number of deliveries of the same payment.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id         the issue's id: {@code order:channel:reference}
 * @param order      the order
 * @param learner    who paid
 * @param channel    the channel that took the money
 * @param reference  the channel's reference of the payment
 * @param amount     what was paid
 * @param kind       why it was held
 * @param detail     what happened and what to do
 * @param raisedAt   when it was raised
 * @param resolution how a person resolved it, or null while open
 * @param resolvedBy who resolved it, or null while open
 * @param resolvedAt when, or null while open
 */
public record SettlementIssue(String id, OrderId order, UserId learner, String channel, String reference, Money amount,
                              IssueKind kind, String detail, Instant raisedAt, String resolution, UserId resolvedBy,
                              Instant resolvedAt) {
    /**
     * Whether a person still has to act.
     *
     * @return true until resolved
     */
    public boolean open() {
        return resolution == null;
    }

    /**
     * The issue resolved.
     *
     * @param note what the person did
     * @param by   who
     * @param at   when
     * @return the resolved issue
     */
    public SettlementIssue resolved(String note, UserId by, Instant at) {
        return new SettlementIssue(id, order, learner, channel, reference, amount, kind, detail, raisedAt, note, by, at);
    }
}
