package io.learnloop.payment.pipeline;

import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.OrderStatus;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.event.EventTypes;
import io.learnloop.http.SharedHttpClient;
import io.learnloop.payment.CheckoutRequest;
import io.learnloop.payment.Disposition;
import io.learnloop.payment.NotificationResult;
import io.learnloop.payment.PaymentFlow;
import io.learnloop.payment.PaymentSession;
import io.learnloop.payment.Payments;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.alipay.AlipayConfig;
import io.learnloop.payment.alipay.AlipayProvider;
import io.learnloop.payment.testing.Forms;
import io.learnloop.payment.testing.RecordingSleeper;
import io.learnloop.payment.testing.StubServer;
import io.learnloop.payment.testing.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Alipay's WAP, PC page and app channels through {@code Payments.checkout}: the signed request goes to the payer's
 * client, and Alipay's notification for the trade settles the order through the core settlement, as for every flow.
 */
class AlipayCheckoutChannelsTest {
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
            .build();

    /** A TRADE_SUCCESS notification for the reference, signed by Alipay's key over the parameters without sign and sign_type. */
    private NotificationResult paid(String reference) {
        Map<String, String> n = new TreeMap<>();
        n.put("notify_time", "2026-01-05 17:00:30");
        n.put("notify_type", "trade_status_sync");
        n.put("notify_id", "N-" + reference);
        n.put("app_id", APP_ID);
        n.put("charset", "utf-8");
        n.put("version", "1.0");
        n.put("out_trade_no", reference);
        n.put("trade_no", "2026010522001" + reference.length());
        n.put("trade_status", "TRADE_SUCCESS");
        n.put("total_amount", "199.00");
        n.put("gmt_payment", "2026-01-05 17:00:10");
        StringJoiner content = new StringJoiner("&");
        n.forEach((k, v) -> content.add(k + "=" + v));
        Map<String, String> form = new LinkedHashMap<>(n);
        form.put("sign_type", "RSA2");
        form.put("sign", TestKeys.sign(ALIPAY.getPrivate(), content.toString().getBytes(StandardCharsets.UTF_8)));
        StringJoiner body = new StringJoiner("&");
        form.forEach((k, v) -> body.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return payments.handleNotification(ProviderId.ALIPAY, body.toString().getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"));
    }

    private OrderStatus status(Order order) {
        return p.commerce.order(PipelineFixture.FINANCE, order.id()).status();
    }

    @Test
    void checkout_whenWap_returnsTheSignedFormAndTheNotificationSettlesTheOrder() {
        Order order = p.order("k-wap", p.javaOffer);

        PaymentSession s = payments.checkout(PipelineFixture.LEARNER, CheckoutRequest.of(order.id(), ProviderId.ALIPAY,
                PaymentFlow.WAP, "Java").withReturnUrl("https://m.shop.example/paid").withCancelUrl("https://m.shop.example/cart"));

        assertThat(s.alipayForm().html()).contains("alipay.trade.wap.pay");
        Map<String, String> sent = Forms.decode(URI.create(s.redirectUrl()).getRawQuery());
        assertThat(sent.get("biz_content")).contains("\"out_trade_no\":\"" + s.merchantReference() + "\"")
                .contains("\"total_amount\":\"199.00\"").contains("\"quit_url\":\"https://m.shop.example/cart\"");
        assertThat(server.findAll(anyRequestedFor(anyUrl()))).as("nothing is sent to Alipay by the SDK").isEmpty();
        assertThat(status(order)).isEqualTo(OrderStatus.AWAITING_PAYMENT);

        assertThat(paid(s.merchantReference()).disposition()).isEqualTo(Disposition.SETTLED);
        assertThat(status(order)).isEqualTo(OrderStatus.PAID);
        assertThat(p.events(EventTypes.ORDER_PAID)).isEqualTo(1);
    }

    @Test
    void checkout_whenApp_returnsTheOrderStringAndTheNotificationSettlesTheOrder() {
        Order order = p.order("k-app", p.javaOffer);

        PaymentSession s = payments.checkout(PipelineFixture.LEARNER, CheckoutRequest.of(order.id(), ProviderId.ALIPAY,
                PaymentFlow.APP, "Java"));

        Map<String, String> orderString = Forms.decode(s.alipayAppOrder().orderString());
        assertThat(orderString).containsEntry("method", "alipay.trade.app.pay");
        assertThat(orderString.get("biz_content")).contains("\"out_trade_no\":\"" + s.merchantReference() + "\"");
        assertThat(paid(s.merchantReference()).disposition()).isEqualTo(Disposition.SETTLED);
        assertThat(paid(s.merchantReference()).disposition()).as("a repeat").isEqualTo(Disposition.DUPLICATE);
        assertThat(status(order)).isEqualTo(OrderStatus.PAID);
        assertThat(p.events(EventTypes.ORDER_PAID)).isEqualTo(1);
    }

    @Test
    void checkout_whenWapWithoutReturnUrl_namesItAndLeavesTheOrderUntouched() {
        Order order = p.order("k-wap-bad", p.javaOffer);

        assertThatThrownBy(() -> payments.checkout(PipelineFixture.LEARNER, CheckoutRequest.of(order.id(), ProviderId.ALIPAY,
                PaymentFlow.WAP, "Java")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.getMessage()).contains("returnUrl"));
        assertThat(status(order)).isEqualTo(OrderStatus.CREATED);
    }

    @Test
    void checkout_whenPayerMovesFromPcPageToWap_closesTheFirstTradeAndPaysUnderANewReference() {
        Order order = p.order("k-switch", p.javaOffer);
        PaymentSession page = payments.checkout(PipelineFixture.LEARNER, CheckoutRequest.of(order.id(), ProviderId.ALIPAY,
                PaymentFlow.REDIRECT, "Java").withReturnUrl("https://shop.example/paid"));
        // the payer never opened the PC cashier, so Alipay has no trade to close
        for (String method : new String[] {"alipay.trade.close", "alipay.trade.query"}) {
            server.stubFor(post(urlPathEqualTo("/gateway.do")).withQueryParam("method", equalTo(method))
                    .willReturn(aResponse().withStatus(200).withBody("{\"" + method.replace('.', '_') + "_response\":{\"code\":\"40004\","
                            + "\"msg\":\"Business Failed\",\"sub_code\":\"ACQ.TRADE_NOT_EXIST\",\"sub_msg\":\"交易不存在\"}}")));
        }

        PaymentSession wap = payments.checkout(PipelineFixture.LEARNER, CheckoutRequest.of(order.id(), ProviderId.ALIPAY,
                PaymentFlow.WAP, "Java").withReturnUrl("https://m.shop.example/paid"));

        assertThat(wap.merchantReference()).isNotEqualTo(page.merchantReference());
        assertThat(paid(wap.merchantReference()).disposition()).isEqualTo(Disposition.SETTLED);
        assertThat(status(order)).isEqualTo(OrderStatus.PAID);
    }
}
