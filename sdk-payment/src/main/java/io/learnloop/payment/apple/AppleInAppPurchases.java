package io.learnloop.payment.apple;

import io.learnloop.core.Learnloop;
import io.learnloop.core.Page;
import io.learnloop.core.identity.Actor;
import io.learnloop.payment.internal.apple.AppleApiCredentials;
import io.learnloop.payment.internal.apple.AppleChannel;

import java.util.Objects;

/**
 * Apple in-app purchases as a sales channel: App Store Server Notifications V2 verified and settled through the
 * core settlement, and App Store Server API look-ups for reconciliation.
 *
 * <pre>{@code
 * AppleInAppPurchases apple = AppleInAppPurchases.builder(learnloop, appleConfig).build();
 * // in the endpoint registered in App Store Connect, with the raw body:
 * AppleNotificationResult r = apple.handleNotification(body);
 * respond(r.httpStatus());
 * }</pre>
 *
 * <p>Every notification is verified first: its JWS (ES256) through its {@code x5c} chain of exactly three
 * certificates to a configured root, with Apple's extensions on the leaf and the intermediate, the certificates valid
 * at the signed date (or now, with online checks); then the bundle id, in production the app's Apple id, and the
 * environment; then the replay window on {@code signedDate}. The signed transaction and renewal info inside are
 * verified the same way. Anything that fails is a {@link AppleRejection}, and nothing is recorded.
 *
 * <p>A verified notification is processed once per {@code notificationUUID}:
 * <ul>
 *   <li>{@code ONE_TIME_CHARGE} (and a paid transaction of a product that does not renew) places an order for the
 *       product's offer (client key {@code apple:<transactionId>}) for the learner and settles it with
 *       {@code Learnloop.settlement()} under the channel {@value AppleConfig#CHANNEL} and the transaction id, with
 *       Apple's commission booked as the channel's fee;</li>
 *   <li>an auto-renewable product is a core subscription ({@code Learnloop.subscriptions()}, provider
 *       {@value AppleConfig#CHANNEL}, external id the {@code originalTransactionId}) kept as Stripe Billing keeps
 *       Stripe's: {@code SUBSCRIBED}, {@code DID_RENEW} and {@code OFFER_REDEEMED} record one payment each (one
 *       settlement, Apple's commission as the channel's fee, the period stacked right after the last);
 *       {@code DID_FAIL_TO_RENEW} records a failure (past due through {@link AppleConfig#dunning()}'s grace, or
 *       expired at the period's end without one); {@code EXPIRED} and {@code GRACE_PERIOD_EXPIRED} end it at that
 *       instant; {@code DID_CHANGE_RENEWAL_STATUS} with auto-renewal off cancels it at the period's end; a paid
 *       transaction of a product for another plan under the same {@code originalTransactionId} (an upgrade or
 *       crossgrade, sent at once as {@code DID_CHANGE_RENEWAL_PREF}/{@code UPGRADE}, or a downgrade, taking effect at
 *       the next {@code DID_RENEW}) ends the old plan's subscription and opens the new plan's;</li>
 *   <li>{@code REFUND} and {@code REVOKE} settle a full refund of the transaction's order (refund key
 *       {@code apple:<transactionId>}): the revenue and Apple's commission are clawed back, access revoked;</li>
 *   <li>everything else is acknowledged and ignored.</li>
 * </ul>
 * Settling, the transaction's record and the notification's dedupe record commit in one transaction.
 *
 * <p>Thread-safe. The builder is not.
 */
public interface AppleInAppPurchases {
    /**
     * Verifies and processes one App Store Server Notification V2. Never throws for bad input.
     *
     * @param body the raw request body, {@code {"signedPayload": "<JWS>"}}
     * @return what was done and what to answer
     */
    AppleNotificationResult handleNotification(byte[] body);

    /**
     * Looks a transaction up with the App Store Server API ({@code GET /inApps/v1/transactions/{transactionId}}) and
     * verifies the signed transaction it returns, exactly as a notification's.
     *
     * @param transactionId the transaction id
     * @return the verified transaction
     * @throws io.learnloop.core.error.ValidationException if no API key is configured or the id is blank
     * @throws io.learnloop.core.error.RemoteException     if Apple refused or failed (HTTP status and Apple's
     *                                                     {@code errorCode} included; {@code 4040010} when it does not
     *                                                     know the transaction), or its answer failed verification
     */
    AppleTransaction lookUpTransaction(String transactionId);

    /**
     * Reconciles one transaction whose notification may have been lost: looks it up and settles it as its purchase
     * notification would (or, when Apple reports it revoked, settles its refund). Safe to repeat.
     *
     * @param transactionId the transaction id
     * @return what was done ({@code notificationUuid} null)
     * @throws io.learnloop.core.error.ValidationException if no API key is configured or the id is blank
     * @throws io.learnloop.core.error.RemoteException     as {@link #lookUpTransaction}
     */
    AppleNotificationResult reconcileTransaction(String transactionId);

    /**
     * One page of the verified notifications kept for review, oldest first.
     *
     * @param actor  someone with {@link io.learnloop.core.identity.Role#FINANCE}
     * @param cursor the previous page's {@link Page#nextCursor()}, or null for the first page
     * @param limit  the page size, 1 to {@value Page#MAX_LIMIT}
     * @return the page
     * @throws io.learnloop.core.error.ForbiddenException if the actor lacks the role
     */
    Page<AppleNotificationResult> reviewQueue(Actor actor, String cursor, int limit);

    /**
     * Starts a builder.
     *
     * @param learnloop the facade whose store, clock, commerce and settlement are used
     * @param config    the channel's configuration
     * @return a builder
     */
    static Builder builder(Learnloop learnloop, AppleConfig config) {
        return new Builder(learnloop, config);
    }

    /**
     * Builds {@link AppleInAppPurchases}.
     *
     * <p>Not thread-safe.
     */
    final class Builder {
        private final Learnloop learnloop;
        private final AppleConfig config;

        private Builder(Learnloop learnloop, AppleConfig config) {
            this.learnloop = Objects.requireNonNull(learnloop, "learnloop");
            this.config = Objects.requireNonNull(config, "config");
        }

        /**
         * Builds the channel.
         *
         * @return the channel
         */
        public AppleInAppPurchases build() {
            AppleApiCredentials credentials = config.hasApiKey()
                    ? new AppleApiCredentials(config.issuerId(), config.keyId(), config.apiKey()) : null;
            return new AppleChannel(learnloop, config, credentials);
        }
    }
}
