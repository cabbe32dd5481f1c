package io.learnloop.payment.wechat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.http.internal.HttpPipeline;
import io.learnloop.http.internal.HttpRequest;
import io.learnloop.http.internal.HttpResponse;
import io.learnloop.core.error.RemoteException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.error.Validator;
import io.learnloop.payment.Acknowledgement;
import io.learnloop.payment.spi.Capability;
import io.learnloop.payment.spi.CreatePaymentRequest;
import io.learnloop.payment.NotificationOutcome;
import io.learnloop.core.money.Money;
import io.learnloop.payment.PaymentEvent;
import io.learnloop.payment.PaymentEventType;
import io.learnloop.payment.H5Scene;
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
import io.learnloop.payment.WechatAppParameters;
import io.learnloop.payment.WechatJsapiParameters;
import io.learnloop.payment.internal.config.TimestampSkew;
import io.learnloop.payment.internal.http.HeaderMap;
import io.learnloop.payment.internal.http.RemoteErrors;
import io.learnloop.payment.internal.json.Json;
import io.learnloop.payment.internal.notification.VerifiedEvents;
import io.learnloop.payment.internal.wechat.WechatSerials;
import io.learnloop.payment.internal.wechat.AeadResource;
import io.learnloop.payment.internal.wechat.PlatformCertificateDecoder;
import io.learnloop.payment.internal.wechat.PlatformCertificateStore;
import io.learnloop.payment.internal.wechat.TradeBillFile;
import io.learnloop.payment.internal.wechat.TradeBillParser;
import io.learnloop.payment.internal.wechat.WechatSignatures;
import io.learnloop.payment.internal.wechat.WechatSigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.PublicKey;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * WeChat Pay APIv3: Native ({@link PaymentFlow#QR_CODE}), JSAPI in an official account ({@link PaymentFlow#JSAPI})
 * or a mini-program ({@link PaymentFlow#MINI_PROGRAM}), H5 ({@link PaymentFlow#H5}) and APP ({@link PaymentFlow#APP})
 * payments; query, close, partial refunds and notifications, the same for every flow (they name the payment by
 * {@code out_trade_no} only).
 *
 * <p>Every request is signed (WECHATPAY2-SHA256-RSA2048); every 2xx response must carry a valid platform signature
 * with a timestamp within the tolerance, otherwise it is treated as forged. Notifications are verified on the raw
 * body, checked for time on both sides, decrypted (AEAD_AES_256_GCM with the APIv3 key) and checked against this
 * merchant's {@code mchid} and {@code appid}. Signature probes ({@code WECHATPAY/SIGNTEST/…}) are rejected cleanly.
 *
 * <p>Platform certificates are configured, or downloaded and rotated automatically
 * ({@link WechatPayConfig.Builder#autoPlatformCertificates(java.time.Duration)}), or refreshed by the host with
 * {@link #refreshPlatformCertificates()}. Daily trade bills are fetched with {@link #downloadTradeBill(LocalDate, boolean)}.
 *
 * <p>Amounts are integer fen; only CNY is accepted.
 *
 * <p>Thread-safe: the configuration is immutable; downloaded platform certificates are swapped atomically and at most
 * one download runs at a time.
 */
public final class WechatPayProvider implements PaymentProvider {
    private static final String USER_AGENT = "learnloop-sdk-payment";
    private static final Currency CNY = Currency.getInstance("CNY");
    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
    private static final Logger LOG = LoggerFactory.getLogger(WechatPayProvider.class);

    private final WechatPayConfig config;
    private final HttpPipeline http;
    private final PlatformCertificateStore certificates;

    /**
     * Creates the provider.
     *
     * @param config the configuration
     */
    public WechatPayProvider(WechatPayConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.http = HttpPipeline.builder(config.settings().http(), "wechatpay").clock(config.settings().clock())
                .signer(new WechatSigner(config.mchId(), config.merchantSerialNumber(), config.merchantPrivateKey(),
                        config.settings().clock(), () -> config.ids().newId().replace("-", "")))
                .build();
        this.certificates = new PlatformCertificateStore(config.settings().clock(), config.certificateRefreshInterval(),
                config.unknownSerialCooldown(), this::downloadPlatformCertificates);
    }

    @Override
    public ProviderId id() {
        return config.settings().id();
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.QR_CODE, Capability.JSAPI, Capability.MINI_PROGRAM, Capability.H5, Capability.APP,
                Capability.QUERY, Capability.CLOSE,
                Capability.PARTIAL_REFUND, Capability.NOTIFICATIONS);
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@link PaymentFlow#QR_CODE}: {@code POST /v3/pay/transactions/native}, {@code code_url} as the QR code.
     * {@link PaymentFlow#JSAPI} and {@link PaymentFlow#MINI_PROGRAM}: {@code POST /v3/pay/transactions/jsapi} with
     * {@code payer.openid}, {@code prepay_id} and the signed {@link WechatJsapiParameters}. {@link PaymentFlow#H5}:
     * {@code POST /v3/pay/transactions/h5} with {@code scene_info} ({@code payer_client_ip}, {@code h5_info} from the
     * request's {@link H5Scene}: {@code type} {@code Wap} by default, or {@code iOS} / {@code Android} with the app's
     * {@code app_name}, {@code bundle_id} / {@code package_name}), {@code h5_url} as the redirect URL. {@link PaymentFlow#APP}: {@code POST /v3/pay/transactions/app},
     * {@code prepay_id} and the signed {@link WechatAppParameters}. Each is created with the flow's appid.
     */
    @Override
    public PaymentSession create(CreatePaymentRequest request) {
        requireCny(request.amount(), "amount.currency");
        PaymentFlow flow = request.flow();
        String path = switch (flow) {
            case QR_CODE -> "/v3/pay/transactions/native";
            case JSAPI, MINI_PROGRAM -> "/v3/pay/transactions/jsapi";
            case H5 -> "/v3/pay/transactions/h5";
            case APP -> "/v3/pay/transactions/app";
            default -> throw ValidationException.of("flow", "WeChat Pay supports QR_CODE (Native), JSAPI, MINI_PROGRAM,"
                    + " H5 and APP, not " + flow);
        };
        String appId = config.appId(flow);
        ObjectNode body = Json.object();
        body.put("appid", appId);
        body.put("mchid", config.mchId());
        body.put("description", request.description());
        body.put("out_trade_no", request.merchantReference());
        if (request.expiresAt() != null) {
            body.put("time_expire", OffsetDateTime.ofInstant(request.expiresAt().truncatedTo(ChronoUnit.SECONDS), CHINA)
                    .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        }
        body.put("notify_url", config.notifyUrl());
        ObjectNode amount = body.putObject("amount");
        amount.put("total", request.amount().minor());
        amount.put("currency", "CNY");
        if (flow == PaymentFlow.JSAPI || flow == PaymentFlow.MINI_PROGRAM) {
            body.putObject("payer").put("openid", request.payerId());
        }
        if (config.profitSharing()) {
            // the money stays frozen for profit sharing (分账) until it is split or unfrozen
            body.putObject("settle_info").put("profit_sharing", true);
        }
        if (flow == PaymentFlow.H5) {
            ObjectNode scene = body.putObject("scene_info");
            scene.put("payer_client_ip", request.payerClientIp());
            // without a scene: a mobile web page (Wap); a page inside an app names the app
            H5Scene h5 = request.h5Scene() != null ? request.h5Scene() : H5Scene.wap(null, null);
            ObjectNode info = scene.putObject("h5_info");
            info.put("type", h5.type());
            putIfSet(info, "app_name", h5.appName());
            putIfSet(info, "app_url", h5.appUrl());
            putIfSet(info, "bundle_id", h5.bundleId());
            putIfSet(info, "package_name", h5.packageName());
        }
        // out_trade_no makes a repeated create with the same parameters return the same order
        JsonNode r = ok("create payment", call(post(path, Json.write(body), true), "create payment", true), true);
        String reference = request.merchantReference();
        return switch (flow) {
            case QR_CODE -> new PaymentSession(id(), reference, null, flow, null, required(r, "code_url"), null, null);
            case H5 -> new PaymentSession(id(), reference, null, flow, required(r, "h5_url"), null, null, null);
            case APP -> {
                String prepayId = required(r, "prepay_id");
                String timestamp = String.valueOf(config.settings().clock().instant().getEpochSecond());
                String nonce = nonce();
                yield new PaymentSession(id(), reference, prepayId, flow, null, null, null, new WechatAppParameters(
                        appId, config.mchId(), prepayId, "Sign=WXPay", nonce, timestamp,
                        WechatSignatures.appSign(config.merchantPrivateKey(), appId, timestamp, nonce, prepayId)));
            }
            default -> {
                String prepayId = required(r, "prepay_id");
                String timeStamp = String.valueOf(config.settings().clock().instant().getEpochSecond());
                String nonce = nonce();
                String pkg = "prepay_id=" + prepayId;
                yield new PaymentSession(id(), reference, prepayId, flow, null, null, null, new WechatJsapiParameters(
                        appId, timeStamp, nonce, pkg, "RSA",
                        WechatSignatures.jsapiPaySign(config.merchantPrivateKey(), appId, timeStamp, nonce, pkg)));
            }
        };
    }

    /** A field a verified create answer must carry; without it the payer could not pay, so the call failed. */
    private static String required(JsonNode r, String field) {
        String value = Json.text(r, field);
        if (value == null || value.isBlank()) {
            throw new RemoteException(ErrorCode.REMOTE_FAILURE, "wechatpay create payment answered without "
                    + field, false, true, 200, null, null, null);
        }
        return value;
    }

    @Override
    public PaymentStatus query(PaymentReference payment) {
        String path = "/v3/pay/transactions/out-trade-no/" + payment.merchantReference() + "?mchid=" + config.mchId();
        HttpResponse r = call(get(HttpRequest.get(config.baseUrl() + path)), "query payment", false);
        if (r.status() == 404) {
            return new PaymentStatus(id(), payment.merchantReference(), null, PaymentState.NOT_FOUND, "ORDER_NOT_EXIST", null, null);
        }
        JsonNode o = ok("query payment", r, false);
        String tradeState = Json.text(o, "trade_state");
        PaymentState state = switch (tradeState == null ? "" : tradeState) {
            case "SUCCESS" -> PaymentState.PAID;
            case "REFUND" -> PaymentState.REFUNDED;
            case "CLOSED", "REVOKED" -> PaymentState.CLOSED;
            case "PAYERROR" -> PaymentState.FAILED;
            default -> PaymentState.PENDING;
        };
        Long total = Json.number(o, "amount", "total");
        return new PaymentStatus(id(), payment.merchantReference(), Json.text(o, "transaction_id"), state, tradeState,
                total == null ? null : new Money(total, CNY), parseTime(Json.text(o, "success_time")));
    }

    @Override
    public void close(PaymentReference payment) {
        ObjectNode body = Json.object();
        body.put("mchid", config.mchId());
        HttpResponse r = call(post("/v3/pay/transactions/out-trade-no/" + payment.merchantReference() + "/close",
                Json.write(body), true), "close payment", true);
        if (r.status() != 204) {
            ok("close payment", r, true);
        }
    }

    @Override
    public RefundResult refund(RefundRequest request) {
        requireCny(request.amount(), "amount.currency");
        ObjectNode body = Json.object();
        body.put("out_trade_no", request.payment().merchantReference());
        body.put("out_refund_no", request.refundReference());
        if (request.reason() != null) {
            body.put("reason", request.reason());
        }
        body.put("notify_url", config.notifyUrl());
        ObjectNode amount = body.putObject("amount");
        amount.put("refund", request.amount().minor());
        amount.put("total", request.paidAmount().minor());
        amount.put("currency", "CNY");
        // Not repeated automatically: after a 429 or 5xx WeChat Pay may have accepted the refund; query first.
        JsonNode r = ok("refund", call(post("/v3/refund/domestic/refunds", Json.write(body), false), "refund", true), true);
        Long refunded = Json.number(r, "amount", "refund");
        return refundResult(request.refundReference(), r, refunded == null ? request.amount() : new Money(refunded, CNY));
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code GET /v3/refund/domestic/refunds/{out_refund_no}}; the answer must carry a valid platform signature.
     * {@code SUCCESS}, {@code PROCESSING}, {@code CLOSED} and {@code ABNORMAL} map to SUCCEEDED, PENDING, FAILED and
     * ACTION_REQUIRED; {@code 404 RESOURCE_NOT_EXISTS} to NOT_FOUND.
     */
    @Override
    public RefundResult queryRefund(RefundQuery query) {
        HttpResponse r = call(get(HttpRequest.get(config.baseUrl()).pathSegments("v3/refund/domestic/refunds")
                .pathSegment(query.refundReference())), "query refund", false);
        if (r.status() == 404) {
            String code = Json.text(Json.parse(r.body()), "code");
            return RefundResult.notFound(id(), query.refundReference(), code != null ? code : "404");
        }
        JsonNode o = ok("query refund", r, false);
        Long refunded = Json.number(o, "amount", "refund");
        return refundResult(query.refundReference(), o, refunded == null ? null : new Money(refunded, CNY));
    }

    private RefundResult refundResult(String refundReference, JsonNode r, Money amount) {
        String status = Json.text(r, "status");
        RefundState state = switch (status == null ? "" : status) {
            case "SUCCESS" -> RefundState.SUCCEEDED;
            case "CLOSED" -> RefundState.FAILED;
            // the payer's card or account cannot take the money back: the merchant must route it elsewhere
            case "ABNORMAL" -> RefundState.ACTION_REQUIRED;
            default -> RefundState.PENDING;
        };
        return new RefundResult(id(), refundReference, Json.text(r, "refund_id"), state, amount, status);
    }

    private static void requireCny(Money amount, String field) {
        if (!CNY.equals(amount.currency())) {
            throw ValidationException.of(field, "WeChat Pay charges CNY only (was " + amount.currency() + ")");
        }
    }

    private String nonce() {
        return config.ids().newId().replace("-", "");
    }

    private HttpRequest get(HttpRequest.Builder request) {
        return request.header("Accept", "application/json").header("User-Agent", USER_AGENT).build();
    }

    /**
     * A POST with a JSON body; {@code keyed} when its {@code out_trade_no} makes WeChat Pay answer a repeat with the
     * first result, so the shared retry policy may send it again.
     */
    private HttpRequest post(String path, String json, boolean keyed) {
        HttpRequest.Builder b = HttpRequest.post(config.baseUrl() + path).json(json)
                .header("Accept", "application/json").header("User-Agent", USER_AGENT);
        return (keyed ? b.idempotent() : b).build();
    }

    /**
     * POSTs a JSON body for profit sharing and parses the verified answer; {@code keyed} when a merchant number in
     * the body makes a repeat return the first result.
     */
    JsonNode postJson(String operation, String path, String json, String wechatpaySerial, boolean keyed) {
        HttpRequest.Builder b = HttpRequest.post(config.baseUrl() + path).json(json)
                .header("Accept", "application/json").header("User-Agent", USER_AGENT);
        if (wechatpaySerial != null) {
            b.header("Wechatpay-Serial", wechatpaySerial);
        }
        return ok(operation, call((keyed ? b.idempotent() : b).build(), operation, true), true);
    }

    /** Sends a signed GET for profit sharing; the caller reads a 404 itself. */
    HttpResponse getSigned(String operation, HttpRequest.Builder request) {
        return call(get(request), operation, false);
    }

    /** Parses a verified read, or throws the failure it reports. */
    JsonNode answer(String operation, HttpResponse r) {
        return ok(operation, r, false);
    }

    WechatPayConfig config() {
        return config;
    }

    /** Signs and sends; a 2xx answer must carry a valid platform signature before anything reads it. */
    private HttpResponse call(HttpRequest request, String operation, boolean mutating) {
        return http.call(request, r -> {
            if (r.ok()) {
                verifyResponse(operation, r, mutating, this::keyFor);
            }
        }, r -> r);
    }

    /** Parses a verified answer, or throws the failure it reports. */
    private JsonNode ok(String operation, HttpResponse r, boolean mutating) {
        if (r.ok()) {
            JsonNode body = r.body().length == 0 ? Json.object() : Json.parse(r.body());
            if (body == null) {
                throw RemoteErrors.of("wechatpay", operation, r.status(), null, "the response is not JSON",
                        r.header("Request-ID"), false, mutating);
            }
            return body;
        }
        JsonNode body = Json.parse(r.body());
        String code = Json.text(body, "code");
        int s = r.status();
        boolean transientFailure = s == 429 || s >= 500;
        boolean refund = "refund".equals(operation);
        boolean retryable = transientFailure && !refund;
        boolean unknown = mutating && transientFailure;
        throw RemoteErrors.of("wechatpay", operation, s, code, Json.text(body, "message"), r.header("Request-ID"),
                retryable, unknown);
    }

    private void verifyResponse(String operation, HttpResponse r, boolean mutating, Function<String, PublicKey> keys) {
        String problem = verify(r.header("Wechatpay-Timestamp"), r.header("Wechatpay-Nonce"), r.header("Wechatpay-Signature"),
                r.header("Wechatpay-Serial"), r.header("Wechatpay-Signature-Type"), r.body(), null, keys);
        if (problem != null) {
            throw new RemoteException(ErrorCode.VERIFICATION_FAILED, "wechatpay " + operation
                    + " returned a response that failed verification (" + problem + "); it is treated as forged"
                    + (mutating ? " and the outcome is unknown: query before retrying" : ""),
                    false, mutating, r.status(), null, r.header("Request-ID"), null);
        }
    }

    /**
     * Verifies a signed message; returns null when valid, or the rejection reason name and detail.
     */
    private String verify(String timestamp, String nonce, String signature, String serial, String type, byte[] body,
                          RejectionReason[] reasonOut, Function<String, PublicKey> keys) {
        if (signature != null && signature.startsWith("WECHATPAY/SIGNTEST/")) {
            return fail(reasonOut, RejectionReason.SIGNATURE_PROBE, "signature probe");
        }
        if (timestamp == null || nonce == null || signature == null || serial == null) {
            return fail(reasonOut, RejectionReason.MISSING_SIGNATURE, "Wechatpay-Timestamp, -Nonce, -Signature and -Serial are required");
        }
        if (type != null && !WechatSignatures.SCHEMA.equals(type)) {
            return fail(reasonOut, RejectionReason.BAD_SIGNATURE, "unsupported signature type " + type);
        }
        PublicKey key = keys.apply(serial);
        if (key == null) {
            String failure = certificates.lastFailure();
            return fail(reasonOut, RejectionReason.UNKNOWN_KEY, "no valid platform certificate or public key with id " + serial
                    + (failure == null ? "" : " (the last platform certificate download failed: " + failure + ")"));
        }
        if (!WechatSignatures.verify(key, timestamp, nonce, body, signature)) {
            return fail(reasonOut, RejectionReason.BAD_SIGNATURE, "the signature does not match the raw body");
        }
        long ts;
        try {
            ts = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return fail(reasonOut, RejectionReason.MALFORMED, "Wechatpay-Timestamp is not a number");
        }
        TimestampSkew skew = config.settings().skew(ts);
        return skew == null ? null : fail(reasonOut, skew.reason(), skew.detail());
    }

    /** Configured keys first (they must keep working exactly as configured), then downloaded certificates. */
    private PublicKey keyFor(String serial) {
        String canonical = WechatSerials.canonical(serial);
        PublicKey configured = canonical == null ? null : config.verificationKeys().get(canonical);
        return configured != null ? configured : certificates.keyFor(canonical);
    }

    /**
     * Downloads the platform certificates now ({@code GET /v3/certificates}) and uses them from then on, whatever
     * the refresh interval says. Each certificate is decrypted with the APIv3 key, its serial number and validity
     * are checked, and the response must be signed by a configured key or by one of the downloaded certificates
     * valid now. Hosts that schedule refreshes themselves call this; with
     * {@link WechatPayConfig.Builder#autoPlatformCertificates(java.time.Duration)} the provider also refreshes on
     * its own.
     *
     * @return the certificates now trusted, with their serial numbers and validity
     * @throws RemoteException with {@link ErrorCode#VERIFICATION_FAILED} when the response is unsigned, forged,
     *                         cannot be decrypted with the APIv3 key or holds no certificate valid now, or another
     *                         code when the call fails; the certificates in use stay unchanged
     */
    public List<PlatformCertificate> refreshPlatformCertificates() {
        return certificates.refreshNow();
    }

    private List<PlatformCertificate> downloadPlatformCertificates() {
        String operation = "download platform certificates";
        // The answer is signed by one of the certificates it carries, so it is verified below, once they are decoded.
        HttpResponse r = http.call(get(HttpRequest.get(config.baseUrl() + "/v3/certificates")), resp -> resp);
        if (!r.ok()) {
            ok(operation, r, false);
        }
        PlatformCertificateDecoder.Decoded d = PlatformCertificateDecoder.decode(r.body(), config.apiV3Key().bytes(),
                config.settings().clock().instant(), config.platformCertificateIssuers());
        if (d.problem() != null) {
            throw new RemoteException(ErrorCode.VERIFICATION_FAILED, "wechatpay " + operation + " returned a response that"
                    + " cannot be trusted (" + d.problem() + "); check the APIv3 key", false, false, r.status(), null,
                    r.header("Request-ID"), null);
        }
        // The bootstrap: the response is signed by one of the certificates it carries, which the APIv3 key has
        // just authenticated; a key the host configured for that serial takes precedence.
        Map<String, PublicKey> downloaded = new HashMap<>();
        d.valid().forEach(c -> downloaded.put(WechatSerials.canonical(c.serialNumber()), c.certificate().getPublicKey()));
        verifyResponse(operation, r, false, serial -> {
            String canonical = WechatSerials.canonical(serial);
            PublicKey configured = canonical == null ? null : config.verificationKeys().get(canonical);
            return configured != null ? configured : canonical == null ? null : downloaded.get(canonical);
        });
        if (!d.refused().isEmpty()) {
            LOG.warn("wechatpay {}: certificates set aside as not valid now: {}", operation, d.refused());
        }
        if (d.valid().isEmpty()) {
            throw new RemoteException(ErrorCode.VERIFICATION_FAILED, "wechatpay " + operation + " returned no certificate"
                    + " valid now (set aside: " + d.refused() + ")", false, false, r.status(), null, r.header("Request-ID"), null);
        }
        return d.valid();
    }

    /**
     * Downloads and parses the trade bill of one day ({@code GET /v3/bill/tradebill}, {@code bill_type=ALL}). The
     * announcement is a signed response; the file itself is not signed, so it is accepted only if its SHA1 digest
     * equals the announced one, and only then decompressed and parsed.
     *
     * @param billDate the day, in China Standard Time; WeChat Pay offers bills from the day after, for three months
     * @param gzip     whether to download the file GZIP-compressed ({@code tar_type=GZIP})
     * @return the bill
     * @throws ValidationException if the day is missing or has not ended yet in China
     * @throws TradeBillException  if the file's digest does not match or it is not a trade bill
     * @throws RemoteException     if WeChat Pay refuses (for example 400 {@code NO_STATEMENT_EXIST}: no trade that
     *                             day, or {@code STATEMENT_CREATING}: the bill is generated after 10:00 the next day) or the
     *                             announcement fails verification
     */
    public TradeBill downloadTradeBill(LocalDate billDate, boolean gzip) {
        new Validator().notNull("billDate", billDate).throwIfInvalid();
        LocalDate today = LocalDate.ofInstant(config.settings().clock().instant(), CHINA);
        if (!billDate.isBefore(today)) {
            throw ValidationException.of("billDate", "the bill of " + billDate + " is not available before "
                    + billDate.plusDays(1) + " (China Standard Time)");
        }
        JsonNode announcement = ok("trade bill", call(get(HttpRequest.get(config.baseUrl() + "/v3/bill/tradebill?bill_date="
                + billDate + "&bill_type=ALL" + (gzip ? "&tar_type=GZIP" : ""))), "trade bill", false), false);
        String downloadUrl = Json.text(announcement, "download_url");
        String origin = HttpRequest.origin(downloadUrl);
        String base = HttpRequest.origin(config.baseUrl());
        if (origin == null || !origin.equals(base)) {
            // The download request is signed: never send it anywhere but the configured API.
            // The URL carries a download token: name only where it points.
            throw new TradeBillException(TradeBillException.Problem.MALFORMED, "The trade bill announcement's download_url ("
                    + (origin == null ? "not a URL" : origin)
                    + ") is not on the configured API " + base, null);
        }
        // The file itself is not signed; its digest, announced in the signed answer above, is checked instead.
        HttpResponse file = http.call(get(HttpRequest.get(downloadUrl)), resp -> resp);
        if (!file.ok()) {
            ok("download trade bill", file, false);
        }
        byte[] content = TradeBillFile.verifiedContent(file.body(), Json.text(announcement, "hash_type"),
                Json.text(announcement, "hash_value"), gzip);
        return TradeBillParser.parse(billDate, content);
    }

    private static String fail(RejectionReason[] out, RejectionReason reason, String detail) {
        if (out != null) {
            out[0] = reason;
        }
        return detail;
    }

    @Override
    public NotificationOutcome parseNotification(byte[] body, Map<String, String> headers) {
        if (body == null) {
            return reject(RejectionReason.MALFORMED, "empty body");
        }
        Map<String, String> h = HeaderMap.of(headers);
        RejectionReason[] reason = new RejectionReason[1];
        String problem = verify(h.get("Wechatpay-Timestamp"), h.get("Wechatpay-Nonce"), h.get("Wechatpay-Signature"),
                h.get("Wechatpay-Serial"), h.get("Wechatpay-Signature-Type"), body, reason, this::keyFor);
        if (problem != null) {
            return reject(reason[0], problem);
        }
        JsonNode root = Json.parse(body);
        String eventId = Json.text(root, "id");
        String eventType = Json.text(root, "event_type");
        JsonNode resource = root == null ? null : root.get("resource");
        if (eventId == null || eventType == null || resource == null) {
            return reject(RejectionReason.MALFORMED, "the body is not a WeChat Pay notification");
        }
        AeadResource.Opened opened = AeadResource.open(config.apiV3Key().bytes(), resource);
        if (!opened.ok()) {
            return reject(opened.failure() == AeadResource.Failure.MALFORMED ? RejectionReason.MALFORMED
                    : RejectionReason.DECRYPTION_FAILED, opened.problem());
        }
        JsonNode o = Json.parse(opened.plaintext());
        if (o == null) {
            return reject(RejectionReason.MALFORMED, "the decrypted resource is not JSON");
        }
        String mchId = Json.text(o, "mchid");
        if (!config.mchId().equals(mchId)) {
            return reject(RejectionReason.WRONG_MERCHANT, "the notification is for merchant '" + mchId + "'");
        }
        String appId = Json.text(o, "appid");
        if (appId != null && !config.appIds().contains(appId)) {
            return reject(RejectionReason.WRONG_MERCHANT, "the notification is for app '" + appId + "'");
        }
        Instant created = parseTime(Json.text(root, "create_time"));
        if (eventType.startsWith("TRANSACTION.")) {
            String tradeState = Json.text(o, "trade_state");
            PaymentEventType type = "SUCCESS".equals(tradeState) ? PaymentEventType.PAYMENT_SUCCEEDED
                    : "CLOSED".equals(tradeState) || "REVOKED".equals(tradeState) ? PaymentEventType.PAYMENT_CLOSED
                    : "PAYERROR".equals(tradeState) ? PaymentEventType.PAYMENT_FAILED : PaymentEventType.IGNORED;
            Long total = Json.number(o, "amount", "total");
            String currency = Json.text(o, "amount", "currency");
            Money amount;
            try {
                amount = total == null ? null : Money.ofMinor(total, currency == null ? "CNY" : currency);
            } catch (ValidationException e) {
                return reject(RejectionReason.MALFORMED, "bad amount in the resource");
            }
            Instant at = parseTime(Json.text(o, "success_time"));
            return VerifiedEvents.decode(id(), () -> new PaymentEvent(id(), eventId, type, eventType,
                    Json.text(o, "out_trade_no"), Json.text(o, "transaction_id"), null, null, amount, mchId,
                    at != null ? at : created, attributes(o, "trade_type", "bank_type")));
        }
        if (eventType.startsWith("REFUND.")) {
            String status = Json.text(o, "refund_status");
            // ABNORMAL is not a failure: the money waits for the merchant to route it and the refund may still
            // succeed, so it is left to the refund query (ACTION_REQUIRED), like Stripe's requires_action
            PaymentEventType type = "SUCCESS".equals(status) ? PaymentEventType.REFUND_SUCCEEDED
                    : "CLOSED".equals(status) ? PaymentEventType.REFUND_FAILED
                    : PaymentEventType.IGNORED;
            Long refund = Json.number(o, "amount", "refund");
            Instant at = parseTime(Json.text(o, "success_time"));
            return VerifiedEvents.decode(id(), () -> new PaymentEvent(id(), eventId, type, eventType,
                    Json.text(o, "out_trade_no"), Json.text(o, "transaction_id"), Json.text(o, "out_refund_no"),
                    Json.text(o, "refund_id"), refund == null ? null : new Money(refund, CNY), mchId,
                    at != null ? at : created, attributes(o, "user_received_account")));
        }
        return VerifiedEvents.decode(id(), () -> new PaymentEvent(id(), eventId, PaymentEventType.IGNORED, eventType,
                Json.text(o, "out_trade_no"), null, null, null, null, mchId, created, Map.of()));
    }

    private static Map<String, String> attributes(JsonNode o, String... names) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String n : names) {
            String v = Json.text(o, n);
            if (v != null) {
                m.put(n, v);
            }
        }
        return m;
    }

    private static Instant parseTime(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private NotificationOutcome.Rejected reject(RejectionReason reason, String detail) {
        return new NotificationOutcome.Rejected(id(), reason, detail);
    }

    @Override
    public Acknowledgement acknowledge(NotificationOutcome outcome) {
        if (outcome.verified()) {
            return new Acknowledgement(204, null, "");
        }
        NotificationOutcome.Rejected r = (NotificationOutcome.Rejected) outcome;
        ObjectNode body = Json.object();
        body.put("code", "FAIL");
        body.put("message", r.reason().name());
        int status = switch (r.reason()) {
            case MALFORMED -> 400;
            case TOO_LARGE -> 413;
            default -> 401;
        };
        return new Acknowledgement(status, "application/json", Json.write(body));
    }

    @Override
    public String toString() {
        return "WechatPayProvider[" + config + "]";
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
