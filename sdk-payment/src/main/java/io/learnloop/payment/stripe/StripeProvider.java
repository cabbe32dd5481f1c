package io.learnloop.payment.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnloop.http.internal.HttpPipeline;
import io.learnloop.http.internal.HttpRequest;
import io.learnloop.http.internal.HttpResponse;
import io.learnloop.core.error.ValidationException;
import io.learnloop.payment.Acknowledgement;
import io.learnloop.payment.spi.Capability;
import io.learnloop.payment.spi.CreatePaymentRequest;
import io.learnloop.payment.NotificationOutcome;
import io.learnloop.core.money.Money;
import io.learnloop.payment.PaymentEvent;
import io.learnloop.payment.PaymentEventType;
import io.learnloop.payment.PaymentFlow;
import io.learnloop.payment.spi.PaymentProvider;
import io.learnloop.payment.spi.PaymentReference;
import io.learnloop.payment.PaymentSession;
import io.learnloop.payment.spi.PaymentState;
import io.learnloop.payment.spi.PaymentStatus;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.spi.RefundQuery;
import io.learnloop.payment.spi.RefundRequest;
import io.learnloop.payment.spi.RefundResult;
import io.learnloop.payment.RefundState;
import io.learnloop.payment.RejectionReason;
import io.learnloop.payment.Secret;
import io.learnloop.payment.internal.config.TimestampSkew;
import io.learnloop.payment.internal.crypto.Crypto;
import io.learnloop.payment.internal.http.HeaderMap;
import io.learnloop.payment.internal.http.RemoteErrors;
import io.learnloop.payment.internal.json.Json;
import io.learnloop.payment.internal.notification.VerifiedEvents;
import io.learnloop.payment.internal.sandbox.SignatureHeader;
import io.learnloop.payment.internal.stripe.FormEncoder;
import io.learnloop.payment.internal.stripe.StripeAmounts;
import io.learnloop.payment.internal.stripe.StripeRetryAdvice;
import io.learnloop.payment.internal.stripe.StripeSigner;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Stripe: PaymentIntents ({@link PaymentFlow#CLIENT_SECRET}) and Checkout Sessions ({@link PaymentFlow#REDIRECT}),
 * query, cancel/expire, partial refunds and webhook verification.
 *
 * <p>Every POST carries an {@code Idempotency-Key}, so every call is safe to retry; calls go through the SDK's
 * shared HTTP layer (its retry policy: network errors, 429, 500/502/503/504), with Stripe's own word on top as
 * stripe-java follows it (409 is retried, {@code Stripe-Should-Retry} decides when present). The host's reference travels in
 * {@code metadata[learnloop_reference]} and, for Checkout, {@code client_reference_id}.
 *
 * <p>Thread-safe: immutable.
 */
public final class StripeProvider implements PaymentProvider {
    /** The metadata key that carries the host's payment reference. */
    public static final String REFERENCE_KEY = "learnloop_reference";
    /** The metadata key that carries the host's refund reference. */
    public static final String REFUND_REFERENCE_KEY = "learnloop_refund_reference";

    private static final String FORM = "application/x-www-form-urlencoded";

    private final StripeConfig config;
    private final HttpPipeline http;

    /**
     * Creates the provider.
     *
     * @param config the configuration
     */
    public StripeProvider(StripeConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.http = HttpPipeline.builder(config.settings().http(), "stripe").clock(config.settings().clock())
                .signer(new StripeSigner(config.apiKey(), config.apiVersion(), config.stripeAccount()))
                .advisor(StripeRetryAdvice.INSTANCE).build();
    }

    @Override
    public ProviderId id() {
        return config.settings().id();
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.REDIRECT, Capability.CLIENT_SECRET, Capability.QUERY, Capability.CLOSE,
                Capability.PARTIAL_REFUND, Capability.NOTIFICATIONS, Capability.IDEMPOTENCY_KEYS);
    }

    @Override
    public PaymentSession create(CreatePaymentRequest request) {
        long amount = StripeAmounts.toStripe(request.amount());
        String currency = request.amount().currency().getCurrencyCode().toLowerCase(Locale.ROOT);
        Map<String, Object> metadata = new LinkedHashMap<>(request.metadata());
        metadata.put(REFERENCE_KEY, request.merchantReference());
        Map<String, Object> p = new LinkedHashMap<>();
        if (request.flow() == PaymentFlow.CLIENT_SECRET) {
            p.put("amount", amount);
            p.put("currency", currency);
            p.put("description", request.description());
            p.put("metadata", metadata);
            p.put("automatic_payment_methods", Map.of("enabled", true));
            JsonNode pi = post("create payment", "/v1/payment_intents", p, request.idempotencyKey());
            return new PaymentSession(id(), request.merchantReference(), Json.text(pi, "id"), request.flow(), null,
                    null, Json.text(pi, "client_secret"), null);
        }
        if (request.flow() != PaymentFlow.REDIRECT) {
            throw ValidationException.of("flow", "Stripe supports REDIRECT (Checkout) and CLIENT_SECRET (PaymentIntent), not " + request.flow());
        }
        String success = request.returnUrl() != null ? request.returnUrl() : config.defaultReturnUrl();
        if (success == null) {
            throw ValidationException.of("returnUrl", "is required for Stripe Checkout (or configure a default return URL)");
        }
        p.put("mode", "payment");
        p.put("client_reference_id", request.merchantReference());
        p.put("success_url", success);
        p.put("cancel_url", request.cancelUrl() != null ? request.cancelUrl() : success);
        Map<String, Object> priceData = new LinkedHashMap<>();
        priceData.put("currency", currency);
        priceData.put("unit_amount", amount);
        priceData.put("product_data", Map.of("name", request.description()));
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("price_data", priceData);
        line.put("quantity", 1);
        p.put("line_items", List.of(line));
        p.put("metadata", metadata);
        p.put("payment_intent_data", Map.of("metadata", metadata));
        if (request.expiresAt() != null) {
            p.put("expires_at", request.expiresAt().getEpochSecond());
        }
        JsonNode cs = post("create checkout session", "/v1/checkout/sessions", p, request.idempotencyKey());
        return new PaymentSession(id(), request.merchantReference(), Json.text(cs, "id"), request.flow(),
                Json.text(cs, "url"), null, null, null);
    }

    @Override
    public PaymentStatus query(PaymentReference payment) {
        if (payment.providerPaymentId() == null) {
            return search(payment);
        }
        String pid = requireId(payment);
        HttpResponse r;
        if (pid.startsWith("cs_")) {
            r = send(get("/v1/checkout/sessions/" + pid));
        } else {
            r = send(get("/v1/payment_intents/" + pid));
        }
        if (r.status() == 404) {
            return new PaymentStatus(id(), payment.merchantReference(), pid, PaymentState.NOT_FOUND, "resource_missing", null, null);
        }
        JsonNode o = ok("query payment", r, false);
        String currency = Json.text(o, "currency");
        if (pid.startsWith("cs_")) {
            String status = Json.text(o, "status");
            String paid = Json.text(o, "payment_status");
            PaymentState state = "paid".equals(paid) || "no_payment_required".equals(paid) ? PaymentState.PAID
                    : "expired".equals(status) ? PaymentState.CLOSED : PaymentState.PENDING;
            Long total = Json.number(o, "amount_total");
            return new PaymentStatus(id(), payment.merchantReference(), Json.text(o, "payment_intent"), state,
                    status + "/" + paid, total == null || currency == null ? null : StripeAmounts.fromStripe(total, currency), null);
        }
        String status = Json.text(o, "status");
        PaymentState state = switch (status == null ? "" : status) {
            case "succeeded" -> PaymentState.PAID;
            case "canceled" -> PaymentState.CLOSED;
            default -> PaymentState.PENDING;
        };
        Long amount = state == PaymentState.PAID ? Json.number(o, "amount_received") : Json.number(o, "amount");
        return new PaymentStatus(id(), payment.merchantReference(), pid, state, status,
                amount == null || currency == null ? null : StripeAmounts.fromStripe(amount, currency), null);
    }

    /**
     * Finds a PaymentIntent by the host's reference with the Search API (used after a create whose outcome is
     * unknown, when no id came back). Search results can lag a minute behind; an empty result is reported as
     * NOT_FOUND, and the caller starts a new attempt, which cannot charge twice because an unconfirmed
     * PaymentIntent takes no money.
     */
    private PaymentStatus search(PaymentReference payment) {
        HttpRequest request = HttpRequest.get(config.baseUrl() + "/v1/payment_intents/search")
                .query("query", "metadata['" + REFERENCE_KEY + "']:'" + payment.merchantReference() + "'").build();
        JsonNode list = ok("search payment", send(request), false);
        JsonNode first = list.path("data").path(0);
        if (first.isMissingNode() || Json.text(first, "id") == null) {
            return new PaymentStatus(id(), payment.merchantReference(), null, PaymentState.NOT_FOUND, "not_found", null, null);
        }
        return query(new PaymentReference(payment.merchantReference(), Json.text(first, "id")));
    }

    @Override
    public void close(PaymentReference payment) {
        String pid = requireId(payment);
        String path = pid.startsWith("cs_") ? "/v1/checkout/sessions/" + pid + "/expire"
                : "/v1/payment_intents/" + pid + "/cancel";
        post("close payment", path, Map.of(), payment.merchantReference() + ":close");
    }

    @Override
    public RefundResult refund(RefundRequest request) {
        String pid = requireId(request.payment());
        if (!pid.startsWith("pi_")) {
            throw ValidationException.of("payment.providerPaymentId", "Stripe refunds need the PaymentIntent id (pi_…); "
                    + "a Checkout Session's PaymentIntent is in the query result and the paid notification");
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("payment_intent", pid);
        p.put("amount", StripeAmounts.toStripe(request.amount()));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put(REFERENCE_KEY, request.payment().merchantReference());
        metadata.put(REFUND_REFERENCE_KEY, request.refundReference());
        if (request.reason() != null) {
            metadata.put("reason", request.reason());
        }
        p.put("metadata", metadata);
        JsonNode re = post("refund", "/v1/refunds", p, request.idempotencyKey());
        Long amount = Json.number(re, "amount");
        String currency = Json.text(re, "currency");
        return new RefundResult(id(), request.refundReference(), Json.text(re, "id"), refundState(Json.text(re, "status")),
                amount == null || currency == null ? request.amount() : StripeAmounts.fromStripe(amount, currency));
    }

    private static RefundState refundState(String status) {
        if ("succeeded".equals(status)) {
            return RefundState.SUCCEEDED;
        }
        if ("failed".equals(status) || "canceled".equals(status)) {
            return RefundState.FAILED;
        }
        if ("requires_action".equals(status)) {
            return RefundState.ACTION_REQUIRED;
        }
        return RefundState.PENDING;
    }

    /**
     * {@inheritDoc}
     *
     * <p>With the refund's id: {@code GET /v1/refunds/{id}}. Without it (the create's outcome was unknown): the
     * PaymentIntent's refunds ({@code GET /v1/refunds?payment_intent=…}, every page) are matched on
     * {@code metadata[learnloop_refund_reference]}, which every refund created here carries. Stripe's list is not
     * delayed like its Search API, so an empty match means the refund was not created.
     */
    @Override
    public RefundResult queryRefund(RefundQuery query) {
        if (query.providerRefundId() != null) {
            HttpResponse r = send(get("/v1/refunds/" + query.providerRefundId()));
            if (r.status() == 404) {
                return RefundResult.notFound(id(), query.refundReference(), "resource_missing");
            }
            return refundResult(query.refundReference(), ok("query refund", r, false));
        }
        String pid = requireId(query.payment());
        if (!pid.startsWith("pi_")) {
            throw ValidationException.of("payment.providerPaymentId", "Stripe refunds are listed by PaymentIntent (pi_…)");
        }
        String after = null;
        // a PaymentIntent has few refunds; the bound only guards against a list that never ends
        for (int page = 0; page < 100; page++) {
            HttpRequest.Builder url = HttpRequest.get(config.baseUrl() + "/v1/refunds")
                    .query("payment_intent", pid).query("limit", "100");
            if (after != null) {
                url.query("starting_after", after);
            }
            JsonNode list = ok("list refunds", send(url.build()), false);
            JsonNode data = list.path("data");
            for (JsonNode refund : data) {
                if (query.refundReference().equals(Json.text(refund, "metadata", REFUND_REFERENCE_KEY))) {
                    return refundResult(query.refundReference(), refund);
                }
            }
            if (!list.path("has_more").asBoolean(false) || data.isEmpty()) {
                break;
            }
            after = Json.text(data.get(data.size() - 1), "id");
        }
        return RefundResult.notFound(id(), query.refundReference(), "no refund of " + pid + " has "
                + REFUND_REFERENCE_KEY + "=" + query.refundReference());
    }

    private RefundResult refundResult(String refundReference, JsonNode re) {
        Long amount = Json.number(re, "amount");
        String currency = Json.text(re, "currency");
        String status = Json.text(re, "status");
        String reason = Json.text(re, "failure_reason");
        return new RefundResult(id(), refundReference, Json.text(re, "id"), refundState(status),
                amount == null || currency == null ? null : StripeAmounts.fromStripe(amount, currency),
                reason == null ? status : status + ": " + reason);
    }

    private static String requireId(PaymentReference payment) {
        String pid = payment.providerPaymentId();
        if (pid == null || !(pid.startsWith("pi_") || pid.startsWith("cs_"))) {
            throw ValidationException.of("payment.providerPaymentId",
                    "Stripe needs the PaymentIntent (pi_…) or Checkout Session (cs_…) id returned by create");
        }
        return pid;
    }

    private HttpRequest get(String path) {
        return HttpRequest.get(config.baseUrl() + path).build();
    }

    /** POSTs a form with an idempotency key through the shared pipeline; Billing calls Stripe through here too. */
    JsonNode post(String operation, String path, Map<String, ?> params, String idempotencyKey) {
        // Stripe replays the first result of a key, so a POST with one is as safe to repeat as a GET.
        HttpRequest request = HttpRequest.post(config.baseUrl() + path).header("Idempotency-Key", idempotencyKey)
                .idempotent().body(FormEncoder.encode(params).getBytes(StandardCharsets.UTF_8), FORM).build();
        return http.call(request, r -> ok(operation, r, true));
    }

    /** Sends a read for Connect; the caller turns the response (a 404 included) into its answer. */
    HttpResponse read(HttpRequest.Builder request) {
        return send(request.build());
    }

    /** The base URL, for Connect's reads. */
    String baseUrl() {
        return config.baseUrl();
    }

    /** Parses a read's answer, or throws the failure it reports. */
    JsonNode answer(String operation, HttpResponse r) {
        return ok(operation, r, false);
    }

    /** Sends a read; the caller turns the response (a 404 included) into its answer. */
    private HttpResponse send(HttpRequest request) {
        return http.call(request, r -> r);
    }

    private JsonNode ok(String operation, HttpResponse r, boolean mutating) {
        JsonNode body = Json.parse(r.body());
        if (r.ok() && body != null) {
            return body;
        }
        String type = Json.text(body, "error", "type");
        String code = Json.text(body, "error", "code");
        String message = Json.text(body, "error", "message");
        int s = r.status();
        boolean retryable = s == 429 || (s == 409 && !"idempotency_error".equals(type)) || s >= 500;
        String should = r.header("Stripe-Should-Retry");
        if (should != null) {
            retryable = Boolean.parseBoolean(should);
        }
        boolean unknown = mutating && (s >= 500 || (r.ok() && body == null));
        throw RemoteErrors.of("stripe", operation, s, code != null ? code : type, message, r.header("Request-Id"),
                retryable, unknown);
    }

    @Override
    public NotificationOutcome parseNotification(byte[] body, Map<String, String> headers) {
        VerifiedEvent verified = verify(body, headers);
        if (verified.rejected() != null) {
            return verified.rejected();
        }
        JsonNode event = verified.event();
        return VerifiedEvents.decode(id(), () -> toEvent(event, Json.text(event, "account")));
    }

    /** A webhook delivery after verification: the event, or why it was rejected. */
    record VerifiedEvent(JsonNode event, NotificationOutcome.Rejected rejected) {
    }

    /**
     * Verifies a webhook delivery: the {@code Stripe-Signature} over the raw body under any configured secret (in
     * constant time), the signing time against the replay window, the event's shape and its account. Payments and
     * Billing ({@link StripeBilling}) verify every delivery here.
     */
    VerifiedEvent verify(byte[] body, Map<String, String> headers) {
        if (body == null || body.length == 0) {
            return rejected(RejectionReason.MALFORMED, "empty body");
        }
        String raw = HeaderMap.of(headers).get("Stripe-Signature");
        if (raw == null) {
            return rejected(RejectionReason.MISSING_SIGNATURE, "no Stripe-Signature header");
        }
        SignatureHeader.Parsed parsed = SignatureHeader.parse(raw);
        if (parsed.header() == null) {
            return rejected(parsed.reason(), "Stripe-Signature: " + parsed.problem());
        }
        SignatureHeader header = parsed.header();
        boolean match = false;
        for (Secret secret : config.webhookSecrets()) {
            String expected = StripeWebhooks.v1Signature(body, secret, header.timestamp());
            for (String candidate : header.signatures()) {
                match |= Crypto.constantTimeEquals(expected, candidate);
            }
        }
        if (!match) {
            return rejected(RejectionReason.BAD_SIGNATURE, "no v1 signature matches the raw body under any configured secret");
        }
        TimestampSkew skew = config.settings().skew(header.timestamp());
        if (skew != null) {
            return rejected(skew.reason(), skew.detail());
        }
        JsonNode event = Json.parse(body);
        if (event == null || Json.text(event, "id") == null || Json.text(event, "type") == null) {
            return rejected(RejectionReason.MALFORMED, "the body is not a Stripe event");
        }
        String account = Json.text(event, "account");
        if (config.stripeAccount() != null && !config.stripeAccount().equals(account)) {
            return rejected(RejectionReason.WRONG_MERCHANT, "the event is for account '" + account + "'");
        }
        return new VerifiedEvent(event, null);
    }

    private VerifiedEvent rejected(RejectionReason reason, String detail) {
        return new VerifiedEvent(null, reject(reason, detail));
    }

    private PaymentEvent toEvent(JsonNode event, String account) {
        String type = Json.text(event, "type");
        JsonNode o = event.path("data").path("object");
        Long created = Json.number(event, "created");
        Instant at = created == null ? null : Instant.ofEpochSecond(created);
        String currency = Json.text(o, "currency");
        String reference = Json.text(o, "metadata", REFERENCE_KEY);
        PaymentEventType mapped = PaymentEventType.IGNORED;
        String paymentId = null;
        String refundReference = null;
        String refundId = null;
        String failureReason = null;
        Long amount = null;
        switch (type) {
            case "payment_intent.succeeded" -> {
                mapped = PaymentEventType.PAYMENT_SUCCEEDED;
                paymentId = Json.text(o, "id");
                amount = Json.number(o, "amount_received");
            }
            case "payment_intent.payment_failed" -> {
                mapped = PaymentEventType.PAYMENT_FAILED;
                paymentId = Json.text(o, "id");
                amount = Json.number(o, "amount");
            }
            case "payment_intent.canceled" -> {
                mapped = PaymentEventType.PAYMENT_CLOSED;
                paymentId = Json.text(o, "id");
                amount = Json.number(o, "amount");
            }
            case "checkout.session.completed", "checkout.session.async_payment_succeeded" -> {
                mapped = "paid".equals(Json.text(o, "payment_status")) ? PaymentEventType.PAYMENT_SUCCEEDED : PaymentEventType.IGNORED;
                paymentId = Json.text(o, "payment_intent");
                amount = Json.number(o, "amount_total");
                if (reference == null) {
                    reference = Json.text(o, "client_reference_id");
                }
            }
            case "checkout.session.async_payment_failed" -> {
                mapped = PaymentEventType.PAYMENT_FAILED;
                paymentId = Json.text(o, "payment_intent");
                amount = Json.number(o, "amount_total");
            }
            case "checkout.session.expired" -> {
                mapped = PaymentEventType.PAYMENT_CLOSED;
                amount = Json.number(o, "amount_total");
            }
            case "refund.created", "refund.updated", "refund.failed", "charge.refund.updated" -> {
                // a refund can fail after it succeeded (refund.failed, and charge.refund.updated with status failed)
                String status = Json.text(o, "status");
                failureReason = Json.text(o, "failure_reason");
                mapped = "succeeded".equals(status) ? PaymentEventType.REFUND_SUCCEEDED
                        : "failed".equals(status) || "canceled".equals(status) ? PaymentEventType.REFUND_FAILED
                        : PaymentEventType.IGNORED;
                paymentId = Json.text(o, "payment_intent");
                refundId = Json.text(o, "id");
                refundReference = Json.text(o, "metadata", REFUND_REFERENCE_KEY);
                amount = Json.number(o, "amount");
            }
            default -> {
                // verified but not acted on
            }
        }
        Money money = amount == null || currency == null ? null : StripeAmounts.fromStripe(amount, currency);
        Map<String, String> attributes = new LinkedHashMap<>();
        String livemode = Json.text(event, "livemode");
        if (livemode != null) {
            attributes.put("livemode", livemode);
        }
        if (failureReason != null) {
            attributes.put("failure_reason", failureReason);
        }
        return new PaymentEvent(id(), Json.text(event, "id"), mapped, type, reference, paymentId, refundReference,
                refundId, money, account, at, attributes);
    }

    private NotificationOutcome.Rejected reject(RejectionReason reason, String detail) {
        return new NotificationOutcome.Rejected(id(), reason, detail);
    }

    @Override
    public Acknowledgement acknowledge(NotificationOutcome outcome) {
        return outcome.verified() ? new Acknowledgement(200, "application/json", "{\"received\":true}")
                : new Acknowledgement(400, "application/json", "{\"received\":false}");
    }

    @Override
    public String toString() {
        return "StripeProvider[" + config + "]";
    }
}
