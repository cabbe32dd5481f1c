package io.learnloop.payment.alipay;

/**
 * What one {@link AlipayAgreements#chargeDue} run did.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param charged periods paid and settled
 * @param failed  deductions Alipay refused (each recorded as a failed renewal)
 * @param pending deductions left for a later run: not signed yet, in progress at Alipay, or not answered
 */
public record DeductionRun(int charged, int failed, int pending) {
}
