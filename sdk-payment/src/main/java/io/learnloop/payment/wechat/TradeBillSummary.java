package io.learnloop.payment.wechat;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The closing summary line of a WeChat Pay trade bill, with the same units as {@link TradeBillRow}.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param tradeCount                 总交易单数 (the parser checks it equals the number of lines)
 * @param settlementTotal            应结订单总金额 in fen
 * @param refundTotal                退款总金额 in fen
 * @param rechargeCouponRefundTotal  充值券退款总金额 in fen
 * @param feeTotalYuan               手续费总金额 in yuan, exact
 * @param orderTotal                 订单总金额 in fen
 * @param requestedRefundTotal       申请退款总金额 in fen
 */
public record TradeBillSummary(long tradeCount, long settlementTotal, long refundTotal, long rechargeCouponRefundTotal,
                               BigDecimal feeTotalYuan, long orderTotal, long requestedRefundTotal) {
    /**
     * Checks the components.
     *
     * @throws NullPointerException if the fee total is null
     */
    public TradeBillSummary {
        Objects.requireNonNull(feeTotalYuan, "feeTotalYuan");
    }
}
