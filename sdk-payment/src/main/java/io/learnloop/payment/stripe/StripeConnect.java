package io.learnloop.payment.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.money.Money;
import io.learnloop.http.internal.HttpRequest;
import io.learnloop.http.internal.HttpResponse;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.RejectionReason;
import io.learnloop.payment.internal.json.Json;
import io.learnloop.payment.internal.stripe.StripeAmounts;
import io.learnloop.payment.spi.PayoutChannel;
import io.learnloop.payment.spi.PayoutMode;
import io.learnloop.payment.spi.PayoutResult;
import io.learnloop.payment.spi.PayoutTransfer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Stripe Connect payouts: a payee's balance moves to their connected account with a transfer.
 *
 * <p>{@link #send}: {@code POST /v1/transfers} with {@code amount}, {@code currency}, {@code destination} (the
 * connected account, {@code acct_…}), {@code transfer_group}, {@code description} and
 * {@code metadata[learnloop_payout]}, under {@code Idempotency-Key} = the payout key, so a repeated send returns the
 * first transfer. A transfer is settled when created, so a created transfer is confirmed at once. {@link #query}:
 * {@code GET /v1/transfers/{id}}, or without an id the transfers of the destination and group
 * ({@code GET /v1/transfers?destination=…&transfer_group=…}) matched on the metadata. {@link #reverse}:
 * {@code POST /v1/transfers/{id}/reversals} with {@code amount}, {@code description} (the reason) and
 * {@code metadata[learnloop_return]}, under
 * {@code Idempotency-Key} = the return reference. A reversal Stripe reports on its own ({@code transfer.reversed})
 * is read from its webhook with {@link #reversalsIn} and recorded with {@code Payouts.recordReturn}.
 *
 * <p>Thread-safe: immutable.
 */
public final class StripeConnect implements PayoutChannel {
    /** The metadata key that carries the payout key on transfers. */
    public static final String PAYOUT_KEY = "learnloop_payout";
    /** The metadata key that carries the return reference on reversals. */
    public static final String RETURN_KEY = "learnloop_return";

    private final StripeProvider stripe;
    private final ProviderId id;

    /**
     * Creates the channel on a Stripe platform account.
     *
     * @param config the platform's configuration (its secret key; the connected accounts are the destinations)
     */
    public StripeConnect(StripeConfig config) {
        Objects.requireNonNull(config, "config");
        this.stripe = new StripeProvider(config);
        this.id = config.settings().id();
    }

    @Override
    public ProviderId id() {
        return id;
    }

    @Override
    public PayoutMode mode() {
        return PayoutMode.BALANCE;
    }

    @Override
    public PayoutResult send(PayoutTransfer transfer) {
        String destination = destination(transfer);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("amount", StripeAmounts.toStripe(transfer.amount()));
        p.put("currency", transfer.amount().currency().getCurrencyCode().toLowerCase(Locale.ROOT));
        p.put("destination", destination);
        p.put("transfer_group", transfer.group());
        p.put("description", transfer.description());
        p.put("metadata", Map.of(PAYOUT_KEY, transfer.payoutKey()));
        return transferResult(stripe.post("create transfer", "/v1/transfers", p, transfer.payoutKey()));
    }

    @Override
    public PayoutResult query(PayoutTransfer transfer) {
        if (transfer.providerTransferId() != null) {
            HttpResponse r = stripe.read(HttpRequest.get(stripe.baseUrl()).pathSegments("v1/transfers")
                    .pathSegment(transfer.providerTransferId()));
            if (r.status() == 404) {
                return new PayoutResult(PayoutResult.State.NOT_FOUND, null, null, "resource_missing");
            }
            return transferResult(stripe.answer("query transfer", r));
        }
        String after = null;
        // one destination has few transfers in one group; the bound only guards against a list that never ends
        for (int page = 0; page < 100; page++) {
            HttpRequest.Builder url = HttpRequest.get(stripe.baseUrl() + "/v1/transfers")
                    .query("destination", destination(transfer)).query("transfer_group", transfer.group())
                    .query("limit", "100");
            if (after != null) {
                url.query("starting_after", after);
            }
            JsonNode list = stripe.answer("list transfers", stripe.read(url));
            JsonNode data = list.path("data");
            for (JsonNode t : data) {
                if (transfer.payoutKey().equals(Json.text(t, "metadata", PAYOUT_KEY))) {
                    return transferResult(t);
                }
            }
            if (!list.path("has_more").asBoolean(false) || data.isEmpty()) {
                break;
            }
            after = Json.text(data.get(data.size() - 1), "id");
        }
        return new PayoutResult(PayoutResult.State.NOT_FOUND, null, null, "no transfer of group " + transfer.group()
                + " has " + PAYOUT_KEY + "=" + transfer.payoutKey());
    }

    @Override
    public PayoutResult reverse(PayoutTransfer transfer, String returnReference, Money amount) {
        if (transfer.providerTransferId() == null) {
            throw ValidationException.of("payoutKey", "payout '" + transfer.payoutKey() + "' has no Stripe transfer id");
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("amount", StripeAmounts.toStripe(amount));
        p.put("description", transfer.description());
        p.put("metadata", Map.of(RETURN_KEY, returnReference, PAYOUT_KEY, transfer.payoutKey()));
        JsonNode r = stripe.post("reverse transfer", "/v1/transfers/" + transfer.providerTransferId() + "/reversals",
                p, returnReference);
        Long value = Json.number(r, "amount");
        String currency = Json.text(r, "currency");
        return new PayoutResult(PayoutResult.State.CONFIRMED, Json.text(r, "id"),
                value == null || currency == null ? null : StripeAmounts.fromStripe(value, currency), "reversed");
    }

    /**
     * Reads a webhook delivery for payouts: verified like every Stripe delivery (the raw body's
     * {@code Stripe-Signature} under a configured secret, the replay window, the account); a {@code transfer.reversed}
     * event yields the reversals of a transfer this channel made (it carries {@code metadata[learnloop_payout]}),
     * each to record with {@code Payouts.recordReturn}, which posts each once. Never throws for bad input.
     *
     * @param body    the raw request body, exactly as received
     * @param headers the request headers (any case)
     * @return the reversals, or the rejection
     */
    public StripeConnectEvent reversalsIn(byte[] body, Map<String, String> headers) {
        StripeProvider.VerifiedEvent verified = stripe.verify(body, headers == null ? Map.of() : headers);
        if (verified.rejected() != null) {
            return new StripeConnectEvent(verified.rejected().reason(), verified.rejected().detail(), List.of());
        }
        JsonNode event = verified.event();
        String type = Json.text(event, "type");
        JsonNode transfer = event.path("data").path("object");
        String payoutKey = Json.text(transfer, "metadata", PAYOUT_KEY);
        if (!"transfer.reversed".equals(type) || payoutKey == null) {
            return new StripeConnectEvent(null, type + " is not a reversal of a payout", List.of());
        }
        List<StripeTransferReversal> reversals = new ArrayList<>();
        try {
            for (JsonNode r : transfer.path("reversals").path("data")) {
                String id = Json.text(r, "id");
                Long amount = Json.number(r, "amount");
                String currency = Json.text(r, "currency");
                if (id == null || amount == null || currency == null) {
                    return new StripeConnectEvent(RejectionReason.MALFORMED, "a reversal lacks its id, amount or "
                            + "currency", List.of());
                }
                String ours = Json.text(r, "metadata", RETURN_KEY);
                reversals.add(new StripeTransferReversal(payoutKey, ours != null ? ours : id, id,
                        StripeAmounts.fromStripe(amount, currency)));
            }
        } catch (RuntimeException e) {
            return new StripeConnectEvent(RejectionReason.MALFORMED, e.getMessage(), List.of());
        }
        return new StripeConnectEvent(null, "transfer " + Json.text(transfer, "id") + " reversed", reversals);
    }

    private static String destination(PayoutTransfer transfer) {
        String account = transfer.destination().account();
        if (!account.startsWith("acct_")) {
            throw ValidationException.of("destination", "a Stripe payout goes to a connected account id (acct_…)");
        }
        return account;
    }

    private static PayoutResult transferResult(JsonNode t) {
        Long amount = Json.number(t, "amount");
        String currency = Json.text(t, "currency");
        Long reversed = Json.number(t, "amount_reversed");
        String detail = reversed != null && reversed > 0 ? "amount_reversed " + reversed : "created";
        return new PayoutResult(PayoutResult.State.CONFIRMED, Json.text(t, "id"),
                amount == null || currency == null ? null : StripeAmounts.fromStripe(amount, currency), detail);
    }

    @Override
    public String toString() {
        return "StripeConnect[" + id + "]";
    }
}
