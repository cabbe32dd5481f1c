package io.learnloop.payment.internal.payout;

import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.ledger.LedgerAccount;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Currency;
import java.util.HexFormat;

/**
 * Deterministic payout keys: the same payee, provider and period (or order) always give the same key, so a rerun
 * reuses it. Keys are short and use only characters every provider accepts as an idempotency key
 * ({@code out_order_no}, {@code out_request_no}, {@code Idempotency-Key}).
 */
final class PayoutKeys {
    private PayoutKeys() {
    }

    /** The key of a payee's balance payout for a period. */
    static String forPeriod(String provider, String period, LedgerAccount payee, Currency currency) {
        return "po_" + digest("period", provider, period, payee.key(), currency.getCurrencyCode());
    }

    /** The key of a payee's split of one paid order. */
    static String forOrder(String provider, OrderId order, LedgerAccount payee) {
        return "ps_" + digest("order", provider, order.value(), payee.key());
    }

    /** The reference of one return of a payout. */
    static String forReturn(String payoutKey, String returnKey) {
        return "pr_" + digest("return", payoutKey, returnKey);
    }

    private static String digest(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String p : parts) {
                // length-prefixed, so no two part lists give the same bytes
                byte[] b = p.getBytes(StandardCharsets.UTF_8);
                sha.update((b.length + ":").getBytes(StandardCharsets.US_ASCII));
                sha.update(b);
            }
            // 28 hex digits keep every key within Alipay's 32-character out_request_no
            return HexFormat.of().formatHex(sha.digest()).substring(0, 28);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
