package io.learnloop.payment.internal.notification;

import io.learnloop.core.error.ValidationException;
import io.learnloop.payment.NotificationOutcome;
import io.learnloop.payment.PaymentEvent;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.RejectionReason;

import java.time.DateTimeException;
import java.util.function.Supplier;

/**
 * The last step of every provider's notification parsing: turning the verified fields into a {@link PaymentEvent}.
 * The signature proves who sent the fields, not that they fit: an event id longer than {@link PaymentEvent} takes,
 * an unknown currency, an amount that overflows or a time no {@link java.time.Instant} can hold is a MALFORMED
 * rejection, because {@link io.learnloop.payment.spi.PaymentProvider#parseNotification} never throws for bad input.
 * Stateless.
 */
public final class VerifiedEvents {
    private VerifiedEvents() {
    }

    /**
     * Decodes an event.
     *
     * @param provider the provider whose notification it is
     * @param decode   builds the event from fields already verified
     * @return the verified event, or a MALFORMED rejection saying which value did not fit
     */
    public static NotificationOutcome decode(ProviderId provider, Supplier<PaymentEvent> decode) {
        try {
            return new NotificationOutcome.Verified(decode.get());
        } catch (ValidationException e) {
            return malformed(provider, "the event cannot be read: " + e.getMessage());
        } catch (DateTimeException e) {
            return malformed(provider, "a time in the event is out of range");
        } catch (ArithmeticException e) {
            return malformed(provider, "an amount in the event is out of range");
        } catch (IllegalArgumentException e) {
            // Currency.getInstance and friends: the value's text is the sender's, so it is not repeated here
            return malformed(provider, "the event's amount or currency is invalid");
        }
    }

    private static NotificationOutcome.Rejected malformed(ProviderId provider, String detail) {
        return new NotificationOutcome.Rejected(provider, RejectionReason.MALFORMED, detail);
    }
}
