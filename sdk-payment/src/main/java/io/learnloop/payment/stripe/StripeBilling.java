package io.learnloop.payment.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnloop.core.Learnloop;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.commerce.OfferId;
import io.learnloop.core.commerce.OfferKind;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.NotFoundException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.error.Validator;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.money.Money;
import io.learnloop.core.store.UnitOfWork;
import io.learnloop.core.subscription.DunningPolicy;
import io.learnloop.core.subscription.OpenSubscription;
import io.learnloop.core.subscription.RenewalResult;
import io.learnloop.core.subscription.Subscription;
import io.learnloop.core.subscription.SubscriptionFailure;
import io.learnloop.core.subscription.SubscriptionPayment;
import io.learnloop.core.subscription.SubscriptionService;
import io.learnloop.payment.NotificationLimits;
import io.learnloop.payment.RejectionReason;
import io.learnloop.payment.internal.json.Json;
import io.learnloop.payment.internal.stripe.BillingEventRecord;
import io.learnloop.payment.internal.stripe.BillingInvoice;
import io.learnloop.payment.internal.stripe.BillingSubscription;
import io.learnloop.payment.internal.stripe.StripeAmounts;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Stripe Billing: auto-renewing memberships billed by Stripe subscriptions and mapped onto the core's
 * {@link SubscriptionService}.
 *
 * <p>{@link #subscribe} creates a customer ({@code POST /v1/customers}) and a subscription
 * ({@code POST /v1/subscriptions} with {@code items[0][price]}, {@code payment_behavior=default_incomplete} and
 * {@code expand[]=latest_invoice.payment_intent}), records it in the core and returns the client secret the client
 * confirms the first payment with. {@link #handleNotification} takes the webhook deliveries:
 * <ul>
 *   <li>{@code invoice.paid}: the period is settled through the core settlement (an order of the plan, one per
 *       invoice), after the amount is checked against the plan's price;</li>
 *   <li>{@code invoice.payment_failed}: the subscription falls past due, keeping access through its grace period,
 *       with Stripe's {@code next_payment_attempt} as the next charge;</li>
 *   <li>{@code customer.subscription.updated}: {@code cancel_at_period_end} is followed, and a status of
 *       {@code canceled} or {@code incomplete_expired} ends it;</li>
 *   <li>{@code customer.subscription.deleted}: the subscription ends now.</li>
 * </ul>
 * Every delivery is verified like a payment webhook (the raw body's {@code Stripe-Signature} under any configured
 * secret, the replay window, the account), deduplicated by event id (the record commits with the change), and a
 * paid invoice is deduplicated by its id too, so the same invoice never pays twice.
 *
 * <p>The event shapes are those of API versions before {@code 2025-03-31} (pin one with
 * {@link StripeConfig.Builder#apiVersion}); an invoice's subscription is also read from
 * {@code parent.subscription_details.subscription}, where later versions put it.
 *
 * <p>Thread-safe: immutable. The builder is not thread-safe.
 */
public final class StripeBilling {
    /** The metadata key that names the learner on Stripe customers and subscriptions. */
    public static final String LEARNER_KEY = "learnloop_learner";
    /** The metadata key that names the plan's offer on Stripe subscriptions. */
    public static final String PLAN_KEY = "learnloop_plan";

    private final ServiceContext ctx;
    private final Learnloop learnloop;
    private final StripeProvider stripe;
    private final String provider;
    private final Map<OfferId, String> prices;
    private final DunningPolicy dunning;
    private final NotificationLimits limits;

    private StripeBilling(Builder b) {
        this.learnloop = b.learnloop;
        this.ctx = b.learnloop.context();
        this.stripe = new StripeProvider(b.config);
        this.provider = b.config.settings().id().value();
        this.prices = Map.copyOf(b.prices);
        this.dunning = b.dunning;
        this.limits = b.limits;
    }

    /**
     * Starts building the channel.
     *
     * @param learnloop the facade whose subscriptions it keeps
     * @param config    the Stripe configuration (API key, webhook secrets, pinned API version)
     * @return a builder
     */
    public static Builder builder(Learnloop learnloop, StripeConfig config) {
        return new Builder(learnloop, config);
    }

    /**
     * Subscribes a learner to a plan: creates the Stripe customer and subscription and records the subscription in
     * the core. Safe to repeat with the same key: Stripe replays both creations, and the core subscription is opened
     * once.
     *
     * @param learner        the learner
     * @param plan           the membership plan's offer, configured with a Stripe price
     * @param email          the customer's email for Stripe's receipts, or null
     * @param idempotencyKey the request's key, 1 to 200 characters
     * @return the subscription and the client secret
     * @throws ValidationException                       if the plan has no Stripe price or is not a membership plan
     * @throws io.learnloop.core.error.RemoteException   if Stripe refused or could not be reached
     */
    public StripeSubscriptionStart subscribe(UserId learner, OfferId plan, String email, String idempotencyKey) {
        new Validator().notNull("learner", learner).notNull("plan", plan)
                .notBlank("idempotencyKey", idempotencyKey, 200).maxLength("email", email, 512).throwIfInvalid();
        String price = prices.get(plan);
        if (price == null) {
            throw ValidationException.of("plan", "offer '" + plan + "' has no Stripe price: configure it with "
                    + "StripeBilling.Builder.plan");
        }
        Offer offer = learnloop.commerce().offer(plan);
        if (offer.kind() != OfferKind.MEMBERSHIP) {
            throw ValidationException.of("plan", "offer '" + plan + "' is not a membership plan");
        }
        Map<String, Object> customer = new LinkedHashMap<>();
        if (email != null) {
            customer.put("email", email);
        }
        customer.put("metadata", Map.of(LEARNER_KEY, learner.value()));
        JsonNode cus = stripe.post("create customer", "/v1/customers", customer, idempotencyKey + ":customer");
        String customerId = Json.text(cus, "id");
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put(LEARNER_KEY, learner.value());
        metadata.put(PLAN_KEY, plan.value());
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("customer", customerId);
        p.put("items", List.of(Map.of("price", price)));
        p.put("payment_behavior", "default_incomplete");
        p.put("payment_settings", Map.of("save_default_payment_method", "on_subscription"));
        if (offer.membership().trialDays() > 0) {
            p.put("trial_period_days", offer.membership().trialDays());
        }
        p.put("metadata", metadata);
        p.put("expand", List.of("latest_invoice.payment_intent", "pending_setup_intent"));
        JsonNode sub = stripe.post("create subscription", "/v1/subscriptions", p, idempotencyKey + ":subscription");
        String subscriptionId = Json.text(sub, "id");
        if (subscriptionId == null) {
            throw ValidationException.of("subscription", "Stripe answered without a subscription id");
        }
        String secret = Json.text(sub, "latest_invoice", "payment_intent", "client_secret");
        if (secret == null) {
            secret = Json.text(sub, "pending_setup_intent", "client_secret");
        }
        Subscription opened = ctx.transactRetrying(uow -> learnloop.subscriptions().open(uow,
                new OpenSubscription(learner, plan, provider, subscriptionId, dunning)));
        return new StripeSubscriptionStart(opened, subscriptionId, customerId, secret);
    }

    /**
     * Handles one webhook delivery. Send every delivery of the endpoint here (and to {@code Payments} for one-off
     * payments): events this channel does not act on come back {@link BillingDisposition#IGNORED}. Answer Stripe with
     * {@link StripeBillingResult#acknowledgement()}.
     *
     * @param body    the raw request body, exactly as received
     * @param headers the request headers (any case)
     * @return what was done
     */
    public StripeBillingResult handleNotification(byte[] body, Map<String, String> headers) {
        if (body != null && body.length > limits.maxBodyBytes()) {
            return rejected(RejectionReason.TOO_LARGE, null, null, "the body has " + body.length + " bytes, more than "
                    + limits.maxBodyBytes());
        }
        StripeProvider.VerifiedEvent verified = stripe.verify(body, headers == null ? Map.of() : headers);
        if (verified.rejected() != null) {
            return rejected(verified.rejected().reason(), null, null, verified.rejected().detail());
        }
        JsonNode event = verified.event();
        String eventId = Json.text(event, "id");
        String type = Json.text(event, "type");
        JsonNode o = event.path("data").path("object");
        return switch (type) {
            case "invoice.paid" -> invoicePaid(eventId, type, o);
            case "invoice.payment_failed" -> invoiceFailed(eventId, type, o);
            case "customer.subscription.updated" -> subscriptionUpdated(eventId, type, o);
            case "customer.subscription.deleted" -> apply(eventId, type, Json.text(o, "id"), uow ->
                    result(BillingDisposition.CANCELED, eventId, type, learnloop.subscriptions().cancelNow(uow,
                            provider, Json.text(o, "id"), type), "the subscription ended at Stripe"));
            default -> new StripeBillingResult(BillingDisposition.IGNORED, null, eventId, type, null,
                    "not a billing event");
        };
    }

    private StripeBillingResult invoicePaid(String eventId, String type, JsonNode o) {
        BillingInvoice invoice = BillingInvoice.of(o);
        String subscription = invoice.subscription();
        String invoiceId = invoice.id();
        Long paid = invoice.amountPaid();
        String currency = invoice.currency();
        if (subscription == null) {
            return new StripeBillingResult(BillingDisposition.IGNORED, null, eventId, type, null,
                    "invoice " + invoiceId + " belongs to no subscription");
        }
        if (invoiceId == null || paid == null || currency == null) {
            return rejected(RejectionReason.MALFORMED, eventId, type, "the invoice lacks its id, amount_paid or currency");
        }
        if (paid == 0) {
            return new StripeBillingResult(BillingDisposition.IGNORED, null, eventId, type, null,
                    "invoice " + invoiceId + " was for nothing (a trial's first invoice): no period is paid");
        }
        Money amount;
        try {
            amount = StripeAmounts.fromStripe(paid, currency);
        } catch (RuntimeException e) {
            return rejected(RejectionReason.MALFORMED, eventId, type, "currency '" + currency + "': " + e.getMessage());
        }
        return apply(eventId, type, subscription, uow -> {
            RenewalResult r = learnloop.subscriptions().recordPayment(uow, new SubscriptionPayment(provider,
                    subscription, invoiceId, amount));
            if (r.duplicate()) {
                return result(BillingDisposition.DUPLICATE, eventId, type, r.subscription(), "invoice " + invoiceId
                        + " was settled before");
            }
            return result(BillingDisposition.RENEWED, eventId, type, r.subscription(), "invoice " + invoiceId
                    + " settled as order " + r.settlement().order().id() + " (" + r.settlement().status() + ")");
        });
    }

    private StripeBillingResult invoiceFailed(String eventId, String type, JsonNode o) {
        BillingInvoice invoice = BillingInvoice.of(o);
        String subscription = invoice.subscription();
        String invoiceId = invoice.id();
        if (subscription == null) {
            return new StripeBillingResult(BillingDisposition.IGNORED, null, eventId, type, null,
                    "invoice " + invoiceId + " belongs to no subscription");
        }
        if (invoiceId == null) {
            return rejected(RejectionReason.MALFORMED, eventId, type, "the invoice has no id");
        }
        Long attempt = invoice.attemptCount();
        Long next = invoice.nextPaymentAttempt();
        return apply(eventId, type, subscription, uow -> result(BillingDisposition.PAYMENT_FAILED, eventId, type,
                learnloop.subscriptions().recordFailure(uow, new SubscriptionFailure(provider, subscription,
                        invoiceId + "#" + (attempt == null ? eventId : attempt.toString()),
                        next == null ? null : Instant.ofEpochSecond(next), invoice.failureCode())),
                "invoice " + invoiceId + " failed (attempt " + attempt + ")"));
    }

    private StripeBillingResult subscriptionUpdated(String eventId, String type, JsonNode o) {
        BillingSubscription sub = BillingSubscription.of(o);
        String id = sub.id();
        String status = sub.status();
        if (id == null) {
            return rejected(RejectionReason.MALFORMED, eventId, type, "the subscription has no id");
        }
        if ("canceled".equals(status) || "incomplete_expired".equals(status)) {
            return apply(eventId, type, id, uow -> result(BillingDisposition.CANCELED, eventId, type,
                    learnloop.subscriptions().cancelNow(uow, provider, id, type + ": " + status),
                    "the subscription is " + status + " at Stripe"));
        }
        boolean cancel = sub.cancelAtPeriodEnd();
        return apply(eventId, type, id, uow -> result(BillingDisposition.CHANGED, eventId, type,
                learnloop.subscriptions().cancelAtPeriodEnd(uow, provider, id, cancel),
                "cancel_at_period_end=" + cancel + ", status " + status));
    }

    /**
     * Applies an event in one transaction with its dedupe record. Bad input comes back as a typed rejection with
     * nothing written: an unknown subscription, or a paid amount that is not the plan's price.
     */
    private StripeBillingResult apply(String eventId, String type, String subscription,
                                      Function<UnitOfWork, StripeBillingResult> work) {
        String recordId = BillingEventRecord.idOf(eventId);
        try {
            return ctx.transactRetrying(uow -> {
                BillingEventRecord seen = uow.find(BillingEventRecord.TYPE, recordId).map(v -> v.value())
                        .orElse(null);
                if (seen != null) {
                    return new StripeBillingResult(BillingDisposition.DUPLICATE, null, eventId, type, null,
                            "event applied before: " + seen.disposition() + " (" + seen.detail() + ")");
                }
                StripeBillingResult r = work.apply(uow);
                uow.insert(BillingEventRecord.TYPE, new BillingEventRecord(recordId, type, subscription,
                        r.disposition().name(), r.detail(), ctx.now()));
                return r;
            });
        } catch (NotFoundException e) {
            return rejected(RejectionReason.UNKNOWN_SUBSCRIPTION, eventId, type, "no subscription is Stripe's '"
                    + subscription + "': " + e.getMessage());
        } catch (ValidationException e) {
            return rejected(RejectionReason.AMOUNT_MISMATCH, eventId, type, e.getMessage());
        } catch (ConflictException e) {
            if (e.code() != ErrorCode.INVALID_STATE) {
                throw e;
            }
            StripeBillingResult review = new StripeBillingResult(BillingDisposition.KEPT_FOR_REVIEW, null, eventId,
                    type, null, e.getMessage());
            try {
                ctx.transact(uow -> {
                    uow.insert(BillingEventRecord.TYPE, new BillingEventRecord(recordId, type, subscription,
                            review.disposition().name(), review.detail(), ctx.now()));
                    return null;
                });
            } catch (ConflictException raced) {
                // another delivery of the event recorded it first
            }
            return review;
        }
    }

    private static StripeBillingResult result(BillingDisposition d, String eventId, String type, Subscription s,
                                              String detail) {
        return new StripeBillingResult(d, null, eventId, type, s, detail);
    }

    private static StripeBillingResult rejected(RejectionReason reason, String eventId, String type, String detail) {
        return new StripeBillingResult(BillingDisposition.REJECTED, reason, eventId, type, null, detail);
    }

    @Override
    public String toString() {
        return "StripeBilling[" + stripe + ", plans=" + prices.keySet() + "]";
    }

    /**
     * Builds a {@link StripeBilling}. Not thread-safe.
     */
    public static final class Builder {
        private final Learnloop learnloop;
        private final StripeConfig config;
        private final Map<OfferId, String> prices = new LinkedHashMap<>();
        private DunningPolicy dunning = DunningPolicy.defaults();
        private NotificationLimits limits = NotificationLimits.defaults();

        private Builder(Learnloop learnloop, StripeConfig config) {
            this.learnloop = Objects.requireNonNull(learnloop, "learnloop");
            this.config = Objects.requireNonNull(config, "config");
        }

        /**
         * Sells a membership plan through a Stripe recurring price. The price's interval should be the plan's period:
         * every paid invoice is settled as one period of the plan, at the plan's price.
         *
         * @param plan    the plan's offer
         * @param priceId the Stripe price ({@code price_…})
         * @return this builder
         */
        public Builder plan(OfferId plan, String priceId) {
            new Validator().notNull("plan", plan).notBlank("priceId", priceId, 255).throwIfInvalid();
            prices.put(plan, priceId);
            return this;
        }

        /**
         * Sets the grace period (default {@link DunningPolicy#defaults()}); Stripe's own retry schedule sets the next
         * charge.
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder dunning(DunningPolicy policy) {
            this.dunning = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Sets the size limits of webhook deliveries (default {@link NotificationLimits#defaults()}).
         *
         * @param value the limits
         * @return this builder
         */
        public Builder limits(NotificationLimits value) {
            this.limits = Objects.requireNonNull(value, "limits");
            return this;
        }

        /**
         * Builds the channel.
         *
         * @return the channel
         */
        public StripeBilling build() {
            return new StripeBilling(this);
        }
    }
}
