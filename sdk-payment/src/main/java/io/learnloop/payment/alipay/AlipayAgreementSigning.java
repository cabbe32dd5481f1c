package io.learnloop.payment.alipay;

import io.learnloop.core.subscription.Subscription;

/**
 * An agreement deduction (周期扣款) about to be signed: the learner opens the sign URL (in the Alipay app, or a browser
 * that hands over to it) and signs; the agreement notification then makes deductions possible.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param subscription the core subscription, {@code INCOMPLETE} (or {@code TRIALING}) until the first deduction
 * @param signUrl      the signed {@code alipay.user.agreement.page.sign} gateway URL
 */
public record AlipayAgreementSigning(Subscription subscription, String signUrl) {
}
