package io.learnloop.payment.pipeline;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.OrderStatus;
import io.learnloop.core.error.RemoteException;
import io.learnloop.payment.CheckoutRequest;
import io.learnloop.payment.Disposition;
import io.learnloop.payment.PaymentFlow;
import io.learnloop.payment.PaymentSession;
import io.learnloop.payment.Payments;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.Secret;
import io.learnloop.http.SharedHttpClient;
import io.learnloop.http.RetryPolicy;
import io.learnloop.payment.stripe.StripeConfig;
import io.learnloop.payment.stripe.StripeProvider;
import io.learnloop.payment.stripe.StripeWebhooks;
import io.learnloop.payment.testing.Forms;
import io.learnloop.payment.testing.RecordingSleeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Checkout and settlement through Stripe (WireMock), with keys derived from (order, operation, attempt). */
class StripeCheckoutTest {
    private static final String WHSEC = "whsec_checkout_test";
    private final WireMockServer server = new WireMockServer(options().dynamicPort());
    private final PipelineFixture p = new PipelineFixture();
    private final Payments payments;

    StripeCheckoutTest() {
        server.start();
        // no automatic retries here, so each checkout call is one request
        payments = Payments.builder(p.f.learnloop).provider(new StripeProvider(StripeConfig.builder(Secret.of("sk_test_x"))
                .webhookSecret(Secret.of(WHSEC)).baseUrl(server.baseUrl()).clock(p.f.clock)
                .http(SharedHttpClient.builder().retryPolicy(RetryPolicy.defaults().withMaxAttempts(1)).sleeper(new RecordingSleeper()).build()).build())).build();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void checkout_whenOutcomeUnknown_queriesThenResumesWithTheSameKeyAndSettles() {
        Order order = p.order("k-s1", p.javaOffer);
        server.stubFor(post("/v1/payment_intents").inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500).withBody("{\"error\":{\"type\":\"api_error\"}}")).willSetStateTo("ok"));
        server.stubFor(post("/v1/payment_intents").inScenario("s").whenScenarioStateIs("ok")
                .willReturn(okJson("{\"id\":\"pi_77\",\"client_secret\":\"pi_77_secret\"}")));
        CheckoutRequest request = CheckoutRequest.of(order.id(), ProviderId.STRIPE, PaymentFlow.CLIENT_SECRET, "Java");

        server.stubFor(get(urlPathEqualTo("/v1/payment_intents/search")).willReturn(okJson("{\"object\":\"search_result\",\"data\":[]}")));

        assertThatThrownBy(() -> payments.checkout(PipelineFixture.LEARNER, request)).isInstanceOfSatisfying(RemoteException.class,
                e -> assertThat(e.outcomeUnknown()).isTrue());
        PaymentSession session = payments.checkout(PipelineFixture.LEARNER, request);

        // the unknown attempt was looked up by its reference before anything was sent again
        LoggedRequest search = server.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo("/v1/payment_intents/search"))).get(0);
        List<LoggedRequest> creates = server.findAll(postRequestedFor(urlPathEqualTo("/v1/payment_intents")));
        String firstRef = Forms.decode(creates.get(0).getBodyAsString()).get("metadata[learnloop_reference]");
        assertThat(search.queryParameter("query").firstValue()).isEqualTo("metadata['learnloop_reference']:'" + firstRef + "'");
        // found nothing: attempt 2, with its own reference and key derived from (order, create, 2)
        assertThat(creates).hasSize(2).extracting(r -> r.getHeader("Idempotency-Key"))
                .containsExactly(order.id().value() + ":create:1", order.id().value() + ":create:2");
        assertThat(firstRef).matches("ll[0-9a-f]{20}-1");
        assertThat(session.merchantReference()).isEqualTo(firstRef.replace("-1", "-2"));
        assertThat(Forms.decode(creates.get(1).getBodyAsString())).containsEntry("amount", "19900")
                .containsEntry("currency", "cny").containsEntry("metadata[order]", order.id().value())
                .containsEntry("metadata[learnloop_reference]", session.merchantReference());

        byte[] event = ("{\"id\":\"evt_77\",\"type\":\"payment_intent.succeeded\",\"created\":" + p.f.clock.instant().getEpochSecond()
                + ",\"data\":{\"object\":{\"id\":\"pi_77\",\"amount_received\":19900,\"currency\":\"cny\",\"status\":\"succeeded\","
                + "\"metadata\":{\"learnloop_reference\":\"" + session.merchantReference() + "\"}}}}").getBytes(StandardCharsets.UTF_8);
        var result = payments.handleNotification(ProviderId.STRIPE, event,
                Map.of("Stripe-Signature", StripeWebhooks.signatureHeader(event, Secret.of(WHSEC), p.f.clock.instant())));
        assertThat(result.disposition()).isEqualTo(Disposition.SETTLED);
        assertThat(p.commerce.order(PipelineFixture.FINANCE, order.id()).payment().reference()).isEqualTo("pi_77");
        assertThat(p.commerce.order(PipelineFixture.FINANCE, order.id()).status()).isEqualTo(OrderStatus.PAID);
    }

    @Test
    void fullFlow_whenLogsCaptured_neverShowsTheApiKeyOrWebhookSecret() {
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.err;
        System.setErr(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
        List<String> rendered = new java.util.ArrayList<>();
        try {
            Order order = p.order("k-s3", p.javaOffer, p.sqlOffer);
            server.stubFor(post("/v1/payment_intents").willReturn(okJson("{\"id\":\"pi_99\",\"client_secret\":\"pi_99_secret_zz\"}")));
            server.stubFor(post("/v1/refunds").willReturn(aResponse().withStatus(503).withBody("{\"error\":{\"type\":\"api_error\"}}")));
            PaymentSession session = payments.checkout(PipelineFixture.LEARNER, CheckoutRequest.of(order.id(), ProviderId.STRIPE, PaymentFlow.CLIENT_SECRET, "Java"));
            rendered.add(session.toString());
            byte[] event = ("{\"id\":\"evt_99\",\"type\":\"payment_intent.succeeded\",\"created\":" + p.f.clock.instant().getEpochSecond()
                    + ",\"data\":{\"object\":{\"id\":\"pi_99\",\"amount_received\":29800,\"currency\":\"cny\","
                    + "\"metadata\":{\"learnloop_reference\":\"" + session.merchantReference() + "\"}}}}").getBytes(StandardCharsets.UTF_8);
            rendered.add(payments.handleNotification(ProviderId.STRIPE, event, Map.of("Stripe-Signature",
                    StripeWebhooks.signatureHeader(event, Secret.of(WHSEC), p.f.clock.instant()))).toString());
            rendered.add(payments.handleNotification(ProviderId.STRIPE, event, Map.of("Stripe-Signature", "t=1,v1=00")).toString());
            var refund = payments.refund(PipelineFixture.LEARNER, order.id(), "r1", List.of(io.learnloop.core.commerce.LineAmount.of(2,
                    io.learnloop.core.money.Money.ofMinor(9900, "CNY"))), "reason");
            rendered.add(refund.toString());
            assertThat(refund.state()).isEqualTo("RETRY");
            p.f.advance(java.time.Duration.ofHours(1));
            rendered.add(payments.reconcile().toString());
            rendered.add(payments.toString());
        } finally {
            System.setErr(original);
        }
        String logs = captured.toString(StandardCharsets.UTF_8);
        assertThat(logs).contains("stripe POST /v1/refunds");
        String everything = logs + String.join("\n", rendered);
        assertThat(everything).doesNotContain("sk_test_x").doesNotContain(WHSEC).doesNotContain("pi_99_secret_zz");
    }

    @Test
    void checkout_whenUnknownAttemptTurnsOutPaid_settlesInsteadOfChargingAgain() {
        Order order = p.order("k-s2", p.javaOffer);
        server.stubFor(post("/v1/payment_intents").willReturn(okJson("{\"id\":\"pi_88\",\"client_secret\":\"s\"}")));
        CheckoutRequest request = CheckoutRequest.of(order.id(), ProviderId.STRIPE, PaymentFlow.CLIENT_SECRET, "Java");
        payments.checkout(PipelineFixture.LEARNER, request);
        server.stubFor(get("/v1/payment_intents/pi_88").willReturn(okJson(
                "{\"id\":\"pi_88\",\"status\":\"succeeded\",\"amount\":19900,\"amount_received\":19900,\"currency\":\"cny\"}")));
        p.f.advance(java.time.Duration.ofMinutes(20));
        assertThat(payments.reconcile().settled()).containsExactly(order.id());
        assertThat(p.commerce.order(PipelineFixture.FINANCE, order.id()).status()).isEqualTo(OrderStatus.PAID);
        assertThat(server.findAll(postRequestedFor(urlPathEqualTo("/v1/payment_intents")))).hasSize(1);
    }
}
