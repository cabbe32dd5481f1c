package io.learnloop.payment.wechat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.RemoteException;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.money.Money;
import io.learnloop.core.testing.MutableClock;
import io.learnloop.payment.spi.PaymentReference;
import io.learnloop.payment.spi.RefundQuery;
import io.learnloop.payment.spi.RefundResult;
import io.learnloop.payment.RefundState;
import io.learnloop.payment.Secret;
import io.learnloop.http.SharedHttpClient;
import io.learnloop.payment.testing.RecordingSleeper;
import io.learnloop.payment.testing.StubServer;
import io.learnloop.payment.testing.TestKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code GET /v3/refund/domestic/refunds/{out_refund_no}} against the documented answers, signed by the platform key. */
class WechatRefundQueryTest {
    static final String PLATFORM_SERIAL = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
    static final KeyPair MERCHANT = WechatPayProviderTest.MERCHANT;
    static final KeyPair PLATFORM = TestKeys.rsa2048();
    static final KeyPair FORGER = TestKeys.rsa2048();
    static final String PATH = "/v3/refund/domestic/refunds/rf0123456789abcdef01234567";

    @RegisterExtension
    static final StubServer server = new StubServer();

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    WechatPayProvider wechat;

    @BeforeEach
    void reset() {
        wechat = new WechatPayProvider(WechatPayConfig.builder(WechatPayProviderTest.MCH_ID, WechatPayProviderTest.APP_ID)
                .merchantKey(WechatPayProviderTest.MERCHANT_SERIAL, MERCHANT.getPrivate())
                .apiV3Key(Secret.of(WechatPayProviderTest.API_V3_KEY))
                .verificationKey(PLATFORM_SERIAL, PLATFORM.getPublic())
                .baseUrl(server.baseUrl()).notifyUrl("https://shop.example/notify/wechat")
                .clock(clock).ids(IdGenerator.sequential("nonce"))
                .http(SharedHttpClient.builder().sleeper(new RecordingSleeper()).build()).build());
    }

    ResponseDefinitionBuilder signed(int status, String body, KeyPair key) {
        long timestamp = clock.instant().getEpochSecond();
        String nonce = "resp-nonce-" + timestamp;
        String signature = TestKeys.sign(key.getPrivate(),
                (timestamp + "\n" + nonce + "\n" + body + "\n").getBytes(StandardCharsets.UTF_8));
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("Wechatpay-Timestamp", String.valueOf(timestamp)).withHeader("Wechatpay-Nonce", nonce)
                .withHeader("Wechatpay-Serial", PLATFORM_SERIAL).withHeader("Wechatpay-Signature", signature)
                .withHeader("Request-ID", "08F78BB5AF0610D302").withBody(body);
    }

    /** The documented answer, with the given status. */
    static String refund(String status) {
        return "{\"refund_id\":\"50000000382019052709732678859\",\"out_refund_no\":\"rf0123456789abcdef01234567\","
                + "\"transaction_id\":\"1217752501201407033233368018\",\"out_trade_no\":\"ll0123456789abcdef0123-1\","
                + "\"channel\":\"ORIGINAL\",\"user_received_account\":\"招商银行信用卡0403\","
                + (status.equals("SUCCESS") ? "\"success_time\":\"2026-03-01T18:01:02+08:00\"," : "")
                + "\"create_time\":\"2026-03-01T17:58:00+08:00\",\"status\":\"" + status + "\",\"funds_account\":\"UNSETTLED\","
                + "\"amount\":{\"total\":19900,\"refund\":9900,\"payer_total\":19900,\"payer_refund\":9900,"
                + "\"settlement_refund\":9900,\"settlement_total\":19900,\"discount_refund\":0,\"currency\":\"CNY\"},"
                + "\"promotion_detail\":[]}";
    }

    RefundResult query() {
        return wechat.queryRefund(new RefundQuery(PaymentReference.of("ll0123456789abcdef0123-1"),
                "rf0123456789abcdef01234567", null));
    }

    @Test
    void queryRefund_whenSuccess_isSucceededWithAmountAndSignedRequest() {
        server.stubFor(get(PATH).willReturn(signed(200, refund("SUCCESS"), PLATFORM)));
        RefundResult r = query();
        assertThat(r.state()).isEqualTo(RefundState.SUCCEEDED);
        assertThat(r.providerRefundId()).isEqualTo("50000000382019052709732678859");
        assertThat(r.amount()).isEqualTo(Money.ofMinor(9900, "CNY"));
        assertThat(r.providerState()).isEqualTo("SUCCESS");
        List<LoggedRequest> requests = server.findAll(anyRequestedFor(anyUrl()));
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).getMethod().getName()).isEqualTo("GET");
        WechatPayProviderTest.assertSignedByMerchant(requests.get(0), clock.instant().getEpochSecond());
    }

    @Test
    void queryRefund_whenProcessing_isPending() {
        server.stubFor(get(PATH).willReturn(signed(200, refund("PROCESSING"), PLATFORM)));
        assertThat(query().state()).isEqualTo(RefundState.PENDING);
    }

    @Test
    void queryRefund_whenClosed_isFailed() {
        server.stubFor(get(PATH).willReturn(signed(200, refund("CLOSED"), PLATFORM)));
        RefundResult r = query();
        assertThat(r.state()).isEqualTo(RefundState.FAILED);
        assertThat(r.providerState()).isEqualTo("CLOSED");
    }

    @Test
    void queryRefund_whenAbnormal_needsAction() {
        server.stubFor(get(PATH).willReturn(signed(200, refund("ABNORMAL"), PLATFORM)));
        RefundResult r = query();
        assertThat(r.state()).isEqualTo(RefundState.ACTION_REQUIRED);
        assertThat(r.providerState()).isEqualTo("ABNORMAL");
    }

    @Test
    void queryRefund_whenResourceNotExists_isReportedNotThrown() {
        server.stubFor(get(PATH).willReturn(signed(404, "{\"code\":\"RESOURCE_NOT_EXISTS\",\"message\":\"退款单不存在\"}", PLATFORM)));
        RefundResult r = query();
        assertThat(r.state()).isEqualTo(RefundState.NOT_FOUND);
        assertThat(r.providerState()).isEqualTo("RESOURCE_NOT_EXISTS");
        assertThat(r.amount()).isNull();
    }

    @Test
    void queryRefund_whenSignedByAnotherKey_isRejectedAsForged() {
        server.stubFor(get(PATH).willReturn(signed(200, refund("SUCCESS"), FORGER)));
        assertThatThrownBy(this::query).isInstanceOfSatisfying(RemoteException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.VERIFICATION_FAILED);
            assertThat(e.outcomeUnknown()).isFalse();
        });
    }

    @Test
    void queryRefund_whenSystemError_throwsRetryable() {
        server.stubFor(get(PATH).willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":\"SYSTEM_ERROR\",\"message\":\"系统错误\"}")));
        assertThatThrownBy(this::query).isInstanceOfSatisfying(RemoteException.class,
                e -> assertThat(e.isRetryable()).isTrue());
    }
}
