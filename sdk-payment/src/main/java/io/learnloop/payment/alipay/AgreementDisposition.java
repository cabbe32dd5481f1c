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
    /** The notification was applied before: nothing changed. */
    DUPLICATE,
    /** Verified, but not an agreement change this channel acts on. */
    IGNORED,
    /** Not accepted: see the rejection reason. Nothing was changed. */
    REJECTED
}
