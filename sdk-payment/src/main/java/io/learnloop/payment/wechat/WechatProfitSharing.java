package io.learnloop.payment.wechat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.RemoteException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.ledger.AccountKind;
import io.learnloop.core.money.Money;
import io.learnloop.http.internal.HttpRequest;
import io.learnloop.http.internal.HttpResponse;
import io.learnloop.payment.PayoutDestination;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.internal.json.Json;
import io.learnloop.payment.spi.PayoutChannel;
import io.learnloop.payment.spi.PayoutMode;
import io.learnloop.payment.spi.PayoutResult;
import io.learnloop.payment.spi.PayoutTransfer;

import javax.crypto.Cipher;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Currency;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * WeChat Pay profit sharing (分账): a payee's share of one paid order is split from that order's frozen money. The
 * order must have been paid with {@code settle_info.profit_sharing=true} ({@link WechatPayConfig.Builder#profitSharing}).
 *
 * <p>{@link #send}: the receiver is added first ({@code POST /v3/profitsharing/receivers/add} with {@code appid},
 * {@code type}, {@code account}, {@code relation_type} {@code PARTNER} for creators or {@code DISTRIBUTOR} for
 * affiliates, and {@code name} only when given); adding a receiver again is harmless. Then
 * {@code POST /v3/profitsharing/orders} with {@code appid}, {@code transaction_id}, {@code out_order_no} = the payout
 * key (the same number twice is one split), one receiver ({@code type}, {@code account}, {@code amount},
 * {@code description}, {@code name} only when given) and {@code unfreeze_unsplit=false}, so the order's other shares
 * can still be split; unfreeze the rest with {@link #unfreeze}. A name is encrypted with RSAES-OAEP under the
 * WeChat Pay public key (or else the platform certificate with the smallest serial), whose id goes in {@code Wechatpay-Serial}.
 * The receiver's {@code result} decides: {@code SUCCESS} confirmed, {@code CLOSED} refused (with its
 * {@code fail_reason}, for example {@code NO_RELATION}), {@code PENDING} pending. {@link #query}:
 * {@code GET /v3/profitsharing/orders/{out_order_no}?transaction_id=…}. {@link #reverse}:
 * {@code POST /v3/profitsharing/return-orders} ({@code out_order_no}, {@code out_return_no}, {@code return_mchid},
 * {@code amount}, {@code description}); WeChat Pay returns only from {@code MERCHANT_ID} receivers. Every answer must
 * carry a valid platform signature.
 *
 * <p>Thread-safe: immutable.
 */
public final class WechatProfitSharing implements PayoutChannel {
    private static final Currency CNY = Currency.getInstance("CNY");
    private static final Set<String> TYPES = Set.of("MERCHANT_ID", "PERSONAL_OPENID");

    private final WechatPayProvider wechat;

    /**
     * Creates the channel on a merchant account.
     *
     * @param config the merchant's configuration (the one its orders were paid with)
     */
    public WechatProfitSharing(WechatPayConfig config) {
        this.wechat = new WechatPayProvider(Objects.requireNonNull(config, "config"));
    }

    @Override
    public ProviderId id() {
        return wechat.id();
    }

    @Override
    public PayoutMode mode() {
        return PayoutMode.ORDER_SPLIT;
    }

    @Override
    public PayoutResult send(PayoutTransfer transfer) {
        PayoutDestination to = destination(transfer);
        if (!CNY.equals(transfer.amount().currency())) {
            throw ValidationException.of("amount", "WeChat Pay splits CNY only (was " + transfer.amount().currency() + ")");
        }
        if (transfer.sourcePayment() == null) {
            throw ValidationException.of("sourcePayment", "a split needs the order's WeChat Pay transaction_id");
        }
        Encrypted name = encrypt(to.name());
        ObjectNode receiver = Json.object();
        receiver.put("appid", wechat.config().appId());
        receiver.put("type", to.type());
        receiver.put("account", to.account());
        if (name != null) {
            receiver.put("name", name.text());
        }
        receiver.put("relation_type", transfer.payee().kind() == AccountKind.AFFILIATE ? "DISTRIBUTOR" : "PARTNER");
        wechat.postJson("add receiver", "/v3/profitsharing/receivers/add", Json.write(receiver),
                name == null ? null : name.serial(), true);

        ObjectNode body = Json.object();
        body.put("appid", wechat.config().appId());
        body.put("transaction_id", transfer.sourcePayment());
        body.put("out_order_no", transfer.payoutKey());
        ObjectNode r = body.putArray("receivers").addObject();
        r.put("type", to.type());
        r.put("account", to.account());
        if (name != null) {
            r.put("name", name.text());
        }
        r.put("amount", transfer.amount().minor());
        r.put("description", transfer.description());
        body.put("unfreeze_unsplit", false);
        return result(wechat.postJson("split order", "/v3/profitsharing/orders", Json.write(body),
                name == null ? null : name.serial(), true));
    }

    @Override
    public PayoutResult query(PayoutTransfer transfer) {
        HttpRequest.Builder url = HttpRequest.get(wechat.config().baseUrl()).pathSegments("v3/profitsharing/orders")
                .pathSegment(transfer.payoutKey());
        if (transfer.sourcePayment() != null) {
            url.query("transaction_id", transfer.sourcePayment());
        }
        HttpResponse r = wechat.getSigned("query split", url);
        if (r.status() == 404) {
            String code = Json.text(Json.parse(r.body()), "code");
            return new PayoutResult(PayoutResult.State.NOT_FOUND, null, null, code != null ? code : "404");
        }
        return result(wechat.answer("query split", r));
    }

    @Override
    public PayoutResult reverse(PayoutTransfer transfer, String returnReference, Money amount) {
        PayoutDestination to = destination(transfer);
        if (!"MERCHANT_ID".equals(to.type())) {
            throw ValidationException.of("destination", "WeChat Pay returns a split only from a MERCHANT_ID receiver,"
                    + " not from " + to.type());
        }
        ObjectNode body = Json.object();
        body.put("out_order_no", transfer.payoutKey());
        body.put("out_return_no", returnReference);
        body.put("return_mchid", to.account());
        body.put("amount", amount.minor());
        body.put("description", transfer.description());
        JsonNode o = wechat.postJson("return split", "/v3/profitsharing/return-orders", Json.write(body), null, true);
        String result = Json.text(o, "result");
        Long value = Json.number(o, "amount");
        PayoutResult.State state = switch (result == null ? "" : result) {
            case "SUCCESS" -> PayoutResult.State.CONFIRMED;
            case "FAILED" -> PayoutResult.State.REJECTED;
            default -> PayoutResult.State.PENDING;
        };
        String reason = Json.text(o, "fail_reason");
        return new PayoutResult(state, Json.text(o, "return_id"), value == null ? null : new Money(value, CNY),
                reason == null ? result : result + ": " + reason);
    }

    /**
     * Unfreezes what is left of a paid order after its splits ({@code POST /v3/profitsharing/orders/unfreeze}): the
     * rest goes to the merchant and the order can no longer be split.
     *
     * @param transactionId the order's WeChat Pay transaction id
     * @param outOrderNo    a new merchant number for this request, 1 to 64 characters of {@code [0-9A-Za-z_*@-]}
     * @param description   why, 1 to 80 characters
     * @return the state WeChat Pay reports ({@code PROCESSING} or {@code FINISHED})
     * @throws RemoteException if WeChat Pay refused or failed
     */
    public String unfreeze(String transactionId, String outOrderNo, String description) {
        new io.learnloop.core.error.Validator().notBlank("transactionId", transactionId, 32)
                .notBlank("outOrderNo", outOrderNo, 64).notBlank("description", description, 80).throwIfInvalid();
        ObjectNode body = Json.object();
        body.put("transaction_id", transactionId);
        body.put("out_order_no", outOrderNo);
        body.put("description", description);
        return Json.text(wechat.postJson("unfreeze order", "/v3/profitsharing/orders/unfreeze", Json.write(body),
                null, true), "state");
    }

    private static PayoutDestination destination(PayoutTransfer transfer) {
        PayoutDestination to = transfer.destination();
        if (to.type() == null || !TYPES.contains(to.type())) {
            throw ValidationException.of("destination.type", "a WeChat Pay receiver is PERSONAL_OPENID or MERCHANT_ID"
                    + " (was " + to.type() + ")");
        }
        if ("MERCHANT_ID".equals(to.type()) && to.name() == null) {
            throw ValidationException.of("destination.name", "a MERCHANT_ID receiver needs the merchant's full name");
        }
        return to;
    }

    /** The split's one receiver decides; the order's state alone does not say whether this payee was paid. */
    private PayoutResult result(JsonNode o) {
        JsonNode receiver = o.path("receivers").path(0);
        String result = Json.text(receiver, "result");
        String reason = Json.text(receiver, "fail_reason");
        Long amount = Json.number(receiver, "amount");
        if (result == null) {
            throw new RemoteException(ErrorCode.REMOTE_FAILURE, "wechatpay split order answered without a receiver "
                    + "result (state " + Json.text(o, "state") + ")", true, true, 200, null, null, null);
        }
        PayoutResult.State state = switch (result) {
            case "SUCCESS" -> PayoutResult.State.CONFIRMED;
            case "CLOSED" -> PayoutResult.State.REJECTED;
            default -> PayoutResult.State.PENDING;
        };
        return new PayoutResult(state, Json.text(o, "order_id"), amount == null ? null : new Money(amount, CNY),
                Json.text(o, "state") + "/" + result + (reason == null ? "" : ": " + reason));
    }

    private record Encrypted(String serial, String text) {
    }

    /** RSAES-OAEP (SHA-1, MGF1) under the first configured WeChat Pay key, as WeChat Pay encrypts sensitive fields. */
    private Encrypted encrypt(String plain) {
        if (plain == null) {
            return null;
        }
        Map<String, PublicKey> keys = wechat.config().verificationKeys();
        if (keys.isEmpty()) {
            throw ValidationException.of("destination.name", "encrypting a receiver's name needs a configured WeChat Pay"
                    + " public key or platform certificate");
        }
        // a WeChat Pay public key first, else the platform certificate with the smallest serial: the same key every time
        Map.Entry<String, PublicKey> key = keys.entrySet().stream()
                .min(java.util.Comparator.comparing((Map.Entry<String, PublicKey> e) -> !e.getKey().startsWith("PUB_KEY_ID_"))
                        .thenComparing(Map.Entry::getKey)).orElseThrow();
        try {
            Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
            cipher.init(Cipher.ENCRYPT_MODE, key.getValue());
            return new Encrypted(key.getKey(), Base64.getEncoder().encodeToString(
                    cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8))));
        } catch (GeneralSecurityException e) {
            throw ValidationException.of("destination.name", "cannot be encrypted: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "WechatProfitSharing[" + id() + "]";
    }
}
