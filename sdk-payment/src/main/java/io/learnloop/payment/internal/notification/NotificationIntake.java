package io.learnloop.payment.internal.notification;

import io.learnloop.payment.NotificationLimits;
import io.learnloop.payment.NotificationOutcome;
import io.learnloop.payment.spi.PaymentProvider;
import io.learnloop.payment.RejectionReason;

import java.util.Map;
import java.util.Objects;

/**
 * The door of the notification pipeline: a delivery over the {@link NotificationLimits} is refused as
 * {@link RejectionReason#TOO_LARGE} by length alone, before the provider splits, decodes or verifies anything, so
 * the cost of a hostile delivery is bounded the same way for every provider. Otherwise the provider parses it.
 *
 * <p>Thread-safe: immutable.
 */
public final class NotificationIntake {
    private final NotificationLimits limits;

    /**
     * Creates the intake.
     *
     * @param limits the limits
     */
    public NotificationIntake(NotificationLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Checks the sizes, then lets the provider verify and decode the delivery.
     *
     * @param provider the provider the endpoint belongs to
     * @param body     the raw body, may be null
     * @param headers  the headers, may be null
     * @return the provider's outcome, or the TOO_LARGE rejection
     */
    public NotificationOutcome parse(PaymentProvider provider, byte[] body, Map<String, String> headers) {
        String oversized = oversized(body, headers);
        return oversized == null ? provider.parseNotification(body, headers)
                : new NotificationOutcome.Rejected(provider.id(), RejectionReason.TOO_LARGE, oversized);
    }

    private String oversized(byte[] body, Map<String, String> headers) {
        if (body != null && body.length > limits.maxBodyBytes()) {
            return "the body is " + body.length + " bytes; the limit is " + limits.maxBodyBytes()
                    + " (NotificationLimits.maxBodyBytes)";
        }
        if (headers == null) {
            return null;
        }
        int max = limits.maxHeaderChars();
        for (Map.Entry<String, String> h : headers.entrySet()) {
            String name = h.getKey();
            String value = h.getValue();
            if (name != null && name.length() > max) {
                return "a header name is " + name.length() + " characters; the limit is " + max
                        + " (NotificationLimits.maxHeaderChars)";
            }
            if (value != null && value.length() > max) {
                // the value itself may be a secret or a signature: only its length is told
                return "the header " + LogText.quote(name) + " is " + value.length() + " characters; the limit is "
                        + max + " (NotificationLimits.maxHeaderChars)";
            }
        }
        return null;
    }
}
