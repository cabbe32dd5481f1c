package io.learnloop.payment.alipay;

/**
 * What one {@link AlipayAgreements#chargeDue} run did.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param charged   periods paid and settled
 * @param failed    deductions Alipay refused or closed (each recorded as a failed renewal)
 * @param pending   deductions left for a later run: awaiting the agreement's signature, in progress at Alipay, or
 *                  not answered
 * @param abandoned subscriptions cancelled because their agreement was unsigned, stopped, or never signed within the
 *                  signing window
 */
public record DeductionRun(int charged, int failed, int pending, int abandoned) {
    /**
     * A run that abandoned nothing.
     *
     * @param charged periods paid
     * @param failed  deductions refused
     * @param pending deductions left for later
     */
    public DeductionRun(int charged, int failed, int pending) {
        this(charged, failed, pending, 0);
    }
}
