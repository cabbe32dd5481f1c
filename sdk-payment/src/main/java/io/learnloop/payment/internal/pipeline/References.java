package io.learnloop.payment.internal.pipeline;

import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.identity.TenantId;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The references and idempotency keys sent to providers, each derived from (tenant, order, operation, attempt), so a
 * repeated call sends the same ones and a provider recognises the repetition.
 *
 * <p>Thread-safe: static functions only.
 */
final class References {
    private References() {
    }

    /** The merchant reference of an order's n-th payment attempt. */
    static String merchant(TenantId tenant, OrderId order, int attempt) {
        return "ll" + digest(tenant.value() + "/" + order.value(), 20) + "-" + attempt;
    }

    /** The reference of a refund's first provider attempt. */
    static String refund(TenantId tenant, OrderId order, String refundKey) {
        return "rf" + digest(tenant.value() + "/" + order.value() + "/" + refundKey, 24);
    }

    /**
     * The reference of a refund's provider attempt: the first is derived from (tenant, order, refund key); each one
     * sent after the provider failed or closed the previous adds {@code -r2}, {@code -r3}, ... so the provider takes it
     * as a new refund whether or not it would let a closed reference be used again.
     */
    static String refund(TenantId tenant, OrderId order, String refundKey, int resends) {
        String first = refund(tenant, order, refundKey);
        return resends == 0 ? first : first + "-r" + (resends + 1);
    }

    /** The first reference a provider attempt's reference was derived from. */
    static String first(String reference) {
        int dash = reference.lastIndexOf("-r");
        return dash > 0 && dash + 2 < reference.length()
                && reference.substring(dash + 2).chars().allMatch(Character::isDigit) ? reference.substring(0, dash) : reference;
    }

    /** The idempotency key of a refund's current provider attempt. */
    static String refundKey(PaymentRefund r) {
        String key = idempotencyKey(r.order(), "refund", r.refundKey());
        return r.resends() == 0 ? key : key + ":r" + (r.resends() + 1);
    }

    /** The idempotency key of one operation on an order. */
    static String idempotencyKey(OrderId order, String operation, Object attempt) {
        return order.value() + ":" + operation + ":" + attempt;
    }

    private static String digest(String text, int hexChars) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, hexChars);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
