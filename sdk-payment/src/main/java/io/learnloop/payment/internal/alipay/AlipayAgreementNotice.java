package io.learnloop.payment.internal.alipay;

import io.learnloop.core.store.AggregateType;

import java.time.Instant;

/**
 * An agreement notification already applied, by its {@code notify_id}, so a repeated delivery applies nothing more.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id          {@code alipay-agreement:} and the {@code notify_id}
 * @param notifyType  the {@code notify_type}
 * @param agreement   the merchant's {@code external_agreement_no}
 * @param disposition what was done
 * @param receivedAt  when it was applied
 */
public record AlipayAgreementNotice(String id, String notifyType, String agreement, String disposition,
                                    Instant receivedAt) {
    /** Applied notifications by id. */
    public static final AggregateType<AlipayAgreementNotice> TYPE =
            AggregateType.builder("alipay_agreement_notice", AlipayAgreementNotice.class, AlipayAgreementNotice::id)
                    .build();
}
