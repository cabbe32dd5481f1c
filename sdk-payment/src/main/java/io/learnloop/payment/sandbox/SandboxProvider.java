package io.learnloop.payment.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnloop.core.error.RemoteException;
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
import io.learnloop.payment.WechatAppParameters;
import io.learnloop.payment.WechatJsapiParameters;
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

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An in-JVM payment provider for host tests and demos. It keeps payments in memory (per instance), signs its
 * notifications with HMAC-SHA256 over {@code "<t>.<raw body>"} (header {@value #SIGNATURE_HEADER}:
 * {@code t=…,kid=…,v1=<hex>}) and can inject the faults real providers produce ({@link SandboxScenario}).
 *
 * <p>The payer's side is simulated with {@link #pay(String)}; notifications wait in an outbox until
 * {@link #deliverable()} hands them out, exactly as a webhook endpoint would receive them.
 *
 * <p>Thread-safe: all state is guarded by the instance's lock.
 */
public final class SandboxProvider implements PaymentProvider {
    /** The header that carries the signature. */
    public static final String SIGNATURE_HEADER = "Sandbox-Signature";

    private final SandboxConfig config;
    private final Object lock = new Object();
    private final Map<String, Payment> payments = new HashMap<>();
    private final Deque<SandboxScenario> scenarios = new ArrayDeque<>();
    private final List<Pending> outbox = new ArrayList<>();
    private Pending heldBack;

    private static final class Payment {
        final String reference;
        final String paymentId;
        final Money amount;
        final String idempotencyKey;
        PaymentState state = PaymentState.PENDING;
        Instant paidAt;
        long refunded;
        final Map<String, RefundResult> refunds = new HashMap<>();

        Payment(String reference, String paymentId, Money amount, String idempotencyKey) {
            this.reference = reference;
            this.paymentId = paymentId;
            this.amount = amount;
            this.idempotencyKey = idempotencyKey;
        }
    }

    private record Pending(SandboxNotification notification, Instant dueAt) {
    }

    /**
     * Creates a sandbox.
     *
     * @param config the configuration
     */
    public SandboxProvider(SandboxConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public ProviderId id() {
        return config.settings().id();
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.allOf(Capability.class);
    }

    /**
     * Queues a fault for the next matching step (API call or notification).
     *
     * @param scenario the fault
     */
    public void inject(SandboxScenario scenario) {
        synchronized (lock) {
            scenarios.add(Objects.requireNonNull(scenario, "scenario"));
        }
    }

    @Override
    public PaymentSession create(CreatePaymentRequest request) {
        synchronized (lock) {
            RemoteException before = faultBefore("create payment");
            if (before != null) {
                throw before;
            }
            Payment p = payments.get(request.merchantReference());
            if (p == null) {
                p = new Payment(request.merchantReference(), "sbx_pay_" + config.ids().newId(), request.amount(),
                        request.idempotencyKey());
                payments.put(p.reference, p);
            } else if (!p.amount.equals(request.amount())) {
                throw RemoteErrors.of("sandbox", "create payment", 400, "idempotency_error",
                        "payment " + p.reference + " exists with another amount", null, false, false);
            }
            faultAfter("create payment");
            return session(request.flow(), p);
        }
    }

    private PaymentSession session(PaymentFlow flow, Payment p) {
        return switch (flow) {
            case REDIRECT -> new PaymentSession(id(), p.reference, p.paymentId, flow,
                    "https://sandbox.learnloop.invalid/pay/" + p.paymentId, null, null, null);
            case QR_CODE -> new PaymentSession(id(), p.reference, p.paymentId, flow, null,
                    "sandbox://pay/" + p.paymentId, null, null);
            case CLIENT_SECRET -> new PaymentSession(id(), p.reference, p.paymentId, flow, null, null,
                    p.paymentId + "_secret", null);
            case JSAPI, MINI_PROGRAM -> new PaymentSession(id(), p.reference, p.paymentId, flow, null, null, null,
                    new WechatJsapiParameters("sandbox", "0", p.paymentId, "prepay_id=" + p.paymentId, "RSA", "sandbox"));
            case H5, WAP -> new PaymentSession(id(), p.reference, p.paymentId, flow,
                    "https://sandbox.learnloop.invalid/h5/" + p.paymentId, null, null, null);
            case APP -> new PaymentSession(id(), p.reference, p.paymentId, flow, null, null, null,
                    new WechatAppParameters("sandbox", "sandbox", p.paymentId, "Sign=WXPay", p.paymentId, "0", "sandbox"));
        };
    }

    /**
     * Simulates the payer paying: the payment becomes paid and a {@code payment.succeeded} notification is queued.
     *
     * @param merchantReference the payment's reference
     * @throws ValidationException if no such pending payment exists
     */
    public void pay(String merchantReference) {
        synchronized (lock) {
            Payment p = payments.get(merchantReference);
            if (p == null || p.state != PaymentState.PENDING) {
                throw ValidationException.of("merchantReference", "no pending sandbox payment '" + merchantReference + "'");
            }
            p.state = PaymentState.PAID;
            p.paidAt = config.settings().clock().instant();
            enqueue(event("payment.succeeded", p, null, p.amount));
        }
    }

    @Override
    public PaymentStatus query(PaymentReference payment) {
        synchronized (lock) {
            RemoteException before = faultBefore("query payment");
            if (before != null) {
                throw before;
            }
            Payment p = payments.get(payment.merchantReference());
            if (p == null) {
                return new PaymentStatus(id(), payment.merchantReference(), null, PaymentState.NOT_FOUND, "not_found", null, null);
            }
            return new PaymentStatus(id(), p.reference, p.paymentId, p.state, p.state.name().toLowerCase(java.util.Locale.ROOT),
                    p.amount, p.paidAt);
        }
    }

    @Override
    public void close(PaymentReference payment) {
        synchronized (lock) {
            RemoteException before = faultBefore("close payment");
            if (before != null) {
                throw before;
            }
            Payment p = payments.get(payment.merchantReference());
            if (p == null) {
                throw RemoteErrors.of("sandbox", "close payment", 404, "not_found", null, null, false, false);
            }
            if (p.state == PaymentState.PAID || p.state == PaymentState.REFUNDED) {
                throw RemoteErrors.of("sandbox", "close payment", 400, "already_paid", "the payment was paid", null, false, false);
            }
            if (p.state != PaymentState.CLOSED) {
                p.state = PaymentState.CLOSED;
                enqueue(event("payment.closed", p, null, p.amount));
            }
            faultAfter("close payment");
        }
    }

    @Override
    public RefundResult refund(RefundRequest request) {
        synchronized (lock) {
            RemoteException before = faultBefore("refund");
            if (before != null) {
                throw before;
            }
            Payment p = payments.get(request.payment().merchantReference());
            if (p == null || (p.state != PaymentState.PAID && p.state != PaymentState.REFUNDED)) {
                throw RemoteErrors.of("sandbox", "refund", 400, "not_paid", "the payment is not paid", null, false, false);
            }
            RefundResult done = p.refunds.get(request.refundReference());
            if (done != null) {
                return done;
            }
            if (!request.amount().currency().equals(p.amount.currency())
                    || p.refunded + request.amount().minor() > p.amount.minor()) {
                throw RemoteErrors.of("sandbox", "refund", 400, "amount_too_large",
                        "refunds would exceed the paid amount", null, false, false);
            }
            boolean processing = scenarios.peek() == SandboxScenario.REFUND_PROCESSING;
            if (processing) {
                scenarios.poll();
            }
            p.refunded += request.amount().minor();
            p.state = PaymentState.REFUNDED;
            RefundResult r = new RefundResult(id(), request.refundReference(), "sbx_re_" + config.ids().newId(),
                    processing ? RefundState.PENDING : RefundState.SUCCEEDED, request.amount(),
                    processing ? "processing" : "succeeded");
            p.refunds.put(request.refundReference(), r);
            if (!processing) {
                enqueue(event("refund.succeeded", p, r, request.amount()));
            }
            faultAfter("refund");
            return r;
        }
    }

    @Override
    public RefundResult queryRefund(RefundQuery query) {
        synchronized (lock) {
            RemoteException before = faultBefore("query refund");
            if (before != null) {
                throw before;
            }
            Payment p = payments.get(query.payment().merchantReference());
            RefundResult r = p == null ? null : p.refunds.get(query.refundReference());
            return r != null ? r : RefundResult.notFound(id(), query.refundReference(), "not_found");
        }
    }

    /**
     * Simulates the end of a processing refund (see {@link SandboxScenario#REFUND_PROCESSING}): the money is returned
     * and a {@code refund.succeeded} notification is queued.
     *
     * @param refundReference the refund's reference
     * @throws ValidationException if no such processing refund exists
     */
    public void completeRefund(String refundReference) {
        finishRefund(refundReference, true);
    }

    /**
     * Simulates the provider closing a processing refund (see {@link SandboxScenario#REFUND_PROCESSING}): no money
     * moves, the amount may be refunded again, and a {@code refund.failed} notification is queued.
     *
     * @param refundReference the refund's reference
     * @throws ValidationException if no such processing refund exists
     */
    public void closeRefund(String refundReference) {
        finishRefund(refundReference, false);
    }

    private void finishRefund(String refundReference, boolean succeeded) {
        synchronized (lock) {
            for (Payment p : payments.values()) {
                RefundResult r = p.refunds.get(refundReference);
                if (r != null && r.state() == RefundState.PENDING) {
                    RefundResult done = new RefundResult(r.provider(), r.refundReference(), r.providerRefundId(),
                            succeeded ? RefundState.SUCCEEDED : RefundState.FAILED, r.amount(),
                            succeeded ? "succeeded" : "closed");
                    p.refunds.put(refundReference, done);
                    if (!succeeded) {
                        p.refunded -= r.amount().minor();
                    }
                    enqueue(event(succeeded ? "refund.succeeded" : "refund.failed", p, done, r.amount()));
                    return;
                }
            }
            throw ValidationException.of("refundReference", "no processing sandbox refund '" + refundReference + "'");
        }
    }

    /**
     * Hands out the notifications that are due by the sandbox clock, in delivery order, and removes them from the
     * outbox.
     *
     * @return the deliveries, possibly empty
     */
    public List<SandboxNotification> deliverable() {
        synchronized (lock) {
            Instant now = config.settings().clock().instant();
            List<SandboxNotification> due = new ArrayList<>();
            outbox.removeIf(p -> {
                if (!p.dueAt.isAfter(now)) {
                    due.add(p.notification);
                    return true;
                }
                return false;
            });
            return due;
        }
    }

    private RemoteException faultBefore(String operation) {
        if (scenarios.peek() == SandboxScenario.RATE_LIMITED) {
            scenarios.poll();
            return RemoteErrors.of("sandbox", operation, 429, "rate_limited", "too many requests", null, true, false);
        }
        if (scenarios.peek() == SandboxScenario.INVALID_CREDENTIALS) {
            scenarios.poll();
            return RemoteErrors.of("sandbox", operation, 401, "invalid_credentials",
                    "the API key or certificate was refused", null, false, false);
        }
        if (scenarios.peek() == SandboxScenario.LOST_REQUEST) {
            scenarios.poll();
            return RemoteErrors.of("sandbox", operation, 0, "connection_reset",
                    "the connection was reset; the request may or may not have arrived", null, true, true);
        }
        return null;
    }

    private void faultAfter(String operation) {
        if (scenarios.peek() == SandboxScenario.SERVER_ERROR) {
            scenarios.poll();
            throw RemoteErrors.of("sandbox", operation, 500, "api_error", "internal error after the change was made",
                    null, true, true);
        }
    }

    private ObjectNode event(String type, Payment p, RefundResult refund, Money amount) {
        ObjectNode root = Json.object();
        root.put("id", "evt_" + config.ids().newId());
        root.put("type", type);
        root.put("created", config.settings().clock().instant().getEpochSecond());
        root.put("merchant", config.merchantId());
        ObjectNode data = root.putObject("data");
        data.put("reference", p.reference);
        data.put("payment_id", p.paymentId);
        if (refund != null) {
            data.put("refund_reference", refund.refundReference());
            data.put("refund_id", refund.providerRefundId());
        }
        data.put("amount", amount.minor());
        data.put("currency", amount.currency().getCurrencyCode());
        return root;
    }

    private void enqueue(ObjectNode event) {
        byte[] body = Json.write(event).getBytes(StandardCharsets.UTF_8);
        Instant now = config.settings().clock().instant();
        SandboxScenario scenario = scenarios.peek();
        long t = now.getEpochSecond();
        boolean corrupt = false;
        boolean twice = false;
        Instant due = now;
        boolean holdBack = false;
        if (scenario != null) {
            switch (scenario) {
                case EXPIRED_TIMESTAMP -> t -= config.settings().tolerance().getSeconds() + 60;
                case BAD_SIGNATURE -> corrupt = true;
                case DUPLICATE -> twice = true;
                case DELAYED -> due = now.plus(config.delay());
                case OUT_OF_ORDER -> holdBack = true;
                default -> scenario = null;
            }
            if (scenario != null) {
                scenarios.poll();
            }
        }
        String sig = sign(config.keys().get(config.signingKeyId()), t, body);
        if (corrupt) {
            sig = Crypto.hmacSha256Hex("not-the-key".getBytes(StandardCharsets.UTF_8), body);
        }
        String header = "t=" + t + ",kid=" + config.signingKeyId() + ",v1=" + sig;
        Pending pending = new Pending(new SandboxNotification(body, Map.of(SIGNATURE_HEADER, header,
                "Content-Type", "application/json")), due);
        if (holdBack) {
            heldBack = pending;
            return;
        }
        outbox.add(pending);
        if (twice) {
            outbox.add(pending);
        }
        if (heldBack != null) {
            outbox.add(new Pending(heldBack.notification, due));
            heldBack = null;
        }
    }

    private static String sign(Secret key, long t, byte[] body) {
        byte[] prefix = (t + ".").getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, payload, 0, prefix.length);
        System.arraycopy(body, 0, payload, prefix.length, body.length);
        return Crypto.hmacSha256Hex(key.bytes(), payload);
    }

    @Override
    public NotificationOutcome parseNotification(byte[] body, Map<String, String> headers) {
        if (body == null) {
            return reject(RejectionReason.MALFORMED, "empty body");
        }
        String raw = HeaderMap.of(headers).get(SIGNATURE_HEADER);
        if (raw == null) {
            return reject(RejectionReason.MISSING_SIGNATURE, "no " + SIGNATURE_HEADER + " header");
        }
        SignatureHeader.Parsed parsed = SignatureHeader.parse(raw);
        if (parsed.header() == null) {
            return reject(parsed.reason(), SIGNATURE_HEADER + ": " + parsed.problem());
        }
        SignatureHeader header = parsed.header();
        Secret key = header.keyId() == null ? null : config.keys().get(header.keyId());
        if (key == null) {
            return reject(RejectionReason.UNKNOWN_KEY, "key '" + header.keyId() + "' is not configured");
        }
        String expected = sign(key, header.timestamp(), body);
        if (header.signatures().stream().noneMatch(s -> Crypto.constantTimeEquals(expected, s))) {
            return reject(RejectionReason.BAD_SIGNATURE, "no signature matches the body");
        }
        TimestampSkew skew = config.settings().skew(header.timestamp());
        if (skew != null) {
            return reject(skew.reason(), skew.detail());
        }
        JsonNode root = Json.parse(body);
        if (root == null || Json.text(root, "id") == null || Json.text(root, "type") == null) {
            return reject(RejectionReason.MALFORMED, "the body is not a sandbox event");
        }
        if (!config.merchantId().equals(Json.text(root, "merchant"))) {
            return reject(RejectionReason.WRONG_MERCHANT, "the event is for merchant '" + Json.text(root, "merchant") + "'");
        }
        String type = Json.text(root, "type");
        PaymentEventType mapped = switch (type) {
            case "payment.succeeded" -> PaymentEventType.PAYMENT_SUCCEEDED;
            case "payment.closed" -> PaymentEventType.PAYMENT_CLOSED;
            case "refund.succeeded" -> PaymentEventType.REFUND_SUCCEEDED;
            case "refund.failed" -> PaymentEventType.REFUND_FAILED;
            default -> PaymentEventType.IGNORED;
        };
        JsonNode data = root.get("data");
        Long amount = Json.number(data, "amount");
        String currency = Json.text(data, "currency");
        Long created = Json.number(root, "created");
        return VerifiedEvents.decode(id(), () -> new PaymentEvent(id(), Json.text(root, "id"), mapped, type,
                Json.text(data, "reference"), Json.text(data, "payment_id"), Json.text(data, "refund_reference"),
                Json.text(data, "refund_id"), amount == null || currency == null ? null : Money.ofMinor(amount, currency),
                Json.text(root, "merchant"), created == null ? null : Instant.ofEpochSecond(created), Map.of()));
    }

    private NotificationOutcome.Rejected reject(RejectionReason reason, String detail) {
        return new NotificationOutcome.Rejected(id(), reason, detail);
    }

    @Override
    public Acknowledgement acknowledge(NotificationOutcome outcome) {
        return outcome.verified() ? new Acknowledgement(200, null, "")
                : new Acknowledgement(400, "text/plain", "rejected");
    }

    @Override
    public String toString() {
        return "SandboxProvider[" + config + "]";
    }

    /**
     * Signs a body the way the sandbox does, for host tests that craft their own notifications.
     *
     * @param body      the raw body
     * @param timestamp the signing time
     * @return the value for the {@value #SIGNATURE_HEADER} header, signed with the current key
     */
    public String signatureHeader(byte[] body, Instant timestamp) {
        long t = timestamp.getEpochSecond();
        return "t=" + t + ",kid=" + config.signingKeyId() + ",v1=" + sign(config.keys().get(config.signingKeyId()), t, body);
    }
}
