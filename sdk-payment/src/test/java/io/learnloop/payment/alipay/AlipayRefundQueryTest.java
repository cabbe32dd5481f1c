package io.learnloop.payment.alipay;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.RemoteException;
import io.learnloop.core.money.Money;
import io.learnloop.core.testing.MutableClock;
import io.learnloop.payment.spi.PaymentReference;
import io.learnloop.payment.spi.RefundQuery;
import io.learnloop.payment.spi.RefundResult;
import io.learnloop.payment.RefundState;
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
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code alipay.trade.fastpay.refund.query} against the documented answers, RSA2-signed over the raw response. */
class AlipayRefundQueryTest {
    static final String METHOD = "alipay.trade.fastpay.refund.query";
    static final KeyPair APP = AlipayProviderTest.APP;
    static final KeyPair ALIPAY = TestKeys.rsa2048();
    static final KeyPair FORGER = TestKeys.rsa2048();

    @RegisterExtension
    static final StubServer server = new StubServer();

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    AlipayProvider alipay;

    @BeforeEach
    void reset() {
        alipay = new AlipayProvider(AlipayConfig.builder(AlipayProviderTest.APP_ID).appPrivateKey(APP.getPrivate())
                .alipayPublicKey(ALIPAY.getPublic()).gatewayUrl(server.baseUrl() + "/gateway.do")
                .notifyUrl("https://shop.example/notify/alipay").clock(clock)
                .http(SharedHttpClient.builder().sleeper(new RecordingSleeper()).build()).build());
    }

    static void answer(String inner, KeyPair key) {
        String sign = TestKeys.sign(key.getPrivate(), inner.getBytes(StandardCharsets.UTF_8));
        server.stubFor(post(urlPathEqualTo("/gateway.do")).withQueryParam("method", equalTo(METHOD))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html;charset=utf-8")
                        .withBody("{\"alipay_trade_fastpay_refund_query_response\":" + inner + ",\"sign\":\"" + sign + "\"}")));
    }

    RefundResult query() {
        return alipay.queryRefund(new RefundQuery(PaymentReference.of("ll0123456789abcdef0123-1"),
                "rf0123456789abcdef01234567", null));
    }

    @Test
    void queryRefund_whenRefundSuccess_isSucceededAndRequestIsSigned() {
        answer("{\"code\":\"10000\",\"msg\":\"Success\",\"trade_no\":\"2026030122001419121412730660\","
                + "\"out_trade_no\":\"ll0123456789abcdef0123-1\",\"out_request_no\":\"rf0123456789abcdef01234567\","
                + "\"total_amount\":\"199.00\",\"refund_amount\":\"99.00\",\"refund_status\":\"REFUND_SUCCESS\"}", ALIPAY);
        RefundResult r = query();
        assertThat(r.state()).isEqualTo(RefundState.SUCCEEDED);
        assertThat(r.amount()).isEqualTo(Money.ofMinor(9900, "CNY"));
        assertThat(r.providerState()).isEqualTo("REFUND_SUCCESS");
        List<LoggedRequest> requests = server.findAll(anyRequestedFor(anyUrl()));
        assertThat(requests).hasSize(1);
        var params = AlipayProviderTest.params(requests.get(0));
        AlipayProviderTest.assertSignedByApp(params, METHOD);
        assertThat(params).containsEntry("biz_content",
                "{\"out_trade_no\":\"ll0123456789abcdef0123-1\",\"out_request_no\":\"rf0123456789abcdef01234567\"}")
                .doesNotContainKey("notify_url");
    }

    @Test
    void queryRefund_whenNoStatusButRefundAmount_isSucceeded() {
        // merchants on the older contract get no refund_status: a refund_amount alone means the money was returned
        answer("{\"code\":\"10000\",\"msg\":\"Success\",\"trade_no\":\"2026030122001419121412730660\","
                + "\"out_trade_no\":\"ll0123456789abcdef0123-1\",\"out_request_no\":\"rf0123456789abcdef01234567\","
                + "\"total_amount\":\"199.00\",\"refund_amount\":\"99.00\"}", ALIPAY);
        assertThat(query().state()).isEqualTo(RefundState.SUCCEEDED);
    }

    @Test
    void queryRefund_whenAnswerIsEmpty_isNotFound() {
        answer("{\"code\":\"10000\",\"msg\":\"Success\",\"out_trade_no\":\"ll0123456789abcdef0123-1\","
                + "\"trade_no\":\"2026030122001419121412730660\"}", ALIPAY);
        RefundResult r = query();
        assertThat(r.state()).isEqualTo(RefundState.NOT_FOUND);
        assertThat(r.amount()).isNull();
    }

    @Test
    void queryRefund_whenTradeDoesNotExist_isNotFound() {
        answer("{\"code\":\"40004\",\"msg\":\"Business Failed\",\"sub_code\":\"ACQ.TRADE_NOT_EXIST\",\"sub_msg\":\"交易不存在\"}", ALIPAY);
        assertThat(query().state()).isEqualTo(RefundState.NOT_FOUND);
    }

    @Test
    void queryRefund_whenSuccessSignedByAnotherKey_isRejectedAsForged() {
        answer("{\"code\":\"10000\",\"msg\":\"Success\",\"out_request_no\":\"rf0123456789abcdef01234567\","
                + "\"refund_amount\":\"99.00\",\"refund_status\":\"REFUND_SUCCESS\"}", FORGER);
        assertThatThrownBy(this::query).isInstanceOfSatisfying(RemoteException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.VERIFICATION_FAILED);
            assertThat(e.outcomeUnknown()).isFalse();
        });
    }

    @Test
    void queryRefund_whenSystemBusy_throwsRetryable() {
        answer("{\"code\":\"20000\",\"msg\":\"Service Currently Unavailable\",\"sub_code\":\"ACQ.SYSTEM_ERROR\",\"sub_msg\":\"系统繁忙\"}", ALIPAY);
        assertThatThrownBy(this::query).isInstanceOfSatisfying(RemoteException.class, e -> {
            assertThat(e.isRetryable()).isTrue();
            assertThat(e.outcomeUnknown()).isFalse();
        });
    }
}
