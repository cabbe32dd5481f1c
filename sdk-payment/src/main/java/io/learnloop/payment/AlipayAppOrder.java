package io.learnloop.payment;

import java.util.Objects;

/**
 * What the host's mobile app passes to the Alipay app SDK ({@code payV2} on Android, {@code payOrder} on iOS) to pay
 * with {@code alipay.trade.app.pay}: the order string, that is every request parameter with its {@code sign}, sorted
 * by name, each value URL-encoded in UTF-8, joined by {@code &}, as the official server SDK's {@code sdkExecute}
 * builds it.
 *
 * <p>Thread-safe: immutable record. The order string carries the request signature, a per-payment value meant for
 * the payer's app; it is left out of {@link #toString()} all the same.
 *
 * @param orderString the signed order string
 */
public record AlipayAppOrder(String orderString) implements ClientParameters {
    /**
     * Checks the value.
     *
     * @param orderString the signed order string
     */
    public AlipayAppOrder {
        Objects.requireNonNull(orderString, "orderString");
    }

    @Override
    public String toString() {
        return "AlipayAppOrder[orderString=(redacted)]";
    }
}
