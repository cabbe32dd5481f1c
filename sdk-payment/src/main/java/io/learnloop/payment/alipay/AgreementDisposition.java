package io.learnloop.payment.alipay;

/**
 * What {@link AlipayAgreements#handleNotification} did with one agreement notification.
 *
 * <p>Thread-safe: an enum.
 */
public enum AgreementDisposition {
    /** The learner signed the agreement: deductions can start. */
    SIGNED,
    /** The agreement was ended (unsigned by the learner or the merchant): the subscription ended now. */
    UNSIGNED,
    /** A pending deduction was paid ({@code TRADE_SUCCESS}, {@code TRADE_FINISHED}): its period is settled. */
    CHARGED,
    /** A pending deduction was closed unpaid ({@code TRADE_CLOSED}): a failed renewal was recorded. */
    CHARGE_FAILED,
    /** The notification was applied before: nothing changed. */
    DUPLICATE,
    /** Verified, but not an agreement change this channel acts on. */
    IGNORED,
    /** Not accepted: see the rejection reason. Nothing was changed. */
    REJECTED
}
