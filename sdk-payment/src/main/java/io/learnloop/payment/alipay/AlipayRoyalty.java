package io.learnloop.payment.alipay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnloop.core.error.RemoteException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.error.Validator;
import io.learnloop.core.money.Money;
import io.learnloop.payment.PayoutDestination;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.internal.json.Json;
import io.learnloop.payment.spi.PayoutChannel;
import io.learnloop.payment.spi.PayoutMode;
import io.learnloop.payment.spi.PayoutResult;
import io.learnloop.payment.spi.PayoutTransfer;

import java.util.Currency;
import java.util.Objects;
import java.util.Set;

/**
 * Alipay royalty settlement (分账): a payee's share of one paid trade goes to their Alipay account.
 *
 * <p>{@link #send}: {@code alipay.trade.order.settle} with {@code out_request_no} = the payout key (Alipay answers a
 * repeat with the first result), {@code trade_no} and one {@code royalty_parameters} entry ({@code royalty_type}
 * {@code transfer}, {@code trans_in_type} and {@code trans_in} from the destination, {@code trans_in_name} only when
 * given, {@code amount} in yuan, {@code desc}). Without {@code royalty_mode} Alipay settles synchronously, so a
 * success is a confirmation. {@link #query}: {@code alipay.trade.order.settle.query} with {@code out_request_no} and
 * {@code trade_no}; the {@code transfer} entry of {@code royalty_detail_list} decides ({@code SUCCESS},
 * {@code FAIL} with {@code error_code}, {@code PROCESSING}). Before the first split to a receiver the host binds the
 * relation once with {@link #bind} ({@code alipay.trade.royalty.relation.bind}). Alipay has no return of a settled
 * royalty through this API: {@link #reverse} refuses, and money that comes back another way is recorded with
 * {@code Payouts.recordReturn}. Every success answer must carry a valid Alipay signature.
 *
 * <p>Thread-safe: immutable.
 */
public final class AlipayRoyalty implements PayoutChannel {
    private static final Currency CNY = Currency.getInstance("CNY");
    private static final Set<String> TYPES = Set.of("userId", "loginName", "openId");

    private final AlipayProvider alipay;

    /**
     * Creates the channel on an app.
     *
     * @param config the app's configuration (the one its trades were paid with)
     */
    public AlipayRoyalty(AlipayConfig config) {
        this.alipay = new AlipayProvider(Objects.requireNonNull(config, "config"));
    }

    @Override
    public ProviderId id() {
        return alipay.id();
    }

    @Override
    public PayoutMode mode() {
        return PayoutMode.ORDER_SPLIT;
    }

    /**
     * Binds a receiver to the app for royalty ({@code alipay.trade.royalty.relation.bind}); needed once per receiver
     * before its first split.
     *
     * @param receiver     the receiver ({@code userId}, {@code loginName} or {@code openId} and its account; the name is
     *                     checked by Alipay when given)
     * @param outRequestNo the request's number, 1 to 32 letters, digits or underscores
     * @param memo         a note, or null
     * @throws ValidationException if the receiver type or number is invalid
     * @throws RemoteException     if Alipay refused or failed
     */
    public void bind(PayoutDestination receiver, String outRequestNo, String memo) {
        new Validator().notNull("receiver", receiver).notBlank("outRequestNo", outRequestNo, 32)
                .check(outRequestNo == null || outRequestNo.matches("\\w+"), "outRequestNo",
                        "may hold only letters, digits and '_'")
                .maxLength("memo", memo, 100).throwIfInvalid();
        type(receiver);
        ObjectNode biz = Json.object();
        ObjectNode entry = biz.putArray("receiver_list").addObject();
        entry.put("type", receiver.type());
        entry.put("account", receiver.account());
        if (receiver.name() != null) {
            entry.put("name", receiver.name());
        }
        if (memo != null) {
            entry.put("memo", memo);
        }
        biz.put("out_request_no", outRequestNo);
        alipay.call("alipay.trade.royalty.relation.bind", biz, true, "bind royalty relation");
    }

    @Override
    public PayoutResult send(PayoutTransfer transfer) {
        PayoutDestination to = transfer.destination();
        type(to);
        if (!CNY.equals(transfer.amount().currency())) {
            throw ValidationException.of("amount", "Alipay settles CNY only (was " + transfer.amount().currency() + ")");
        }
        if (transfer.sourcePayment() == null) {
            throw ValidationException.of("sourcePayment", "a royalty needs the trade's Alipay trade_no");
        }
        if (transfer.payoutKey().length() > 32) {
            throw ValidationException.of("payoutKey", "Alipay's out_request_no holds at most 32 characters");
        }
        ObjectNode biz = Json.object();
        biz.put("out_request_no", transfer.payoutKey());
        biz.put("trade_no", transfer.sourcePayment());
        ObjectNode royalty = biz.putArray("royalty_parameters").addObject();
        royalty.put("royalty_type", "transfer");
        royalty.put("trans_in_type", to.type());
        royalty.put("trans_in", to.account());
        if (to.name() != null) {
            royalty.put("trans_in_name", to.name());
        }
        royalty.put("amount", transfer.amount().toDecimalString());
        royalty.put("desc", transfer.description());
        JsonNode r = alipay.call("alipay.trade.order.settle", biz, true, "settle royalty");
        return new PayoutResult(PayoutResult.State.CONFIRMED, Json.text(r, "settle_no"), null, "settled");
    }

    @Override
    public PayoutResult query(PayoutTransfer transfer) {
        ObjectNode biz = Json.object();
        biz.put("out_request_no", transfer.payoutKey());
        biz.put("trade_no", transfer.sourcePayment());
        JsonNode r;
        try {
            r = alipay.call("alipay.trade.order.settle.query", biz, false, "query royalty");
        } catch (RemoteException e) {
            if (e.providerCode() != null && e.providerCode().endsWith("NOT_EXIST")) {
                return new PayoutResult(PayoutResult.State.NOT_FOUND, null, null, e.providerCode());
            }
            throw e;
        }
        for (JsonNode d : r.path("royalty_detail_list")) {
            if (!"transfer".equals(Json.text(d, "operation_type"))) {
                continue;
            }
            String state = Json.text(d, "state");
            String amount = Json.text(d, "amount");
            PayoutResult.State mapped = switch (state == null ? "" : state) {
                case "SUCCESS" -> PayoutResult.State.CONFIRMED;
                case "FAIL" -> PayoutResult.State.REJECTED;
                default -> PayoutResult.State.PENDING;
            };
            String code = Json.text(d, "error_code");
            return new PayoutResult(mapped, Json.text(d, "detail_id"), amount == null ? null : Money.parse(amount, CNY),
                    code == null ? state : state + ": " + code + " " + Json.text(d, "error_desc"));
        }
        return new PayoutResult(PayoutResult.State.NOT_FOUND, null, null, "no transfer in royalty_detail_list");
    }

    @Override
    public PayoutResult reverse(PayoutTransfer transfer, String returnReference, Money amount) {
        throw ValidationException.of("payoutKey", "Alipay does not return a settled royalty through its API; record "
                + "money that came back with Payouts.recordReturn");
    }

    private static void type(PayoutDestination to) {
        if (to.type() == null || !TYPES.contains(to.type())) {
            throw ValidationException.of("destination.type", "an Alipay receiver is userId, loginName or openId (was "
                    + to.type() + ")");
        }
    }

    @Override
    public String toString() {
        return "AlipayRoyalty[" + id() + "]";
    }
}
