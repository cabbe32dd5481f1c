package io.learnloop.core.testing;

import io.learnloop.core.JobRun;
import io.learnloop.core.Learnloop;
import io.learnloop.core.catalog.Chapter;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseDetails;
import io.learnloop.core.catalog.CourseLevel;
import io.learnloop.core.catalog.Lesson;
import io.learnloop.core.catalog.LessonSpec;
import io.learnloop.core.catalog.LessonType;
import io.learnloop.core.commerce.LineAmount;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.commerce.OfferDraft;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.OrderLine;
import io.learnloop.core.commerce.OrderStatus;
import io.learnloop.core.commerce.OutcomeCondition;
import io.learnloop.core.commerce.OutcomeKind;
import io.learnloop.core.commerce.OutcomeStatus;
import io.learnloop.core.commerce.OutcomeTerms;
import io.learnloop.core.commerce.PlaceOrder;
import io.learnloop.core.commerce.RefundRequest;
import io.learnloop.core.credential.CertificatePolicy;
import io.learnloop.core.credential.IssuerProfile;
import io.learnloop.core.credential.SigningKey;
import io.learnloop.core.error.NotFoundException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.event.DomainEvent;
import io.learnloop.core.event.EventTypes;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.TenantId;
import io.learnloop.core.ledger.AccountKind;
import io.learnloop.core.ledger.Balance;
import io.learnloop.core.ledger.CreatorShare;
import io.learnloop.core.ledger.EntryOperation;
import io.learnloop.core.ledger.JournalEntry;
import io.learnloop.core.ledger.LedgerAccount;
import io.learnloop.core.ledger.LineParties;
import io.learnloop.core.ledger.RevenuePolicy;
import io.learnloop.core.money.Money;
import io.learnloop.core.privacy.AuditAction;
import io.learnloop.core.privacy.AuditEntry;
import io.learnloop.core.settlement.PaymentConfirmation;
import io.learnloop.core.store.Store;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Pay-per-outcome offers (按效果付费) through the public API on a store: the terms, the deferred revenue, the decision
 * at the deadline by the scheduled job, and bad input. A store's test extends this class and returns its store from
 * {@link #store()}; every test works in a tenant of its own.
 */
public abstract class OutcomeOfferContract {
    private static final AtomicLong TENANTS = new AtomicLong();
    private static final Currency CNY = Currency.getInstance("CNY");
    private static final Actor ADA = Actor.of("ada", Role.CREATOR);
    private static final Actor LENA = Actor.learner("lena");
    private static final Instant START = Instant.parse("2026-09-01T08:00:00Z");
    private static final LedgerAccount ADA_ACCOUNT = LedgerAccount.creator(ADA.id());
    private static final LedgerAccount BEA_ACCOUNT = new LedgerAccount(AccountKind.CREATOR, "bea");

    private final MutableClock clock = new MutableClock(START);
    private final List<DomainEvent> events = new CopyOnWriteArrayList<>();
    private final List<String> issuedIds = new CopyOnWriteArrayList<>();
    private TenantId tenant;
    private KeyPair keys;
    private Learnloop learnloop;
    private Course course;

    /**
     * The store under test; may return the same store every time.
     *
     * @return the store
     */
    protected abstract Store store();

    @BeforeEach
    void setUpFacade() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        keys = g.generateKeyPair();
        tenant = TenantId.of("outcome-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + "-"
                + TENANTS.incrementAndGet());
        learnloop = facade("o");
        course = course("Statistics", 2);
    }

    /** A facade on the tenant; two built with different id prefixes act as two host instances. */
    private Learnloop facade(String idPrefix) {
        IdGenerator sequential = IdGenerator.sequential(idPrefix);
        return Learnloop.builder().store(store()).tenant(tenant).clock(clock)
                .idGenerator(() -> {
                    String id = sequential.newId();
                    issuedIds.add(id);
                    return id;
                })
                .listener(events::add)
                // two creators at 2:1 after a 20% platform fee, so every split has remainders
                .revenue(new RevenuePolicy(2000, 0, 0), (order, line) -> new LineParties(List.of(
                        CreatorShare.of("ada", 2), CreatorShare.of("bea", 1)), List.of()))
                .certificates(CertificatePolicy.defaults(new IssuerProfile("https://school.example", "School")),
                        SigningKey.of("k1", keys))
                .build();
    }

    private Course course(String title, int lessons) {
        var catalog = learnloop.catalog();
        Course c = catalog.createCourse(ADA, new CourseDetails(title, "A subtitle", "A description", "en",
                "maths", List.of("test"), CourseLevel.BEGINNER, "media://cover/1"));
        Chapter ch = catalog.addChapter(ADA, c.id(), "Basics");
        for (int i = 1; i <= lessons; i++) {
            catalog.addLesson(ADA, c.id(), ch.id(), new LessonSpec(title + " " + i, LessonType.LIVE,
                    Duration.ofMinutes(30), false, "media://live/" + i));
        }
        catalog.submit(ADA, c.id());
        return catalog.approve(Catalogue.REVIEWER, c.id());
    }

    private Offer offer(String price, OutcomeCondition condition) {
        return learnloop.commerce().createOffer(ADA, OfferDraft.course("Statistics, pass or get money back",
                Money.parse(price, "CNY"), course.id()).withOutcome(condition));
    }

    private Order buy(Offer offer, String key) {
        Order placed = learnloop.commerce().placeOrder(LENA, PlaceOrder.of(key, offer.id()));
        return learnloop.settlement().settle(Staff.FINANCE, new PaymentConfirmation(placed.id(), "bank-transfer",
                "t-" + key, placed.total())).order();
    }

    private void completeRequiredLessons() {
        for (Lesson l : learnloop.catalog().course(course.id()).published().lessons()) {
            learnloop.progress().markDone(LENA.id(), l.id());
        }
    }

    private Money balance(LedgerAccount account) {
        return learnloop.ledger().balance(Staff.FINANCE, account, CNY);
    }

    private Money deferredTotal() {
        Money sum = Money.zero(CNY);
        for (Balance b : learnloop.ledger().balances(Staff.FINANCE, CNY, null, 100).items()) {
            if (b.account().kind() == AccountKind.DEFERRED) {
                sum = sum.plus(b.amount());
            }
        }
        return sum;
    }

    private void assertBooksBalance() {
        Money sum = Money.zero(CNY);
        for (Balance b : learnloop.ledger().balances(Staff.FINANCE, CNY, null, 100).items()) {
            sum = sum.plus(b.amount());
        }
        assertThat(sum).isEqualTo(Money.zero(CNY));
    }

    private Order order(Order o) {
        return learnloop.commerce().order(Staff.FINANCE, o.id());
    }

    private List<DomainEvent> decided() {
        return events.stream().filter(e -> e.type().equals(EventTypes.ORDER_OUTCOME_DECIDED)).toList();
    }

    // ---- terms ----

    @Test
    void outcomeTerms_whenRefundShareOffer_renderFromTheOfferInEnglishAndChinese() {
        Offer offer = offer("99.99", OutcomeCondition.refundShareIfNotPassed(Duration.ofDays(30), 3333));

        OutcomeTerms terms = learnloop.commerce().offer(offer.id()).outcomeTerms();

        assertThat(terms.kind()).isEqualTo(OutcomeKind.REFUND_SHARE_IF_NOT_PASSED);
        // 9999 cents at 33.33%: 3332.67 rounds up by largest remainder to 33.33
        assertThat(terms.refundAtList()).isEqualTo(Money.parse("33.33", "CNY"));
        assertThat(terms.text(Locale.ENGLISH)).contains("within 30 days of payment", "33.33%", "33.33 CNY",
                "nothing is refunded");
        assertThat(terms.text(Locale.SIMPLIFIED_CHINESE)).contains("付款后30 天内", "33.33%", "33.33 CNY", "不予退款");
    }

    @Test
    void outcomeTerms_whenDepositOffer_nameDepositAndRest() {
        Offer offer = offer("100.00", OutcomeCondition.depositThenRest(Duration.ofHours(36),
                Money.parse("399.50", "CNY")));

        OutcomeTerms terms = offer.outcomeTerms();

        assertThat(terms.payNow()).isEqualTo(Money.parse("100.00", "CNY"));
        assertThat(terms.rest()).isEqualTo(Money.parse("399.50", "CNY"));
        assertThat(terms.english()).contains("deposit of 100.00 CNY", "within 36 hours", "399.50 CNY");
        assertThat(terms.chinese()).contains("定金 100.00 CNY", "尾款 399.50 CNY");
        assertThat(OfferDraft.course("Plain", Money.parse("1.00", "CNY"), course.id()).outcome()).isNull();
    }

    // ---- refund share ----

    @Test
    void runScheduledJobs_whenCompletedButNotPassed_refundsTheShareAndRecognisesTheRest() {
        Offer offer = offer("99.99", OutcomeCondition.refundShareIfNotPassed(Duration.ofDays(30), 3333));
        Order paid = buy(offer, "k1");
        assertThat(paid.line(1).outcome().deadline()).isEqualTo(paid.paidAt().plus(Duration.ofDays(30)));

        // the at-risk third is held, not earned: neither creator's balance includes it yet
        assertThat(deferredTotal()).isEqualTo(Money.parse("33.33", "CNY"));
        assertThat(balance(ADA_ACCOUNT).plus(balance(BEA_ACCOUNT)).plus(balance(LedgerAccount.PLATFORM)))
                .isEqualTo(Money.parse("66.66", "CNY"));
        assertBooksBalance();

        completeRequiredLessons();
        clock.advance(Duration.ofDays(29));
        assertThat(learnloop.runScheduledJobs().outcomesDecided()).isZero();
        clock.advance(Duration.ofDays(1));
        JobRun run = learnloop.runScheduledJobs();

        assertThat(run.outcomesDecided()).isEqualTo(1);
        Order after = order(paid);
        OrderLine line = after.line(1);
        assertThat(line.outcome().status()).isEqualTo(OutcomeStatus.COMPLETED_NOT_PASSED);
        assertThat(line.outcome().refunded()).isEqualTo(Money.parse("33.33", "CNY"));
        assertThat(after.status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
        assertThat(after.refund("outcome:1").total()).isEqualTo(Money.parse("33.33", "CNY"));
        assertThat(deferredTotal()).isEqualTo(Money.zero(CNY));
        assertThat(balance(ADA_ACCOUNT).plus(balance(BEA_ACCOUNT)).plus(balance(LedgerAccount.PLATFORM)))
                .isEqualTo(Money.parse("66.66", "CNY"));
        assertThat(balance(LedgerAccount.clearing("bank-transfer"))).isEqualTo(Money.parse("-66.66", "CNY"));
        assertBooksBalance();
        assertThat(decided()).singleElement().satisfies(e -> {
            assertThat(e.data()).containsEntry("outcome", "COMPLETED_NOT_PASSED")
                    .containsEntry("refundKey", "outcome:1").containsEntry("refundAmount", "3333");
        });
        // the learner keeps the course: only a share was refunded
        assertThat(learnloop.access().decideCourse(LENA.id(), course.id(), clock.instant()).allowed()).isTrue();
    }

    @Test
    void runScheduledJobs_whenShareRefunded_recordsTheRefundInTheAuditLogOnceWithTheJobAsActor() {
        Offer offer = offer("99.99", OutcomeCondition.refundShareIfNotPassed(Duration.ofDays(30), 3333));
        Order paid = buy(offer, "k1");
        completeRequiredLessons();
        clock.advance(Duration.ofDays(30));

        learnloop.runScheduledJobs();
        learnloop.runScheduledJobs();

        List<AuditEntry> refunds = learnloop.auditLog().about(Staff.ADMIN, LENA.id(), null, 100).items().stream()
                .filter(e -> e.action() == AuditAction.REFUNDED).toList();
        assertThat(refunds).singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo(AuditEntry.SCHEDULED_JOB);
            assertThat(e.subject()).isEqualTo(LENA.id());
            assertThat(e.target()).isEqualTo("order " + paid.id() + " refund outcome:1");
            assertThat(e.reason()).startsWith("pay-per-outcome");
            assertThat(e.at()).isEqualTo(clock.instant());
        });
    }

    @Test
    void runScheduledJobs_whenPassedByTheDeadline_recognisesEverythingAndRefundsNothing() {
        Offer offer = offer("99.99", OutcomeCondition.refundShareIfNotPassed(Duration.ofDays(30), 3333));
        Order paid = buy(offer, "k1");
        completeRequiredLessons();
        learnloop.certificates().issue(LENA.id(), course.id());
        Money adaBefore = balance(ADA_ACCOUNT);

        clock.advance(Duration.ofDays(31));
        learnloop.runScheduledJobs();

        Order after = order(paid);
        assertThat(after.line(1).outcome().status()).isEqualTo(OutcomeStatus.PASSED);
        assertThat(after.refunds()).isEmpty();
        assertThat(deferredTotal()).isEqualTo(Money.zero(CNY));
        assertThat(balance(ADA_ACCOUNT)).isGreaterThan(adaBefore);
        assertThat(balance(ADA_ACCOUNT).plus(balance(BEA_ACCOUNT)).plus(balance(LedgerAccount.PLATFORM)))
                .isEqualTo(Money.parse("99.99", "CNY"));
        List<JournalEntry> entries = learnloop.ledger().entriesOf(Staff.FINANCE, paid.id());
        assertThat(entries).extracting(JournalEntry::operation)
                .containsExactly(EntryOperation.PAYMENT, EntryOperation.RECOGNITION);
        assertBooksBalance();
    }

    @Test
    void runScheduledJobs_whenWorkNotCompleted_refundsNothing() {
        Offer offer = offer("50.00", OutcomeCondition.refundShareIfNotPassed(Duration.ofDays(7), 10_000));
        Order paid = buy(offer, "k1");

        clock.advance(Duration.ofDays(8));
        learnloop.runScheduledJobs();

        assertThat(order(paid).line(1).outcome().status()).isEqualTo(OutcomeStatus.NOT_COMPLETED);
        assertThat(order(paid).refunds()).isEmpty();
        assertThat(deferredTotal()).isEqualTo(Money.zero(CNY));
        assertThat(balance(LedgerAccount.clearing("bank-transfer"))).isEqualTo(Money.parse("-50.00", "CNY"));
        assertBooksBalance();
    }

    @Test
    void runScheduledJobs_whenRunAgain_decidesNothingMore() {
        Offer offer = offer("99.99", OutcomeCondition.refundShareIfNotPassed(Duration.ofDays(1), 5000));
        Order paid = buy(offer, "k1");
        completeRequiredLessons();
        clock.advance(Duration.ofDays(2));

        assertThat(learnloop.runScheduledJobs().outcomesDecided()).isEqualTo(1);
        clock.advance(Duration.ofHours(1));
        assertThat(learnloop.runScheduledJobs().outcomesDecided()).isZero();

        assertThat(order(paid).refunds()).hasSize(1);
        assertThat(decided()).hasSize(1);
    }

    @Test
    void runScheduledJobs_whenTwoInstancesRunAtOnce_refundsEachLineOnce() throws Exception {
        Offer offer = offer("99.99", OutcomeCondition.refundShareIfNotPassed(Duration.ofDays(1), 5000));
        List<Order> orders = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            orders.add(buy(offer, "k" + i));
        }
        completeRequiredLessons();
        clock.advance(Duration.ofDays(2));
        Learnloop other = facade("b");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<JobRun>> runs = List.of(() -> {
                start.await();
                return learnloop.runScheduledJobs();
            }, () -> {
                start.await();
                return other.runScheduledJobs();
            });
            List<Future<JobRun>> futures = new ArrayList<>();
            for (Callable<JobRun> r : runs) {
                futures.add(pool.submit(r));
            }
            start.countDown();
            int decided = 0;
            for (Future<JobRun> f : futures) {
                decided += f.get(60, TimeUnit.SECONDS).outcomesDecided();
            }
            assertThat(decided).isEqualTo(4);
        } finally {
            pool.shutdownNow();
        }
        for (Order o : orders) {
            Order after = order(o);
            assertThat(after.refunds()).hasSize(1);
            assertThat(after.refunded()).isEqualTo(Money.parse("50.00", "CNY"));
        }
        assertThat(deferredTotal()).isEqualTo(Money.zero(CNY));
        assertBooksBalance();
    }

    @Test
    void runScheduledJobs_whenLearnerWasRefundedInFullBeforeTheDeadline_voidsTheOutcome() {
        Offer offer = offer("99.99", OutcomeCondition.refundShareIfNotPassed(Duration.ofDays(30), 3333));
        Order paid = buy(offer, "k1");
        learnloop.settlement().refund(Staff.FINANCE, paid.id(), new RefundRequest("changed-my-mind",
                List.of(LineAmount.of(1, paid.total())), "within the cooling-off period"));
        assertThat(deferredTotal()).isEqualTo(Money.zero(CNY));
        assertThat(balance(ADA_ACCOUNT)).isEqualTo(Money.zero(CNY));

        clock.advance(Duration.ofDays(31));
        learnloop.runScheduledJobs();

        Order after = order(paid);
        assertThat(after.line(1).outcome().status()).isEqualTo(OutcomeStatus.VOID);
        assertThat(after.refunds()).extracting(r -> r.refundKey()).containsExactly("changed-my-mind");
        assertBooksBalance();
    }

    @Test
    void runScheduledJobs_whenPartlyRefundedBeforeTheDeadline_refundsOnlyTheRestOfTheShare() {
        Offer offer = offer("99.99", OutcomeCondition.refundShareIfNotPassed(Duration.ofDays(30), 5000));
        Order paid = buy(offer, "k1");
        learnloop.settlement().refund(Staff.FINANCE, paid.id(), new RefundRequest("goodwill",
                List.of(LineAmount.of(1, Money.parse("10.01", "CNY"))), "a late start"));
        // the goodwill refund came out of the deferred part first: 50.00 (half of 99.99, rounded) less 10.01
        assertThat(deferredTotal()).isEqualTo(Money.parse("39.99", "CNY"));
        completeRequiredLessons();

        clock.advance(Duration.ofDays(31));
        learnloop.runScheduledJobs();

        Order after = order(paid);
        assertThat(after.refund("outcome:1").total()).isEqualTo(Money.parse("39.99", "CNY"));
        assertThat(after.refunded()).isEqualTo(Money.parse("50.00", "CNY"));
        assertThat(deferredTotal()).isEqualTo(Money.zero(CNY));
        assertThat(balance(ADA_ACCOUNT).plus(balance(BEA_ACCOUNT)).plus(balance(LedgerAccount.PLATFORM)))
                .isEqualTo(Money.parse("49.99", "CNY"));
        assertBooksBalance();
    }

    // ---- money return ----

    @Test
    void runScheduledJobs_whenShareRefunded_listsItAwaitingMoneyReturnUntilTheChannelMarksIt() {
        Offer offer = offer("99.99", OutcomeCondition.refundShareIfNotPassed(Duration.ofDays(30), 3333));
        Order paid = buy(offer, "k1");
        completeRequiredLessons();
        assertThat(learnloop.settlement().awaitingReturn(Staff.FINANCE, null, 10).items()).isEmpty();
        clock.advance(Duration.ofDays(30));
        Instant bookedAt = clock.instant();

        learnloop.runScheduledJobs();

        assertThat(learnloop.settlement().awaitingReturn(Staff.FINANCE, null, 10).items()).singleElement()
                .satisfies(r -> {
                    assertThat(r.order()).isEqualTo(paid.id());
                    assertThat(r.refundKey()).isEqualTo("outcome:1");
                    assertThat(r.channel()).isEqualTo("bank-transfer");
                    assertThat(r.amount()).isEqualTo(Money.parse("33.33", "CNY"));
                    assertThat(r.bookedAt()).isEqualTo(bookedAt);
                    assertThat(r.returned()).isFalse();
                });
        // a second run books nothing more
        clock.advance(Duration.ofHours(1));
        learnloop.runScheduledJobs();
        assertThat(learnloop.settlement().awaitingReturn(Staff.ADMIN, null, 10).items()).hasSize(1);

        boolean marked = learnloop.context().transact(uow ->
                learnloop.settlement().markReturned(uow, paid.id(), "outcome:1", "bank-transfer"));
        boolean again = learnloop.context().transact(uow ->
                learnloop.settlement().markReturned(uow, paid.id(), "outcome:1", "bank-transfer"));

        assertThat(marked).isTrue();
        assertThat(again).isFalse();
        assertThat(learnloop.settlement().awaitingReturn(Staff.FINANCE, null, 10).items()).isEmpty();
        assertBooksBalance();
    }

    @Test
    void awaitingReturn_whenMoreThanAPage_pagesInBookingOrder() {
        Offer offer = offer("99.99", OutcomeCondition.refundShareIfNotPassed(Duration.ofDays(1), 5000));
        List<Order> orders = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            orders.add(buy(offer, "k" + i));
            clock.advance(Duration.ofHours(1));
        }
        completeRequiredLessons();
        clock.advance(Duration.ofDays(2));
        learnloop.runScheduledJobs();

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var page = learnloop.settlement().awaitingReturn(Staff.FINANCE, cursor, 2);
            assertThat(page.items().size()).isLessThanOrEqualTo(2);
            page.items().forEach(r -> seen.add(r.order().value()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(2);
        assertThat(seen).containsExactlyElementsOf(orders.stream().map(o -> o.id().value()).toList());
    }

    @Test
    void awaitingReturn_whenReadByChannel_listsOnlyThatChannelsRefundsUntilMarked() {
        Offer offer = offer("99.99", OutcomeCondition.refundShareIfNotPassed(Duration.ofDays(30), 3333));
        Order paid = buy(offer, "k1");
        completeRequiredLessons();
        clock.advance(Duration.ofDays(30));
        learnloop.runScheduledJobs();

        assertThat(learnloop.settlement().awaitingReturn("bank-transfer", null, 10).items())
                .extracting(r -> r.order()).containsExactly(paid.id());
        assertThat(learnloop.settlement().awaitingReturn("stripe", null, 10).items()).isEmpty();
        assertThatThrownBy(() -> learnloop.settlement().awaitingReturn(" ", null, 10))
                .isInstanceOf(ValidationException.class).hasMessageContaining("channel");

        learnloop.context().transact(uow ->
                learnloop.settlement().markReturned(uow, paid.id(), "outcome:1", "bank-transfer"));

        assertThat(learnloop.settlement().awaitingReturn("bank-transfer", null, 10).items()).isEmpty();
    }

    @Test
    void markTaken_whenTheChannelTakesTheRefundOn_leavesItsListButStaysListedForFinanceUntilReturned() {
        Offer offer = offer("99.99", OutcomeCondition.refundShareIfNotPassed(Duration.ofDays(30), 3333));
        Order paid = buy(offer, "k1");
        completeRequiredLessons();
        clock.advance(Duration.ofDays(30));
        learnloop.runScheduledJobs();

        boolean first = learnloop.context().transact(uow ->
                learnloop.settlement().markTaken(uow, paid.id(), "outcome:1", "bank-transfer"));
        boolean again = learnloop.context().transact(uow ->
                learnloop.settlement().markTaken(uow, paid.id(), "outcome:1", "bank-transfer"));
        assertThat(first).isTrue();
        assertThat(again).isFalse();

        assertThat(learnloop.settlement().awaitingReturn("bank-transfer", null, 10).items()).isEmpty();
        assertThat(learnloop.settlement().awaitingReturn(Staff.FINANCE, null, 10).items()).singleElement()
                .satisfies(r -> assertThat(r.taken()).isTrue())
                .satisfies(r -> assertThat(r.returned()).isFalse());

        learnloop.context().transact(uow ->
                learnloop.settlement().markReturned(uow, paid.id(), "outcome:1", "bank-transfer"));

        assertThat(learnloop.settlement().awaitingReturn(Staff.FINANCE, null, 10).items()).isEmpty();
    }

    @Test
    void awaitingReturn_whenLearnerOrBadLimit_isRefused() {
        assertThatThrownBy(() -> learnloop.settlement().awaitingReturn(LENA, null, 10))
                .isInstanceOf(io.learnloop.core.error.ForbiddenException.class);
        assertThatThrownBy(() -> learnloop.settlement().awaitingReturn(Staff.FINANCE, null, 0))
                .isInstanceOf(ValidationException.class).hasMessageContaining("limit");
    }

    @Test
    void markReturned_whenRefundWasNeverBookedToAwaitReturn_changesNothing() {
        Offer offer = offer("99.99", OutcomeCondition.refundShareIfNotPassed(Duration.ofDays(30), 3333));
        Order paid = buy(offer, "k1");
        learnloop.settlement().refund(Staff.FINANCE, paid.id(), new RefundRequest("goodwill",
                List.of(LineAmount.of(1, Money.parse("1.00", "CNY"))), "returned by bank transfer"));

        boolean marked = learnloop.context().transact(uow ->
                learnloop.settlement().markReturned(uow, paid.id(), "goodwill", "bank-transfer"));

        assertThat(marked).isFalse();
        assertThat(learnloop.settlement().awaitingReturn(Staff.FINANCE, null, 10).items()).isEmpty();
    }

    // ---- deposit, then the rest ----

    @Test
    void runScheduledJobs_whenDepositLearnerPassed_placesTheRestAtThePriceFixedWhenBought() {
        Offer offer = offer("100.00", OutcomeCondition.depositThenRest(Duration.ofDays(14),
                Money.parse("399.50", "CNY")));
        Order paid = buy(offer, "k1");
        // a deposit is never refunded by the outcome, so nothing of it is deferred
        assertThat(deferredTotal()).isEqualTo(Money.zero(CNY));
        completeRequiredLessons();
        learnloop.certificates().issue(LENA.id(), course.id());
        learnloop.commerce().setOfferActive(ADA, offer.id(), false);

        clock.advance(Duration.ofDays(15));
        learnloop.runScheduledJobs();

        OrderLine line = order(paid).line(1);
        assertThat(line.outcome().status()).isEqualTo(OutcomeStatus.PASSED);
        Order rest = learnloop.commerce().order(LENA, line.outcome().restOrder());
        assertThat(rest.status()).isEqualTo(OrderStatus.CREATED);
        assertThat(rest.total()).isEqualTo(Money.parse("399.50", "CNY"));
        assertThat(rest.learner()).isEqualTo(LENA.id());
        assertThat(learnloop.commerce().orderByClientKey(LENA, "outcome-rest:" + paid.id().value() + ":1").id())
                .isEqualTo(rest.id());
        assertThat(decided()).singleElement().satisfies(e ->
                assertThat(e.data()).containsEntry("restOrderId", rest.id().value()));

        learnloop.settlement().settle(Staff.FINANCE, new PaymentConfirmation(rest.id(), "bank-transfer", "t-rest",
                rest.total()));
        assertThat(balance(ADA_ACCOUNT).plus(balance(BEA_ACCOUNT)).plus(balance(LedgerAccount.PLATFORM)))
                .isEqualTo(Money.parse("499.50", "CNY"));
        assertBooksBalance();
    }

    @Test
    void runScheduledJobs_whenDepositLearnerDidNotPass_asksForNothingMore() {
        Offer offer = offer("100.00", OutcomeCondition.depositThenRest(Duration.ofDays(14),
                Money.parse("399.50", "CNY")));
        Order paid = buy(offer, "k1");
        completeRequiredLessons();

        clock.advance(Duration.ofDays(15));
        learnloop.runScheduledJobs();

        OrderLine line = order(paid).line(1);
        assertThat(line.outcome().status()).isEqualTo(OutcomeStatus.COMPLETED_NOT_PASSED);
        assertThat(line.outcome().restOrder()).isNull();
        assertThat(order(paid).refunds()).isEmpty();
    }

    // ---- bad input ----

    @Test
    void createOffer_whenFixedDeadlineHasPassed_isRefusedAndStoresNothing() {
        OutcomeCondition past = OutcomeCondition.refundShareIfNotPassed(Duration.ofDays(1), 5000)
                .withDeadline(START.minusSeconds(1));
        issuedIds.clear();

        assertThatThrownBy(() -> offer("10.00", past)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("outcome.by").hasMessageContaining("must lie in the future");
        for (String id : issuedIds) {
            assertThatThrownBy(() -> learnloop.commerce().offer(io.learnloop.core.commerce.OfferId.of(id)))
                    .isInstanceOf(NotFoundException.class);
        }
    }

    @Test
    void placeOrder_whenFixedDeadlinePassedAfterTheOfferWasMade_isRefused() {
        Offer offer = offer("10.00", OutcomeCondition.refundShareIfNotPassed(Duration.ofDays(1), 5000)
                .withDeadline(START.plus(Duration.ofDays(3))));
        clock.advance(Duration.ofDays(4));

        assertThatThrownBy(() -> learnloop.commerce().placeOrder(LENA, PlaceOrder.of("late", offer.id())))
                .isInstanceOf(ValidationException.class).hasMessageContaining("deadline");
        assertThat(learnloop.commerce().orderByClientKey(LENA, "late")).isNull();
    }

    @Test
    void outcomeCondition_whenSharesOrDeadlinesMakeNoSense_failValidationNamingTheField() {
        assertThatThrownBy(() -> OutcomeCondition.refundShareIfNotPassed(Duration.ofDays(1), 0))
                .isInstanceOf(ValidationException.class).hasMessageContaining("outcome.refundShareBps");
        assertThatThrownBy(() -> OutcomeCondition.refundShareIfNotPassed(Duration.ofDays(1), 10_001))
                .isInstanceOf(ValidationException.class).hasMessageContaining("outcome.refundShareBps");
        assertThatThrownBy(() -> OutcomeCondition.refundShareIfNotPassed(Duration.ofDays(-1), 100))
                .isInstanceOf(ValidationException.class).hasMessageContaining("outcome.within");
        assertThatThrownBy(() -> OutcomeCondition.refundShareIfNotPassed(Duration.ZERO, 100))
                .isInstanceOf(ValidationException.class).hasMessageContaining("outcome.within");
        assertThatThrownBy(() -> OutcomeCondition.refundShareIfNotPassed(null, 100))
                .isInstanceOf(ValidationException.class).hasMessageContaining("exactly one deadline");
        assertThatThrownBy(() -> new OutcomeCondition(OutcomeKind.REFUND_SHARE_IF_NOT_PASSED, Duration.ofDays(1),
                START, 100, null)).isInstanceOf(ValidationException.class).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> OutcomeCondition.depositThenRest(Duration.ofDays(1), Money.parse("0.00", "CNY")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("outcome.rest");
        assertThatThrownBy(() -> OutcomeCondition.depositThenRest(Duration.ofDays(1), null))
                .isInstanceOf(ValidationException.class).hasMessageContaining("outcome.rest");
    }

    @Test
    void createOffer_whenOutcomeDoesNotFitTheOffer_isRefused() {
        OutcomeCondition half = OutcomeCondition.refundShareIfNotPassed(Duration.ofDays(1), 5000);
        Course other = course("Algebra", 1);
        assertThatThrownBy(() -> OfferDraft.bundle("Both", Money.parse("10.00", "CNY"), List.of(course.id(),
                other.id())).withOutcome(half)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("only a course offer");
        assertThatThrownBy(() -> offer("0.00", half)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("positive price");
        assertThatThrownBy(() -> offer("10.00", OutcomeCondition.depositThenRest(Duration.ofDays(1),
                Money.parse("10.00", "USD")))).isInstanceOf(ValidationException.class)
                .hasMessageContaining("outcome.rest");
    }
}
