package io.learnloop.payment.internal.apple;

import io.learnloop.core.Learnloop;
import io.learnloop.core.Page;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.commerce.CommerceService;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.settlement.Settlement;
import io.learnloop.core.store.IndexRange;
import io.learnloop.core.store.Pages;
import io.learnloop.core.store.Versioned;
import io.learnloop.payment.apple.AppleConfig;
import io.learnloop.payment.apple.AppleDisposition;
import io.learnloop.payment.apple.AppleInAppPurchases;
import io.learnloop.payment.apple.AppleNotificationResult;
import io.learnloop.payment.apple.AppleRejection;
import io.learnloop.payment.apple.AppleTransaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Optional;

/**
 * The Apple in-app purchase channel: verifies notifications and look-ups, dedupes on {@code notificationUUID}, and
 * maps each onto the core: purchases and renewals through {@link Purchases}, refunds and revocations through
 * {@link AppleRefunds}, auto-renewable subscriptions onto the core's subscriptions through
 * {@link AppleSubscriptions}.
 *
 * <p>Thread-safe: immutable.
 */
public final class AppleChannel implements AppleInAppPurchases {
    private static final Logger LOG = LoggerFactory.getLogger(AppleChannel.class);

    private final ServiceContext ctx;
    private final AppleConfig config;
    private final AppleSignedData signedData;
    private final AppleServerApi api;
    private final ApplePurchases purchases;
    private final AppleRefunds refunds;
    private final AppleSubscriptions subscriptions;

    /**
     * Creates the channel.
     *
     * @param learnloop   the facade
     * @param config      the configuration
     * @param credentials the App Store Server API key, or null when none is configured
     */
    public AppleChannel(Learnloop learnloop, AppleConfig config, AppleApiCredentials credentials) {
        this.ctx = learnloop.context();
        this.config = config;
        this.signedData = new AppleSignedData(
                new AppleJwsVerifier(config.trustedRoots(), config.onlineChecks(), ctx.clock()), config);
        this.api = credentials == null ? null : new AppleServerApi(config, credentials, ctx.clock());
        Settlement settlement = learnloop.settlement();
        CommerceService commerce = learnloop.commerce();
        AppleLearners learners = new AppleLearners(ctx, config);
        this.purchases = new ApplePurchases(ctx, config, settlement, commerce, learners);
        this.refunds = new AppleRefunds(ctx, settlement);
        this.subscriptions = new AppleSubscriptions(ctx, config, learnloop.subscriptions(), commerce, learners);
    }

    @Override
    public AppleNotificationResult handleNotification(byte[] body) {
        AppleNotification n;
        try {
            n = signedData.notification(body);
            checkSignedDate(n.signedDate());
        } catch (AppleVerificationException e) {
            LOG.warn("apple notification rejected: {}", e.reason());
            return new AppleNotificationResult(AppleDisposition.REJECTED, e.reason(), null, null, null, null, null,
                    e.getMessage());
        }
        Optional<AppleNotificationRecord> seen = ctx.read(uow -> uow.find(AppleTypes.NOTIFICATION,
                n.notificationUuid())).map(Versioned::value);
        if (seen.isPresent()) {
            return duplicate(seen.get());
        }
        NotificationContext c = new NotificationContext(n.notificationUuid(), n.notificationType(), n.subtype());
        try {
            return switch (n.notificationType()) {
                case "ONE_TIME_CHARGE", "SUBSCRIBED", "DID_RENEW", "OFFER_REDEEMED" -> n.transaction() == null
                        ? noted(c, AppleDisposition.IGNORED, null, "the notification carries no transaction")
                        : paid(c, n.transaction());
                // an upgrade or same-duration crossgrade takes effect at once, with the new plan's transaction
                case "DID_CHANGE_RENEWAL_PREF" -> "UPGRADE".equals(n.subtype()) && n.transaction() != null
                        ? paid(c, n.transaction())
                        : noted(c, AppleDisposition.IGNORED, n.transaction(), "a plan change at the next renewal: "
                                + "that renewal opens the new plan's subscription");
                case "REFUND", "REVOKE" -> n.transaction() == null
                        ? noted(c, AppleDisposition.KEPT_FOR_REVIEW, null, "a refund without its transaction")
                        : refunds.refund(c, n.transaction());
                case "DID_FAIL_TO_RENEW" -> subscriptions.failed(c, n.transaction(), n.renewal());
                case "EXPIRED", "GRACE_PERIOD_EXPIRED" -> subscriptions.expired(c, n.transaction(), n.renewal());
                case "DID_CHANGE_RENEWAL_STATUS" -> subscriptions.renewalStatus(c, n.transaction(), n.renewal());
                case "REFUND_REVERSED" -> noted(c, AppleDisposition.KEPT_FOR_REVIEW, n.transaction(),
                        "Apple reversed a refund: the order stays refunded; grant access again by hand if wanted");
                default -> noted(c, AppleDisposition.IGNORED, n.transaction(), "nothing to do for "
                        + n.notificationType());
            };
        } catch (NotificationContext.DuplicateDelivery e) {
            return ctx.read(uow -> uow.find(AppleTypes.NOTIFICATION, n.notificationUuid())).map(Versioned::value)
                    .map(AppleChannel::duplicate).orElseThrow(() -> e);
        }
    }

    @Override
    public AppleTransaction lookUpTransaction(String transactionId) {
        if (api == null) {
            throw ValidationException.of("apiKey", "configure the App Store Server API key (AppleConfig.Builder"
                    + ".apiKey) to look transactions up");
        }
        if (transactionId == null || transactionId.isBlank() || transactionId.length() > 64) {
            throw ValidationException.of("transactionId", "must be 1 to 64 characters");
        }
        String signed = api.signedTransaction(transactionId);
        try {
            AppleTransaction t = signedData.transaction(signed);
            if (!t.transactionId().equals(transactionId)) {
                throw new AppleVerificationException(AppleRejection.MALFORMED,
                        "Apple answered with transaction " + t.transactionId());
            }
            return t;
        } catch (AppleVerificationException e) {
            throw new io.learnloop.core.error.RemoteException(io.learnloop.core.error.ErrorCode.REMOTE_FAILURE,
                    "apple transaction look-up answered with data that failed verification (" + e.reason() + "): "
                            + e.getMessage(), false, false, 200, e.reason().name(), null, null);
        }
    }

    @Override
    public AppleNotificationResult reconcileTransaction(String transactionId) {
        AppleTransaction t = lookUpTransaction(transactionId);
        NotificationContext c = new NotificationContext(null, null, null);
        return t.revocationDate() != null ? refunds.refund(c, t) : paid(c, t);
    }

    @Override
    public Page<AppleNotificationResult> reviewQueue(Actor actor, String cursor, int limit) {
        if (actor == null) {
            throw ValidationException.of("actor", "is required");
        }
        actor.require(Role.FINANCE, "read the Apple review queue");
        return ctx.read(uow -> Pages.page(uow, AppleTypes.NOTIFICATION, AppleTypes.BY_DISPOSITION,
                AppleDisposition.KEPT_FOR_REVIEW.name(), IndexRange.first(limit), cursor, AppleChannel::result));
    }

    /** A paid transaction: a renewal of its core subscription when auto-renewable, else a one-off order. */
    private AppleNotificationResult paid(NotificationContext c, AppleTransaction t) {
        return t.autoRenewable() ? subscriptions.pay(c, t) : purchases.settle(c, t);
    }

    private void checkSignedDate(Instant signedDate) {
        Instant now = ctx.now();
        if (signedDate.isBefore(now.minus(config.replayWindow()))) {
            throw new AppleVerificationException(AppleRejection.STALE, "the notification was signed at " + signedDate
                    + ", before the replay window of " + config.replayWindow() + " (now " + now + ")");
        }
        if (signedDate.isAfter(now.plus(config.clockSkew()))) {
            throw new AppleVerificationException(AppleRejection.FUTURE, "the notification was signed at " + signedDate
                    + ", more than " + config.clockSkew() + " ahead of now (" + now + ")");
        }
    }

    /** Records a notification that changes nothing in the core. */
    private AppleNotificationResult noted(NotificationContext c, AppleDisposition d, AppleTransaction t, String detail) {
        AppleNotificationResult r = c.result(d, t == null ? null : t.transactionId(), null, detail);
        try {
            ctx.transact(uow -> {
                c.record(uow, r, ctx.now());
                return null;
            });
        } catch (NotificationContext.DuplicateDelivery | ConflictException e) {
            return ctx.read(uow -> uow.find(AppleTypes.NOTIFICATION, c.uuid())).map(Versioned::value)
                    .map(AppleChannel::duplicate).orElse(r);
        }
        return r;
    }

    private static AppleNotificationResult duplicate(AppleNotificationRecord n) {
        return new AppleNotificationResult(AppleDisposition.DUPLICATE, null, n.id(), n.notificationType(),
                n.subtype(), n.transactionId(), n.order() == null ? null : new OrderId(n.order()),
                "processed before: " + n.disposition() + " (" + n.detail() + ")");
    }

    private static AppleNotificationResult result(AppleNotificationRecord n) {
        return new AppleNotificationResult(AppleDisposition.valueOf(n.disposition()), null, n.id(),
                n.notificationType(), n.subtype(), n.transactionId(), n.order() == null ? null : new OrderId(n.order()),
                n.detail());
    }
}
