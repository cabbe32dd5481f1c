package io.learnloop.payment.alipay;

import io.learnloop.core.subscription.Subscription;
import io.learnloop.payment.Acknowledgement;
import io.learnloop.payment.RejectionReason;

/**
 * The outcome of one Alipay agreement notification.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param disposition  what was done
 * @param rejection    why it was rejected, when {@code disposition} is {@link AgreementDisposition#REJECTED}; else null
 * @param notifyId     the {@code notify_id}, or null if it was not read
 * @param subscription the subscription after the notification, or null
 * @param detail       what happened, in words
 */
public record AgreementNotificationResult(AgreementDisposition disposition, RejectionReason rejection, String notifyId,
                                          Subscription subscription, String detail) {
    /**
     * The answer to give Alipay: the literal {@code success} once taken, so Alipay stops resending; {@code fail} with
     * status 400 for a rejection, so it sends again later.
     *
     * @return the HTTP answer
     */
    public Acknowledgement acknowledgement() {
        return disposition == AgreementDisposition.REJECTED ? new Acknowledgement(400, "text/plain", "fail")
                : new Acknowledgement(200, "text/plain", "success");
    }
}
