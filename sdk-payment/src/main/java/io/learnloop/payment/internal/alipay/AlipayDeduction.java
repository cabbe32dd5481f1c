package io.learnloop.payment.internal.alipay;

import io.learnloop.core.store.AggregateType;

import java.time.Instant;

/**
 * One agreement deduction ({@code alipay.trade.pay} under an agreement) by its {@code out_trade_no}: written as
 * {@link #PENDING} before the request is sent, so that a deduction whose answer was lost or was "in progress"
 * ({@code 10003}) is settled from Alipay's notification or an {@code alipay.trade.query}, never sent as a second
 * charge of the period.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id        the {@code out_trade_no}: the agreement, the period and the attempt
 * @param agreement the merchant's {@code external_agreement_no}
 * @param status    {@link #PENDING}, {@link #PAID} or {@link #FAILED}
 * @param tradeNo   Alipay's {@code trade_no} once known, or null
 * @param createdAt when it was first sent
 * @param changedAt when it was last sent or its status last changed: an instance that claims a repeat of a send
 *                  Alipay does not know stamps it (compare-and-set), so one repeat is sent at a time
 */
public record AlipayDeduction(String id, String agreement, String status, String tradeNo, Instant createdAt,
                              Instant changedAt) {
    /** Sent; its outcome not known yet. */
    public static final String PENDING = "PENDING";
    /** Paid and settled. */
    public static final String PAID = "PAID";
    /** Refused or closed by Alipay; a failed renewal was recorded. */
    public static final String FAILED = "FAILED";

    /** Deductions by {@code out_trade_no}. */
    public static final AggregateType<AlipayDeduction> TYPE =
            AggregateType.builder("alipay_deduction", AlipayDeduction.class, AlipayDeduction::id).build();

    /**
     * This deduction in another status.
     *
     * @param next    the status
     * @param tradeNo Alipay's trade number, or null to keep the known one
     * @param now     when
     * @return the changed record
     */
    public AlipayDeduction with(String next, String tradeNo, Instant now) {
        return new AlipayDeduction(id, agreement, next, tradeNo != null ? tradeNo : this.tradeNo, createdAt, now);
    }
}
