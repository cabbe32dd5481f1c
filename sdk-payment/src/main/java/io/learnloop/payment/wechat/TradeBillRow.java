package io.learnloop.payment.wechat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of a WeChat Pay trade bill ({@code bill_type=ALL}): a payment, or a refund of one.
 *
 * <p>Amounts are exact integer fen, converted from the bill's yuan texts ({@code 0.01} is 1 fen) without floating
 * point. The fee is kept in yuan as an exact decimal because WeChat Pay states it to five decimals
 * ({@code 0.05940}). Empty texts and WeChat Pay's {@code 0} placeholders for absent ids are null.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param tradeTime             交易时间, read in China Standard Time (UTC+8)
 * @param appId                 公众账号ID
 * @param mchId                 商户号
 * @param transactionId         微信订单号
 * @param outTradeNo            商户订单号
 * @param tradeType             交易类型, for example {@code NATIVE} or {@code JSAPI}
 * @param tradeState            交易状态: {@code SUCCESS} for a payment, {@code REFUND} for a refund line, …
 * @param currency              货币种类, for example {@code CNY}
 * @param settlementAmount      应结订单金额 in fen
 * @param couponAmount          代金券金额 in fen
 * @param refundId              微信退款单号, or null on a payment line
 * @param outRefundNo           商户退款单号, or null on a payment line
 * @param refundAmount          退款金额 in fen (0 on a payment line)
 * @param refundStatus          退款状态 ({@code SUCCESS}, {@code PROCESSING}, …), or null
 * @param description           商品名称, or null
 * @param feeYuan               手续费 in yuan, exact (negative on a refund line: the fee returned)
 * @param feeRate               费率, for example {@code 0.60%}, or null
 * @param totalAmount           订单金额 in fen (the order's {@code amount.total})
 * @param requestedRefundAmount 申请退款金额 in fen (0 on a payment line)
 */
public record TradeBillRow(Instant tradeTime, String appId, String mchId, String transactionId, String outTradeNo,
                           String tradeType, String tradeState, String currency, long settlementAmount,
                           long couponAmount, String refundId, String outRefundNo, long refundAmount,
                           String refundStatus, String description, BigDecimal feeYuan, String feeRate,
                           long totalAmount, long requestedRefundAmount) {
    /**
     * Checks the components every line has.
     *
     * @throws NullPointerException if the trade time, transaction id, trade state or fee is null
     */
    public TradeBillRow {
        Objects.requireNonNull(tradeTime, "tradeTime");
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(tradeState, "tradeState");
        Objects.requireNonNull(feeYuan, "feeYuan");
    }

    /**
     * Whether this line records a refund (it carries a refund id).
     *
     * @return true for a refund line
     */
    public boolean isRefund() {
        return refundId != null;
    }
}
