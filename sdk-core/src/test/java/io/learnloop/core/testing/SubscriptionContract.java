package io.learnloop.core.testing;

import io.learnloop.core.Learnloop;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.commerce.MembershipPeriod;
import io.learnloop.core.commerce.MembershipTerms;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.commerce.OfferDraft;
import io.learnloop.core.commerce.OrderStatus;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.NotFoundException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.event.DomainEvent;
import io.learnloop.core.event.EventTypes;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.TenantId;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.ledger.Balance;
import io.learnloop.core.ledger.CreatorShare;
import io.learnloop.core.ledger.LineParties;
import io.learnloop.core.ledger.RevenuePolicy;
import io.learnloop.core.money.Money;
import io.learnloop.core.settlement.SettlementStatus;
import io.learnloop.core.store.Store;
import io.learnloop.core.subscription.DunningPolicy;
import io.learnloop.core.subscription.OpenSubscription;
import io.learnloop.core.subscription.RenewalResult;
import io.learnloop.core.subscription.Subscription;
import io.learnloop.core.subscription.SubscriptionFailure;
import io.learnloop.core.subscription.SubscriptionPayment;
import io.learnloop.core.subscription.SubscriptionStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Auto-renewing memberships through the public API on a store, under an injected clock: renewals stacked on the
 * membership timeline and settled through the core settlement, failures with a grace period, recovery, cancellation
 * at period end, expiry by the scheduled work, and bad input. A store's test extends this class and returns its store
 * from {@link #store()}; every test works in a tenant of its own.
 */
public abstract class SubscriptionContract {
    private static final AtomicLong TENANTS = new AtomicLong();
    private static final Currency CNY = Currency.getInstance("CNY");
    private static final Actor ADA = Actor.of("ada", Role.CREATOR);
    private static final UserId LENA = UserId.of("lena");
    private static final Instant START = Instant.parse("2026-01-31T08:00:00Z");
    private static final Money PRICE = Money.parse("30.01", "CNY");
    private static final String PROVIDER = "stripe";

    private final MutableClock clock = new MutableClock(START);
    private final List<DomainEvent> events = new CopyOnWriteArrayList<>();
    private Learnloop learnloop;
    private Course course;
    private Offer plan;

    /**
     * The store under test; may return the same store every time.
     *
     * @return the store
     */
    protected abstract Store store();

    @BeforeEach
    void setUpFacade() {
        TenantId tenant = TenantId.of("subscription-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + "-"
                + TENANTS.incrementAndGet());
        learnloop = Learnloop.builder().store(store()).tenant(tenant).clock(clock)
                .idGenerator(IdGenerator.sequential("s"))
                .listener(events::add)
                // two creators at 2:1 after a 20% platform fee, so every split has remainders
                .revenue(new RevenuePolicy(2000, 0, 0), (order, line) -> new LineParties(List.of(
                        CreatorShare.of("ada", 2), CreatorShare.of("bea", 1)), List.of()))
                .build();
        course = Catalogue.published(learnloop, ADA, "Statistics");
        plan = plan(0);
    }

    private Offer plan(int trialDays) {
        return learnloop.commerce().createOffer(ADA, OfferDraft.membership("Statistics monthly", PRICE,
                new MembershipTerms(MembershipPeriod.MONTH, trialDays, List.of(course.id()), List.of())));
    }

    private Subscription open(Offer offer, String externalId, DunningPolicy dunning) {
        return learnloop.context().transactRetrying(uow -> learnloop.subscriptions().open(uow,
                new OpenSubscription(LENA, offer.id(), PROVIDER, externalId, dunning)));
    }

    private RenewalResult pay(String externalId, String invoice, Money amount) {
        return learnloop.context().transactRetrying(uow -> learnloop.subscriptions().recordPayment(uow,
                new SubscriptionPayment(PROVIDER, externalId, invoice, amount)));
    }

    private Subscription fail(String externalId, String attempt, Instant nextAttempt) {
        return learnloop.context().transactRetrying(uow -> learnloop.subscriptions().recordFailure(uow,
                new SubscriptionFailure(PROVIDER, externalId, attempt, nextAttempt, "card_declined")));
    }

    private Subscription current(String externalId) {
        return learnloop.subscriptions().byExternalId(PROVIDER, externalId);
    }

    private boolean accessAt(Instant at) {
        return learnloop.access().hasAccess(LENA, course.id(), at);
    }

    private void assertBooksBalance() {
        Money sum = Money.zero(CNY);
        for (Balance b : learnloop.ledger().balances(Staff.FINANCE, CNY, null, 100).items()) {
            sum = sum.plus(b.amount());
        }
        assertThat(sum).isEqualTo(Money.zero(CNY));
    }

    private long paidOrders() {
        return learnloop.commerce().ordersOf(Staff.FINANCE, LENA, null, 100).items().stream()
                .filter(o -> o.status() == OrderStatus.PAID).count();
    }

    private static Instant monthAfter(Instant start) {
        return MembershipPeriod.MONTH.endOf(start);
    }

    // ---- renewals ----

    @Test
    void recordPayment_whenPeriodsRenew_stacksThemOnTheTimelineAndSettlesEachOrder() {
        open(plan, "sub_1", DunningPolicy.defaults());
        assertThat(current("sub_1").status()).isEqualTo(SubscriptionStatus.INCOMPLETE);
        assertThat(accessAt(START)).isFalse();

        RenewalResult first = pay("sub_1", "in_1", PRICE);
        Instant end1 = monthAfter(START);
        assertThat(first.settlement().status()).isEqualTo(SettlementStatus.SETTLED);
        assertThat(first.subscription().status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(first.subscription().periodStart()).isEqualTo(START);
        assertThat(first.subscription().periodEnd()).isEqualTo(end1);
        assertThat(first.subscription().nextChargeAt()).isEqualTo(end1);

        clock.set(end1.minus(Duration.ofHours(1)));
        RenewalResult second = pay("sub_1", "in_2", PRICE);
        Instant end2 = monthAfter(end1);
        assertThat(second.subscription().periodStart()).isEqualTo(end1);
        assertThat(second.subscription().periodEnd()).isEqualTo(end2);
        assertThat(second.subscription().paidPeriods()).isEqualTo(2);
        assertThat(accessAt(end1)).isTrue();
        assertThat(accessAt(end2.minusNanos(1))).isTrue();
        assertThat(accessAt(end2)).isFalse();
        assertThat(paidOrders()).isEqualTo(2);
        assertBooksBalance();
    }

    @Test
    void recordPayment_whenTheSamePaymentArrivesAgain_changesNothing() {
        open(plan, "sub_1", DunningPolicy.defaults());
        pay("sub_1", "in_1", PRICE);
        Subscription before = current("sub_1");

        RenewalResult again = pay("sub_1", "in_1", PRICE);

        assertThat(again.duplicate()).isTrue();
        assertThat(current("sub_1")).isEqualTo(before);
        assertThat(paidOrders()).isEqualTo(1);
        assertBooksBalance();
    }

    @Test
    void recordPayment_whenFirstPaymentAndAnEarlierPeriodRuns_placesItAfterTheLatestPeriod() {
        open(plan, "sub_1", DunningPolicy.defaults());
        pay("sub_1", "in_1", PRICE);
        open(plan, "sub_2", DunningPolicy.defaults());

        RenewalResult second = pay("sub_2", "in_9", PRICE);

        assertThat(second.subscription().periodStart()).isEqualTo(monthAfter(START));
    }

    @Test
    void open_whenPlanHasATrial_grantsTheTrialAndTheFirstPaymentStartsAtItsEnd() {
        Offer trial = plan(7);
        Subscription s = open(trial, "sub_t", DunningPolicy.defaults());
        Instant trialEnd = START.plus(Duration.ofDays(7));
        assertThat(s.status()).isEqualTo(SubscriptionStatus.TRIALING);
        assertThat(s.nextChargeAt()).isEqualTo(trialEnd);
        assertThat(accessAt(START)).isTrue();

        clock.set(trialEnd);
        RenewalResult paid = pay("sub_t", "in_1", PRICE);

        assertThat(paid.subscription().status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(paid.subscription().periodStart()).isEqualTo(trialEnd);
        assertThat(paid.subscription().periodEnd()).isEqualTo(monthAfter(trialEnd));
    }

    // ---- failure, grace, recovery ----

    @Test
    void recordFailure_whenRenewalFails_keepsAccessThroughGraceAndExpiresExactlyAtItsEnd() {
        open(plan, "sub_1", DunningPolicy.defaults());
        pay("sub_1", "in_1", PRICE);
        Instant end1 = monthAfter(START);
        Instant graceEnd = end1.plus(Duration.ofDays(7));
        clock.set(end1.plus(Duration.ofMinutes(5)));

        Subscription failed = fail("sub_1", "in_2#1", null);

        assertThat(failed.status()).isEqualTo(SubscriptionStatus.PAST_DUE);
        assertThat(failed.graceEndsAt()).isEqualTo(graceEnd);
        assertThat(failed.failedAttempts()).isEqualTo(1);
        assertThat(failed.nextChargeAt()).isEqualTo(clock.instant().plus(Duration.ofDays(1)));
        assertThat(accessAt(end1.plus(Duration.ofDays(3)))).isTrue();

        clock.set(graceEnd.minusSeconds(1));
        learnloop.runScheduledJobs();
        assertThat(current("sub_1").status()).isEqualTo(SubscriptionStatus.PAST_DUE);
        assertThat(accessAt(clock.instant())).isTrue();

        clock.set(graceEnd);
        learnloop.runScheduledJobs();
        Subscription expired = current("sub_1");
        assertThat(expired.status()).isEqualTo(SubscriptionStatus.EXPIRED);
        assertThat(expired.endedAt()).isEqualTo(graceEnd);
        assertThat(expired.nextChargeAt()).isNull();
        assertThat(accessAt(graceEnd)).isFalse();
        assertThat(events).anyMatch(e -> e.type().equals(EventTypes.ACCESS_EXPIRED)
                && graceEnd.toString().equals(e.get("endedAt")));
        assertBooksBalance();
    }

    @Test
    void recordFailure_whenTheSameAttemptIsReportedAgain_countsItOnce() {
        open(plan, "sub_1", DunningPolicy.defaults());
        pay("sub_1", "in_1", PRICE);
        clock.set(monthAfter(START));
        fail("sub_1", "in_2#1", null);

        Subscription again = fail("sub_1", "in_2#1", null);
        Subscription second = fail("sub_1", "in_2#2", Instant.parse("2026-03-03T00:00:00Z"));

        assertThat(again.failedAttempts()).isEqualTo(1);
        assertThat(second.failedAttempts()).isEqualTo(2);
        assertThat(second.nextChargeAt()).isEqualTo(Instant.parse("2026-03-03T00:00:00Z"));
        assertThat(second.graceEndsAt()).isEqualTo(monthAfter(START).plus(Duration.ofDays(7)));
    }

    @Test
    void recordPayment_whenPaidDuringGrace_isActiveAgainWithNoGapAndNoSecondPeriod() {
        open(plan, "sub_1", DunningPolicy.defaults());
        pay("sub_1", "in_1", PRICE);
        Instant end1 = monthAfter(START);
        clock.set(end1);
        learnloop.runScheduledJobs(); // the period ended unpaid: past due, grace granted
        assertThat(current("sub_1").status()).isEqualTo(SubscriptionStatus.PAST_DUE);

        clock.set(end1.plus(Duration.ofDays(2)));
        RenewalResult recovered = pay("sub_1", "in_2", PRICE);

        Instant end2 = monthAfter(end1);
        assertThat(recovered.subscription().status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(recovered.subscription().periodStart()).isEqualTo(end1);
        assertThat(recovered.subscription().periodEnd()).isEqualTo(end2);
        assertThat(recovered.subscription().graceEndsAt()).isNull();
        assertThat(recovered.subscription().failedAttempts()).isZero();
        assertThat(accessAt(end1.plus(Duration.ofDays(1)))).isTrue();
        assertThat(accessAt(end2.minusNanos(1))).isTrue();
        assertThat(accessAt(end2)).isFalse();

        clock.set(end1.plus(Duration.ofDays(7)));
        learnloop.runScheduledJobs(); // the grace period's end changes nothing now
        assertThat(current("sub_1").status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(paidOrders()).isEqualTo(2);
        assertBooksBalance();
    }

    @Test
    void runScheduledJobs_whenPeriodEndsUnpaidWithoutGrace_expiresAtThePeriodEnd() {
        open(plan, "sub_1", DunningPolicy.none());
        pay("sub_1", "in_1", PRICE);
        Instant end1 = monthAfter(START);
        clock.set(end1);

        learnloop.runScheduledJobs();

        assertThat(current("sub_1").status()).isEqualTo(SubscriptionStatus.EXPIRED);
        assertThat(current("sub_1").endedAt()).isEqualTo(end1);
        assertThat(accessAt(end1)).isFalse();
    }

    // ---- cancellation ----

    @Test
    void cancelAtPeriodEnd_whenThePeriodEnds_keepsAccessToItsEndThenExpires() {
        open(plan, "sub_1", DunningPolicy.defaults());
        pay("sub_1", "in_1", PRICE);
        Instant end1 = monthAfter(START);

        Subscription cancelled = learnloop.context().transactRetrying(uow ->
                learnloop.subscriptions().cancelAtPeriodEnd(uow, PROVIDER, "sub_1", true));
        assertThat(cancelled.cancelAtPeriodEnd()).isTrue();
        assertThat(cancelled.nextChargeAt()).isNull();

        clock.set(end1.minusNanos(1));
        learnloop.runScheduledJobs();
        assertThat(current("sub_1").status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(accessAt(clock.instant())).isTrue();

        clock.set(end1);
        learnloop.runScheduledJobs();
        assertThat(current("sub_1").status()).isEqualTo(SubscriptionStatus.EXPIRED);
        assertThat(current("sub_1").endedAt()).isEqualTo(end1);
        assertThat(accessAt(end1)).isFalse();
        assertThat(events).anyMatch(e -> e.type().equals(EventTypes.SUBSCRIPTION_CHANGED)
                && "EXPIRED".equals(e.get("status")) && "ACTIVE".equals(e.get("previous")));
    }

    @Test
    void cancelAtPeriodEnd_whenUndone_renewsAgain() {
        open(plan, "sub_1", DunningPolicy.defaults());
        pay("sub_1", "in_1", PRICE);
        learnloop.context().transactRetrying(uow ->
                learnloop.subscriptions().cancelAtPeriodEnd(uow, PROVIDER, "sub_1", true));

        Subscription renewing = learnloop.context().transactRetrying(uow ->
                learnloop.subscriptions().cancelAtPeriodEnd(uow, PROVIDER, "sub_1", false));

        assertThat(renewing.nextChargeAt()).isEqualTo(monthAfter(START));
        clock.set(monthAfter(START));
        learnloop.runScheduledJobs();
        assertThat(current("sub_1").status()).isEqualTo(SubscriptionStatus.PAST_DUE);
    }

    @Test
    void cancelNow_whenInGrace_revokesTheGraceButNotThePaidPeriods() {
        open(plan, "sub_1", DunningPolicy.defaults());
        pay("sub_1", "in_1", PRICE);
        Instant end1 = monthAfter(START);
        clock.set(end1.plus(Duration.ofHours(1)));
        fail("sub_1", "in_2#1", null);
        assertThat(accessAt(clock.instant())).isTrue();

        Subscription cancelled = learnloop.context().transactRetrying(uow ->
                learnloop.subscriptions().cancelNow(uow, PROVIDER, "sub_1", "customer.subscription.deleted"));

        assertThat(cancelled.status()).isEqualTo(SubscriptionStatus.CANCELED);
        assertThat(accessAt(clock.instant())).isFalse();
        assertThat(accessAt(START.plus(Duration.ofDays(1)))).isTrue();
        assertThat(events).anyMatch(e -> e.type().equals(EventTypes.ACCESS_REVOKED));
    }

    // ---- bad input ----

    @Test
    void recordPayment_whenAmountDiffers_rejectsAndSettlesNothing() {
        open(plan, "sub_1", DunningPolicy.defaults());

        assertThatThrownBy(() -> pay("sub_1", "in_1", Money.parse("30.00", "CNY")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("30.01");

        assertThat(learnloop.commerce().ordersOf(Staff.FINANCE, LENA, null, 100).items()).isEmpty();
        assertThat(current("sub_1").status()).isEqualTo(SubscriptionStatus.INCOMPLETE);
        assertBooksBalance();
    }

    @Test
    void recordPayment_whenSubscriptionIsUnknown_throwsNotFound() {
        assertThatThrownBy(() -> pay("sub_nope", "in_1", PRICE)).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("sub_nope");
        assertThat(learnloop.commerce().ordersOf(Staff.FINANCE, LENA, null, 100).items()).isEmpty();
    }

    @Test
    void recordPayment_whenSubscriptionExpired_rejectsWithInvalidState() {
        open(plan, "sub_1", DunningPolicy.none());
        pay("sub_1", "in_1", PRICE);
        clock.set(monthAfter(START));
        learnloop.runScheduledJobs();

        assertThatThrownBy(() -> pay("sub_1", "in_2", PRICE)).isInstanceOf(ConflictException.class)
                .satisfies(e -> assertThat(((ConflictException) e).code()).isEqualTo(ErrorCode.INVALID_STATE));
        assertThat(paidOrders()).isEqualTo(1);
    }

    @Test
    void open_whenOfferIsNotAPlanOrIdBelongsToAnother_rejects() {
        Offer single = learnloop.commerce().createOffer(ADA, OfferDraft.course("One course", PRICE, course.id()));
        assertThatThrownBy(() -> open(single, "sub_x", DunningPolicy.defaults()))
                .isInstanceOf(ValidationException.class).hasMessageContaining("not a membership plan");

        open(plan, "sub_1", DunningPolicy.defaults());
        Offer other = plan(0);
        assertThatThrownBy(() -> open(other, "sub_1", DunningPolicy.defaults()))
                .isInstanceOf(ConflictException.class)
                .satisfies(e -> assertThat(((ConflictException) e).code()).isEqualTo(ErrorCode.DUPLICATE_KEY));
        assertThat(open(plan, "sub_1", DunningPolicy.defaults()).id()).isEqualTo(current("sub_1").id());
    }

    // ---- charging schedule ----

    @Test
    void dueForCharge_whenSubscriptionsAreDue_returnsThoseDueEarliestFirstAndBounded() {
        open(plan, "sub_1", DunningPolicy.defaults());
        pay("sub_1", "in_1", PRICE);
        clock.set(START.plus(Duration.ofDays(1)));
        open(plan, "sub_2", DunningPolicy.defaults());
        pay("sub_2", "in_2", PRICE);
        open(plan, "sub_3", DunningPolicy.defaults());

        Instant end1 = monthAfter(START);
        Instant opened3 = START.plus(Duration.ofDays(1));
        // an incomplete subscription's first charge is due from its opening
        assertThat(learnloop.subscriptions().dueForCharge(PROVIDER, opened3.minusSeconds(1), 10)).isEmpty();
        assertThat(learnloop.subscriptions().dueForCharge(PROVIDER, end1, 10)).extracting(Subscription::externalId)
                .containsExactly("sub_3", "sub_1");
        List<Subscription> later = learnloop.subscriptions().dueForCharge(PROVIDER, end1.plus(Duration.ofDays(90)), 10);
        assertThat(later).extracting(Subscription::externalId).containsExactly("sub_3", "sub_1", "sub_2");
        assertThat(learnloop.subscriptions().dueForCharge(PROVIDER, end1.plus(Duration.ofDays(90)), 1)).hasSize(1);
        assertThat(learnloop.subscriptions().dueForCharge("alipay", end1.plus(Duration.ofDays(90)), 10)).isEmpty();
    }

    @Test
    void subscriptionsOf_whenReadByTheLearnerFinanceOrAnother_pagesOwnOnlyAndRefusesOthers() {
        open(plan, "sub_1", DunningPolicy.defaults());
        clock.advance(java.time.Duration.ofMinutes(1));
        open(plan, "sub_2", DunningPolicy.defaults());

        io.learnloop.core.Page<Subscription> first = learnloop.subscriptions().subscriptionsOf(Actor.learner("lena"),
                LENA, null, 1);
        assertThat(first.items()).extracting(Subscription::externalId).containsExactly("sub_2");
        assertThat(learnloop.subscriptions().subscriptionsOf(Staff.FINANCE, LENA, first.nextCursor(), 1).items())
                .extracting(Subscription::externalId).containsExactly("sub_1");
        assertThatThrownBy(() -> learnloop.subscriptions().subscriptionsOf(Actor.learner("tom"), LENA, null, 10))
                .isInstanceOf(io.learnloop.core.error.ForbiddenException.class);
    }

    @Test
    void personalData_whenLearnerSubscribed_exportsThenPseudonymisesTheSubscription() {
        open(plan, "sub_1", DunningPolicy.defaults());
        pay("sub_1", "in_1", PRICE);

        var manifest = learnloop.personalData().export(Staff.ADMIN, LENA, java.io.OutputStream.nullOutputStream());
        assertThat(manifest.sections()).extracting(s -> s.name(), s -> s.records())
                .contains(org.assertj.core.groups.Tuple.tuple("subscriptions", 1L));

        learnloop.personalData().erase(Staff.ADMIN, LENA, "asked by mail");

        Subscription kept = current("sub_1");
        assertThat(kept.learner()).isNotEqualTo(LENA);
        assertThat(learnloop.subscriptions().subscriptionsOf(Staff.FINANCE, LENA, null, 10).items()).isEmpty();
        assertBooksBalance();
    }
}
