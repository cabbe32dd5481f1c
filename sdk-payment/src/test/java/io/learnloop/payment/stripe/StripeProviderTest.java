package io.learnloop.payment.stripe;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.RemoteException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.testing.MutableClock;
import io.learnloop.payment.spi.CreatePaymentRequest;
import io.learnloop.payment.NotificationOutcome;
import io.learnloop.core.money.Money;
import io.learnloop.payment.PaymentEvent;
import io.learnloop.payment.PaymentEventType;
import io.learnloop.payment.PaymentFlow;
import io.learnloop.payment.spi.PaymentReference;
import io.learnloop.payment.PaymentSession;
import io.learnloop.payment.spi.PaymentState;
import io.learnloop.payment.spi.RefundRequest;
import io.learnloop.payment.spi.RefundResult;
import io.learnloop.payment.RefundState;
import io.learnloop.payment.RejectionReason;
import io.learnloop.payment.Secret;
import io.learnloop.http.CallInterruptedException;
import io.learnloop.http.SharedHttpClient;
import io.learnloop.payment.testing.Forms;
import io.learnloop.payment.testing.RecordingSleeper;
import io.learnloop.payment.testing.StubServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StripeProviderTest {
    private static final String API_KEY = "sk_test_51Hx9TESTKEYdoNotUse";
    private static final String WHSEC_OLD = "whsec_oldOldOldOldOld";
    private static final String WHSEC_NEW = "whsec_newNewNewNewNew";

    @RegisterExtension
    static final StubServer server = new StubServer();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private StripeProvider stripe;

    @BeforeEach
    void reset() {
        stripe = new StripeProvider(StripeConfig.builder(Secret.of(API_KEY))
                .webhookSecret(Secret.of(WHSEC_NEW)).webhookSecret(Secret.of(WHSEC_OLD))
                .baseUrl(server.baseUrl()).apiVersion("2024-06-20").clock(clock)
                .http(SharedHttpClient.builder().sleeper(sleeper).build()).build());
    }

    private static Map<String, String> form(LoggedRequest r) {
        return Forms.decode(r.getBodyAsString());
    }

    private static LoggedRequest only(String path) {
        List<LoggedRequest> requests = server.findAll(postRequestedFor(urlPathEqualTo(path)));
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    private static void assertAuthorized(LoggedRequest r) {
        assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + API_KEY);
        assertThat(r.getHeader("Stripe-Version")).isEqualTo("2024-06-20");
    }

    @Test
    void create_whenClientSecretFlow_postsPaymentIntentWithIdempotencyKey() {
        server.stubFor(post("/v1/payment_intents").willReturn(okJson(
                "{\"id\":\"pi_123\",\"object\":\"payment_intent\",\"client_secret\":\"pi_123_secret_abc\",\"status\":\"requires_payment_method\"}")));
        PaymentSession s = stripe.create(CreatePaymentRequest.builder("order-0001", Money.ofMinor(1999, "USD"),
                PaymentFlow.CLIENT_SECRET).description("Java course").idempotencyKey("order-0001:create:1").build());
        assertThat(s.providerPaymentId()).isEqualTo("pi_123");
        assertThat(s.clientSecret()).isEqualTo("pi_123_secret_abc");
        assertThat(s.toString()).doesNotContain("pi_123_secret_abc");
        LoggedRequest r = only("/v1/payment_intents");
        assertAuthorized(r);
        assertThat(r.getHeader("Idempotency-Key")).isEqualTo("order-0001:create:1");
        assertThat(r.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(form(r)).containsEntry("amount", "1999").containsEntry("currency", "usd")
                .containsEntry("metadata[learnloop_reference]", "order-0001")
                .containsEntry("automatic_payment_methods[enabled]", "true")
                .containsEntry("description", "Java course");
    }

    @Test
    void create_whenCheckoutInIsk_sendsTwoDecimalAmountAndNestedLineItems() {
        server.stubFor(post("/v1/checkout/sessions").willReturn(okJson(
                "{\"id\":\"cs_test_1\",\"url\":\"https://checkout.stripe.com/c/pay/cs_test_1\"}")));
        PaymentSession s = stripe.create(CreatePaymentRequest.builder("order-0002", Money.ofMinor(500, "ISK"),
                PaymentFlow.REDIRECT).returnUrl("https://shop.example/done").expiresAt(Instant.parse("2026-03-01T11:00:00Z")).build());
        assertThat(s.redirectUrl()).isEqualTo("https://checkout.stripe.com/c/pay/cs_test_1");
        Map<String, String> f = form(only("/v1/checkout/sessions"));
        assertThat(f).containsEntry("mode", "payment").containsEntry("client_reference_id", "order-0002")
                .containsEntry("line_items[0][price_data][currency]", "isk")
                .containsEntry("line_items[0][price_data][unit_amount]", "50000")
                .containsEntry("line_items[0][price_data][product_data][name]", "Order")
                .containsEntry("line_items[0][quantity]", "1")
                .containsEntry("payment_intent_data[metadata][learnloop_reference]", "order-0002")
                .containsEntry("expires_at", String.valueOf(Instant.parse("2026-03-01T11:00:00Z").getEpochSecond()));
    }

    @Test
    void create_whenZeroDecimalCurrency_sendsWholeUnits() {
        server.stubFor(post("/v1/payment_intents").willReturn(okJson("{\"id\":\"pi_jpy\",\"client_secret\":\"x\"}")));
        stripe.create(CreatePaymentRequest.builder("order-0003", Money.ofMinor(5000, "JPY"), PaymentFlow.CLIENT_SECRET).build());
        assertThat(form(only("/v1/payment_intents"))).containsEntry("amount", "5000").containsEntry("currency", "jpy");
        // ISO gives MGA two decimals, Stripe charges it in whole ariary
        assertThatThrownBy(() -> stripe.create(CreatePaymentRequest.builder("order-0004", Money.ofMinor(150, "MGA"),
                PaymentFlow.CLIENT_SECRET).build())).isInstanceOf(ValidationException.class).hasMessageContaining("MGA");
    }

    @Test
    void query_whenSucceeded_mapsToPaidWithAmountReceived() {
        server.stubFor(get("/v1/payment_intents/pi_9").willReturn(okJson(
                "{\"id\":\"pi_9\",\"status\":\"succeeded\",\"amount\":1999,\"amount_received\":1999,\"currency\":\"usd\"}")));
        var status = stripe.query(new PaymentReference("order-0005", "pi_9"));
        assertThat(status.state()).isEqualTo(PaymentState.PAID);
        assertThat(status.amount()).isEqualTo(Money.ofMinor(1999, "USD"));
        assertThat(server.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo("/v1/payment_intents/pi_9")))
                .get(0).getHeader("Authorization")).isEqualTo("Bearer " + API_KEY);
    }

    @Test
    void query_whenMissing_isNotFound() {
        server.stubFor(get("/v1/payment_intents/pi_x").willReturn(aResponse().withStatus(404).withBody(
                "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"resource_missing\"}}")));
        assertThat(stripe.query(new PaymentReference("order-0006", "pi_x")).state()).isEqualTo(PaymentState.NOT_FOUND);
    }

    @Test
    void close_whenPaymentIntent_postsCancelWithKey() {
        server.stubFor(post("/v1/payment_intents/pi_7/cancel").willReturn(okJson("{\"id\":\"pi_7\",\"status\":\"canceled\"}")));
        server.stubFor(post("/v1/checkout/sessions/cs_7/expire").willReturn(okJson("{\"id\":\"cs_7\",\"status\":\"expired\"}")));
        stripe.close(new PaymentReference("order-0007", "pi_7"));
        stripe.close(new PaymentReference("order-0007", "cs_7"));
        assertThat(only("/v1/payment_intents/pi_7/cancel").getHeader("Idempotency-Key")).isEqualTo("order-0007:close");
        assertAuthorized(only("/v1/checkout/sessions/cs_7/expire"));
    }

    @Test
    void refund_whenPartial_postsAmountAndReferences() {
        server.stubFor(post("/v1/refunds").willReturn(okJson(
                "{\"id\":\"re_1\",\"amount\":500,\"currency\":\"usd\",\"status\":\"succeeded\",\"payment_intent\":\"pi_9\"}")));
        RefundResult r = stripe.refund(RefundRequest.of(new PaymentReference("order-0008", "pi_9"), "refund-0008",
                Money.ofMinor(500, "USD"), Money.ofMinor(1999, "USD"), "line 2"));
        assertThat(r.state()).isEqualTo(RefundState.SUCCEEDED);
        assertThat(r.providerRefundId()).isEqualTo("re_1");
        LoggedRequest req = only("/v1/refunds");
        assertThat(req.getHeader("Idempotency-Key")).isEqualTo("refund-0008:refund");
        assertThat(form(req)).containsEntry("payment_intent", "pi_9").containsEntry("amount", "500")
                .containsEntry("metadata[learnloop_refund_reference]", "refund-0008")
                .containsEntry("metadata[reason]", "line 2");
    }

    @Test
    void create_whenServerErrorThenSuccess_retriesWithSameIdempotencyKey() {
        server.stubFor(post("/v1/payment_intents").inScenario("retry").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500).withBody("{\"error\":{\"type\":\"api_error\"}}"))
                .willSetStateTo("second"));
        server.stubFor(post("/v1/payment_intents").inScenario("retry").whenScenarioStateIs("second")
                .willReturn(okJson("{\"id\":\"pi_r\",\"client_secret\":\"s\"}")));
        stripe.create(CreatePaymentRequest.builder("order-0009", Money.ofMinor(100, "EUR"), PaymentFlow.CLIENT_SECRET).build());
        List<LoggedRequest> all = server.findAll(postRequestedFor(urlPathEqualTo("/v1/payment_intents")));
        assertThat(all).hasSize(2).extracting(r -> r.getHeader("Idempotency-Key")).containsOnly("order-0009:create");
        assertThat(sleeper.waits).hasSize(1);
        // full jitter: anywhere up to the first ceiling, 500 ms
        assertThat(sleeper.waits.get(0)).isBetween(Duration.ZERO, Duration.ofMillis(500));
    }

    @Test
    void create_whenRateLimitedWithRetryAfter_waitsAtLeastThatLong() {
        server.stubFor(post("/v1/payment_intents").inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3")
                        .withBody("{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"rate_limit\"}}"))
                .willSetStateTo("ok"));
        server.stubFor(post("/v1/payment_intents").inScenario("429").whenScenarioStateIs("ok")
                .willReturn(okJson("{\"id\":\"pi_ok\",\"client_secret\":\"s\"}")));
        stripe.create(CreatePaymentRequest.builder("order-0010", Money.ofMinor(100, "EUR"), PaymentFlow.CLIENT_SECRET).build());
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void create_whenShouldRetryFalse_failsWithoutRetry() {
        server.stubFor(post("/v1/payment_intents").willReturn(aResponse().withStatus(500)
                .withHeader("Stripe-Should-Retry", "false").withHeader("Request-Id", "req_42")
                .withBody("{\"error\":{\"type\":\"api_error\",\"message\":\"boom\"}}")));
        assertThatThrownBy(() -> stripe.create(CreatePaymentRequest.builder("order-0011", Money.ofMinor(100, "EUR"),
                PaymentFlow.CLIENT_SECRET).build())).isInstanceOfSatisfying(RemoteException.class, e -> {
                    assertThat(e.isRetryable()).isFalse();
                    assertThat(e.outcomeUnknown()).isTrue();
                    assertThat(e.requestId()).isEqualTo("req_42");
                    assertThat(e.getMessage()).doesNotContain(API_KEY);
                });
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void refund_whenCardError_isNotRetryable() {
        server.stubFor(post("/v1/refunds").willReturn(aResponse().withStatus(400).withBody(
                "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"charge_already_refunded\",\"message\":\"already refunded\"}}")));
        assertThatThrownBy(() -> stripe.refund(RefundRequest.of(new PaymentReference("order-0012", "pi_1"), "refund-0012",
                Money.ofMinor(1, "USD"), Money.ofMinor(10, "USD"), null)))
                .isInstanceOfSatisfying(RemoteException.class, e -> {
                    assertThat(e.isRetryable()).isFalse();
                    assertThat(e.outcomeUnknown()).isFalse();
                    assertThat(e.providerCode()).isEqualTo("charge_already_refunded");
                    assertThat(e.code()).isEqualTo(ErrorCode.REMOTE_FAILURE);
                });
    }

    @Test
    void create_whenConnectionResetEveryTime_failsWithUnknownOutcomeAfterRetries() {
        server.stubFor(post("/v1/payment_intents").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertThatThrownBy(() -> stripe.create(CreatePaymentRequest.builder("order-0013", Money.ofMinor(100, "EUR"),
                PaymentFlow.CLIENT_SECRET).build())).isInstanceOfSatisfying(RemoteException.class, e -> {
                    assertThat(e.outcomeUnknown()).isTrue();
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e.httpStatus()).isZero();
                });
        assertThat(server.findAll(postRequestedFor(urlPathEqualTo("/v1/payment_intents")))).hasSize(3);
        assertThat(sleeper.waits).hasSize(2);
        // full jitter: anywhere up to the second ceiling, 1 s
        assertThat(sleeper.waits.get(1)).isBetween(Duration.ZERO, Duration.ofMillis(1000));
    }

    @Test
    void create_whenInterruptedWhileWaitingToRetry_stopsWithTypedExceptionAndKeepsTheFlag() {
        server.stubFor(post("/v1/payment_intents").willReturn(aResponse().withStatus(503)
                .withBody("{\"error\":{\"type\":\"api_error\"}}")));
        StripeProvider interrupted = new StripeProvider(StripeConfig.builder(Secret.of(API_KEY))
                .webhookSecret(Secret.of(WHSEC_NEW)).baseUrl(server.baseUrl()).clock(clock)
                .http(SharedHttpClient.builder().sleeper(d -> Thread.currentThread().interrupt()).build()).build());
        try {
            assertThatThrownBy(() -> interrupted.create(CreatePaymentRequest.builder("order-0014", Money.ofMinor(100, "EUR"),
                    PaymentFlow.CLIENT_SECRET).build())).isInstanceOfSatisfying(CallInterruptedException.class, e -> {
                        assertThat(e.outcomeUnknown()).isTrue();
                        assertThat(e.getMessage()).contains("stripe POST /v1/payment_intents was interrupted")
                                .doesNotContain(API_KEY);
                    });
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(server.findAll(postRequestedFor(urlPathEqualTo("/v1/payment_intents")))).hasSize(1);
    }

    // ---- webhooks ----

    private static String hmacHex(String secret, String payload) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    }

    private static final String PAID_EVENT = "{\n  \"id\": \"evt_1\",\n  \"object\": \"event\",\n  \"type\": \"payment_intent.succeeded\",\n"
            + "  \"created\": 1772359200,\n  \"livemode\": false,\n  \"data\": {\"object\": {\"id\": \"pi_9\", \"object\": \"payment_intent\","
            + " \"amount\": 1999, \"amount_received\": 1999, \"currency\": \"usd\", \"status\": \"succeeded\","
            + " \"metadata\": {\"learnloop_reference\": \"order-0005\"}}}\n}";

    private NotificationOutcome deliver(String body, String header) {
        return stripe.parseNotification(body.getBytes(StandardCharsets.UTF_8), Map.of("stripe-signature", header));
    }

    @Test
    void parseNotification_whenSignedWithEitherRolledSecret_isVerified() throws Exception {
        long t = clock.instant().getEpochSecond();
        for (String secret : List.of(WHSEC_OLD, WHSEC_NEW)) {
            String header = "t=" + t + ",v1=" + hmacHex(secret, t + "." + PAID_EVENT) + ",v0=deadbeef";
            NotificationOutcome o = deliver(PAID_EVENT, header);
            assertThat(o).isInstanceOf(NotificationOutcome.Verified.class);
            PaymentEvent e = ((NotificationOutcome.Verified) o).event();
            assertThat(e.eventId()).isEqualTo("evt_1");
            assertThat(e.type()).isEqualTo(PaymentEventType.PAYMENT_SUCCEEDED);
            assertThat(e.merchantReference()).isEqualTo("order-0005");
            assertThat(e.providerPaymentId()).isEqualTo("pi_9");
            assertThat(e.amount()).isEqualTo(Money.ofMinor(1999, "USD"));
        }
        // the public helper produces what the test computed independently
        assertThat(StripeWebhooks.signatureHeader(PAID_EVENT.getBytes(StandardCharsets.UTF_8), Secret.of(WHSEC_NEW), clock.instant()))
                .isEqualTo("t=" + t + ",v1=" + hmacHex(WHSEC_NEW, t + "." + PAID_EVENT));
        assertThat(stripe.acknowledge(deliver(PAID_EVENT, StripeWebhooks.signatureHeader(
                PAID_EVENT.getBytes(StandardCharsets.UTF_8), Secret.of(WHSEC_NEW), clock.instant()))).httpStatus()).isEqualTo(200);
    }

    @Test
    void parseNotification_whenAnyOfSeveralV1Matches_isVerified() throws Exception {
        long t = clock.instant().getEpochSecond();
        String header = "t=" + t + ",v1=" + "0".repeat(64) + ",v1=" + hmacHex(WHSEC_NEW, t + "." + PAID_EVENT);
        assertThat(deliver(PAID_EVENT, header).verified()).isTrue();
    }

    @Test
    void parseNotification_whenRejected_givesTypedReason() throws Exception {
        long t = clock.instant().getEpochSecond();
        assertThat(reason(deliver(PAID_EVENT, "t=" + t + ",v1=" + hmacHex("whsec_wrong", t + "." + PAID_EVENT))))
                .isEqualTo(RejectionReason.BAD_SIGNATURE);
        long stale = t - 301;
        assertThat(reason(deliver(PAID_EVENT, "t=" + stale + ",v1=" + hmacHex(WHSEC_NEW, stale + "." + PAID_EVENT))))
                .isEqualTo(RejectionReason.STALE_TIMESTAMP);
        long future = t + 301;
        assertThat(reason(deliver(PAID_EVENT, "t=" + future + ",v1=" + hmacHex(WHSEC_NEW, future + "." + PAID_EVENT))))
                .isEqualTo(RejectionReason.FUTURE_TIMESTAMP);
        String reserialised = PAID_EVENT.replace("\n", "").replace(": ", ":");
        assertThat(reason(deliver(reserialised, "t=" + t + ",v1=" + hmacHex(WHSEC_NEW, t + "." + PAID_EVENT))))
                .isEqualTo(RejectionReason.BAD_SIGNATURE);
        assertThat(reason(deliver(PAID_EVENT, "v1=" + hmacHex(WHSEC_NEW, t + "." + PAID_EVENT))))
                .isEqualTo(RejectionReason.MISSING_SIGNATURE);
        assertThat(reason(stripe.parseNotification(PAID_EVENT.getBytes(StandardCharsets.UTF_8), Map.of())))
                .isEqualTo(RejectionReason.MISSING_SIGNATURE);
        assertThat(stripe.acknowledge(deliver(PAID_EVENT, "t=" + t + ",v1=00")).httpStatus()).isEqualTo(400);
    }

    @Test
    void parseNotification_whenAmountDiffersFromOrder_failsCheck() throws Exception {
        long t = clock.instant().getEpochSecond();
        PaymentEvent e = ((NotificationOutcome.Verified) deliver(PAID_EVENT, "t=" + t + ",v1=" + hmacHex(WHSEC_NEW, t + "." + PAID_EVENT))).event();
        assertThat(reason(e.checkAgainst("order-0005", Money.ofMinor(2999, "USD")))).isEqualTo(RejectionReason.AMOUNT_MISMATCH);
        assertThat(reason(e.checkAgainst("order-0005", Money.ofMinor(1999, "EUR")))).isEqualTo(RejectionReason.AMOUNT_MISMATCH);
        assertThat(e.checkAgainst("order-0005", Money.ofMinor(1999, "USD")).verified()).isTrue();
    }

    @Test
    void parseNotification_whenRefundEvent_carriesRefundReference() throws Exception {
        String body = "{\"id\":\"evt_r\",\"type\":\"refund.created\",\"created\":1772359200,\"data\":{\"object\":{\"id\":\"re_1\","
                + "\"amount\":500,\"currency\":\"usd\",\"status\":\"succeeded\",\"payment_intent\":\"pi_9\","
                + "\"metadata\":{\"learnloop_reference\":\"order-0005\",\"learnloop_refund_reference\":\"refund-0008\"}}}}";
        long t = clock.instant().getEpochSecond();
        PaymentEvent e = ((NotificationOutcome.Verified) deliver(body, "t=" + t + ",v1=" + hmacHex(WHSEC_NEW, t + "." + body))).event();
        assertThat(e.type()).isEqualTo(PaymentEventType.REFUND_SUCCEEDED);
        assertThat(e.refundReference()).isEqualTo("refund-0008");
        assertThat(e.amount()).isEqualTo(Money.ofMinor(500, "USD"));
    }

    private static RejectionReason reason(NotificationOutcome o) {
        assertThat(o).isInstanceOf(NotificationOutcome.Rejected.class);
        return ((NotificationOutcome.Rejected) o).reason();
    }
}
