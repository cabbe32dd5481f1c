package io.learnloop.payment.pipeline;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.learnloop.core.commerce.LineAmount;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.money.Money;
import io.learnloop.payment.CheckoutRequest;
import io.learnloop.payment.PaymentFlow;
import io.learnloop.payment.Payments;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.ReconciliationReport;
import io.learnloop.payment.RefundReview;
import io.learnloop.payment.RefundState;
import io.learnloop.payment.Secret;
import io.learnloop.http.SharedHttpClient;
import io.learnloop.payment.internal.pipeline.PaymentRefund;
import io.learnloop.payment.internal.pipeline.PaymentTypes;
import io.learnloop.payment.testing.RecordingSleeper;
import io.learnloop.payment.testing.StubServer;
import io.learnloop.payment.testing.TestKeys;
import io.learnloop.payment.wechat.WechatPayConfig;
import io.learnloop.payment.wechat.WechatPayProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/** A WeChat Pay refund that turns ABNORMAL is listed for a person on every run, never re-sent, and confirmed once it succeeds. */
class WechatRefundReconciliationTest {
    private static final String MCH_ID = "1900009191";
    private static final String APP_ID = "wxd678efh567hg6787";
    private static final String PLATFORM_SERIAL = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
    private static final KeyPair MERCHANT = TestKeys.rsa2048();
    private static final KeyPair PLATFORM = TestKeys.rsa2048();

    @RegisterExtension
    static final StubServer server = new StubServer();

    private final PipelineFixture p = new PipelineFixture();
    private final Payments payments = Payments.builder(p.f.learnloop)
            .provider(new WechatPayProvider(WechatPayConfig.builder(MCH_ID, APP_ID)
                    .merchantKey("3775B6A45ACD588826D15E583A95F5DD2C3A4F1B", MERCHANT.getPrivate())
                    .apiV3Key(Secret.of("a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb"))
                    .verificationKey(PLATFORM_SERIAL, PLATFORM.getPublic())
                    .baseUrl(server.baseUrl()).notifyUrl("https://shop.example/notify/wechat")
                    .clock(p.f.clock).ids(IdGenerator.sequential("nonce"))
                    .http(SharedHttpClient.builder().sleeper(new RecordingSleeper()).build()).build()))
            .reconcileAfter(Duration.ofMinutes(5)).build();

    /** Signed the way WeChat Pay signs responses, at the current clock. */
    private ResponseDefinitionBuilder signed(String body) {
        long timestamp = p.f.clock.instant().getEpochSecond();
        String nonce = "n" + timestamp;
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withHeader("Wechatpay-Timestamp", String.valueOf(timestamp)).withHeader("Wechatpay-Nonce", nonce)
                .withHeader("Wechatpay-Serial", PLATFORM_SERIAL)
                .withHeader("Wechatpay-Signature", TestKeys.sign(PLATFORM.getPrivate(),
                        (timestamp + "\n" + nonce + "\n" + body + "\n").getBytes(StandardCharsets.UTF_8)))
                .withBody(body);
    }

    private void refundStatus(String reference, String status) {
        server.stubFor(get(urlPathEqualTo("/v3/refund/domestic/refunds/" + reference)).willReturn(signed(
                "{\"refund_id\":\"50000000382019052709732678859\",\"out_refund_no\":\"" + reference + "\","
                        + "\"transaction_id\":\"4200000991202601056853086457\",\"channel\":\"ORIGINAL\","
                        + "\"user_received_account\":\"招商银行信用卡0403\",\"status\":\"" + status + "\","
                        + "\"amount\":{\"total\":19900,\"refund\":19900,\"currency\":\"CNY\"}}")));
    }

    private PaymentRefund stored(Order order) {
        return p.f.learnloop.context().read(uow -> uow.get(PaymentTypes.REFUND, order.id().value() + ":r1")).value();
    }

    @Test
    void reconcile_whenRefundTurnsAbnormal_listsItUntilItSucceedsAndNeverResends() {
        Order order = p.order("k-wx", p.javaOffer);
        server.stubFor(post("/v3/pay/transactions/native").willReturn(signed("{\"code_url\":\"weixin://wxpay/bizpayurl?pr=p4lpSuKzz\"}")));
        String reference = payments.checkout(PipelineFixture.LEARNER, CheckoutRequest.of(order.id(), ProviderId.WECHAT_PAY, PaymentFlow.QR_CODE, "Java"))
                .merchantReference();
        p.f.advance(Duration.ofMinutes(6));
        server.stubFor(get(urlPathMatching("/v3/pay/transactions/out-trade-no/.*")).willReturn(signed(
                "{\"appid\":\"" + APP_ID + "\",\"mchid\":\"" + MCH_ID + "\",\"out_trade_no\":\"" + reference + "\","
                        + "\"transaction_id\":\"4200000991202601056853086457\",\"trade_state\":\"SUCCESS\","
                        + "\"success_time\":\"2026-01-05T17:03:00+08:00\",\"amount\":{\"total\":19900,\"currency\":\"CNY\"}}")));
        assertThat(payments.reconcile().settled()).containsExactly(order.id());

        server.stubFor(post("/v3/refund/domestic/refunds").willReturn(signed(
                "{\"refund_id\":\"50000000382019052709732678859\",\"status\":\"PROCESSING\","
                        + "\"amount\":{\"total\":19900,\"refund\":19900,\"currency\":\"CNY\"}}")));
        assertThat(payments.refund(PipelineFixture.LEARNER, order.id(), "r1", List.of(LineAmount.of(1, Money.ofMinor(19900, "CNY"))), null).state())
                .isEqualTo(PaymentRefund.SENT);
        String refundReference = stored(order).refundReference();

        for (int run = 0; run < 2; run++) {
            p.f.advance(Duration.ofMinutes(6));
            refundStatus(refundReference, "ABNORMAL");
            ReconciliationReport report = payments.reconcile();
            assertThat(report.refundsForReview()).containsExactly(new RefundReview(ProviderId.WECHAT_PAY, order.id(),
                    "r1", refundReference, RefundState.ACTION_REQUIRED, "ABNORMAL"));
            assertThat(report.refundsSent()).isZero();
            assertThat(stored(order).state()).isEqualTo(PaymentRefund.ACTION_REQUIRED);
        }

        // the merchant routed the money elsewhere; WeChat Pay finishes the refund
        p.f.advance(Duration.ofMinutes(6));
        refundStatus(refundReference, "SUCCESS");
        ReconciliationReport done = payments.reconcile();
        assertThat(done.refundsConfirmed()).isEqualTo(1);
        assertThat(done.refundsForReview()).isEmpty();
        assertThat(stored(order).state()).isEqualTo(PaymentRefund.CONFIRMED);
        assertThat(p.events(Payments.REFUND_CONFIRMED)).isEqualTo(1);
        assertThat(server.findAll(postRequestedFor(urlPathEqualTo("/v3/refund/domestic/refunds")))).hasSize(1);
        assertThat(server.findAll(getRequestedFor(urlPathEqualTo("/v3/refund/domestic/refunds/" + refundReference)))).hasSize(3);
    }
}
