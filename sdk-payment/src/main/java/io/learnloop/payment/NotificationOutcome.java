package io.learnloop.payment;

import java.util.Objects;

/**
 * The result of parsing a notification: a verified {@link PaymentEvent}, or a typed rejection.
 *
 * <p>Thread-safe: immutable records.
 */
public sealed interface NotificationOutcome permits NotificationOutcome.Verified, NotificationOutcome.Rejected {
    /**
     * Whether the notification was verified.
     *
     * @return true for {@link Verified}
     */
    boolean verified();

    /**
     * A notification whose signature, timestamp and merchant were verified.
     *
     * @param event the decoded event
     */
    record Verified(PaymentEvent event) implements NotificationOutcome {
        /**
         * Requires the event.
         *
         * @param event the decoded event
         */
        public Verified {
            Objects.requireNonNull(event, "event");
        }

        @Override
        public boolean verified() {
            return true;
        }
    }

    /**
     * A notification that was not accepted; nothing may be granted on it.
     *
     * @param provider the provider whose verifier rejected it
     * @param reason   why
     * @param detail   a description for logs (never containing secrets or signatures)
     */
    record Rejected(ProviderId provider, RejectionReason reason, String detail) implements NotificationOutcome {
        /**
         * Requires the reason.
         *
         * @param provider the provider
         * @param reason   why
         * @param detail   a description for logs
         */
        public Rejected {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(reason, "reason");
            detail = detail == null ? reason.name() : detail;
        }

        @Override
        public boolean verified() {
            return false;
        }
    }
}
