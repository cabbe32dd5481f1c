package io.learnloop.payment.alipay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.RemoteException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.error.Validator;
import io.learnloop.core.money.Money;
import io.learnloop.http.internal.HttpPipeline;
import io.learnloop.http.internal.HttpRequest;
import io.learnloop.http.internal.HttpResponse;
import io.learnloop.payment.Acknowledgement;
import io.learnloop.payment.AlipayAppOrder;
import io.learnloop.payment.AlipayPageForm;
import io.learnloop.payment.spi.Capability;
import io.learnloop.payment.spi.CreatePaymentRequest;
import io.learnloop.payment.NotificationOutcome;
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
import io.learnloop.payment.internal.alipay.AlipayCertDownload;
import io.learnloop.payment.internal.alipay.AlipayCertificateDownloads;
import io.learnloop.payment.internal.alipay.AlipayCertificates;
import io.learnloop.payment.internal.alipay.AlipayClientRequests;
import io.learnloop.payment.internal.alipay.AlipayNotificationForm;
import io.learnloop.payment.internal.alipay.AlipaySigner;
import io.learnloop.payment.internal.alipay.AlipaySignatures;
import io.learnloop.payment.internal.http.RemoteErrors;
import io.learnloop.payment.internal.json.Json;
import io.learnloop.payment.internal.notification.VerifiedEvents;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Alipay OpenAPI (RSA2, public-key or certificate mode): PC page pay ({@link PaymentFlow#REDIRECT}), mobile website
 * pay ({@link PaymentFlow#WAP}), app pay ({@link PaymentFlow#APP}), precreate ({@link PaymentFlow#QR_CODE}), query,
 * close, partial refunds with {@code out_request_no}, and asynchronous notifications.
 *
 * <p>Requests are signed over the sorted raw parameters; responses are verified over the raw
 * {@code <method>_response} JSON text (never a re-serialisation); a successful response without a valid signature is
 * treated as forged. Notifications are verified without touching the caller's data and checked against this
 * application's {@code app_id} (and {@code seller_id} when configured) and against the clock.
 *
 * <p>In certificate mode (see {@link AlipayConfig}) every request also carries {@code app_cert_sn} and
 * {@code alipay_root_cert_sn} inside the signed content; a success response must name the Alipay certificate that
 * signed it in {@code alipay_cert_sn}, and a serial number that is not configured is an
 * {@link AlipayCertificateException} rather than a silent fallback, unless automatic download is on
 * ({@link AlipayConfig.Builder#autoDownloadAlipayCertificates(boolean)}) and the downloaded certificate chains to the
 * configured root chain. Certificates are checked against the configured
 * clock when used: an expired application certificate refuses to sign, an expired Alipay certificate verifies
 * nothing.
 *
 * <p>Amounts are yuan strings with two decimals; only CNY is accepted.
 *
 * <p>Thread-safe: immutable.
 */
public final class AlipayProvider implements PaymentProvider {
    private static final Duration MIN_LIFETIME = Duration.ofMinutes(1);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Currency CNY = Currency.getInstance("CNY");
    /** Alipay's limits: {@code return_url} is a common parameter of at most 256 characters, {@code quit_url} 400. */
    private static final int RETURN_URL_MAX = 256;
    private static final int QUIT_URL_MAX = 400;

    private final AlipayConfig config;
    private final AlipaySigner signer;
    private final HttpPipeline http;
    private final AlipayCertificateDownloads downloads;

    /**
     * Creates the provider.
     *
     * @param config the configuration
     */
    public AlipayProvider(AlipayConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.signer = new AlipaySigner(config.appPrivateKey());
        this.http = HttpPipeline.builder(config.settings().http(), "alipay").clock(config.settings().clock())
                .signer(signer).build();
        this.downloads = config.autoDownloadAlipayCertificates() ? new AlipayCertificateDownloads(config.settings().clock(),
                config.certificateDownloadCooldown(), config.certificates(), this::downloadCertificate) : null;
    }

    @Override
    public ProviderId id() {
        return config.settings().id();
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.REDIRECT, Capability.WAP, Capability.APP, Capability.QR_CODE, Capability.QUERY,
                Capability.CLOSE, Capability.PARTIAL_REFUND, Capability.NOTIFICATIONS);
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@link PaymentFlow#REDIRECT}: PC page pay ({@code alipay.trade.page.pay}, {@code FAST_INSTANT_TRADE_PAY});
     * {@link PaymentFlow#WAP}: mobile website pay ({@code alipay.trade.wap.pay}, {@code QUICK_WAP_WAY}, with
     * {@code quit_url} from the cancel URL, else the return URL); both are signed here, sent nowhere, and returned as
     * the GET URL ({@link PaymentSession#redirectUrl()}) and the self-submitting POST form
     * ({@link PaymentSession#alipayForm()}). {@link PaymentFlow#APP}: the signed {@code alipay.trade.app.pay} order
     * string ({@code QUICK_MSECURITY_PAY}) for the Alipay app SDK ({@link PaymentSession#alipayAppOrder()}).
     * {@link PaymentFlow#QR_CODE}: {@code alipay.trade.precreate}, the one flow that calls Alipay here. Alipay
     * creates the trade when the payer opens the cashier, so every flow is queried, closed, refunded and notified by
     * {@code out_trade_no} alike.
     *
     * @throws ValidationException for another currency than CNY, another flow, a WAP payment without a return URL,
     *                             or a return or quit URL that is not an absolute http(s) URL within Alipay's limits
     */
    @Override
    public PaymentSession create(CreatePaymentRequest request) {
        String total = yuan(request.amount(), "amount");
        ObjectNode biz = Json.object();
        biz.put("out_trade_no", request.merchantReference());
        biz.put("total_amount", total);
        biz.put("subject", request.description());
        if (request.expiresAt() != null) {
            checkExpiry(request.expiresAt());
            biz.put("time_expire", format(request.expiresAt()));
        }
        return switch (request.flow()) {
            case REDIRECT -> page(request, "alipay.trade.page.pay", "FAST_INSTANT_TRADE_PAY", biz);
            case WAP -> page(request, "alipay.trade.wap.pay", "QUICK_WAP_WAY", biz);
            case APP -> {
                biz.put("product_code", "QUICK_MSECURITY_PAY");
                String order = AlipayClientRequests.query(AlipayClientRequests.signed(common("alipay.trade.app.pay", biz),
                        config.appPrivateKey()));
                yield new PaymentSession(id(), request.merchantReference(), null, request.flow(), null, null, null,
                        new AlipayAppOrder(order));
            }
            case QR_CODE -> {
                // out_trade_no makes a repeated precreate return the same trade
                JsonNode r = call("alipay.trade.precreate", biz, true, "create payment");
                yield new PaymentSession(id(), request.merchantReference(), null, request.flow(), null,
                        Json.text(r, "qr_code"), null, null);
            }
            default -> throw ValidationException.of("flow", "Alipay supports REDIRECT (PC page pay), WAP (mobile website "
                    + "pay), APP (app pay) and QR_CODE (precreate), not " + request.flow());
        };
    }

    /** Page and WAP pay: a signed request that the payer's browser carries to the gateway. */
    private PaymentSession page(CreatePaymentRequest request, String method, String productCode, ObjectNode biz) {
        Validator v = new Validator();
        boolean wap = request.flow() == PaymentFlow.WAP;
        checkUrl(v, "returnUrl", request.returnUrl(), RETURN_URL_MAX);
        String quitUrl = request.cancelUrl() != null ? request.cancelUrl() : request.returnUrl();
        if (wap) {
            checkUrl(v, request.cancelUrl() != null ? "cancelUrl" : "returnUrl", quitUrl, QUIT_URL_MAX);
        }
        v.throwIfInvalid();
        biz.put("product_code", productCode);
        if (wap) {
            biz.put("quit_url", quitUrl);
        }
        Map<String, String> params = common(method, biz);
        if (request.returnUrl() != null) {
            params.put("return_url", request.returnUrl());
        }
        Map<String, String> signed = AlipayClientRequests.signed(params, config.appPrivateKey());
        Map<String, String> protocol = new TreeMap<>(signed);
        protocol.remove("biz_content");
        // as the official SDK's pageExecute: protocol parameters and sign in the action's query, biz_content posted
        AlipayPageForm form = new AlipayPageForm(AlipayClientRequests.url(config.gatewayUrl(),
                AlipayClientRequests.query(protocol)), Map.of("biz_content", signed.get("biz_content")));
        return new PaymentSession(id(), request.merchantReference(), null, request.flow(),
                AlipayClientRequests.url(config.gatewayUrl(), AlipayClientRequests.query(signed)), null, null, form);
    }

    private static void checkUrl(Validator v, String field, String url, int max) {
        if (url == null) {
            return;
        }
        v.check(url.startsWith("https://") || url.startsWith("http://"), field,
                "must be an absolute http(s) URL for Alipay (was '" + (url.length() > 40 ? url.substring(0, 40) + "…" : url) + "')");
        v.maxLength(field, url, max);
    }

    @Override
    public PaymentStatus query(PaymentReference payment) {
        ObjectNode biz = Json.object();
        biz.put("out_trade_no", payment.merchantReference());
        JsonNode r;
        try {
            r = call("alipay.trade.query", biz, false, "query payment");
        } catch (RemoteException e) {
            if ("ACQ.TRADE_NOT_EXIST".equals(e.providerCode())) {
                return new PaymentStatus(id(), payment.merchantReference(), null, PaymentState.NOT_FOUND,
                        "ACQ.TRADE_NOT_EXIST", null, null);
            }
            throw e;
        }
        String status = Json.text(r, "trade_status");
        PaymentState state = switch (status == null ? "" : status) {
            case "TRADE_SUCCESS", "TRADE_FINISHED" -> PaymentState.PAID;
            case "TRADE_CLOSED" -> PaymentState.CLOSED;
            default -> PaymentState.PENDING;
        };
        String total = Json.text(r, "total_amount");
        return new PaymentStatus(id(), payment.merchantReference(), Json.text(r, "trade_no"), state, status,
                total == null ? null : Money.parse(total, CNY), parseTime(Json.text(r, "send_pay_date")));
    }

    @Override
    public void close(PaymentReference payment) {
        ObjectNode biz = Json.object();
        biz.put("out_trade_no", payment.merchantReference());
        call("alipay.trade.close", biz, true, "close payment");
    }

    @Override
    public RefundResult refund(RefundRequest request) {
        ObjectNode biz = Json.object();
        biz.put("out_trade_no", request.payment().merchantReference());
        biz.put("refund_amount", yuan(request.amount(), "amount"));
        biz.put("out_request_no", request.refundReference());
        if (request.reason() != null) {
            biz.put("refund_reason", request.reason());
        }
        // out_request_no makes a repeated refund return the first result instead of refunding twice
        JsonNode r = call("alipay.trade.refund", biz, true, "refund");
        RefundState state = "Y".equals(Json.text(r, "fund_change")) ? RefundState.SUCCEEDED : RefundState.PENDING;
        return new RefundResult(id(), request.refundReference(), Json.text(r, "trade_no"), state, request.amount());
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code alipay.trade.fastpay.refund.query} with {@code out_trade_no} and {@code out_request_no}. Alipay answers
     * {@code code=10000} whether or not the refund exists: {@code refund_status=REFUND_SUCCESS}, or for merchants whose
     * answers carry no {@code refund_status} a {@code refund_amount}, means the money was returned; an answer with
     * neither means the refund was not received or did not succeed, reported as {@link RefundState#NOT_FOUND} (Alipay
     * asks for a retry with the same {@code out_request_no} then). A trade Alipay does not know
     * ({@code ACQ.TRADE_NOT_EXIST}) has no refund either.
     */
    @Override
    public RefundResult queryRefund(RefundQuery query) {
        ObjectNode biz = Json.object();
        biz.put("out_trade_no", query.payment().merchantReference());
        biz.put("out_request_no", query.refundReference());
        JsonNode r;
        try {
            r = call("alipay.trade.fastpay.refund.query", biz, false, "query refund");
        } catch (RemoteException e) {
            if ("ACQ.TRADE_NOT_EXIST".equals(e.providerCode())) {
                return RefundResult.notFound(id(), query.refundReference(), "ACQ.TRADE_NOT_EXIST");
            }
            throw e;
        }
        String status = Json.text(r, "refund_status");
        String refunded = Json.text(r, "refund_amount");
        if (status == null && refunded == null) {
            return RefundResult.notFound(id(), query.refundReference(), "no refund_status or refund_amount");
        }
        RefundState state = "REFUND_SUCCESS".equals(status) || status == null ? RefundState.SUCCEEDED
                : RefundState.PENDING;
        Money amount;
        try {
            amount = refunded == null ? null : Money.parse(refunded, CNY);
        } catch (ValidationException e) {
            throw RemoteErrors.of("alipay", "query refund", 200, null, "refund_amount '" + refunded
                    + "' is not a yuan amount", null, false, false);
        }
        return new RefundResult(id(), query.refundReference(), Json.text(r, "trade_no"), state, amount,
                status != null ? status : "refund_amount=" + refunded);
    }

    private static String yuan(Money amount, String field) {
        if (!CNY.equals(amount.currency())) {
            throw ValidationException.of(field + ".currency", "Alipay charges CNY only (was " + amount.currency() + ")");
        }
        return amount.toDecimalString();
    }

    /**
     * Alipay refuses a trade whose {@code time_expire} has passed only when the payer arrives, long after this call,
     * and keeps {@code timeout_express}'s shortest lifetime, one minute; a shorter one is caught here instead.
     */
    private void checkExpiry(Instant expiresAt) {
        Instant now = config.settings().clock().instant();
        if (expiresAt.isBefore(now.plus(MIN_LIFETIME))) {
            throw ValidationException.of("expiresAt", "Alipay needs a payment to stay open for at least 1 minute, but "
                    + "it expires at " + expiresAt + " (now " + now + "); place a new order, or give a later expiry");
        }
    }

    /** Formats an instant in the gateway's zone, {@code yyyy-MM-dd HH:mm:ss}. */
    String format(Instant instant) {
        return LocalDateTime.ofInstant(instant, config.zone()).format(TIME);
    }

    /** Parses a gateway time, or null. */
    Instant parseTime(String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(text, TIME).atZone(config.zone()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The common parameters of a request with its business content; agreements build theirs here too. */
    Map<String, String> common(String method, ObjectNode biz) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("app_id", config.appId());
        p.put("method", method);
        p.put("format", "JSON");
        p.put("charset", "utf-8");
        p.put("sign_type", "RSA2");
        p.put("timestamp", format(config.settings().clock().instant()));
        p.put("version", "1.0");
        if (config.notifyUrl() != null && !method.equals("alipay.trade.query") && !method.equals("alipay.trade.close")
                && !method.equals("alipay.trade.fastpay.refund.query")) {
            p.put("notify_url", config.notifyUrl());
        }
        p.put("biz_content", Json.write(biz));
        AlipayCertificates certs = config.certificates();
        if (certs != null) {
            requireValid(certs.appCertificate(), certs.appCertSn(), true, false, 0);
            p.put("app_cert_sn", certs.appCertSn());
            p.put("alipay_root_cert_sn", certs.rootCertSn());
        }
        return p;
    }

    /** Throws unless the certificate is valid at the configured clock's instant. */
    private void requireValid(X509Certificate certificate, String sn, boolean appCertificate, boolean outcomeUnknown, int httpStatus) {
        Instant now = config.settings().clock().instant();
        AlipayCertificates.Validity validity = AlipayCertificates.validity(certificate, now);
        if (validity == AlipayCertificates.Validity.VALID) {
            return;
        }
        boolean expired = validity == AlipayCertificates.Validity.EXPIRED;
        String when = expired ? "expired at " + certificate.getNotAfter().toInstant()
                : "is not valid before " + certificate.getNotBefore().toInstant();
        String role = appCertificate ? "application certificate" : "certificate";
        String fix = appCertificate
                ? "renew it in Alipay's console and configure the new appCertPublicKey certificate with certificates(...)"
                : "configure Alipay's current alipayCertPublicKey_RSA2.crt with alipayCertificate(...)";
        throw new AlipayCertificateException(expired ? AlipayCertificateException.Problem.EXPIRED
                : AlipayCertificateException.Problem.NOT_YET_VALID, sn, certificate.getNotAfter().toInstant(),
                "alipay " + role + " SN " + sn + " " + when + " (clock: " + now + "); " + fix
                        + (outcomeUnknown ? "; the request had been sent, so query before retrying" : ""),
                outcomeUnknown, httpStatus);
    }

    /** A signed, verified gateway call; agreements call the gateway through here too. */
    JsonNode call(String method, ObjectNode biz, boolean mutating, String operation) {
        return http.call(request(method, biz), r -> verifyResponse(method, r, mutating, operation),
                r -> parse(method, r, mutating, operation));
    }

    /**
     * A signed gateway call. Every Alipay call is safe to repeat: creates, closes and refunds are keyed by
     * {@code out_trade_no} or {@code out_request_no}, so Alipay answers a repeat with the first result; the rest read.
     */
    private HttpRequest request(String method, ObjectNode biz) {
        Map<String, String> params = common(method, biz);
        // protocol parameters travel in the query string, the business content in the form body, as the Alipay SDK does
        HttpRequest.Builder b = HttpRequest.post(config.gatewayUrl()).header("User-Agent", "learnloop-sdk-payment")
                .idempotent();
        params.forEach((k, v) -> {
            if (!k.equals("biz_content")) {
                b.query(k, v);
            }
        });
        return b.form(Map.of("biz_content", params.get("biz_content"))).build();
    }

    /** Sends {@code alipay.open.app.alipaycert.download}; the response is checked by the caller. */
    private String downloadCertificate(String sn) {
        ObjectNode biz = Json.object();
        biz.put("alipay_cert_sn", sn);
        return http.call(request(AlipayCertDownload.METHOD, biz), r -> {
            if (!r.ok()) {
                throw RemoteErrors.of("alipay", "download certificate", r.status(), null, null, null, false, false);
            }
            return r.text();
        });
    }

    /**
     * A success ({@code code=10000}) must carry a valid signature over the raw {@code <method>_response} text, or it
     * is treated as forged; failures are not signed reliably and are reported by {@link #parse} as they are.
     */
    private void verifyResponse(String method, HttpResponse r, boolean mutating, String operation) {
        String raw = r.ok() ? AlipaySignatures.extract(r.text(), responseKey(method)) : null;
        if (raw == null || !"10000".equals(Json.text(Json.parse(raw.getBytes(StandardCharsets.UTF_8)), "code"))) {
            return;
        }
        JsonNode whole = Json.parse(r.body());
        String sign = Json.text(whole, "sign");
        List<PublicKey> keys = config.certificates() == null ? config.alipayPublicKeys()
                : List.of(responseCertificate(Json.text(whole, "alipay_cert_sn"), operation, mutating, r.status()).getPublicKey());
        if (sign == null || !AlipaySignatures.verifyAny(raw, sign, keys)) {
            throw new RemoteException(ErrorCode.VERIFICATION_FAILED, "alipay " + operation
                    + " returned a success response whose signature does not verify; it is treated as forged"
                    + (mutating ? " and the outcome is unknown: query before retrying" : ""),
                    false, mutating, r.status(), null, null, null);
        }
    }

    private static String responseKey(String method) {
        return method.replace('.', '_') + "_response";
    }

    private JsonNode parse(String method, HttpResponse r, boolean mutating, String operation) {
        if (!r.ok()) {
            boolean transientFailure = r.status() == 429 || r.status() >= 500;
            throw RemoteErrors.of("alipay", operation, r.status(), null, null, null, transientFailure,
                    mutating && transientFailure);
        }
        String text = r.text();
        String raw = AlipaySignatures.extract(text, responseKey(method));
        if (raw == null) {
            raw = AlipaySignatures.extract(text, "error_response");
            JsonNode err = raw == null ? null : Json.parse(raw.getBytes(StandardCharsets.UTF_8));
            throw RemoteErrors.of("alipay", operation, r.status(), err == null ? null : Json.text(err, "sub_code") != null
                    ? Json.text(err, "sub_code") : Json.text(err, "code"), err == null ? "unexpected response" : Json.text(err, "sub_msg"),
                    null, false, mutating && err == null);
        }
        JsonNode response = Json.parse(raw.getBytes(StandardCharsets.UTF_8));
        String code = Json.text(response, "code");
        if ("10000".equals(code)) {
            return response;
        }
        String subCode = Json.text(response, "sub_code");
        boolean systemBusy = "20000".equals(code) || "ACQ.SYSTEM_ERROR".equals(subCode) || "aop.ACQ.SYSTEM_ERROR".equals(subCode);
        throw RemoteErrors.of("alipay", operation, r.status(), subCode != null ? subCode : code,
                Json.text(response, "sub_msg") != null ? Json.text(response, "sub_msg") : Json.text(response, "msg"),
                null, systemBusy, mutating && systemBusy);
    }

    /**
     * Verifies the synchronous result the Alipay app SDK returns to the app after an app payment
     * ({@code {"alipay_trade_app_pay_response":{...},"sign":"...","sign_type":"RSA2"}}, the {@code result} of the SDK's
     * answer), as alipay-sdk-java verifies a response: the RSA2 signature over the raw text of
     * {@code alipay_trade_app_pay_response} under Alipay's public key (or, in certificate mode, the certificate that
     * {@code alipay_cert_sn} names), then {@code code=10000} and this app's {@code app_id}. The app's word is never
     * enough to fulfil an order (a rooted phone can replay an old result): the order is paid by Alipay's notification
     * or a query; use this to tell the learner that the payment is on its way.
     *
     * @param result the result string as the app received it
     * @return the verified fields
     * @throws ValidationException if the result is malformed, its signature does not verify, it reports no success,
     *                             or it is another app's
     */
    public AlipayAppPayResult verifyAppPayResult(String result) {
        if (result == null || result.isBlank() || result.length() > 8192) {
            throw ValidationException.of("result", "must be the app SDK's result string, 1 to 8192 characters");
        }
        String raw = AlipaySignatures.extract(result, "alipay_trade_app_pay_response");
        JsonNode whole = Json.parse(result.getBytes(StandardCharsets.UTF_8));
        String sign = whole == null ? null : Json.text(whole, "sign");
        if (raw == null || sign == null) {
            throw ValidationException.of("result", "is not an app payment result: it needs "
                    + "alipay_trade_app_pay_response and sign");
        }
        if (whole.has("sign_type") && !"RSA2".equals(Json.text(whole, "sign_type"))) {
            throw ValidationException.of("result", "sign_type must be RSA2 (was '" + Json.text(whole, "sign_type")
                    + "')");
        }
        List<PublicKey> keys = config.certificates() == null ? config.alipayPublicKeys()
                : List.of(responseCertificate(Json.text(whole, "alipay_cert_sn"), "app pay result", false, 200)
                .getPublicKey());
        if (!AlipaySignatures.verifyAny(raw, sign, keys)) {
            throw ValidationException.of("result", "Alipay's signature over alipay_trade_app_pay_response does not "
                    + "verify: the result was changed or forged");
        }
        JsonNode r = Json.parse(raw.getBytes(StandardCharsets.UTF_8));
        if (!"10000".equals(Json.text(r, "code"))) {
            throw ValidationException.of("result", "reports no success (code " + Json.text(r, "code") + ")");
        }
        if (!config.appId().equals(Json.text(r, "app_id"))) {
            throw ValidationException.of("result", "is for app '" + Json.text(r, "app_id") + "', not this one");
        }
        String outTradeNo = Json.text(r, "out_trade_no");
        String total = Json.text(r, "total_amount");
        Money amount;
        try {
            amount = total == null ? null : Money.parse(total, CNY);
        } catch (RuntimeException e) {
            amount = null;
        }
        if (outTradeNo == null || amount == null) {
            throw ValidationException.of("result", "lacks out_trade_no or a total_amount in yuan");
        }
        return new AlipayAppPayResult(config.appId(), outTradeNo, Json.text(r, "trade_no"), amount,
                Json.text(r, "seller_id"));
    }

    /** The configured Alipay certificate a success response names, valid now; never a fallback to another one. */
    private X509Certificate responseCertificate(String sn, String operation, boolean mutating, int status) {
        String unknown = mutating ? " and the outcome is unknown: query before retrying" : "";
        if (sn == null || sn.isEmpty()) {
            throw new AlipayCertificateException(AlipayCertificateException.Problem.MISSING_CERTIFICATE_SN, null, null,
                    "alipay " + operation + " returned a success response without alipay_cert_sn although certificate mode is "
                            + "configured; it cannot be verified and is treated as forged" + unknown, mutating, status);
        }
        X509Certificate certificate = config.certificates().alipayCertificate(sn);
        AlipayCertDownload.Result download = certificate == null && downloads != null ? downloads.obtain(sn) : null;
        if (download != null) {
            certificate = download.certificate();
        }
        if (certificate == null) {
            boolean untrusted = download != null && download.untrusted();
            throw new AlipayCertificateException(untrusted ? AlipayCertificateException.Problem.UNTRUSTED_CERTIFICATE
                    : AlipayCertificateException.Problem.UNKNOWN_CERTIFICATE, sn, null,
                    "alipay " + operation + " response is signed with Alipay certificate SN " + sn + ", which is not configured (configured: "
                            + config.certificates().alipayCertificates().keySet() + ")"
                            + (download == null ? "" : "; automatic download: " + download.problem())
                            + "; Alipay has probably rotated its certificate: "
                            + "download the new alipayCertPublicKey_RSA2.crt from Alipay's console and add it with "
                            + "AlipayConfig.Builder.alipayCertificate(...), keeping the old one until the rotation ends" + unknown,
                    mutating, status);
        }
        requireValid(certificate, sn, false, mutating, status);
        return certificate;
    }

    @Override
    public NotificationOutcome parseNotification(byte[] body, Map<String, String> headers) {
        if (body == null || body.length == 0) {
            return reject(RejectionReason.MALFORMED, "empty body");
        }
        AlipayNotificationForm.Parsed form = AlipayNotificationForm.parse(body);
        if (form.problem() != null) {
            return reject(RejectionReason.MALFORMED, form.problem());
        }
        return verifyNotification(form.params());
    }

    /**
     * Verifies notification parameters that a framework has already decoded. The map is read, never modified.
     * A map cannot show a parameter that came twice, which {@link #parseNotification(byte[], Map)} refuses: when you
     * build the map yourself, refuse a repeated parameter instead of keeping one of its values.
     *
     * @param params the decoded form parameters
     * @return the verified event or the rejection
     */
    public NotificationOutcome verifyNotification(Map<String, String> params) {
        Map<String, String> p = Map.copyOf(withoutNulls(params));
        NotificationOutcome.Rejected refused = verifySigned(p);
        if (refused != null) {
            return refused;
        }
        Instant notified = parseTime(p.get("notify_time"));
        if (!config.appId().equals(p.get("app_id"))) {
            return reject(RejectionReason.WRONG_MERCHANT, "the notification is for app '" + p.get("app_id") + "'");
        }
        if (config.sellerId() != null && !config.sellerId().equals(p.get("seller_id"))) {
            return reject(RejectionReason.WRONG_MERCHANT, "the notification is for seller '" + p.get("seller_id") + "'");
        }
        String eventId = p.get("notify_id");
        if (eventId == null || eventId.isEmpty()) {
            return reject(RejectionReason.MALFORMED, "notify_id is missing");
        }
        String status = p.get("trade_status");
        String refundNo = p.get("out_biz_no");
        Money amount;
        Map<String, String> attributes = new LinkedHashMap<>();
        PaymentEventType type;
        try {
            if (p.get("refund_fee") != null && refundNo != null) {
                type = PaymentEventType.REFUND_SUCCEEDED;
                // refund_fee is the running total of all refunds on the trade, not this refund's amount
                attributes.put("refund_fee_total", Money.parse(p.get("refund_fee"), CNY).toDecimalString());
                amount = null;
            } else {
                type = switch (status == null ? "" : status) {
                    case "TRADE_SUCCESS", "TRADE_FINISHED" -> PaymentEventType.PAYMENT_SUCCEEDED;
                    case "TRADE_CLOSED" -> PaymentEventType.PAYMENT_CLOSED;
                    default -> PaymentEventType.IGNORED;
                };
                amount = p.get("total_amount") == null ? null : Money.parse(p.get("total_amount"), CNY);
            }
        } catch (ValidationException e) {
            return reject(RejectionReason.MALFORMED, "an amount is not a yuan amount with two decimals");
        }
        if (status != null) {
            attributes.put("trade_status", status);
        }
        Instant at = parseTime(p.get("gmt_payment"));
        return VerifiedEvents.decode(id(), () -> new PaymentEvent(id(), eventId, type,
                p.getOrDefault("notify_type", "trade_status_sync"), p.get("out_trade_no"), p.get("trade_no"), refundNo,
                null, amount, p.get("app_id"), at != null ? at : notified, attributes));
    }

    /**
     * Verifies a signed notification form: RSA2 over every parameter but {@code sign} and {@code sign_type} (under the
     * configured Alipay keys, or in certificate mode the certificate it names), and {@code notify_time} within the
     * tolerance. Trade and agreement notifications ({@link AlipayAgreements}) are verified here.
     *
     * @param p the parameters, without nulls
     * @return null if verified, else the rejection
     */
    NotificationOutcome.Rejected verifySigned(Map<String, String> p) {
        String sign = p.get("sign");
        if (sign == null || sign.isEmpty()) {
            return reject(RejectionReason.MISSING_SIGNATURE, "no sign parameter");
        }
        String signType = p.get("sign_type");
        if (signType != null && !"RSA2".equals(signType)) {
            return reject(RejectionReason.BAD_SIGNATURE, "unsupported sign_type " + signType + "; configure RSA2");
        }
        String content = AlipaySignatures.content(p, List.of("sign", "sign_type"));
        if (config.certificates() != null) {
            NotificationOutcome.Rejected refused = verifyByCertificate(p, content, sign);
            if (refused != null) {
                return refused;
            }
        } else if (!AlipaySignatures.verifyAny(content, sign, config.alipayPublicKeys())) {
            return reject(RejectionReason.BAD_SIGNATURE, "the signature does not match the parameters under any Alipay public key");
        }
        Instant notified = parseTime(p.get("notify_time"));
        if (notified == null) {
            return reject(RejectionReason.MALFORMED, "notify_time is missing or not yyyy-MM-dd HH:mm:ss");
        }
        Instant now = config.settings().clock().instant();
        if (notified.isBefore(now.minus(config.settings().tolerance()))) {
            return reject(RejectionReason.STALE_TIMESTAMP, "notify_time is " + notified + ", older than the tolerance");
        }
        if (notified.isAfter(now.plus(config.settings().tolerance()))) {
            return reject(RejectionReason.FUTURE_TIMESTAMP, "notify_time is " + notified + ", in the future beyond the tolerance");
        }
        return null;
    }

    /**
     * Certificate mode: like the official SDK's {@code rsaCertCheckV1}, the key of the configured Alipay certificate
     * verifies; a notification that names its certificate by {@code alipay_cert_sn} is held to that one. Certificates
     * outside their validity period by the clock verify nothing.
     */
    private NotificationOutcome.Rejected verifyByCertificate(Map<String, String> p, String content, String sign) {
        String named = p.get("alipay_cert_sn");
        // downloaded certificates verify notifications too, but a notification never causes a download
        Map<String, X509Certificate> candidates = downloads == null ? config.certificates().alipayCertificates() : downloads.trusted();
        if (named != null && !named.isEmpty()) {
            X509Certificate c = candidates.get(named);
            if (c == null) {
                return reject(RejectionReason.UNKNOWN_KEY, "the notification names Alipay certificate SN " + named
                        + ", which is not configured; add Alipay's rotated alipayCertPublicKey_RSA2.crt with alipayCertificate(...)");
            }
            candidates = Map.of(named, c);
        }
        Instant now = config.settings().clock().instant();
        List<PublicKey> valid = new ArrayList<>();
        Map<String, X509Certificate> outOfPeriod = new LinkedHashMap<>();
        candidates.forEach((sn, c) -> {
            if (AlipayCertificates.validity(c, now) == AlipayCertificates.Validity.VALID) {
                valid.add(c.getPublicKey());
            } else {
                outOfPeriod.put(sn, c);
            }
        });
        if (AlipaySignatures.verifyAny(content, sign, valid)) {
            return null;
        }
        for (Map.Entry<String, X509Certificate> e : outOfPeriod.entrySet()) {
            if (AlipaySignatures.verifyAny(content, sign, List.of(e.getValue().getPublicKey()))) {
                return reject(RejectionReason.UNKNOWN_KEY, "the notification is signed with Alipay certificate SN " + e.getKey()
                        + ", which is outside its validity period (" + e.getValue().getNotBefore().toInstant() + " to "
                        + e.getValue().getNotAfter().toInstant() + ", clock " + now + "); configure Alipay's current "
                        + "alipayCertPublicKey_RSA2.crt with alipayCertificate(...)");
            }
        }
        return reject(RejectionReason.BAD_SIGNATURE, "the signature does not match the parameters under any configured Alipay certificate");
    }

    private static Map<String, String> withoutNulls(Map<String, String> params) {
        Map<String, String> m = new HashMap<>();
        if (params != null) {
            params.forEach((k, v) -> {
                if (k != null && v != null) {
                    m.put(k, v);
                }
            });
        }
        return m;
    }

    private NotificationOutcome.Rejected reject(RejectionReason reason, String detail) {
        return new NotificationOutcome.Rejected(id(), reason, detail);
    }

    @Override
    public Acknowledgement acknowledge(NotificationOutcome outcome) {
        return outcome.verified() ? new Acknowledgement(200, "text/plain;charset=utf-8", "success")
                : new Acknowledgement(400, "text/plain;charset=utf-8", "fail");
    }

    @Override
    public String toString() {
        return "AlipayProvider[" + config + "]";
    }
}
