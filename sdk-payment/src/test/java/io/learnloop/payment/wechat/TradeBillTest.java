package io.learnloop.payment.wechat;

import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.RemoteException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.testing.MutableClock;
import io.learnloop.payment.Secret;
import io.learnloop.http.SharedHttpClient;
import io.learnloop.payment.testing.RecordingSleeper;
import io.learnloop.payment.testing.StubServer;
import io.learnloop.payment.testing.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.learnloop.payment.wechat.WechatPayProviderTest.API_V3_KEY;
import static io.learnloop.payment.wechat.WechatPayProviderTest.APP_ID;
import static io.learnloop.payment.wechat.WechatPayProviderTest.MCH_ID;
import static io.learnloop.payment.wechat.WechatPayProviderTest.MERCHANT;
import static io.learnloop.payment.wechat.WechatPayProviderTest.MERCHANT_SERIAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Trade bill download: a signed {@code /v3/bill/tradebill} announcement, a signed GET of its {@code download_url}
 * whose unsigned response is accepted only with the announced SHA1 digest, then the bill format (header line,
 * backtick-prefixed lines, summary header and line) as WeChat Pay writes it for {@code bill_type=ALL}.
 */
class TradeBillTest {
    private static final String PLATFORM_SERIAL = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
    private static final KeyPair PLATFORM = TestKeys.rsa2048();
    private static final LocalDate DAY = LocalDate.parse("2026-02-28");
    private static final String FILE_PATH = "/v3/billdownload/file";

    static final String HEADER = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,"
            + "付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,"
            + "商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注";
    static final String PAYMENT = "`2026-02-28 10:00:00,`wxd678efh567hg6787,`1900009191,`0,`,`4200002900202602285012345678,"
            + "`order-1001,`oUpF8uMuAJO_M2pxb1Q9zNjWeS6o,`NATIVE,`SUCCESS,`OTHERS,`CNY,`0.01,`0.00,`0,`0,`0.00,`0.00,`,`,"
            + "`Java 课程,`,`0.00000,`0.60%,`0.01,`0.00,`";
    static final String BIG_PAYMENT = "`2026-02-28 23:59:59,`wxd678efh567hg6787,`1900009191,`0,`,`4200002900202602285012345679,"
            + "`order-1002,`oUpF8uMuAJO_M2pxb1Q9zNjWeS6o,`JSAPI,`SUCCESS,`OTHERS,`CNY,`12345678.90,`0.34,`0,`0,`0.00,`0.00,`,`,"
            + "`Go 进阶,`attach,`74074.07340,`0.60%,`12345679.24,`0.00,`";
    static final String REFUND = "`2026-02-28 11:30:00,`wxd678efh567hg6787,`1900009191,`0,`,`4200002900202602285012345600,"
            + "`order-0990,`oUpF8uMuAJO_M2pxb1Q9zNjWeS6o,`NATIVE,`REFUND,`OTHERS,`CNY,`0.00,`0.00,`50300908092026022812345678901,"
            + "`refund-0990-1,`99.00,`0.00,`ORIGINAL,`SUCCESS,`Java 课程,`,`-0.59400,`0.60%,`0.00,`99.00,`";
    static final String SUMMARY_HEADER = "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额";
    static final String BILL = HEADER + "\r\n" + PAYMENT + "\r\n" + BIG_PAYMENT + "\r\n" + REFUND + "\r\n" + SUMMARY_HEADER
            + "\r\n`3,`12345678.91,`99.00,`0.00,`74073.47940,`12345679.25,`99.00\r\n";

    @RegisterExtension
    static final StubServer server = new StubServer();

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    final WechatPayProvider wechat = new WechatPayProvider(WechatPayConfig.builder(MCH_ID, APP_ID)
            .merchantKey(MERCHANT_SERIAL, MERCHANT.getPrivate())
            .apiV3Key(Secret.of(API_V3_KEY))
            .verificationKey(PLATFORM_SERIAL, PLATFORM.getPublic())
            .baseUrl(server.baseUrl()).notifyUrl("https://shop.example/notify/wechat")
            .clock(clock).ids(IdGenerator.sequential("nonce"))
            .http(SharedHttpClient.builder().sleeper(new RecordingSleeper()).build()).build());

    static String sha1(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(data));
    }

    static byte[] gzip(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(data);
        }
        return out.toByteArray();
    }

    /** The signed announcement and the unsigned file, as WeChat Pay serves them. */
    void serve(byte[] file, String announcedSha1, boolean gzip) {
        String query = "?bill_date=2026-02-28&bill_type=ALL" + (gzip ? "&tar_type=GZIP" : "");
        String announcement = "{\"hash_type\":\"SHA1\",\"hash_value\":\"" + announcedSha1 + "\",\"download_url\":\""
                + server.baseUrl() + FILE_PATH + "?token=6XIv5TUPto7pByrTQKhd6kwvyKLG2uY2wMMR8cNXqaA_Cv_isgaUtBzp4QtiozLO\"}";
        server.stubFor(get(urlEqualTo("/v3/bill/tradebill" + query)).willReturn(WechatTestCertificates.signedBy(
                PLATFORM.getPrivate(), PLATFORM_SERIAL, announcement, clock.instant().getEpochSecond())));
        server.stubFor(get(urlPathEqualTo(FILE_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/octet-stream").withBody(file)));
    }

    @Test
    void downloadTradeBill_whenPlain_verifiesDigestAndParsesExactAmounts() throws Exception {
        byte[] file = BILL.getBytes(StandardCharsets.UTF_8);
        serve(file, sha1(file), false);

        TradeBill bill = wechat.downloadTradeBill(DAY, false);

        assertThat(bill.billDate()).isEqualTo(DAY);
        assertThat(bill.rows()).hasSize(3);
        TradeBillRow paid = bill.rows().get(0);
        assertThat(paid.tradeTime()).isEqualTo(Instant.parse("2026-02-28T02:00:00Z"));
        assertThat(paid.transactionId()).isEqualTo("4200002900202602285012345678");
        assertThat(paid.outTradeNo()).isEqualTo("order-1001");
        assertThat(paid.tradeState()).isEqualTo("SUCCESS");
        assertThat(paid.totalAmount()).isEqualTo(1);
        assertThat(paid.settlementAmount()).isEqualTo(1);
        assertThat(paid.refundId()).isNull();
        assertThat(paid.outRefundNo()).isNull();
        assertThat(paid.isRefund()).isFalse();
        assertThat(paid.description()).isEqualTo("Java 课程");
        assertThat(paid.feeYuan()).isEqualByComparingTo("0");

        TradeBillRow big = bill.rows().get(1);
        assertThat(big.settlementAmount()).isEqualTo(1_234_567_890L);
        assertThat(big.couponAmount()).isEqualTo(34);
        assertThat(big.totalAmount()).isEqualTo(1_234_567_924L);
        assertThat(big.feeYuan()).isEqualTo(new BigDecimal("74074.07340"));

        TradeBillRow refund = bill.rows().get(2);
        assertThat(refund.isRefund()).isTrue();
        assertThat(refund.tradeState()).isEqualTo("REFUND");
        assertThat(refund.refundId()).isEqualTo("50300908092026022812345678901");
        assertThat(refund.outRefundNo()).isEqualTo("refund-0990-1");
        assertThat(refund.refundAmount()).isEqualTo(9900);
        assertThat(refund.requestedRefundAmount()).isEqualTo(9900);
        assertThat(refund.refundStatus()).isEqualTo("SUCCESS");
        assertThat(refund.feeYuan()).isEqualTo(new BigDecimal("-0.59400"));

        assertThat(bill.summary()).isEqualTo(new TradeBillSummary(3, 1_234_567_891L, 9900, 0,
                new BigDecimal("74073.47940"), 1_234_567_925L, 9900));
        assertThat(bill.rows().stream().mapToLong(TradeBillRow::settlementAmount).sum())
                .isEqualTo(bill.summary().settlementTotal());
        assertThat(bill.rows().stream().map(TradeBillRow::feeYuan).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(bill.summary().feeTotalYuan());

        long now = clock.instant().getEpochSecond();
        WechatPayProviderTest.assertSignedByMerchant(
                server.findAll(getRequestedFor(urlPathEqualTo("/v3/bill/tradebill"))).get(0), now);
        WechatPayProviderTest.assertSignedByMerchant(server.findAll(getRequestedFor(urlPathEqualTo(FILE_PATH))).get(0), now);
    }

    @Test
    void downloadTradeBill_whenGzip_checksDigestOfCompressedBytesThenDecompresses() throws Exception {
        byte[] file = gzip(("\uFEFF" + BILL).getBytes(StandardCharsets.UTF_8));
        serve(file, sha1(file).toUpperCase(java.util.Locale.ROOT), true);

        TradeBill bill = wechat.downloadTradeBill(DAY, true);

        assertThat(bill.rows()).extracting(TradeBillRow::outTradeNo).containsExactly("order-1001", "order-1002", "order-0990");
        assertThat(bill.summary().tradeCount()).isEqualTo(3);
    }

    @Test
    void downloadTradeBill_whenDigestDiffers_isRefusedWithStableCode() throws Exception {
        byte[] file = BILL.getBytes(StandardCharsets.UTF_8);
        byte[] altered = BILL.replace("`0.01,`0.00,`", "`9.01,`0.00,`").getBytes(StandardCharsets.UTF_8);
        String announced = sha1(file);
        String actual = sha1(altered);
        serve(altered, announced, false);

        assertThatThrownBy(() -> wechat.downloadTradeBill(DAY, false)).isInstanceOfSatisfying(TradeBillException.class, e -> {
            assertThat(e.problem()).isEqualTo(TradeBillException.Problem.DIGEST_MISMATCH);
            assertThat(e.code()).isEqualTo(ErrorCode.VERIFICATION_FAILED);
            assertThat(e.isRetryable()).isTrue();
            assertThat(e.getMessage()).contains(announced).contains(actual).contains("download it again");
        });
    }

    @Test
    void downloadTradeBill_whenSummaryCountDiffers_isMalformed() throws Exception {
        byte[] file = BILL.replace("`3,`12345678.91", "`4,`12345678.91").getBytes(StandardCharsets.UTF_8);
        serve(file, sha1(file), false);

        assertThatThrownBy(() -> wechat.downloadTradeBill(DAY, false)).isInstanceOfSatisfying(TradeBillException.class, e -> {
            assertThat(e.problem()).isEqualTo(TradeBillException.Problem.MALFORMED);
            assertThat(e.code()).isEqualTo(ErrorCode.REMOTE_FAILURE);
            assertThat(e.getMessage()).contains("line 6").contains("4 trades").contains("3 lines");
        });
    }

    @Test
    void downloadTradeBill_whenAmountHasSubFenDigits_isMalformedNotRounded() throws Exception {
        byte[] file = BILL.replace("`12345678.90,", "`12345678.905,").getBytes(StandardCharsets.UTF_8);
        serve(file, sha1(file), false);

        assertThatThrownBy(() -> wechat.downloadTradeBill(DAY, false)).isInstanceOfSatisfying(TradeBillException.class,
                e -> assertThat(e.getMessage()).contains("line 3").contains("应结订单金额 '12345678.905' is not a whole number of fen"));
    }

    @Test
    void downloadTradeBill_whenTruncated_isMalformed() throws Exception {
        byte[] file = (HEADER + "\r\n" + PAYMENT + "\r\n").getBytes(StandardCharsets.UTF_8);
        serve(file, sha1(file), false);

        assertThatThrownBy(() -> wechat.downloadTradeBill(DAY, false)).isInstanceOfSatisfying(TradeBillException.class,
                e -> assertThat(e.getMessage()).contains("truncated"));
    }

    @Test
    void downloadTradeBill_whenGzipRequestedButPlainServed_isMalformed() throws Exception {
        byte[] file = BILL.getBytes(StandardCharsets.UTF_8);
        serve(file, sha1(file), true);

        assertThatThrownBy(() -> wechat.downloadTradeBill(DAY, true)).isInstanceOfSatisfying(TradeBillException.class,
                e -> assertThat(e.problem()).isEqualTo(TradeBillException.Problem.MALFORMED));
    }

    @Test
    void downloadTradeBill_whenAnnouncementUnsigned_isRefusedBeforeDownloading() {
        server.stubFor(get(urlPathEqualTo("/v3/bill/tradebill")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"hash_type\":\"SHA1\",\"hash_value\":\""
                        + "0".repeat(40) + "\",\"download_url\":\"" + server.baseUrl() + FILE_PATH + "?token=t\"}")));

        assertThatThrownBy(() -> wechat.downloadTradeBill(DAY, false)).isInstanceOfSatisfying(RemoteException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.VERIFICATION_FAILED));
        assertThat(server.findAll(getRequestedFor(urlPathEqualTo(FILE_PATH)))).isEmpty();
    }

    @Test
    void downloadTradeBill_whenDownloadUrlIsElsewhere_sendsNoSignedRequestThere() {
        String announcement = "{\"hash_type\":\"SHA1\",\"hash_value\":\"" + "0".repeat(40)
                + "\",\"download_url\":\"https://collector.example/v3/billdownload/file?token=t\"}";
        server.stubFor(get(urlPathEqualTo("/v3/bill/tradebill")).willReturn(WechatTestCertificates.signedBy(
                PLATFORM.getPrivate(), PLATFORM_SERIAL, announcement, clock.instant().getEpochSecond())));

        assertThatThrownBy(() -> wechat.downloadTradeBill(DAY, false)).isInstanceOfSatisfying(TradeBillException.class,
                e -> assertThat(e.getMessage()).contains("collector.example").doesNotContain("token"));
    }

    @Test
    void downloadTradeBill_whenBillStillBeingGenerated_reportsWechatCode() {
        server.stubFor(get(urlPathEqualTo("/v3/bill/tradebill")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\":\"STATEMENT_CREATING\",\"message\":\"账单生成中\"}")));

        assertThatThrownBy(() -> wechat.downloadTradeBill(DAY, false)).isInstanceOfSatisfying(RemoteException.class, e -> {
            assertThat(e).isNotInstanceOf(TradeBillException.class);
            assertThat(e.providerCode()).isEqualTo("STATEMENT_CREATING");
            assertThat(e.httpStatus()).isEqualTo(400);
        });
    }

    @Test
    void downloadTradeBill_whenDayNotOverInChina_isValidationError() {
        clock.set(Instant.parse("2026-02-28T16:00:00Z")); // 2026-03-01 00:00 in China: the 28th is over
        assertThatThrownBy(() -> wechat.downloadTradeBill(LocalDate.parse("2026-03-01"), false))
                .isInstanceOf(ValidationException.class).hasMessageContaining("2026-03-02");
        assertThat(server.findAll(getRequestedFor(urlPathEqualTo("/v3/bill/tradebill")))).isEmpty();
    }

    @Test
    void downloadTradeBill_whenDayMissing_isValidationErrorNamingIt() {
        assertThatThrownBy(() -> wechat.downloadTradeBill(null, false))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.getMessage()).contains("billDate"));
        assertThat(server.findAll(getRequestedFor(urlPathEqualTo("/v3/bill/tradebill")))).isEmpty();
    }
}
