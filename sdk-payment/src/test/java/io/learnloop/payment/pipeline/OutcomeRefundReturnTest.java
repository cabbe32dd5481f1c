package io.learnloop.payment.pipeline;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.learnloop.core.catalog.CatalogService;
import io.learnloop.core.catalog.Chapter;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseDetails;
import io.learnloop.core.catalog.Lesson;
import io.learnloop.core.catalog.LessonSpec;
import io.learnloop.core.catalog.LessonType;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.commerce.OfferDraft;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.OutcomeCondition;
import io.learnloop.core.commerce.OutcomeStatus;
import io.learnloop.core.ledger.LedgerAccount;
import io.learnloop.core.ledger.LedgerService;
import io.learnloop.core.money.Money;
import io.learnloop.core.settlement.BookedRefund;
import io.learnloop.http.RetryPolicy;
import io.learnloop.http.SharedHttpClient;
import io.learnloop.payment.CheckoutRequest;
import io.learnloop.payment.Disposition;
import io.learnloop.payment.PaymentFlow;
import io.learnloop.payment.PaymentSession;
import io.learnloop.payment.Payments;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.ReconciliationReport;
import io.learnloop.payment.RefundReview;
import io.learnloop.payment.Secret;
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
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pay-per-outcome refund booked by {@code Learnloop.runScheduledJobs()} at the deadline goes back to the payer
 * through Stripe on the next {@link Payments#reconcile()}, with no host code in between.
 */
class OutcomeRefundReturnTest {
    private static final String WHSEC = "whsec_outcome";
    private static final Currency CNY = Currency.getInstance("CNY");
    private final WireMockServer server = new WireMockServer(options().dynamicPort());
    private final PipelineFixture p = new PipelineFixture();
    private final Payments payments;
    private final Course live;
    private final Offer outcomeOffer;
    private String paymentReference;

    OutcomeRefundReturnTest() {
        server.start();
        payments = Payments.builder(p.f.learnloop).provider(new StripeProvider(StripeConfig.builder(Secret.of("sk_test_x"))
                        .webhookSecret(Secret.of(WHSEC)).baseUrl(server.baseUrl()).clock(p.f.clock)
                        .http(SharedHttpClient.builder().retryPolicy(RetryPolicy.defaults().withMaxAttempts(1))
                                .sleeper(new RecordingSleeper()).build()).build()))
                .reconcileAfter(Duration.ofMinutes(5))
                .build();
        CatalogService catalog = p.f.learnloop.catalog();
        Course c = catalog.createCourse(PipelineFixture.CREATOR, CourseDetails.of("Statistics", "en", "maths"));
        Chapter ch = catalog.addChapter(PipelineFixture.CREATOR, c.id(), "Live sessions");
        for (int i = 1; i <= 2; i++) {
            catalog.addLesson(PipelineFixture.CREATOR, c.id(), ch.id(),
                    new LessonSpec("session " + i, LessonType.LIVE, Duration.ofMinutes(45), false, "live://" + i));
        }
        catalog.submit(PipelineFixture.CREATOR, c.id());
        live = catalog.approve(PipelineFixture.REVIEWER, c.id());
        // half of 199.00 comes back if the learner completes the course but gets no certificate within 30 days
        outcomeOffer = p.commerce.createOffer(PipelineFixture.CREATOR, OfferDraft.course("Statistics, pass or half back",
                Money.ofMinor(19900, "CNY"), live.id()).withOutcome(OutcomeCondition.refundShareIfNotPassed(
                Duration.ofDays(30), 5000)));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    /** The outcome offer bought and paid through PaymentIntent pi_1, settled by its webhook. */
    private Order paidOutcomeOrder() {
        Order order = p.order("k-outcome", outcomeOffer);
        server.stubFor(post("/v1/payment_intents").willReturn(okJson("{\"id\":\"pi_1\",\"client_secret\":\"pi_1_secret\"}")));
        PaymentSession session = payments.checkout(PipelineFixture.LEARNER, CheckoutRequest.of(order.id(),
                ProviderId.STRIPE, PaymentFlow.CLIENT_SECRET, "Java"));
        paymentReference = session.merchantReference();
        byte[] body = ("{\"id\":\"evt_paid\",\"type\":\"payment_intent.succeeded\",\"created\":"
                + p.f.clock.instant().getEpochSecond() + ",\"data\":{\"object\":{\"id\":\"pi_1\","
                + "\"amount_received\":19900,\"currency\":\"cny\",\"status\":\"succeeded\",\"metadata\":"
                + "{\"learnloop_reference\":\"" + paymentReference + "\"}}}}").getBytes(StandardCharsets.UTF_8);
        assertThat(payments.handleNotification(ProviderId.STRIPE, body, Map.of("Stripe-Signature",
                StripeWebhooks.signatureHeader(body, Secret.of(WHSEC), p.f.clock.instant()))).disposition())
                .isEqualTo(Disposition.SETTLED);
        return order;
    }

    /** The learner completes every lesson but never earns the certificate, and the deadline passes. */
    private void completeWithoutPassingAndPassTheDeadline(Order order) {
        for (Lesson l : p.f.learnloop.catalog().course(live.id()).published().lessons()) {
            p.f.learnloop.progress().markDone(PipelineFixture.LEARNER.id(), l.id());
        }
        p.f.advance(Duration.ofDays(31));
        assertThat(p.f.learnloop.runScheduledJobs().outcomesDecided()).isEqualTo(1);
        assertThat(p.commerce.order(PipelineFixture.FINANCE, order.id()).line(1).outcome().status())
                .isEqualTo(OutcomeStatus.COMPLETED_NOT_PASSED);
    }

    private String stripeRefund(String id, String status, String reference) {
        return "{\"id\":\"" + id + "\",\"object\":\"refund\",\"amount\":9950,\"currency\":\"cny\","
                + "\"payment_intent\":\"pi_1\",\"status\":\"" + status + "\",\"metadata\":{\"learnloop_reference\":\""
                + paymentReference + "\",\"learnloop_refund_reference\":\"" + reference + "\"}}";
    }

    private List<LoggedRequest> refundPosts() {
        return server.findAll(postRequestedFor(urlPathEqualTo("/v1/refunds")));
    }

    private List<BookedRefund> awaiting() {
        return p.f.learnloop.settlement().awaitingReturn(PipelineFixture.FINANCE, null, 10).items();
    }

    private PaymentRefund stored(Order order) {
        return p.f.learnloop.context().read(uow -> uow.get(PaymentTypes.REFUND, order.id().value() + ":outcome:1"))
                .value();
    }

    private void assertBooksBalanceWithHalfReturned() {
        LedgerService ledger = p.f.learnloop.ledger();
        assertThat(ledger.balances(PipelineFixture.FINANCE, CNY, null, 1000).items().stream()
                .mapToLong(b -> b.amount().minor()).sum()).isZero();
        assertThat(ledger.balance(PipelineFixture.FINANCE, LedgerAccount.clearing("stripe"), CNY))
                .isEqualTo(Money.ofMinor(-9950, "CNY"));
    }

    @Test
    void reconcile_whenOutcomeRefundWasBooked_sendsItToStripeOnceAndMarksItReturned() {
        Order order = paidOutcomeOrder();
        completeWithoutPassingAndPassTheDeadline(order);
        assertThat(awaiting()).singleElement().satisfies(r -> {
            assertThat(r.channel()).isEqualTo("stripe");
            assertThat(r.amount()).isEqualTo(Money.ofMinor(9950, "CNY"));
        });
        server.stubFor(post("/v1/refunds").willReturn(okJson(stripeRefund("re_1", "succeeded", "placeholder"))));

        ReconciliationReport report = payments.reconcile();

        assertThat(report.refundsSent()).isEqualTo(1);
        assertThat(report.failures()).isEmpty();
        assertThat(refundPosts()).singleElement().satisfies(post -> {
            assertThat(post.getHeader("Idempotency-Key")).isEqualTo(order.id().value() + ":refund:outcome:1");
            assertThat(Forms.decode(post.getBodyAsString())).containsEntry("amount", "9950")
                    .containsEntry("payment_intent", "pi_1")
                    .containsEntry("metadata[learnloop_refund_reference]", stored(order).refundReference());
        });
        assertThat(stored(order).state()).isEqualTo(PaymentRefund.CONFIRMED);
        assertThat(awaiting()).isEmpty();
        assertThat(p.events(Payments.REFUND_CONFIRMED)).isEqualTo(1);

        // later runs send nothing more, and the books still hold one refund of the share
        for (int run = 0; run < 2; run++) {
            p.f.advance(Duration.ofMinutes(10));
            assertThat(payments.reconcile().refundsSent()).isZero();
            p.f.learnloop.runScheduledJobs();
        }
        assertThat(refundPosts()).hasSize(1);
        assertThat(p.commerce.order(PipelineFixture.FINANCE, order.id()).refunds()).hasSize(1);
        assertBooksBalanceWithHalfReturned();
    }

    @Test
    void reconcile_whenStripeFailsWith5xx_keepsTheRefundListedAndTheNextRunSendsItWithTheSameKey() {
        Order order = paidOutcomeOrder();
        completeWithoutPassingAndPassTheDeadline(order);
        server.stubFor(post("/v1/refunds").willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"try again\",\"type\":\"api_error\"}}")));

        ReconciliationReport failed = payments.reconcile();

        assertThat(failed.refundsSent()).isZero();
        assertThat(failed.failures()).anySatisfy(f -> assertThat(f).contains("outcome:1"));
        assertThat(stored(order).state()).isEqualTo(PaymentRefund.RETRY);
        assertThat(awaiting()).extracting(BookedRefund::refundKey).containsExactly("outcome:1");

        // Stripe never made the refund: the next run asks, finds none and sends the same request again
        server.stubFor(get(urlPathEqualTo("/v1/refunds")).willReturn(okJson(
                "{\"object\":\"list\",\"data\":[],\"has_more\":false}")));
        server.stubFor(post("/v1/refunds").willReturn(okJson(stripeRefund("re_2", "succeeded",
                stored(order).refundReference()))));
        p.f.advance(Duration.ofMinutes(1));
        ReconciliationReport next = payments.reconcile();

        assertThat(next.refundsSent()).isEqualTo(1);
        assertThat(refundPosts()).hasSize(2).extracting(r -> r.getHeader("Idempotency-Key"))
                .containsOnly(order.id().value() + ":refund:outcome:1");
        assertThat(stored(order).state()).isEqualTo(PaymentRefund.CONFIRMED);
        assertThat(awaiting()).isEmpty();
        p.f.advance(Duration.ofMinutes(10));
        payments.reconcile();
        assertThat(refundPosts()).hasSize(2);
        assertBooksBalanceWithHalfReturned();
    }

    @Test
    void reconcile_whenTheOrdersProviderIsNotConfigured_leavesTheRefundListedForFinance() {
        Order order = paidOutcomeOrder();
        completeWithoutPassingAndPassTheDeadline(order);

        // the fixture's own Payments knows only the sandbox provider, so it reads only the sandbox's refunds
        ReconciliationReport report = p.payments.reconcile();

        assertThat(report.refundsSent()).isZero();
        assertThat(report.failures()).isEmpty();
        assertThat(awaiting()).singleElement().satisfies(r -> assertThat(r.channel()).isEqualTo("stripe"));
        assertThat(refundPosts()).isEmpty();
    }

    @Test
    void refund_whenFinanceReturnsTheBookedRefundUnderItsKey_takesItOnSoReconcileSendsNothing() {
        Order order = paidOutcomeOrder();
        completeWithoutPassingAndPassTheDeadline(order);
        server.stubFor(post("/v1/refunds").willReturn(okJson(stripeRefund("re_1", "pending", "placeholder"))));
        var booked = p.commerce.order(PipelineFixture.FINANCE, order.id()).refund("outcome:1");

        payments.refund(PipelineFixture.FINANCE, order.id(), "outcome:1", booked.lines(), booked.reason());

        assertThat(stored(order).state()).isEqualTo(PaymentRefund.SENT);
        assertThat(stripesList()).isEmpty();
        // sent is not returned: Stripe may still fail it
        assertThat(awaiting()).extracting(BookedRefund::refundKey).containsExactly("outcome:1");
        p.f.advance(Duration.ofMinutes(1));
        assertThat(payments.reconcile().refundsSent()).isZero();
        assertThat(refundPosts()).hasSize(1);
        assertBooksBalanceWithHalfReturned();
    }

    private List<BookedRefund> stripesList() {
        return p.f.learnloop.settlement().awaitingReturn("stripe", null, 10).items();
    }

    @Test
    void reconcile_whenStripeRefusesTheBookedRefund_takesItOffStripesListButKeepsItListedForFinanceAndReview() {
        Order order = paidOutcomeOrder();
        completeWithoutPassingAndPassTheDeadline(order);
        server.stubFor(post("/v1/refunds").willReturn(okJson(stripeRefund("re_1", "failed", "placeholder"))));

        ReconciliationReport report = payments.reconcile();

        assertThat(stored(order).state()).isEqualTo(PaymentRefund.FAILED);
        assertThat(report.refundsSent()).isZero();
        assertThat(report.refundsForReview()).extracting(RefundReview::refundKey).contains("outcome:1");
        // a refused refund waits for a person in the review queue, not at the head of the provider's list
        assertThat(stripesList()).isEmpty();
        assertThat(awaiting()).extracting(BookedRefund::refundKey).containsExactly("outcome:1");
        p.f.advance(Duration.ofMinutes(10));
        assertThat(payments.reconcile().refundsForReview()).extracting(RefundReview::refundKey).contains("outcome:1");
        assertThat(refundPosts()).hasSize(1);
        assertThat(awaiting()).extracting(BookedRefund::refundKey).containsExactly("outcome:1");
    }

    @Test
    void reconcile_whenASentRefundFailsLater_keepsTheBookedRefundListedForFinanceUntilConfirmed() {
        Order order = paidOutcomeOrder();
        completeWithoutPassingAndPassTheDeadline(order);
        server.stubFor(post("/v1/refunds").willReturn(okJson(stripeRefund("re_1", "pending", "placeholder"))));

        assertThat(payments.reconcile().refundsSent()).isEqualTo(1);

        assertThat(stored(order).state()).isEqualTo(PaymentRefund.SENT);
        assertThat(awaiting()).extracting(BookedRefund::refundKey).containsExactly("outcome:1");
        server.stubFor(get(urlPathEqualTo("/v1/refunds/re_1")).willReturn(okJson(stripeRefund("re_1", "failed",
                stored(order).refundReference()))));
        p.f.advance(Duration.ofMinutes(10));
        ReconciliationReport later = payments.reconcile();

        assertThat(stored(order).state()).isEqualTo(PaymentRefund.FAILED);
        assertThat(later.refundsForReview()).extracting(RefundReview::refundKey).contains("outcome:1");
        assertThat(awaiting()).extracting(BookedRefund::refundKey).containsExactly("outcome:1");
        assertThat(refundPosts()).hasSize(1);
    }
}
