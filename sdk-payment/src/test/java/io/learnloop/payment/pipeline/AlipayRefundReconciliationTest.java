package io.learnloop.payment.pipeline;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.learnloop.core.commerce.LineAmount;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.OrderStatus;
import io.learnloop.core.money.Money;
import io.learnloop.payment.CheckoutRequest;
import io.learnloop.payment.PaymentFlow;
import io.learnloop.payment.Payments;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.ReconciliationReport;
import io.learnloop.payment.RefundOutcome;
import io.learnloop.payment.alipay.AlipayConfig;
import io.learnloop.payment.alipay.AlipayProvider;
import io.learnloop.http.SharedHttpClient;
import io.learnloop.payment.internal.pipeline.PaymentRefund;
import io.learnloop.payment.internal.pipeline.PaymentTypes;
import io.learnloop.payment.testing.Forms;
import io.learnloop.payment.testing.RecordingSleeper;
import io.learnloop.payment.testing.StubServer;
import io.learnloop.payment.testing.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Alipay answers refunds synchronously and sends no refund notification: a refund answered with {@code fund_change=N}
 * is confirmed by {@code alipay.trade.fastpay.refund.query} in reconciliation, over real RSA2 signatures.
 */
class AlipayRefundReconciliationTest {
    private static final String APP_ID = "2021000123456789";
    private static final KeyPair APP = TestKeys.rsa2048();
    private static final KeyPair ALIPAY = TestKeys.rsa2048();

    @RegisterExtension
    static final StubServer server = new StubServer();

    private final PipelineFixture p = new PipelineFixture();
    private final Payments payments = Payments.builder(p.f.learnloop)
            .provider(new AlipayProvider(AlipayConfig.builder(APP_ID).appPrivateKey(APP.getPrivate())
                    .alipayPublicKey(ALIPAY.getPublic()).gatewayUrl(server.baseUrl() + "/gateway.do")
                    .notifyUrl("https://shop.example/notify/alipay").clock(p.f.clock)
                    .http(SharedHttpClient.builder().sleeper(new RecordingSleeper()).build()).build()))
            .reconcileAfter(Duration.ofMinutes(5)).build();

    private static void answer(String method, String inner) {
        String sign = TestKeys.sign(ALIPAY.getPrivate(), inner.getBytes(StandardCharsets.UTF_8));
        server.stubFor(post(urlPathEqualTo("/gateway.do")).withQueryParam("method", equalTo(method))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html;charset=utf-8")
                        .withBody("{\"" + method.replace('.', '_') + "_response\":" + inner + ",\"sign\":\"" + sign + "\"}")));
    }

    private static List<Map<String, String>> bizContents(String method) {
        return server.findAll(postRequestedFor(urlPathEqualTo("/gateway.do")).withQueryParam("method", equalTo(method)))
                .stream().map(AlipayRefundReconciliationTest::params).toList();
    }

    private static Map<String, String> params(LoggedRequest r) {
        Map<String, String> all = new LinkedHashMap<>(Forms.decode(URI.create(r.getUrl()).getRawQuery()));
        all.putAll(Forms.decode(r.getBodyAsString()));
        return all;
    }

    /** Checkout by QR code, then settled by reconciliation's trade query. */
    private Order paid(String key) {
        Order order = p.order(key, p.javaOffer);
        answer("alipay.trade.precreate", "{\"code\":\"10000\",\"msg\":\"Success\",\"out_trade_no\":\"x\","
                + "\"qr_code\":\"https://qr.alipay.com/bax03431ljhokirwl38f00a7\"}");
        String reference = payments.checkout(PipelineFixture.LEARNER, CheckoutRequest.of(order.id(), ProviderId.ALIPAY, PaymentFlow.QR_CODE, "Java"))
                .merchantReference();
        answer("alipay.trade.query", "{\"code\":\"10000\",\"msg\":\"Success\",\"trade_no\":\"2026010522001419121412730660\","
                + "\"out_trade_no\":\"" + reference + "\",\"trade_status\":\"TRADE_SUCCESS\",\"total_amount\":\"199.00\"}");
        p.f.advance(Duration.ofMinutes(6));
        assertThat(payments.reconcile().settled()).containsExactly(order.id());
        return order;
    }

    private PaymentRefund stored(Order order, String key) {
        return p.f.learnloop.context().read(uow -> uow.get(PaymentTypes.REFUND, order.id().value() + ":" + key)).value();
    }

    @Test
    void reconcile_whenAlipayAnsweredFundChangeN_confirmsByRefundQuery() {
        Order order = paid("k-ali-1");
        answer("alipay.trade.refund", "{\"code\":\"10000\",\"msg\":\"Success\",\"trade_no\":\"2026010522001419121412730660\","
                + "\"out_trade_no\":\"x\",\"fund_change\":\"N\",\"refund_fee\":\"199.00\"}");
        RefundOutcome outcome = payments.refund(PipelineFixture.LEARNER, order.id(), "r1", List.of(LineAmount.of(1, Money.ofMinor(19900, "CNY"))), null);
        assertThat(outcome.state()).isEqualTo(PaymentRefund.SENT);
        String reference = stored(order, "r1").refundReference();

        p.f.advance(Duration.ofMinutes(6));
        answer("alipay.trade.fastpay.refund.query", "{\"code\":\"10000\",\"msg\":\"Success\","
                + "\"trade_no\":\"2026010522001419121412730660\",\"out_trade_no\":\"x\",\"out_request_no\":\"" + reference + "\","
                + "\"total_amount\":\"199.00\",\"refund_amount\":\"199.00\",\"refund_status\":\"REFUND_SUCCESS\"}");
        ReconciliationReport report = payments.reconcile();

        assertThat(report.refundsConfirmed()).isEqualTo(1);
        assertThat(report.failures()).isEmpty();
        assertThat(stored(order, "r1").state()).isEqualTo(PaymentRefund.CONFIRMED);
        String payment = p.commerce.order(PipelineFixture.FINANCE, order.id()).payment().reference();
        assertThat(payment).isEqualTo("2026010522001419121412730660");
        List<Map<String, String>> queries = bizContents("alipay.trade.fastpay.refund.query");
        assertThat(queries).singleElement().satisfies(q -> assertThat(q.get("biz_content")).contains(
                "\"out_request_no\":\"" + reference + "\"").contains("\"out_trade_no\":\"ll"));
        assertThat(bizContents("alipay.trade.refund")).hasSize(1);
        assertThat(p.commerce.order(PipelineFixture.FINANCE, order.id()).status()).isEqualTo(OrderStatus.REFUNDED);
    }

    @Test
    void reconcile_whenAlipayKnowsNoSuchRefund_resendsWithTheSameOutRequestNo() {
        Order order = paid("k-ali-2");
        answer("alipay.trade.refund", "{\"code\":\"10000\",\"msg\":\"Success\",\"trade_no\":\"2026010522001419121412730660\","
                + "\"out_trade_no\":\"x\",\"fund_change\":\"N\",\"refund_fee\":\"0.00\"}");
        payments.refund(PipelineFixture.LEARNER, order.id(), "r1", List.of(LineAmount.of(1, Money.ofMinor(19900, "CNY"))), null);
        p.f.advance(Duration.ofMinutes(6));
        // an answer without refund_status or refund_amount: Alipay has no successful refund under this number
        answer("alipay.trade.fastpay.refund.query", "{\"code\":\"10000\",\"msg\":\"Success\","
                + "\"trade_no\":\"2026010522001419121412730660\",\"out_trade_no\":\"x\"}");
        answer("alipay.trade.refund", "{\"code\":\"10000\",\"msg\":\"Success\",\"trade_no\":\"2026010522001419121412730660\","
                + "\"out_trade_no\":\"x\",\"fund_change\":\"Y\",\"refund_fee\":\"199.00\"}");

        ReconciliationReport report = payments.reconcile();

        assertThat(report.refundsSent()).isEqualTo(1);
        assertThat(stored(order, "r1").state()).isEqualTo(PaymentRefund.CONFIRMED);
        List<Map<String, String>> sends = bizContents("alipay.trade.refund");
        assertThat(sends).hasSize(2);
        assertThat(sends.get(1).get("biz_content")).isEqualTo(sends.get(0).get("biz_content"))
                .contains("\"out_request_no\":\"" + stored(order, "r1").refundReference() + "\"");
        p.f.advance(Duration.ofMinutes(6));
        assertThat(payments.reconcile().refundsChecked()).isZero();
        assertThat(bizContents("alipay.trade.refund")).hasSize(2);
    }

    @Test
    void refund_whenAlipayRejectsOurSignature_isBlockedAndResendsTheSameOutRequestNoAfterTheFix() {
        Order order = paid("k-ali-sign");
        // the gateway refuses the request before any business rule: the app key configured at Alipay is another one
        server.stubFor(post(urlPathEqualTo("/gateway.do")).withQueryParam("method", equalTo("alipay.trade.refund"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html;charset=utf-8")
                        .withBody("{\"alipay_trade_refund_response\":{\"code\":\"40002\",\"msg\":\"Invalid Arguments\","
                                + "\"sub_code\":\"isv.invalid-signature\",\"sub_msg\":\"invalid signature\"}}")));

        RefundOutcome outcome = payments.refund(PipelineFixture.LEARNER, order.id(), "r1", List.of(LineAmount.of(1, Money.ofMinor(19900, "CNY"))), null);

        assertThat(outcome.state()).isEqualTo(PaymentRefund.BLOCKED);
        assertThat(outcome.detail()).contains("isv.invalid-signature");
        p.f.advance(Duration.ofMinutes(6));
        ReconciliationReport report = payments.reconcile();
        assertThat(report.refundsForReview()).extracting(io.learnloop.payment.RefundReview::issue)
                .containsExactly(io.learnloop.payment.RefundReview.Issue.BLOCKED);
        assertThat(report.refundsSent()).isZero();
        assertThat(bizContents("alipay.trade.refund")).hasSize(1);

        // the key was uploaded again; Alipay has no refund under the number, so the same number is sent
        String reference = stored(order, "r1").refundReference();
        answer("alipay.trade.fastpay.refund.query", "{\"code\":\"10000\",\"msg\":\"Success\","
                + "\"trade_no\":\"2026010522001419121412730660\",\"out_trade_no\":\"x\"}");
        answer("alipay.trade.refund", "{\"code\":\"10000\",\"msg\":\"Success\",\"trade_no\":\"2026010522001419121412730660\","
                + "\"out_trade_no\":\"x\",\"fund_change\":\"Y\",\"refund_fee\":\"199.00\"}");
        RefundOutcome resent = payments.resendRefund(PipelineFixture.FINANCE, order.id(), "r1");

        assertThat(resent.state()).isEqualTo(PaymentRefund.CONFIRMED);
        List<Map<String, String>> refunds = bizContents("alipay.trade.refund");
        assertThat(refunds).hasSize(2).allSatisfy(r -> assertThat(r.get("biz_content"))
                .contains("\"out_request_no\":\"" + reference + "\""));
        assertThat(bizContents("alipay.trade.fastpay.refund.query")).hasSize(1);
    }
}
