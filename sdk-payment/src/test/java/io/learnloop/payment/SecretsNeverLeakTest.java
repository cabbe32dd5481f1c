package io.learnloop.payment;

import io.learnloop.payment.spi.CreatePaymentRequest;
import io.learnloop.payment.spi.PaymentReference;
import io.learnloop.payment.spi.RefundRequest;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.money.Money;
import io.learnloop.core.testing.MutableClock;
import io.learnloop.payment.alipay.AlipayConfig;
import io.learnloop.payment.alipay.AlipayProvider;
import io.learnloop.http.SharedHttpClient;
import io.learnloop.payment.sandbox.SandboxConfig;
import io.learnloop.payment.sandbox.SandboxProvider;
import io.learnloop.payment.sandbox.SandboxScenario;
import io.learnloop.payment.stripe.StripeConfig;
import io.learnloop.payment.stripe.StripeProvider;
import io.learnloop.payment.stripe.StripeWebhooks;
import io.learnloop.payment.testing.RecordingSleeper;
import io.learnloop.payment.testing.TestKeys;
import io.learnloop.payment.wechat.WechatPayConfig;
import io.learnloop.payment.wechat.WechatPayProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a full flow through every provider with debug logging on, and searches everything the SDK printed, threw or
 * rendered for every secret.
 */
class SecretsNeverLeakTest {
    static final String STRIPE_KEY = "sk_test_LEAKCHECK0123456789abcdef";
    static final String WHSEC = "whsec_LEAKCHECKwebhooksecret0123";
    static final String API_V3 = "LEAKCHECKapiV3key0123456789abcde";
    static final String SANDBOX_SECRET = "LEAKCHECK-sandbox-hmac-secret";
    final KeyPair merchant = TestKeys.rsa2048();
    final KeyPair platform = TestKeys.rsa2048();
    final KeyPair app = TestKeys.rsa2048();
    final KeyPair alipayKey = TestKeys.rsa2048();
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    final WireMockServer server = new WireMockServer(options().dynamicPort());
    final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    final List<String> rendered = new ArrayList<>();
    PrintStream originalErr;
    PrintStream originalOut;

    @BeforeEach
    void start() {
        server.start();
        originalErr = System.err;
        originalOut = System.out;
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setErr(capture);
        System.setOut(capture);
    }

    @AfterEach
    void stop() {
        System.setErr(originalErr);
        System.setOut(originalOut);
        server.stop();
    }

    private void attempt(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            rendered.add(e.toString());
            rendered.add(String.valueOf(e.getMessage()));
        }
    }

    private String signedWechat(String body) {
        long ts = clock.instant().getEpochSecond();
        return ts + "|" + TestKeys.sign(platform.getPrivate(), (ts + "\nn\n" + body + "\n").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void fullFlow_whenLogsCaptured_containsNoSecret() {
        SharedHttpClient http = SharedHttpClient.builder().sleeper(new RecordingSleeper()).build();
        StripeConfig stripeConfig = StripeConfig.builder(Secret.of(STRIPE_KEY)).webhookSecret(Secret.of(WHSEC))
                .baseUrl(server.baseUrl()).clock(clock).http(http).build();
        StripeProvider stripe = new StripeProvider(stripeConfig);
        WechatPayConfig wechatConfig = WechatPayConfig.builder("1900009191", "wxd678efh567hg6787")
                .merchantKey("3775B6A45ACD588826D15E583A95F5DD2C3A4F1B", merchant.getPrivate()).apiV3Key(Secret.of(API_V3))
                .verificationKey("PLATFORM1", platform.getPublic()).baseUrl(server.baseUrl())
                .notifyUrl("https://shop.example/n").clock(clock).http(http).build();
        WechatPayProvider wechat = new WechatPayProvider(wechatConfig);
        AlipayConfig alipayConfig = AlipayConfig.builder("2021000123456789").appPrivateKey(app.getPrivate())
                .alipayPublicKey(alipayKey.getPublic()).gatewayUrl(server.baseUrl() + "/gateway.do").clock(clock).http(http).build();
        AlipayProvider alipay = new AlipayProvider(alipayConfig);
        SandboxConfig sandboxConfig = SandboxConfig.builder().key("k1", Secret.of(SANDBOX_SECRET)).clock(clock)
                .ids(IdGenerator.sequential("s")).build();
        SandboxProvider sandbox = new SandboxProvider(sandboxConfig);

        // Stripe: a retried create, a refused refund, accepted and rejected webhooks
        server.stubFor(post("/v1/payment_intents").inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withBody("{\"error\":{\"type\":\"api_error\"}}")).willSetStateTo("ok"));
        server.stubFor(post("/v1/payment_intents").inScenario("s").whenScenarioStateIs("ok")
                .willReturn(okJson("{\"id\":\"pi_1\",\"client_secret\":\"pi_1_secret_LEAKCHECKclient\"}")));
        server.stubFor(post("/v1/refunds").willReturn(aResponse().withStatus(401)
                .withBody("{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Invalid API Key provided\"}}")));
        PaymentSession session = stripe.create(CreatePaymentRequest.builder("order-9001", Money.ofMinor(100, "USD"),
                PaymentFlow.CLIENT_SECRET).build());
        rendered.add(session.toString());
        attempt(() -> stripe.refund(RefundRequest.of(new PaymentReference("order-9001", "pi_1"), "refund-9001",
                Money.ofMinor(1, "USD"), Money.ofMinor(100, "USD"), null)));
        byte[] event = "{\"id\":\"evt_1\",\"type\":\"payment_intent.succeeded\",\"data\":{\"object\":{\"id\":\"pi_1\",\"amount_received\":100,\"currency\":\"usd\"}}}"
                .getBytes(StandardCharsets.UTF_8);
        rendered.add(stripe.parseNotification(event, Map.of("Stripe-Signature",
                StripeWebhooks.signatureHeader(event, Secret.of(WHSEC), clock.instant()))).toString());
        rendered.add(stripe.parseNotification(event, Map.of("Stripe-Signature", "t=1,v1=00")).toString());

        // WeChat Pay: signed create, a forged response, a rate-limited refund, notifications
        String codeUrl = "{\"code_url\":\"weixin://x\"}";
        String[] sig = signedWechat(codeUrl).split("\\|");
        server.stubFor(post("/v3/pay/transactions/native").willReturn(aResponse().withStatus(200).withBody(codeUrl)
                .withHeader("Wechatpay-Timestamp", sig[0]).withHeader("Wechatpay-Nonce", "n")
                .withHeader("Wechatpay-Serial", "PLATFORM1").withHeader("Wechatpay-Signature", sig[1])));
        server.stubFor(post("/v3/pay/transactions/jsapi").willReturn(okJson("{\"prepay_id\":\"forged\"}")));
        server.stubFor(post("/v3/refund/domestic/refunds").willReturn(aResponse().withStatus(429).withBody("{\"code\":\"RATELIMIT_EXCEEDED\"}")));
        rendered.add(wechat.create(CreatePaymentRequest.builder("order-9002", Money.ofMinor(1, "CNY"), PaymentFlow.QR_CODE).build()).toString());
        attempt(() -> wechat.create(CreatePaymentRequest.builder("order-9003", Money.ofMinor(1, "CNY"), PaymentFlow.JSAPI).payerId("openid").build()));
        attempt(() -> wechat.refund(RefundRequest.of(PaymentReference.of("order-9002"), "refund-9002", Money.ofMinor(1, "CNY"), Money.ofMinor(1, "CNY"), null)));
        rendered.add(wechat.parseNotification("{}".getBytes(StandardCharsets.UTF_8), Map.of("Wechatpay-Signature", "WECHATPAY/SIGNTEST/x",
                "Wechatpay-Timestamp", "1", "Wechatpay-Nonce", "n", "Wechatpay-Serial", "PLATFORM1")).toString());

        // Alipay: a response that fails verification, a notification with a bad signature
        server.stubFor(post(urlPathEqualTo("/gateway.do")).willReturn(aResponse().withStatus(200)
                .withBody("{\"alipay_trade_precreate_response\":{\"code\":\"10000\",\"qr_code\":\"x\"},\"sign\":\"AAAA\"}")));
        attempt(() -> alipay.create(CreatePaymentRequest.builder("order-9004", Money.ofMinor(1, "CNY"), PaymentFlow.QR_CODE).build()));
        rendered.add(alipay.create(CreatePaymentRequest.builder("order-9005", Money.ofMinor(1, "CNY"), PaymentFlow.REDIRECT).build()).toString());
        rendered.add(alipay.parseNotification("app_id=2021000123456789&sign=AAAA&notify_time=2026-03-01+18%3A00%3A00"
                .getBytes(StandardCharsets.UTF_8), Map.of()).toString());

        // Sandbox with faults
        sandbox.inject(SandboxScenario.BAD_SIGNATURE);
        sandbox.create(CreatePaymentRequest.builder("order-9006", Money.ofMinor(1, "CNY"), PaymentFlow.QR_CODE).build());
        sandbox.pay("order-9006");
        sandbox.deliverable().forEach(n -> rendered.add(sandbox.parseNotification(n.body(), n.headers()).toString()));
        sandbox.inject(SandboxScenario.RATE_LIMITED);
        attempt(() -> sandbox.query(PaymentReference.of("order-9006")));

        for (Object o : List.of(stripeConfig, stripe, wechatConfig, wechat, alipayConfig, alipay, sandboxConfig, sandbox, http,
                Secret.of(STRIPE_KEY), new io.learnloop.payment.stripe.StripeConnect(stripeConfig),
                new io.learnloop.payment.wechat.WechatProfitSharing(wechatConfig),
                new io.learnloop.payment.alipay.AlipayRoyalty(alipayConfig),
                new PayoutDestination("MERCHANT_ID", "1900000109", "LEAKCHECK receiver name"))) {
            rendered.add(o.toString());
        }

        String logs = captured.toString(StandardCharsets.UTF_8);
        assertThat(logs).as("debug logging was on and captured").contains("stripe POST /v1/payment_intents")
                .contains("wechatpay POST /v3/pay/transactions/native");
        String everything = logs + "\n" + String.join("\n", rendered);
        List<String> secrets = new ArrayList<>(List.of(STRIPE_KEY, WHSEC, API_V3, SANDBOX_SECRET, "LEAKCHECK"));
        for (KeyPair k : List.of(merchant, app)) {
            String pkcs8 = Base64.getEncoder().encodeToString(k.getPrivate().getEncoded());
            secrets.add(pkcs8.substring(40, 80));
            RSAPrivateCrtKey rsa = (RSAPrivateCrtKey) k.getPrivate();
            secrets.add(rsa.getPrivateExponent().toString(16).substring(0, 32));
            secrets.add(rsa.getPrivateExponent().toString().substring(0, 32));
            secrets.add(rsa.getPrimeP().toString(16).substring(0, 32));
        }
        for (String secret : secrets) {
            assertThat(everything).as("output must not contain a secret").doesNotContain(secret);
        }
    }
}
