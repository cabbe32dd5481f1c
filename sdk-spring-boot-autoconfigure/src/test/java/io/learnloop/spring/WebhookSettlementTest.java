package io.learnloop.spring;

import com.sun.net.httpserver.HttpServer;
import io.learnloop.core.Learnloop;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.OrderStatus;
import io.learnloop.payment.CheckoutRequest;
import io.learnloop.payment.PaymentFlow;
import io.learnloop.payment.PaymentSession;
import io.learnloop.payment.Payments;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.Secret;
import io.learnloop.payment.stripe.StripeWebhooks;
import io.learnloop.spring.autoconfigure.LearnloopAutoConfiguration;
import io.learnloop.spring.autoconfigure.LearnloopObservationAutoConfiguration;
import io.learnloop.spring.autoconfigure.LearnloopPaymentsAutoConfiguration;
import io.learnloop.spring.autoconfigure.LearnloopWebhooksAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.servlet.function.RouterFunction;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Signed notifications posted to the starter's endpoints, as Stripe and Alipay send them, settle the order; the
 * answers are what each provider expects, and the observations count them.
 */
class WebhookSettlementTest {
    private static final String WHSEC = "whsec_starter_test";
    private static final String ALIPAY_APP_ID = "2021000123456789";
    private static final KeyPair APP = TestKeys.rsa2048();
    private static final KeyPair ALIPAY = TestKeys.rsa2048();
    // 18:00 in Beijing, where Alipay's notify_time is written
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

    private HttpServer stripeApi;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void startStripeStub() throws IOException {
        stripeApi = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stripeApi.createContext("/v1/payment_intents", exchange -> {
            byte[] json = "{\"id\":\"pi_501\",\"client_secret\":\"pi_501_secret_x\",\"status\":\"requires_payment_method\"}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, json.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(json);
            }
        });
        stripeApi.start();
    }

    @AfterEach
    void stopStripeStub() {
        stripeApi.stop(0);
    }

    private WebApplicationContextRunner runner() {
        DataSource ds = TestShop.h2();
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
        return new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LearnloopAutoConfiguration.class,
                        LearnloopPaymentsAutoConfiguration.class, LearnloopWebhooksAutoConfiguration.class,
                        LearnloopObservationAutoConfiguration.class))
                .withBean(DataSource.class, () -> ds)
                .withBean(Clock.class, () -> CLOCK)
                .withBean(ObservationRegistry.class, () -> observations)
                .withBean(MeterRegistry.class, () -> meters)
                .withPropertyValues("learnloop.payments.stripe.api-key=sk_test_starter",
                        "learnloop.payments.stripe.webhook-secret=" + WHSEC,
                        "learnloop.payments.stripe.base-url=http://127.0.0.1:" + stripeApi.getAddress().getPort(),
                        "learnloop.payments.alipay.app-id=" + ALIPAY_APP_ID,
                        "learnloop.payments.alipay.app-private-key=" + TestKeys.pem("PRIVATE KEY", APP.getPrivate().getEncoded()),
                        "learnloop.payments.alipay.alipay-public-key=" + TestKeys.bare(ALIPAY.getPublic().getEncoded()),
                        "learnloop.payments.alipay.notify-url=https://shop.example/pay/alipay",
                        "learnloop.webhooks.alipay=/pay/alipay");
    }

    private static MockMvc mvc(AssertableWebApplicationContext context) {
        return MockMvcBuilders.routerFunctions(context.getBeansOfType(RouterFunction.class).values()
                .toArray(RouterFunction[]::new)).build();
    }

    @Test
    void stripeEndpoint_whenSignedPaymentSucceeded_settlesTheOrderAndAnswers2xx() {
        runner().run(context -> {
            assertThat(context).hasNotFailed();
            TestShop shop = new TestShop(context.getBean(Learnloop.class), 19900, "CNY");
            Order order = shop.order("k-stripe");
            PaymentSession session = context.getBean(Payments.class).checkout(TestShop.LEARNER,
                    CheckoutRequest.of(order.id(), ProviderId.STRIPE, PaymentFlow.CLIENT_SECRET, "Java"));
            byte[] event = ("{\"id\":\"evt_501\",\"type\":\"payment_intent.succeeded\",\"created\":" + CLOCK.instant().getEpochSecond()
                    + ",\"data\":{\"object\":{\"id\":\"pi_501\",\"amount_received\":19900,\"currency\":\"cny\",\"status\":\"succeeded\","
                    + "\"metadata\":{\"learnloop_reference\":\"" + session.merchantReference() + "\"}}}}").getBytes(StandardCharsets.UTF_8);

            MvcResult result = mvc(context).perform(post("/learnloop/webhooks/stripe").content(event)
                    .contentType("application/json")
                    .header("Stripe-Signature", StripeWebhooks.signatureHeader(event, Secret.of(WHSEC), CLOCK.instant())))
                    .andReturn();

            assertThat(result.getResponse().getStatus()).isBetween(200, 299);
            assertThat(shop.status(order)).isEqualTo(OrderStatus.PAID);
            assertThat(meters.get("learnloop.payment.notifications").tag("provider", "stripe").tag("verdict", "settled")
                    .timer().count()).isEqualTo(1);
            assertThat(meters.get("learnloop.payment.checkouts").tag("provider", "stripe").timer().count()).isEqualTo(1);
            assertThat(meters.get("learnloop.settlements").tag("provider", "stripe").counter().count()).isEqualTo(1.0);
            assertThat(meters.get("learnloop.access.changes").tag("change", "granted").counter().count()).isEqualTo(1.0);
            assertThat(meters.get("learnloop.outbox.delivery").timer().count()).isPositive();
        });
    }

    @Test
    void stripeEndpoint_whenSignatureWrong_refusesAndLeavesTheOrderUnpaid() {
        runner().run(context -> {
            TestShop shop = new TestShop(context.getBean(Learnloop.class), 19900, "CNY");
            Order order = shop.order("k-forged");
            PaymentSession session = context.getBean(Payments.class).checkout(TestShop.LEARNER,
                    CheckoutRequest.of(order.id(), ProviderId.STRIPE, PaymentFlow.CLIENT_SECRET, "Java"));
            byte[] event = ("{\"id\":\"evt_502\",\"type\":\"payment_intent.succeeded\",\"created\":" + CLOCK.instant().getEpochSecond()
                    + ",\"data\":{\"object\":{\"id\":\"pi_501\",\"amount_received\":19900,\"currency\":\"cny\",\"status\":\"succeeded\","
                    + "\"metadata\":{\"learnloop_reference\":\"" + session.merchantReference() + "\"}}}}").getBytes(StandardCharsets.UTF_8);

            MvcResult result = mvc(context).perform(post("/learnloop/webhooks/stripe").content(event)
                    .header("Stripe-Signature", StripeWebhooks.signatureHeader(event, Secret.of("whsec_other"), CLOCK.instant())))
                    .andReturn();

            assertThat(result.getResponse().getStatus()).isGreaterThanOrEqualTo(400);
            assertThat(shop.status(order)).isNotEqualTo(OrderStatus.PAID);
            assertThat(meters.get("learnloop.payment.notifications").tag("provider", "stripe").tag("verdict", "rejected")
                    .timer().count()).isEqualTo(1);
        });
    }

    @Test
    void alipayEndpoint_whenSignedTradeSuccess_settlesTheOrderAndAnswersSuccess() {
        runner().run(context -> {
            TestShop shop = new TestShop(context.getBean(Learnloop.class), 19900, "CNY");
            Order order = shop.order("k-alipay");
            PaymentSession session = context.getBean(Payments.class).checkout(TestShop.LEARNER,
                    CheckoutRequest.of(order.id(), ProviderId.ALIPAY, PaymentFlow.REDIRECT, "Java"));
            byte[] form = form(alipayPaid(session.merchantReference(), "199.00"));

            MvcResult result = mvc(context).perform(post("/pay/alipay").content(form)
                    .contentType("application/x-www-form-urlencoded; charset=utf-8")).andReturn();

            assertThat(result.getResponse().getStatus()).isEqualTo(200);
            assertThat(result.getResponse().getContentAsString()).isEqualTo("success");
            assertThat(shop.status(order)).isEqualTo(OrderStatus.PAID);
            assertThat(meters.get("learnloop.payment.notifications").tag("provider", "alipay").tag("verdict", "settled")
                    .timer().count()).isEqualTo(1);
            assertThat(meters.get("learnloop.settlements").tag("provider", "alipay").counter().count()).isEqualTo(1.0);
        });
    }

    @Test
    void alipayEndpoint_whenDeliveredTwice_settlesOnceAndAcknowledgesBoth() {
        runner().run(context -> {
            TestShop shop = new TestShop(context.getBean(Learnloop.class), 19900, "CNY");
            Order order = shop.order("k-alipay-2");
            PaymentSession session = context.getBean(Payments.class).checkout(TestShop.LEARNER,
                    CheckoutRequest.of(order.id(), ProviderId.ALIPAY, PaymentFlow.REDIRECT, "Java"));
            byte[] form = form(alipayPaid(session.merchantReference(), "199.00"));
            MockMvc mvc = mvc(context);

            String first = mvc.perform(post("/pay/alipay").content(form)
                    .contentType("application/x-www-form-urlencoded; charset=utf-8")).andReturn().getResponse().getContentAsString();
            String second = mvc.perform(post("/pay/alipay").content(form)
                    .contentType("application/x-www-form-urlencoded; charset=utf-8")).andReturn().getResponse().getContentAsString();

            assertThat(first).isEqualTo("success");
            assertThat(second).isEqualTo("success");
            assertThat(meters.get("learnloop.settlements").tag("provider", "alipay").counter().count()).isEqualTo(1.0);
        });
    }

    @Test
    void alipayEndpoint_whenAFilterReadTheFormFirst_stillSettlesTheOrder() {
        runner().run(context -> {
            TestShop shop = new TestShop(context.getBean(Learnloop.class), 19900, "CNY");
            Order order = shop.order("k-alipay-filtered");
            PaymentSession session = context.getBean(Payments.class).checkout(TestShop.LEARNER,
                    CheckoutRequest.of(order.id(), ProviderId.ALIPAY, PaymentFlow.REDIRECT, "Java"));
            MockMvc mvc = MockMvcBuilders.routerFunctions(context.getBeansOfType(RouterFunction.class).values()
                    .toArray(RouterFunction[]::new)).addFilters(new BodyConsumingFilter()).build();

            MvcResult result = mvc.perform(post("/pay/alipay").content(form(alipayPaid(session.merchantReference(), "199.00")))
                    .contentType("application/x-www-form-urlencoded; charset=utf-8")).andReturn();

            assertThat(result.getResponse().getContentAsString()).isEqualTo("success");
            assertThat(shop.status(order)).isEqualTo(OrderStatus.PAID);
        });
    }

    @Test
    void wechatEndpoint_whenSignedWithAnotherKey_answersWechatsFailBody() {
        runner().withPropertyValues(LearnloopAutoConfigurationTest.wechat()).run(context -> {
            byte[] body = "{\"id\":\"EV-1\",\"event_type\":\"TRANSACTION.SUCCESS\"}".getBytes(StandardCharsets.UTF_8);
            String timestamp = String.valueOf(CLOCK.instant().getEpochSecond());

            MvcResult result = mvc(context).perform(post("/learnloop/webhooks/wechatpay").content(body)
                    .contentType("application/json").header("Wechatpay-Timestamp", timestamp)
                    .header("Wechatpay-Nonce", "n0nce").header("Wechatpay-Serial", "PUB_KEY_ID_0114232134912410000000000000")
                    .header("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048")
                    .header("Wechatpay-Signature", TestKeys.sign(ALIPAY.getPrivate(), timestamp + "\nn0nce\n"
                            + new String(body, StandardCharsets.UTF_8) + "\n"))).andReturn();

            assertThat(result.getResponse().getStatus()).isEqualTo(401);
            assertThat(result.getResponse().getContentType()).startsWith("application/json");
            assertThat(result.getResponse().getContentAsString()).contains("\"code\":\"FAIL\"");
            assertThat(meters.get("learnloop.payment.notifications").tag("provider", "wechatpay").tag("verdict", "rejected")
                    .timer().count()).isEqualTo(1);
        });
    }

    @Test
    void endpoints_whenProviderNotConfigured_areNotMounted() {
        runner().run(context -> {
            MvcResult result = mvc(context).perform(post("/learnloop/webhooks/wechatpay").content("{}")).andReturn();
            assertThat(result.getResponse().getStatus()).isEqualTo(404);
        });
    }

    /** A trade_status_sync notification signed with Alipay's key, as Alipay builds it. */
    private static Map<String, String> alipayPaid(String outTradeNo, String amount) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("gmt_create", "2026-03-01 17:58:00");
        p.put("charset", "utf-8");
        p.put("subject", "Java");
        p.put("buyer_id", "2088102177846873");
        p.put("invoice_amount", amount);
        p.put("notify_id", "2026030100222175900098131402893");
        p.put("notify_type", "trade_status_sync");
        p.put("trade_status", "TRADE_SUCCESS");
        p.put("receipt_amount", amount);
        p.put("app_id", ALIPAY_APP_ID);
        p.put("buyer_pay_amount", amount);
        p.put("gmt_payment", "2026-03-01 17:59:00");
        p.put("notify_time", "2026-03-01 18:00:00");
        p.put("version", "1.0");
        p.put("out_trade_no", outTradeNo);
        p.put("total_amount", amount);
        p.put("trade_no", "2026030122001");
        p.put("auth_app_id", ALIPAY_APP_ID);
        p.put("sign_type", "RSA2");
        StringJoiner content = new StringJoiner("&");
        new TreeMap<>(p).forEach((k, v) -> {
            if (!k.equals("sign_type") && !v.isEmpty()) {
                content.add(k + "=" + v);
            }
        });
        p.put("sign", TestKeys.sign(ALIPAY.getPrivate(), content.toString()));
        return p;
    }

    private static byte[] form(Map<String, String> p) {
        StringJoiner j = new StringJoiner("&");
        p.forEach((k, v) -> j.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return j.toString().getBytes(StandardCharsets.UTF_8);
    }
}
