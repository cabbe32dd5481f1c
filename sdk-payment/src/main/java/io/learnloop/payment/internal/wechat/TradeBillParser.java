package io.learnloop.payment.internal.wechat;

import io.learnloop.payment.wechat.TradeBill;
import io.learnloop.payment.wechat.TradeBillException;
import io.learnloop.payment.wechat.TradeBillRow;
import io.learnloop.payment.wechat.TradeBillSummary;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses the text of a WeChat Pay trade bill: a header line of column names, one line per payment or refund whose
 * every value is prefixed with a backtick ({@code `2026-01-01 10:00:00,`wx…,…}), then the summary header
 * ({@code 总交易单数,…}) and the summary line. Columns are found by name, so added columns do not shift anything.
 * Amounts are yuan texts converted exactly to fen. Stateless.
 */
public final class TradeBillParser {
    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,15}(\\.\\d{1,8})?");
    private static final String SUMMARY_HEADER = "总交易单数";
    private static final List<String> SUMMARY_COLUMNS = List.of("总交易单数", "应结订单总金额", "退款总金额",
            "充值券退款总金额", "手续费总金额", "订单总金额", "申请退款总金额");

    static final String TRADE_TIME = "交易时间";
    static final String TRANSACTION_ID = "微信订单号";
    static final String OUT_TRADE_NO = "商户订单号";
    static final String TRADE_STATE = "交易状态";
    static final String SETTLEMENT_AMOUNT = "应结订单金额";
    static final String TOTAL_AMOUNT = "订单金额";
    static final String FEE = "手续费";
    private static final List<String> REQUIRED = List.of(TRADE_TIME, TRANSACTION_ID, OUT_TRADE_NO, TRADE_STATE,
            SETTLEMENT_AMOUNT, TOTAL_AMOUNT, FEE);

    private TradeBillParser() {
    }

    /**
     * Parses a bill.
     *
     * @param billDate the day the bill was requested for
     * @param file     the file bytes (UTF-8, already decompressed)
     * @return the bill
     * @throws TradeBillException with {@link TradeBillException.Problem#MALFORMED} naming the line and column at fault
     */
    public static TradeBill parse(LocalDate billDate, byte[] file) {
        String text = new String(file, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String> lines = new ArrayList<>(List.of(text.split("\r?\n", -1)));
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        if (lines.isEmpty()) {
            throw malformed("the file is empty");
        }
        String[] header = lines.get(0).split(",", -1);
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.length; i++) {
            columns.putIfAbsent(header[i].trim(), i);
        }
        for (String name : REQUIRED) {
            if (!columns.containsKey(name)) {
                throw malformed("line 1: the header lacks the column " + name + "; this is not a trade bill of type ALL");
            }
        }
        List<TradeBillRow> rows = new ArrayList<>();
        int n = 1;
        while (n < lines.size() && !lines.get(n).startsWith(SUMMARY_HEADER)) {
            rows.add(row(new Line(n + 1, values(lines.get(n), n + 1, header.length), columns)));
            n++;
        }
        if (n >= lines.size()) {
            throw malformed("the summary header (" + SUMMARY_HEADER + ",…) is missing; the file is truncated");
        }
        List<String> summaryHeader = List.of(lines.get(n).split(",", -1));
        if (!summaryHeader.equals(SUMMARY_COLUMNS)) {
            throw malformed("line " + (n + 1) + ": unexpected summary header " + summaryHeader);
        }
        if (n + 1 >= lines.size()) {
            throw malformed("the summary line after line " + (n + 1) + " is missing; the file is truncated");
        }
        if (n + 2 < lines.size()) {
            throw malformed("line " + (n + 3) + ": unexpected text after the summary line");
        }
        int summaryLine = n + 2;
        String[] s = values(lines.get(n + 1), summaryLine, SUMMARY_COLUMNS.size());
        TradeBillSummary summary = new TradeBillSummary(count(s[0], summaryLine), fen(s[1], summaryLine, SUMMARY_COLUMNS.get(1)),
                fen(s[2], summaryLine, SUMMARY_COLUMNS.get(2)), fen(s[3], summaryLine, SUMMARY_COLUMNS.get(3)),
                decimal(s[4], summaryLine, SUMMARY_COLUMNS.get(4)), fen(s[5], summaryLine, SUMMARY_COLUMNS.get(5)),
                fen(s[6], summaryLine, SUMMARY_COLUMNS.get(6)));
        if (summary.tradeCount() != rows.size()) {
            throw malformed("line " + summaryLine + ": the summary counts " + summary.tradeCount() + " trades but the file has "
                    + rows.size() + " lines; the file is incomplete");
        }
        return new TradeBill(billDate, rows, summary);
    }

    private static String[] values(String line, int number, int expected) {
        if (!line.startsWith("`")) {
            throw malformed("line " + number + ": a bill line must start with a backtick-prefixed value");
        }
        String[] v = line.substring(1).split(",`", -1);
        if (v.length != expected) {
            throw malformed("line " + number + ": " + v.length + " values where the header has " + expected + " columns");
        }
        for (int i = 0; i < v.length; i++) {
            v[i] = v[i].trim();
        }
        return v;
    }

    /** One bill line with its column index, so each lookup can name the line and column at fault. */
    private record Line(int number, String[] values, Map<String, Integer> columns) {
        String text(String column) {
            Integer i = columns.get(column);
            return i == null || values[i].isEmpty() ? null : values[i];
        }

        String required(String column) {
            String v = text(column);
            if (v == null) {
                throw malformed("line " + number + ": " + column + " is empty");
            }
            return v;
        }

        /** An id column where WeChat Pay writes {@code 0} for none. */
        String id(String column) {
            String v = text(column);
            return v == null || "0".equals(v) ? null : v;
        }

        long fen(String column) {
            String v = text(column);
            return v == null ? 0 : TradeBillParser.fen(v, number, column);
        }
    }

    private static TradeBillRow row(Line l) {
        String time = l.required(TRADE_TIME).replaceAll("\\s+", " ");
        Instant at;
        try {
            at = LocalDateTime.parse(time, TIME).toInstant(CHINA);
        } catch (DateTimeParseException e) {
            throw malformed("line " + l.number() + ": " + TRADE_TIME + " '" + time + "' is not yyyy-MM-dd HH:mm:ss");
        }
        return new TradeBillRow(at, l.text("公众账号ID"), l.text("商户号"), l.required(TRANSACTION_ID),
                l.text(OUT_TRADE_NO), l.text("交易类型"), l.required(TRADE_STATE), l.text("货币种类"),
                fen(l.required(SETTLEMENT_AMOUNT), l.number(), SETTLEMENT_AMOUNT), l.fen("代金券金额"),
                l.id("微信退款单号"), l.id("商户退款单号"), l.fen("退款金额"), l.text("退款状态"), l.text("商品名称"),
                decimal(l.required(FEE), l.number(), FEE), l.text("费率"),
                fen(l.required(TOTAL_AMOUNT), l.number(), TOTAL_AMOUNT), l.fen("申请退款金额"));
    }

    private static long count(String text, int line) {
        if (!text.matches("\\d{1,9}")) {
            throw malformed("line " + line + ": " + SUMMARY_HEADER + " '" + text + "' is not a count");
        }
        return Long.parseLong(text);
    }

    /** Yuan text to fen, exactly: {@code 0.01} is 1, {@code 12} is 1200, {@code 0.001} is refused. */
    static long fen(String text, int line, String column) {
        BigDecimal yuan = decimal(text, line, column);
        try {
            return yuan.movePointRight(2).longValueExact();
        } catch (ArithmeticException e) {
            throw malformed("line " + line + ": " + column + " '" + text + "' is not a whole number of fen");
        }
    }

    private static BigDecimal decimal(String text, int line, String column) {
        if (!DECIMAL.matcher(text).matches()) {
            throw malformed("line " + line + ": " + column + " '" + text + "' is not a yuan amount");
        }
        return new BigDecimal(text);
    }

    private static TradeBillException malformed(String detail) {
        return new TradeBillException(TradeBillException.Problem.MALFORMED, "The WeChat Pay trade bill is malformed: "
                + detail, null);
    }
}
