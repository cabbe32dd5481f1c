package io.learnloop.payment.pipeline;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.OrderStatus;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.event.EventTypes;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.http.SharedHttpClient;
import io.learnloop.payment.CheckoutRequest;
import io.learnloop.payment.H5Scene;
import io.learnloop.payment.Disposition;
import io.learnloop.payment.NotificationResult;
import io.learnloop.payment.PaymentFlow;
import io.learnloop.payment.PaymentSession;
import io.learnloop.payment.Payments;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.Secret;
import io.learnloop.payment.testing.RecordingSleeper;
import io.learnloop.payment.testing.StubServer;
import io.learnloop.payment.testing.TestKeys;
import io.learnloop.payment.wechat.WechatPayConfig;
import io.learnloop.payment.wechat.WechatPayProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A host checks out through WeChat Pay H5 and the mini-program; each payment settles through core settlement. */
class WechatCheckoutFlowsTest {
    private static final String MCH_ID = "1900009191";
    private static final String APP_ID = "wxd678efh567hg6787";
    private static final String MINI_PROGRAM = "wx7777777777777777";
    private static final String API_V3_KEY = "a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb";
    private static final String PLATFORM_SERIAL = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
    private static final KeyPair MERCHANT = TestKeys.rsa2048();
    private static final KeyPair PLATFORM = TestKeys.rsa2048();

    @RegisterExtension
    static final StubServer server = new StubServer();

    private final PipelineFixture p = new PipelineFixture();
    private final Payments payments = Payments.builder(p.f.learnloop)
            .provider(new WechatPayProvider(WechatPayConfig.builder(MCH_ID, APP_ID)
                    .appId(PaymentFlow.MINI_PROGRAM, MINI_PROGRAM)
                    .merchantKey("3775B6A45ACD588826D15E583A95F5DD2C3A4F1B", MERCHANT.getPrivate())
                    .apiV3Key(Secret.of(API_V3_KEY))
                    .verificationKey(PLATFORM_SERIAL, PLATFORM.getPublic())
                    .baseUrl(server.baseUrl()).notifyUrl("https://shop.example/notify/wechat")
                    .clock(p.f.clock).ids(IdGenerator.sequential("nonce"))
                    .http(SharedHttpClient.builder().sleeper(new RecordingSleeper()).build()).build()))
            .build();

    private long now() {
        return p.f.clock.instant().getEpochSecond();
    }

    private ResponseDefinitionBuilder signed(String body) {
        String nonce = "n" + now();
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withHeader("Wechatpay-Timestamp", String.valueOf(now())).withHeader("Wechatpay-Nonce", nonce)
                .withHeader("Wechatpay-Serial", PLATFORM_SERIAL)
                .withHeader("Wechatpay-Signature", TestKeys.sign(PLATFORM.getPrivate(),
                        (now() + "\n" + nonce + "\n" + body + "\n").getBytes(StandardCharsets.UTF_8)))
                .withBody(body);
    }

    /** A TRANSACTION.SUCCESS notification for the reference, encrypted and signed the way WeChat Pay sends it. */
    private NotificationResult paid(String reference, String appId, String tradeType) throws Exception {
        String resource = "{\"mchid\":\"" + MCH_ID + "\",\"appid\":\"" + appId + "\",\"out_trade_no\":\"" + reference
                + "\",\"transaction_id\":\"4200000003\",\"trade_type\":\"" + tradeType + "\",\"trade_state\":\"SUCCESS\","
                + "\"success_time\":\"2026-01-05T17:01:00+08:00\",\"amount\":{\"total\":19900,\"currency\":\"CNY\"}}";
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(API_V3_KEY.getBytes(StandardCharsets.UTF_8), "AES"),
                new GCMParameterSpec(128, "fdasflkja484".getBytes(StandardCharsets.UTF_8)));
        c.updateAAD("transaction".getBytes(StandardCharsets.UTF_8));
        String ciphertext = Base64.getEncoder().encodeToString(c.doFinal(resource.getBytes(StandardCharsets.UTF_8)));
        String body = "{\"id\":\"EV-" + reference + "\",\"create_time\":\"2026-01-05T17:01:30+08:00\","
                + "\"resource_type\":\"encrypt-resource\",\"event_type\":\"TRANSACTION.SUCCESS\",\"summary\":\"支付成功\","
                + "\"resource\":{\"original_type\":\"transaction\",\"algorithm\":\"AEAD_AES_256_GCM\",\"ciphertext\":\""
                + ciphertext + "\",\"associated_data\":\"transaction\",\"nonce\":\"fdasflkja484\"}}";
        Map<String, String> headers = Map.of("Wechatpay-Timestamp", String.valueOf(now()), "Wechatpay-Nonce", "n0nce",
                "Wechatpay-Serial", PLATFORM_SERIAL, "Wechatpay-Signature", TestKeys.sign(PLATFORM.getPrivate(),
                        (now() + "\nn0nce\n" + body + "\n").getBytes(StandardCharsets.UTF_8)));
        return payments.handleNotification(ProviderId.WECHAT_PAY, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    private OrderStatus status(Order order) {
        return p.commerce.order(PipelineFixture.FINANCE, order.id()).status();
    }

    @Test
    void checkout_whenH5_returnsH5UrlAndTheNotificationSettlesTheOrder() throws Exception {
        Order order = p.order("k-h5", p.javaOffer);
        server.stubFor(post("/v3/pay/transactions/h5").willReturn(signed(
                "{\"h5_url\":\"https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=wx1&package=1\"}")));

        PaymentSession s = payments.checkout(PipelineFixture.LEARNER, CheckoutRequest.of(order.id(),
                ProviderId.WECHAT_PAY, PaymentFlow.H5, "Java").withPayerClientIp("198.51.100.23"));

        assertThat(s.redirectUrl()).startsWith("https://wx.tenpay.com/");
        assertThat(server.findAll(anyRequestedFor(anyUrl())).get(0).getBodyAsString())
                .contains("\"payer_client_ip\":\"198.51.100.23\"");
        NotificationResult r = paid(s.merchantReference(), APP_ID, "MWEB");
        assertThat(r.disposition()).isEqualTo(Disposition.SETTLED);
        assertThat(status(order)).isEqualTo(OrderStatus.PAID);
        assertThat(p.events(EventTypes.ORDER_PAID)).isEqualTo(1);
    }

    @Test
    void checkout_whenH5InsideAnAndroidApp_sendsTheAppAsTheScene() {
        Order order = p.order("k-h5-app", p.javaOffer);
        server.stubFor(post("/v3/pay/transactions/h5").willReturn(signed(
                "{\"h5_url\":\"https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=wx2&package=1\"}")));

        payments.checkout(PipelineFixture.LEARNER, CheckoutRequest.of(order.id(), ProviderId.WECHAT_PAY,
                PaymentFlow.H5, "Java").withPayerClientIp("198.51.100.23")
                .withH5Scene(H5Scene.android("Learnloop", "com.learnloop.courses")));

        assertThat(server.findAll(anyRequestedFor(anyUrl())).get(0).getBodyAsString()).contains(
                "\"h5_info\":{\"type\":\"Android\",\"app_name\":\"Learnloop\","
                        + "\"package_name\":\"com.learnloop.courses\"}");
        assertThatThrownBy(() -> CheckoutRequest.of(order.id(), ProviderId.WECHAT_PAY, PaymentFlow.JSAPI, "Java")
                .withH5Scene(H5Scene.wap(null, null))).hasMessageContaining("h5Scene");
    }

    @Test
    void checkout_whenMiniProgram_signsForTheMiniProgramAndTheNotificationSettlesTheOrder() throws Exception {
        Order order = p.order("k-mp", p.javaOffer);
        server.stubFor(post("/v3/pay/transactions/jsapi").willReturn(signed("{\"prepay_id\":\"wx201410272009395522657a690389285100\"}")));

        PaymentSession s = payments.checkout(PipelineFixture.LEARNER, CheckoutRequest.of(order.id(),
                ProviderId.WECHAT_PAY, PaymentFlow.MINI_PROGRAM, "Java").withPayerId("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"));

        assertThat(s.jsapi().appId()).isEqualTo(MINI_PROGRAM);
        assertThat(paid(s.merchantReference(), MINI_PROGRAM, "JSAPI").disposition()).isEqualTo(Disposition.SETTLED);
        assertThat(status(order)).isEqualTo(OrderStatus.PAID);
    }

    @Test
    void checkout_whenPayerFieldMissing_namesItAndLeavesTheOrderUntouched() {
        Order order = p.order("k-missing", p.javaOffer);
        assertThatThrownBy(() -> payments.checkout(PipelineFixture.LEARNER, CheckoutRequest.of(order.id(),
                ProviderId.WECHAT_PAY, PaymentFlow.JSAPI, "Java")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.getMessage()).contains("payerId"));
        assertThatThrownBy(() -> payments.checkout(PipelineFixture.LEARNER, CheckoutRequest.of(order.id(),
                ProviderId.WECHAT_PAY, PaymentFlow.H5, "Java")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.getMessage()).contains("payerClientIp"));
        assertThatThrownBy(() -> CheckoutRequest.of(order.id(), ProviderId.WECHAT_PAY, PaymentFlow.H5, "Java")
                .withPayerClientIp("localhost"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.getMessage()).contains("payerClientIp"));
        assertThat(status(order)).isEqualTo(OrderStatus.CREATED);
        assertThat(server.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void checkout_whenPayerSwitchesFromJsapiToH5_closesThePendingPaymentAndStartsANewOne() throws Exception {
        Order order = p.order("k-switch", p.javaOffer);
        server.stubFor(post("/v3/pay/transactions/jsapi").willReturn(signed("{\"prepay_id\":\"wx201410272009395522657a690389285100\"}")));
        server.stubFor(post("/v3/pay/transactions/h5").willReturn(signed("{\"h5_url\":\"https://wx.tenpay.com/h5\"}")));
        server.stubFor(post(urlPathMatching("/v3/pay/transactions/out-trade-no/.*/close")).willReturn(aResponse().withStatus(204)
                .withHeader("Wechatpay-Timestamp", String.valueOf(now())).withHeader("Wechatpay-Nonce", "c")
                .withHeader("Wechatpay-Serial", PLATFORM_SERIAL).withHeader("Wechatpay-Signature", TestKeys.sign(
                        PLATFORM.getPrivate(), (now() + "\nc\n\n").getBytes(StandardCharsets.UTF_8)))));

        String jsapi = payments.checkout(PipelineFixture.LEARNER, CheckoutRequest.of(order.id(), ProviderId.WECHAT_PAY,
                PaymentFlow.JSAPI, "Java").withPayerId("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")).merchantReference();
        PaymentSession h5 = payments.checkout(PipelineFixture.LEARNER, CheckoutRequest.of(order.id(),
                ProviderId.WECHAT_PAY, PaymentFlow.H5, "Java").withPayerClientIp("198.51.100.23"));

        // WeChat Pay creates no H5 order under the JSAPI order's out_trade_no: that one is closed, a new one made
        assertThat(h5.merchantReference()).isNotEqualTo(jsapi);
        assertThat(server.findAll(postRequestedFor(urlPathEqualTo("/v3/pay/transactions/out-trade-no/" + jsapi + "/close"))))
                .hasSize(1);
        assertThat(server.findAll(postRequestedFor(urlPathEqualTo("/v3/pay/transactions/h5"))).get(0).getBodyAsString())
                .contains("\"out_trade_no\":\"" + h5.merchantReference() + "\"");
        assertThat(paid(h5.merchantReference(), APP_ID, "MWEB").disposition()).isEqualTo(Disposition.SETTLED);
        assertThat(status(order)).isEqualTo(OrderStatus.PAID);
    }

    @Test
    void checkout_whenSwitchingFlowButTheFirstPaymentWasJustPaid_settlesItInsteadOfStartingAnother() {
        Order order = p.order("k-switch-paid", p.javaOffer);
        server.stubFor(post("/v3/pay/transactions/jsapi").willReturn(signed("{\"prepay_id\":\"wx201410272009395522657a690389285100\"}")));
        String jsapi = payments.checkout(PipelineFixture.LEARNER, CheckoutRequest.of(order.id(), ProviderId.WECHAT_PAY,
                PaymentFlow.JSAPI, "Java").withPayerId("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")).merchantReference();
        server.stubFor(post(urlPathMatching("/v3/pay/transactions/out-trade-no/.*/close")).willReturn(aResponse()
                .withStatus(400).withBody("{\"code\":\"ORDERPAID\",\"message\":\"该订单已支付\"}")));
        server.stubFor(get(urlPathEqualTo("/v3/pay/transactions/out-trade-no/" + jsapi)).willReturn(signed(
                "{\"appid\":\"" + APP_ID + "\",\"mchid\":\"" + MCH_ID + "\",\"out_trade_no\":\"" + jsapi + "\","
                        + "\"transaction_id\":\"4200000004\",\"trade_state\":\"SUCCESS\","
                        + "\"success_time\":\"2026-01-05T17:03:00+08:00\",\"amount\":{\"total\":19900,\"currency\":\"CNY\"}}")));

        assertThatThrownBy(() -> payments.checkout(PipelineFixture.LEARNER, CheckoutRequest.of(order.id(),
                ProviderId.WECHAT_PAY, PaymentFlow.H5, "Java").withPayerClientIp("198.51.100.23")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("already paid");
        assertThat(status(order)).isEqualTo(OrderStatus.PAID);
        assertThat(server.findAll(postRequestedFor(urlPathEqualTo("/v3/pay/transactions/h5")))).isEmpty();
    }
}
