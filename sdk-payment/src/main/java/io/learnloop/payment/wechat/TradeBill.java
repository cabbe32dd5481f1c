package io.learnloop.payment.wechat;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A WeChat Pay trade bill for one day, downloaded with a verified SHA1 digest and parsed.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param billDate the day the bill covers (China Standard Time)
 * @param rows     the payment and refund lines, in file order
 * @param summary  the closing summary line
 */
public record TradeBill(LocalDate billDate, List<TradeBillRow> rows, TradeBillSummary summary) {
    /**
     * Copies the rows.
     *
     * @throws NullPointerException if a component is null
     */
    public TradeBill {
        Objects.requireNonNull(billDate, "billDate");
        rows = List.copyOf(rows);
        Objects.requireNonNull(summary, "summary");
    }
}
