package io.learnloop.payment.stripe;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.learnloop.core.Learnloop;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.commerce.MembershipPeriod;
import io.learnloop.core.commerce.MembershipTerms;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.commerce.OfferDraft;
import io.learnloop.core.commerce.OrderStatus;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.ledger.Balance;
import io.learnloop.core.ledger.CreatorShare;
import io.learnloop.core.ledger.LineParties;
import io.learnloop.core.ledger.RevenuePolicy;
import io.learnloop.core.money.Money;
import io.learnloop.core.store.Stores;
import io.learnloop.core.subscription.Subscription;
import io.learnloop.core.subscription.SubscriptionStatus;
import io.learnloop.core.testing.Catalogue;
import io.learnloop.core.testing.MutableClock;
import io.learnloop.core.testing.Staff;
import io.learnloop.http.SharedHttpClient;
import io.learnloop.payment.RejectionReason;
import io.learnloop.payment.Secret;
import io.learnloop.payment.testing.Forms;
import io.learnloop.payment.testing.RecordingSleeper;
import io.learnloop.payment.testing.StubServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stripe Billing against WireMock stubs that follow Stripe's API (form-encoded POSTs with bracket nesting, expanded
 * objects in the answer) and webhook deliveries signed as Stripe signs them, through the public API.
 */
class StripeBillingTest {
    private static final String API_KEY = "sk_test_51BillingTESTKEYdoNotUse";
    private static final String WHSEC = "whsec_billingBillingBilling";
    private static final Actor ADA = Actor.of("ada", Role.CREATOR);
    private static final UserId LENA = UserId.of("lena");
    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    private static final Currency USD = Currency.getInstance("USD");

    @RegisterExtension
    static final StubServer server = new StubServer();

    private final MutableClock clock = new MutableClock(START);
    private Learnloop learnloop;
    private Course course;
    private Offer plan;
    private StripeBilling billing;

    @BeforeEach
    void setUp() {
        learnloop = Learnloop.builder().store(Stores.inMemory()).clock(clock).idGenerator(IdGenerator.sequential("b"))
                .revenue(new RevenuePolicy(2000, 0, 0), (order, line) -> new LineParties(List.of(
                        CreatorShare.of("ada", 2), CreatorShare.of("bea", 1)), List.of()))
                .build();
        course = Catalogue.published(learnloop, ADA, "Statistics");
        plan = learnloop.commerce().createOffer(ADA, OfferDraft.membership("Statistics monthly",
                Money.ofMinor(1999, "USD"), new MembershipTerms(MembershipPeriod.MONTH, 0, List.of(course.id()),
                        List.of())));
        billing = StripeBilling.builder(learnloop, StripeConfig.builder(Secret.of(API_KEY))
                        .webhookSecret(Secret.of(WHSEC)).baseUrl(server.baseUrl()).apiVersion("2024-06-20")
                        .clock(clock).http(SharedHttpClient.builder().sleeper(new RecordingSleeper()).build()).build())
                .plan(plan.id(), "price_1Monthly").build();
    }

    private Subscription subscribe() {
        server.stubFor(post("/v1/customers").willReturn(okJson(
                "{\"id\":\"cus_1\",\"object\":\"customer\",\"email\":\"lena@example.com\","
                        + "\"metadata\":{\"learnloop_learner\":\"lena\"}}")));
        server.stubFor(post("/v1/subscriptions").willReturn(okJson(
                "{\"id\":\"sub_1\",\"object\":\"subscription\",\"customer\":\"cus_1\",\"status\":\"incomplete\","
                        + "\"cancel_at_period_end\":false,\"current_period_start\":" + START.getEpochSecond()
                        + ",\"latest_invoice\":{\"id\":\"in_1\",\"object\":\"invoice\",\"status\":\"open\","
                        + "\"payment_intent\":{\"id\":\"pi_1\",\"object\":\"payment_intent\","
                        + "\"client_secret\":\"pi_1_secret_abc\",\"status\":\"requires_payment_method\"}},"
                        + "\"pending_setup_intent\":null}")));
        return billing.subscribe(LENA, plan.id(), "lena@example.com", "signup-1").subscription();
    }

    private StripeBillingResult deliver(String body) {
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        return billing.handleNotification(raw, Map.of("Stripe-Signature",
                StripeWebhooks.signatureHeader(raw, Secret.of(WHSEC), clock.instant()),
                "Content-Type", "application/json"));
    }

    private String event(String id, String type, String object) {
        return "{\"id\":\"" + id + "\",\"object\":\"event\",\"api_version\":\"2024-06-20\",\"created\":"
                + clock.instant().getEpochSecond() + ",\"livemode\":false,\"type\":\"" + type
                + "\",\"data\":{\"object\":" + object + "}}";
    }

    private static String invoice(String id, long amountPaid, Instant periodStart, Instant periodEnd) {
        return "{\"id\":\"" + id + "\",\"object\":\"invoice\",\"subscription\":\"sub_1\",\"customer\":\"cus_1\","
                + "\"status\":\"paid\",\"paid\":true,\"amount_due\":" + amountPaid + ",\"amount_paid\":" + amountPaid
                + ",\"currency\":\"usd\",\"billing_reason\":\"subscription_cycle\",\"attempt_count\":1,"
                + "\"lines\":{\"object\":\"list\",\"data\":[{\"id\":\"il_1\",\"object\":\"line_item\",\"amount\":"
                + amountPaid + ",\"period\":{\"start\":" + periodStart.getEpochSecond() + ",\"end\":"
                + periodEnd.getEpochSecond() + "}}]}}";
    }

    private static String failedInvoice(String id, int attempt, Instant nextAttempt) {
        return "{\"id\":\"" + id + "\",\"object\":\"invoice\",\"subscription\":\"sub_1\",\"status\":\"open\","
                + "\"paid\":false,\"amount_due\":1999,\"amount_paid\":0,\"currency\":\"usd\",\"attempt_count\":"
                + attempt + ",\"next_payment_attempt\":" + nextAttempt.getEpochSecond() + "}";
    }

    private long paidOrders() {
        return learnloop.commerce().ordersOf(Staff.FINANCE, LENA, null, 100).items().stream()
                .filter(o -> o.status() == OrderStatus.PAID).count();
    }

    private void assertBooksBalance() {
        Money sum = Money.zero(USD);
        for (Balance b : learnloop.ledger().balances(Staff.FINANCE, USD, null, 100).items()) {
            sum = sum.plus(b.amount());
        }
        assertThat(sum).isEqualTo(Money.zero(USD));
    }

    private boolean accessAt(Instant at) {
        return learnloop.access().hasAccess(LENA, course.id(), at);
    }

    private static LoggedRequest only(String path) {
        List<LoggedRequest> requests = server.findAll(postRequestedFor(urlPathEqualTo(path)));
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    @Test
    void subscribe_whenPlanHasAPrice_createsCustomerAndIncompleteSubscriptionAndReturnsTheClientSecret() {
        server.stubFor(post("/v1/customers").willReturn(okJson("{\"id\":\"cus_1\",\"object\":\"customer\"}")));
        server.stubFor(post("/v1/subscriptions").willReturn(okJson(
                "{\"id\":\"sub_1\",\"object\":\"subscription\",\"status\":\"incomplete\",\"latest_invoice\":"
                        + "{\"id\":\"in_1\",\"payment_intent\":{\"id\":\"pi_1\",\"client_secret\":\"pi_1_secret_abc\"}}}")));

        StripeSubscriptionStart start = billing.subscribe(LENA, plan.id(), "lena@example.com", "signup-1");

        assertThat(start.clientSecret()).isEqualTo("pi_1_secret_abc");
        assertThat(start.toString()).doesNotContain("pi_1_secret_abc");
        assertThat(start.stripeSubscriptionId()).isEqualTo("sub_1");
        assertThat(start.subscription().status()).isEqualTo(SubscriptionStatus.INCOMPLETE);
        assertThat(start.subscription().price()).isEqualTo(Money.ofMinor(1999, "USD"));
        LoggedRequest customer = only("/v1/customers");
        assertThat(customer.getHeader("Authorization")).isEqualTo("Bearer " + API_KEY);
        assertThat(customer.getHeader("Stripe-Version")).isEqualTo("2024-06-20");
        assertThat(customer.getHeader("Idempotency-Key")).isEqualTo("signup-1:customer");
        assertThat(customer.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(Forms.decode(customer.getBodyAsString())).containsEntry("email", "lena@example.com")
                .containsEntry("metadata[learnloop_learner]", "lena");
        LoggedRequest sub = only("/v1/subscriptions");
        assertThat(sub.getHeader("Idempotency-Key")).isEqualTo("signup-1:subscription");
        assertThat(Forms.decode(sub.getBodyAsString())).containsEntry("customer", "cus_1")
                .containsEntry("items[0][price]", "price_1Monthly")
                .containsEntry("payment_behavior", "default_incomplete")
                .containsEntry("payment_settings[save_default_payment_method]", "on_subscription")
                .containsEntry("expand[0]", "latest_invoice.payment_intent")
                .containsEntry("metadata[learnloop_learner]", "lena")
                .containsEntry("metadata[learnloop_plan]", plan.id().value())
                .doesNotContainKey("trial_period_days");
    }

    @Test
    void handleNotification_whenInvoicesArePaid_settlesEachPeriodOnceAndStacksThem() {
        subscribe();
        Instant end1 = MembershipPeriod.MONTH.endOf(START);

        StripeBillingResult first = deliver(event("evt_1", "invoice.paid", invoice("in_1", 1999, START, end1)));

        assertThat(first.disposition()).isEqualTo(BillingDisposition.RENEWED);
        assertThat(first.acknowledgement().httpStatus()).isEqualTo(200);
        assertThat(first.subscription().status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(first.subscription().periodEnd()).isEqualTo(end1);
        assertThat(accessAt(START)).isTrue();

        assertThat(deliver(event("evt_1", "invoice.paid", invoice("in_1", 1999, START, end1))).disposition())
                .isEqualTo(BillingDisposition.DUPLICATE);
        // invoice.payment_succeeded-style second event for the same invoice
        assertThat(deliver(event("evt_1b", "invoice.paid", invoice("in_1", 1999, START, end1))).disposition())
                .isEqualTo(BillingDisposition.DUPLICATE);

        clock.set(end1);
        Instant end2 = MembershipPeriod.MONTH.endOf(end1);
        StripeBillingResult second = deliver(event("evt_2", "invoice.paid", invoice("in_2", 1999, end1, end2)));
        assertThat(second.subscription().periodStart()).isEqualTo(end1);
        assertThat(second.subscription().periodEnd()).isEqualTo(end2);
        assertThat(paidOrders()).isEqualTo(2);
        assertBooksBalance();
    }

    @Test
    void handleNotification_whenRenewalFailsThenRecovers_keepsAccessInGraceAndRenewsWithoutGap() {
        subscribe();
        Instant end1 = MembershipPeriod.MONTH.endOf(START);
        deliver(event("evt_1", "invoice.paid", invoice("in_1", 1999, START, end1)));
        clock.set(end1.plus(Duration.ofHours(1)));
        Instant retry = end1.plus(Duration.ofDays(3));

        StripeBillingResult failed = deliver(event("evt_2", "invoice.payment_failed", failedInvoice("in_2", 1, retry)));

        assertThat(failed.disposition()).isEqualTo(BillingDisposition.PAYMENT_FAILED);
        assertThat(failed.subscription().status()).isEqualTo(SubscriptionStatus.PAST_DUE);
        assertThat(failed.subscription().nextChargeAt()).isEqualTo(retry);
        assertThat(accessAt(end1.plus(Duration.ofDays(2)))).isTrue();

        clock.set(retry);
        StripeBillingResult recovered = deliver(event("evt_3", "invoice.paid",
                invoice("in_2", 1999, end1, MembershipPeriod.MONTH.endOf(end1))));
        assertThat(recovered.subscription().status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(recovered.subscription().periodStart()).isEqualTo(end1);
        assertThat(accessAt(MembershipPeriod.MONTH.endOf(end1).minusSeconds(1))).isTrue();
        assertBooksBalance();
    }

    @Test
    void handleNotification_whenCancelledAtPeriodEnd_expiresWhenThePeriodEnds() {
        subscribe();
        Instant end1 = MembershipPeriod.MONTH.endOf(START);
        deliver(event("evt_1", "invoice.paid", invoice("in_1", 1999, START, end1)));

        StripeBillingResult changed = deliver(event("evt_2", "customer.subscription.updated",
                "{\"id\":\"sub_1\",\"object\":\"subscription\",\"status\":\"active\",\"cancel_at_period_end\":true,"
                        + "\"current_period_end\":" + end1.getEpochSecond() + "}"));

        assertThat(changed.disposition()).isEqualTo(BillingDisposition.CHANGED);
        assertThat(changed.subscription().cancelAtPeriodEnd()).isTrue();
        clock.set(end1);
        learnloop.runScheduledJobs();
        assertThat(learnloop.subscriptions().byExternalId("stripe", "sub_1").status())
                .isEqualTo(SubscriptionStatus.EXPIRED);
        assertThat(accessAt(end1)).isFalse();
    }

    @Test
    void handleNotification_whenSubscriptionDeleted_endsItNow() {
        subscribe();

        StripeBillingResult deleted = deliver(event("evt_9", "customer.subscription.deleted",
                "{\"id\":\"sub_1\",\"object\":\"subscription\",\"status\":\"canceled\"}"));

        assertThat(deleted.disposition()).isEqualTo(BillingDisposition.CANCELED);
        assertThat(deleted.subscription().status()).isEqualTo(SubscriptionStatus.CANCELED);
    }

    @Test
    void handleNotification_whenAmountDiffers_rejectsAndSettlesNothing() {
        subscribe();

        StripeBillingResult r = deliver(event("evt_1", "invoice.paid",
                invoice("in_1", 999, START, MembershipPeriod.MONTH.endOf(START))));

        assertThat(r.disposition()).isEqualTo(BillingDisposition.REJECTED);
        assertThat(r.rejection()).isEqualTo(RejectionReason.AMOUNT_MISMATCH);
        assertThat(r.acknowledgement().httpStatus()).isEqualTo(400);
        assertThat(learnloop.commerce().ordersOf(Staff.FINANCE, LENA, null, 100).items()).isEmpty();
        assertThat(learnloop.subscriptions().byExternalId("stripe", "sub_1").status())
                .isEqualTo(SubscriptionStatus.INCOMPLETE);
    }

    @Test
    void handleNotification_whenSubscriptionUnknown_rejectsAndSettlesNothing() {
        StripeBillingResult r = deliver(event("evt_1", "invoice.paid",
                invoice("in_1", 1999, START, MembershipPeriod.MONTH.endOf(START))));

        assertThat(r.rejection()).isEqualTo(RejectionReason.UNKNOWN_SUBSCRIPTION);
        assertThat(learnloop.commerce().ordersOf(Staff.FINANCE, LENA, null, 100).items()).isEmpty();
    }

    @Test
    void handleNotification_whenSignatureIsBadOrMissingOrStale_rejectsAndChangesNothing() {
        subscribe();
        byte[] body = event("evt_1", "invoice.paid", invoice("in_1", 1999, START, MembershipPeriod.MONTH.endOf(START)))
                .getBytes(StandardCharsets.UTF_8);

        StripeBillingResult forged = billing.handleNotification(body, Map.of("Stripe-Signature",
                StripeWebhooks.signatureHeader(body, Secret.of("whsec_someoneElse"), clock.instant())));
        StripeBillingResult missing = billing.handleNotification(body, Map.of());
        StripeBillingResult replayed = billing.handleNotification(body, Map.of("Stripe-Signature",
                StripeWebhooks.signatureHeader(body, Secret.of(WHSEC), clock.instant().minus(Duration.ofHours(1)))));

        assertThat(forged.rejection()).isEqualTo(RejectionReason.BAD_SIGNATURE);
        assertThat(missing.rejection()).isEqualTo(RejectionReason.MISSING_SIGNATURE);
        assertThat(replayed.rejection()).isEqualTo(RejectionReason.STALE_TIMESTAMP);
        assertThat(learnloop.commerce().ordersOf(Staff.FINANCE, LENA, null, 100).items()).isEmpty();
        assertThat(learnloop.subscriptions().byExternalId("stripe", "sub_1").status())
                .isEqualTo(SubscriptionStatus.INCOMPLETE);
    }

    @Test
    void handleNotification_whenEventIsNotForBilling_ignoresIt() {
        StripeBillingResult r = deliver(event("evt_5", "payment_intent.succeeded",
                "{\"id\":\"pi_9\",\"object\":\"payment_intent\",\"amount_received\":1999,\"currency\":\"usd\"}"));

        assertThat(r.disposition()).isEqualTo(BillingDisposition.IGNORED);
        assertThat(r.acknowledgement().httpStatus()).isEqualTo(200);
    }
}
