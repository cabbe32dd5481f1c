package io.learnloop.payment.pipeline;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.learnloop.core.commerce.LineAmount;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.event.EventTypes;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.ledger.CreatorShare;
import io.learnloop.core.ledger.LedgerAccount;
import io.learnloop.core.ledger.LedgerService;
import io.learnloop.core.ledger.LineParties;
import io.learnloop.core.ledger.RevenuePolicy;
import io.learnloop.core.money.Money;
import io.learnloop.payment.CheckoutRequest;
import io.learnloop.payment.Disposition;
import io.learnloop.payment.NotificationResult;
import io.learnloop.payment.PaymentFlow;
import io.learnloop.payment.PaymentSession;
import io.learnloop.payment.Payments;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.ReconciliationReport;
import io.learnloop.payment.RefundOutcome;
import io.learnloop.payment.RefundReview;
import io.learnloop.payment.RefundState;
import io.learnloop.payment.Secret;
import io.learnloop.http.SharedHttpClient;
import io.learnloop.http.RetryPolicy;
import io.learnloop.payment.internal.pipeline.PaymentRefund;
import io.learnloop.payment.internal.pipeline.PaymentTypes;
import io.learnloop.payment.stripe.StripeConfig;
import io.learnloop.payment.stripe.StripeProvider;
import io.learnloop.payment.stripe.StripeWebhooks;
import io.learnloop.payment.testing.Forms;
import io.learnloop.payment.testing.RecordingSleeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Currency;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/** Stripe refunds that fail after they succeeded, or that Stripe refuses for our API key, and sending them again. */
class StripeRefundRecoveryTest {
    private static final String WHSEC = "whsec_refund_recovery";
    private static final Currency CNY = Currency.getInstance("CNY");
    private final WireMockServer server = new WireMockServer(options().dynamicPort());
    private final PipelineFixture p = new PipelineFixture();
    private final Payments payments;
    /** The paid order's payment reference, which Stripe keeps in every refund's metadata as the SDK sent it. */
    private String paymentReference;

    StripeRefundRecoveryTest() {
        server.start();
        payments = Payments.builder(p.f.learnloop).provider(new StripeProvider(StripeConfig.builder(Secret.of("sk_test_x"))
                        .webhookSecret(Secret.of(WHSEC)).baseUrl(server.baseUrl()).clock(p.f.clock)
                        .http(SharedHttpClient.builder().retryPolicy(RetryPolicy.defaults().withMaxAttempts(1)).sleeper(new RecordingSleeper()).build()).build()))
                .reconcileAfter(Duration.ofMinutes(5))
                .build();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private NotificationResult deliver(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return payments.handleNotification(ProviderId.STRIPE, body,
                Map.of("Stripe-Signature", StripeWebhooks.signatureHeader(body, Secret.of(WHSEC), p.f.clock.instant())));
    }

    /** A Java course order paid through PaymentIntent pi_1 and settled by its webhook. */
    private Order paidOrder(String key) {
        Order order = p.order(key, p.javaOffer);
        server.stubFor(post("/v1/payment_intents").willReturn(okJson("{\"id\":\"pi_1\",\"client_secret\":\"pi_1_secret\"}")));
        PaymentSession session = payments.checkout(PipelineFixture.LEARNER, CheckoutRequest.of(order.id(), ProviderId.STRIPE,
                PaymentFlow.CLIENT_SECRET, "Java"));
        paymentReference = session.merchantReference();
        assertThat(deliver("{\"id\":\"evt_paid\",\"type\":\"payment_intent.succeeded\",\"created\":" + now()
                + ",\"data\":{\"object\":{\"id\":\"pi_1\",\"amount_received\":19900,\"currency\":\"cny\","
                + "\"status\":\"succeeded\",\"metadata\":{\"learnloop_reference\":\"" + session.merchantReference()
                + "\"}}}}").disposition()).isEqualTo(Disposition.SETTLED);
        return order;
    }

    private long now() {
        return p.f.clock.instant().getEpochSecond();
    }

    private String refund(String id, String status, String reference, String failureReason) {
        return "{\"id\":\"" + id + "\",\"object\":\"refund\",\"amount\":19900,\"currency\":\"cny\",\"payment_intent\":\"pi_1\","
                + "\"status\":\"" + status + "\"," + (failureReason == null ? "" : "\"failure_reason\":\"" + failureReason + "\",")
                + "\"metadata\":{\"learnloop_reference\":\"" + paymentReference + "\",\"learnloop_refund_reference\":\""
                + reference + "\"}}";
    }

    private RefundOutcome refundInFull(Order order) {
        return payments.refund(PipelineFixture.LEARNER, order.id(), "r1", List.of(LineAmount.of(1, Money.ofMinor(19900, "CNY"))), "changed mind");
    }

    private PaymentRefund stored(Order order) {
        return p.f.learnloop.context().read(uow -> uow.get(PaymentTypes.REFUND, order.id().value() + ":r1")).value();
    }

    private void assertOneClawback(Order order) {
        LedgerService ledger = p.f.learnloop.ledger();
        assertThat(ledger.balances(PipelineFixture.FINANCE, CNY, null, 1000).items().stream().mapToLong(b -> b.amount().minor()).sum()).isZero();
        assertThat(ledger.balance(PipelineFixture.FINANCE, LedgerAccount.clearing("stripe"), CNY).minor()).isZero();
        assertThat(ledger.entriesOf(PipelineFixture.FINANCE, order.id())).hasSize(2);
        assertThat(p.events(EventTypes.ACCESS_REVOKED)).isEqualTo(1);
    }

    @Test
    void handleNotification_whenRefundFailsAfterItSucceeded_listsItForReviewAndResendsUnderANewReference() {
        Order order = paidOrder("k-reversed");
        server.stubFor(post("/v1/refunds").willReturn(okJson(refund("re_1", "succeeded", "placeholder", null))));
        assertThat(refundInFull(order).state()).isEqualTo(PaymentRefund.CONFIRMED);
        String reference = stored(order).refundReference();
        long grantsBefore = p.events(EventTypes.ACCESS_GRANTED);

        // days later the card issuer returns the money to Stripe: the refund's status turns failed
        NotificationResult failed = deliver("{\"id\":\"evt_failed\",\"type\":\"charge.refund.updated\",\"created\":" + now()
                + ",\"data\":{\"object\":" + refund("re_1", "failed", reference, "expired_or_canceled_card") + "}}");

        assertThat(failed.disposition()).isEqualTo(Disposition.REFUND_CONFIRMED);
        assertThat(stored(order).state()).isEqualTo(PaymentRefund.REVERSED);
        assertThat(p.events(Payments.REFUND_REVERSED)).isEqualTo(1);
        // refund.failed for the same refund changes nothing more
        assertThat(deliver("{\"id\":\"evt_failed_2\",\"type\":\"refund.failed\",\"created\":" + now()
                + ",\"data\":{\"object\":" + refund("re_1", "failed", reference, "expired_or_canceled_card") + "}}")
                .disposition()).isEqualTo(Disposition.REFUND_CONFIRMED);
        assertThat(p.events(Payments.REFUND_REVERSED)).isEqualTo(1);
        for (int run = 0; run < 2; run++) {
            ReconciliationReport report = payments.reconcile();
            assertThat(report.refundsForReview()).singleElement().satisfies(review -> {
                assertThat(review.issue()).isEqualTo(RefundReview.Issue.FAILED_AFTER_CONFIRMED);
                assertThat(review.state()).isEqualTo(RefundState.FAILED);
                assertThat(review.refundReference()).isEqualTo(reference);
                assertThat(review.detail()).contains("confirmed refund failed").contains("expired_or_canceled_card");
            });
            p.f.advance(Duration.ofMinutes(6));
        }
        // nothing was re-granted and the ledger keeps its one clawback: a person decides
        assertThat(p.events(EventTypes.ACCESS_GRANTED)).isEqualTo(grantsBefore);
        assertOneClawback(order);

        server.stubFor(get("/v1/refunds/re_1").willReturn(okJson(refund("re_1", "failed", reference, "expired_or_canceled_card"))));
        server.stubFor(post("/v1/refunds").withRequestBody(containing("-r2"))
                .willReturn(okJson(refund("re_2", "succeeded", reference + "-r2", null))));
        RefundOutcome resent = payments.resendRefund(PipelineFixture.FINANCE, order.id(), "r1");

        assertThat(resent.state()).isEqualTo(PaymentRefund.CONFIRMED);
        assertThat(resent.providerRefundId()).isEqualTo("re_2");
        List<LoggedRequest> posts = server.findAll(postRequestedFor(urlPathEqualTo("/v1/refunds")));
        assertThat(posts).hasSize(2);
        assertThat(Forms.decode(posts.get(1).getBodyAsString()))
                .containsEntry("metadata[learnloop_refund_reference]", reference + "-r2")
                .containsEntry("amount", "19900").containsEntry("payment_intent", "pi_1");
        assertThat(posts.get(1).getHeader("Idempotency-Key")).isEqualTo(order.id().value() + ":refund:r1:r2");
        assertThat(posts.get(0).getHeader("Idempotency-Key")).isEqualTo(order.id().value() + ":refund:r1");
        assertThat(payments.reconcile().refundsForReview()).isEmpty();
        assertThat(p.events(Payments.REFUND_CONFIRMED)).isEqualTo(2);
        assertOneClawback(order);
    }

    @Test
    void refund_whenStripeRefusesTheApiKey_isBlockedAndResendsWithTheSameKeyAfterTheFix() {
        Order order = paidOrder("k-401");
        server.stubFor(post("/v1/refunds").willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"Invalid API Key provided: sk_test_***x\",\"type\":\"invalid_request_error\"}}")));

        RefundOutcome outcome = refundInFull(order);

        assertThat(outcome.state()).isEqualTo(PaymentRefund.BLOCKED);
        assertThat(outcome.detail()).contains("HTTP 401").contains("Invalid API Key");
        p.f.advance(Duration.ofMinutes(6));
        assertThat(payments.reconcile().refundsForReview()).extracting(RefundReview::issue)
                .containsExactly(RefundReview.Issue.BLOCKED);
        assertThat(server.findAll(postRequestedFor(urlPathEqualTo("/v1/refunds")))).hasSize(1);

        // the key was rotated: Stripe knows no refund of pi_1 and takes the same request now
        String reference = stored(order).refundReference();
        server.stubFor(get(urlPathEqualTo("/v1/refunds")).willReturn(okJson("{\"object\":\"list\",\"data\":[],\"has_more\":false}")));
        server.stubFor(post("/v1/refunds").willReturn(okJson(refund("re_9", "succeeded", reference, null))));
        RefundOutcome resent = payments.resendRefund(PipelineFixture.FINANCE, order.id(), "r1");

        assertThat(resent.state()).isEqualTo(PaymentRefund.CONFIRMED);
        List<LoggedRequest> posts = server.findAll(postRequestedFor(urlPathEqualTo("/v1/refunds")));
        assertThat(posts).hasSize(2).extracting(r -> r.getHeader("Idempotency-Key"))
                .containsOnly(order.id().value() + ":refund:r1");
        assertThat(Forms.decode(posts.get(1).getBodyAsString()))
                .containsEntry("metadata[learnloop_refund_reference]", reference);
        assertOneClawback(order);
    }

    @Test
    void handleNotification_whenSuccessArrivesAfterTheSameRefundFailed_asksStripeAndKeepsItFailed() {
        Order order = paidOrder("k-out-of-order");
        server.stubFor(post("/v1/refunds").willReturn(okJson(refund("re_1", "pending", "placeholder", null))));
        assertThat(refundInFull(order).state()).isEqualTo(PaymentRefund.SENT);
        String reference = stored(order).refundReference();
        // the refund succeeded, then failed; Stripe delivers the two updates the other way round
        assertThat(deliver("{\"id\":\"evt_failed\",\"type\":\"charge.refund.updated\",\"created\":" + now()
                + ",\"data\":{\"object\":" + refund("re_1", "failed", reference, "expired_or_canceled_card") + "}}")
                .disposition()).isEqualTo(Disposition.REFUND_CONFIRMED);
        assertThat(stored(order).state()).isEqualTo(PaymentRefund.FAILED);
        server.stubFor(get("/v1/refunds/re_1").willReturn(okJson(refund("re_1", "failed", reference,
                "expired_or_canceled_card"))));

        NotificationResult late = deliver("{\"id\":\"evt_succeeded\",\"type\":\"refund.updated\",\"created\":"
                + (now() - 60) + ",\"data\":{\"object\":" + refund("re_1", "succeeded", reference, null) + "}}");

        assertThat(late.disposition()).isEqualTo(Disposition.IGNORED);
        assertThat(late.detail()).contains("FAILED");
        assertThat(stored(order).state()).isEqualTo(PaymentRefund.FAILED);
        assertThat(p.events(Payments.REFUND_CONFIRMED)).isZero();
        assertThat(payments.reconcile().refundsForReview()).extracting(RefundReview::issue)
                .containsExactly(RefundReview.Issue.FAILED);
        assertOneClawback(order);
    }

    @Test
    void handleNotification_whenSuccessArrivesForARefundTakenForFailed_confirmsItOnceStripeAgrees() {
        Order order = paidOrder("k-failed-then-succeeded");
        // Stripe answered the create with an error we took for a refusal, yet made the refund
        server.stubFor(post("/v1/refunds").willReturn(aResponse().withStatus(400).withHeader("Content-Type",
                "application/json").withBody("{\"error\":{\"message\":\"odd\",\"type\":\"invalid_request_error\","
                + "\"code\":\"charge_already_refunded\"}}")));
        assertThat(refundInFull(order).state()).isEqualTo(PaymentRefund.FAILED);
        String reference = stored(order).refundReference();
        // no refund id was stored: the refund is found among the PaymentIntent's refunds by its reference
        server.stubFor(get(urlPathEqualTo("/v1/refunds")).willReturn(okJson("{\"object\":\"list\",\"data\":["
                + refund("re_1", "succeeded", reference, null) + "],\"has_more\":false}")));

        NotificationResult succeeded = deliver("{\"id\":\"evt_succeeded\",\"type\":\"refund.updated\",\"created\":"
                + now() + ",\"data\":{\"object\":" + refund("re_1", "succeeded", reference, null) + "}}");

        assertThat(succeeded.disposition()).isEqualTo(Disposition.REFUND_CONFIRMED);
        assertThat(stored(order).state()).isEqualTo(PaymentRefund.CONFIRMED);
        assertThat(stored(order).providerRefundId()).isEqualTo("re_1");
        assertThat(p.events(Payments.REFUND_CONFIRMED)).isEqualTo(1);
        assertOneClawback(order);
    }
}
