package io.learnloop.payment.internal.alipay;

import io.learnloop.core.store.AggregateType;

import java.time.Instant;

/**
 * An Alipay deduction agreement (代扣协议) as its notifications reported it: the merchant's number for it, which is the
 * core subscription's external id, and Alipay's {@code agreement_no}, which every deduction names.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id          the merchant's {@code external_agreement_no}
 * @param agreementNo Alipay's {@code agreement_no}
 * @param status      Alipay's last reported {@code status} ({@code NORMAL}, {@code UNSIGN}, {@code TEMP}, {@code STOP})
 * @param changedAt   when it was last reported
 */
public record AlipayAgreementRecord(String id, String agreementNo, String status, Instant changedAt) {
    /** Agreements by the merchant's number. */
    public static final AggregateType<AlipayAgreementRecord> TYPE =
            AggregateType.builder("alipay_agreement", AlipayAgreementRecord.class, AlipayAgreementRecord::id).build();
}
