package io.learnloop.payment.internal.wechat;

import io.learnloop.payment.wechat.TradeBill;
import io.learnloop.payment.wechat.TradeBillException;
import io.learnloop.payment.wechat.TradeBillRow;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bill text format on its own: columns by name, exact fen, and what counts as malformed. */
class TradeBillParserTest {
    private static final LocalDate DAY = LocalDate.parse("2026-02-28");
    private static final String SUMMARY_HEADER = "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额";
    /** The shorter layout of a bill without refund columns (as bills of type SUCCESS are written). */
    private static final String SHORT_HEADER = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,"
            + "交易状态,付款银行,货币种类,应结订单金额,代金券金额,商品名称,商户数据包,手续费,费率,订单金额,费率备注";

    private static TradeBill parse(String text) {
        return TradeBillParser.parse(DAY, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parse_whenDayHadNoTrades_returnsEmptyRowsAndZeroSummary() {
        TradeBill bill = parse(SHORT_HEADER + "\n" + SUMMARY_HEADER + "\n`0,`0.00,`0.00,`0.00,`0.00000,`0.00,`0.00\n");

        assertThat(bill.rows()).isEmpty();
        assertThat(bill.summary().tradeCount()).isZero();
        assertThat(bill.summary().feeTotalYuan()).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void parse_whenRefundColumnsAbsent_readsByNameAndDefaultsRefundFields() {
        TradeBill bill = parse(SHORT_HEADER + "\n`2026-02-28  02:18:18,`wxd678efh567hg6787,`1900009191,`0,`,"
                + "`4200000426201911033037577837,`order-7,`o1gswuOe,`NATIVE,`SUCCESS,`CFT,`CNY,`1299.02,`0.00,`课程,`,"
                + "`7.79412,`0.60%,`1299.02,`\n" + SUMMARY_HEADER + "\n`1,`1299.02,`0.00,`0.00,`7.79412,`1299.02,`0.00\n");

        TradeBillRow row = bill.rows().get(0);
        assertThat(row.tradeTime()).isEqualTo(Instant.parse("2026-02-27T18:18:18Z"));
        assertThat(row.totalAmount()).isEqualTo(129_902);
        assertThat(row.refundAmount()).isZero();
        assertThat(row.refundId()).isNull();
        assertThat(row.feeYuan()).isEqualTo(new BigDecimal("7.79412"));
    }

    @Test
    void fen_whenYuanTexts_convertsExactly() {
        assertThat(TradeBillParser.fen("0.01", 1, "x")).isEqualTo(1);
        assertThat(TradeBillParser.fen("0.1", 1, "x")).isEqualTo(10);
        assertThat(TradeBillParser.fen("12", 1, "x")).isEqualTo(1200);
        assertThat(TradeBillParser.fen("-0.07", 1, "x")).isEqualTo(-7);
        assertThat(TradeBillParser.fen("0.290", 1, "x")).isEqualTo(29);
        assertThat(TradeBillParser.fen("92233720368547.75", 1, "x")).isEqualTo(9_223_372_036_854_775L);
    }

    @Test
    void fen_whenNotPlainYuan_isMalformed() {
        for (String bad : new String[] {"4.00123E+27", "0.001", "1,000.00", "", "¥1.00", "NaN"}) {
            assertThatThrownBy(() -> TradeBillParser.fen(bad, 4, "订单金额")).as(bad)
                    .isInstanceOfSatisfying(TradeBillException.class, e -> {
                        assertThat(e.problem()).isEqualTo(TradeBillException.Problem.MALFORMED);
                        assertThat(e.getMessage()).contains("line 4").contains("订单金额");
                    });
        }
    }

    @Test
    void parse_whenLineHasTooFewValues_namesTheLine() {
        assertThatThrownBy(() -> parse(SHORT_HEADER + "\n`2026-02-28 10:00:00,`wx1,`1900009191\n" + SUMMARY_HEADER
                + "\n`1,`0.00,`0.00,`0.00,`0.00,`0.00,`0.00\n"))
                .isInstanceOf(TradeBillException.class).hasMessageContaining("line 2: 3 values where the header has 20 columns");
    }

    @Test
    void parse_whenNotABill_saysWhichColumnIsMissing() {
        assertThatThrownBy(() -> parse("{\"code\":\"SYSTEM_ERROR\"}"))
                .isInstanceOf(TradeBillException.class).hasMessageContaining("lacks the column 交易时间");
        assertThatThrownBy(() -> parse(""))
                .isInstanceOf(TradeBillException.class).hasMessageContaining("empty");
    }

    @Test
    void parse_whenTextFollowsSummary_isMalformed() {
        assertThatThrownBy(() -> parse(SHORT_HEADER + "\n" + SUMMARY_HEADER + "\n`0,`0.00,`0.00,`0.00,`0.00,`0.00,`0.00\nextra\n"))
                .isInstanceOf(TradeBillException.class).hasMessageContaining("line 4: unexpected text");
    }
}
