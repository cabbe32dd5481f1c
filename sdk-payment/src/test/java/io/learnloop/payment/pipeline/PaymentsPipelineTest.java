package io.learnloop.payment.pipeline;

import io.learnloop.core.commerce.LineAmount;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.OrderStatus;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.error.RemoteException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.event.EventTypes;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.ledger.Balance;
import io.learnloop.core.ledger.LedgerAccount;
import io.learnloop.core.ledger.LedgerService;
import io.learnloop.core.money.Money;
import io.learnloop.payment.CheckoutRequest;
import io.learnloop.payment.Disposition;
import io.learnloop.payment.NotificationResult;
import io.learnloop.payment.PaymentFlow;
import io.learnloop.payment.spi.PaymentReference;
import io.learnloop.payment.PaymentSession;
import io.learnloop.payment.spi.PaymentState;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.ReconciliationReport;
import io.learnloop.payment.RefundOutcome;
import io.learnloop.payment.RefundPolicy;
import io.learnloop.payment.sandbox.SandboxNotification;
import io.learnloop.payment.sandbox.SandboxProvider;
import io.learnloop.payment.sandbox.SandboxScenario;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PaymentsPipelineTest {
    private final PipelineFixture p = new PipelineFixture();

    private NotificationResult deliver(SandboxNotification n) {
        return p.payments.handleNotification(ProviderId.SANDBOX, n.body(), n.headers());
    }

    private Order paidOrder(String key, io.learnloop.core.commerce.Offer... offers) {
        Order order = p.order(key, offers);
        p.sandbox.pay(p.checkout(order));
        p.sandbox.deliverable().forEach(this::deliver);
        return p.commerce.order(PipelineFixture.FINANCE, order.id());
    }

    @Test
    void handleNotification_when1000CopiesOver8Threads_settlesOnceAndGrantsOnce() throws Exception {
        Order order = p.order("k-1", p.javaOffer);
        p.sandbox.pay(p.checkout(order));
        SandboxNotification paid = p.sandbox.deliverable().get(0);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        Map<Disposition, AtomicInteger> counts = new ConcurrentHashMap<>();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            futures.add(pool.submit(() -> {
                start.await();
                NotificationResult r = deliver(paid);
                assertThat(r.acknowledgement().accepted()).isTrue();
                counts.computeIfAbsent(r.disposition(), d -> new AtomicInteger()).incrementAndGet();
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(counts.get(Disposition.SETTLED).get()).isEqualTo(1);
        assertThat(counts.keySet()).allMatch(d -> d == Disposition.SETTLED || d == Disposition.ALREADY_SETTLED || d == Disposition.DUPLICATE);
        assertThat(p.commerce.order(PipelineFixture.FINANCE, order.id()).status()).isEqualTo(OrderStatus.PAID);
        assertThat(p.events(EventTypes.ORDER_PAID)).isEqualTo(1);
        assertThat(p.events(EventTypes.ACCESS_GRANTED)).isEqualTo(1);
        assertThat(p.access.grantsOf(order.learner())).hasSize(1);
        assertThat(p.f.learnloop.ledger().entriesOf(PipelineFixture.FINANCE, order.id())).hasSize(1);
        assertThat(p.f.learnloop.ledger().balance(PipelineFixture.FINANCE, LedgerAccount.PLATFORM, CNY)).isEqualTo(Money.ofMinor(3980, "CNY"));
    }

    private static final java.util.Currency CNY = java.util.Currency.getInstance("CNY");

    private long balance(LedgerAccount account) {
        return p.f.learnloop.ledger().balance(PipelineFixture.FINANCE, account, CNY).minor();
    }

    private long creators() {
        return balance(LedgerAccount.creator(UserId.of("ada"))) + balance(LedgerAccount.creator(UserId.of("grace")));
    }

    @Test
    void refund_whenOneLineOfTwoCourseOrder_revokesOnlyThatCourse() {
        Order order = p.order("k-2", p.javaOffer, p.sqlOffer);
        String ref = p.checkout(order);
        p.sandbox.pay(ref);
        p.sandbox.deliverable().forEach(this::deliver);
        assertThat(p.access.hasAccess(order.learner(), p.java.id(), p.f.clock.instant())).isTrue();
        assertThat(p.access.hasAccess(order.learner(), p.sql.id(), p.f.clock.instant())).isTrue();

        // 19900 + 9900 paid: platform 20%, affiliates 10% and 5%, creators the rest
        assertThat(balance(LedgerAccount.PLATFORM)).isEqualTo(3980 + 1980);
        assertThat(balance(LedgerAccount.affiliate(UserId.of("aff-1")))).isEqualTo(1990 + 990);
        assertThat(balance(LedgerAccount.affiliate(UserId.of("aff-2")))).isEqualTo(995 + 495);
        assertThat(creators()).isEqualTo(12935 + 6435);

        RefundOutcome r = p.payments.refund(PipelineFixture.LEARNER, order.id(), "refund-sql", List.of(LineAmount.of(2, Money.ofMinor(9900, "CNY"))), "changed mind");

        // the SQL line's shares are clawed back in full, the Java line's stay; every balance sums to zero
        assertThat(balance(LedgerAccount.PLATFORM)).isEqualTo(3980);
        assertThat(balance(LedgerAccount.affiliate(UserId.of("aff-1")))).isEqualTo(1990);
        assertThat(balance(LedgerAccount.affiliate(UserId.of("aff-2")))).isEqualTo(995);
        assertThat(creators()).isEqualTo(12935);
        assertThat(balance(LedgerAccount.clearing("sandbox"))).isEqualTo(-19900);
        LedgerService ledger = p.f.learnloop.ledger();
        assertThat(ledger.balances(PipelineFixture.FINANCE, CNY, null, 1000).items().stream().mapToLong(b -> b.amount().minor()).sum()).isZero();
        assertThat(ledger.balances(PipelineFixture.FINANCE, CNY, null, 1000).items()).extracting(Balance::account).isNotEmpty();

        assertThat(r.revokedLines()).containsExactly(2);
        assertThat(r.order().status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
        assertThat(r.state()).isEqualTo("CONFIRMED");
        assertThat(p.access.hasAccess(order.learner(), p.java.id(), p.f.clock.instant())).isTrue();
        assertThat(p.access.hasAccess(order.learner(), p.sql.id(), p.f.clock.instant())).isFalse();
        List<NotificationResult> results = p.sandbox.deliverable().stream().map(this::deliver).toList();
        assertThat(results).extracting(NotificationResult::disposition).containsExactly(Disposition.REFUND_CONFIRMED);
        // the same refund key again: nothing more is refunded
        RefundOutcome again = p.payments.refund(PipelineFixture.LEARNER, order.id(), "refund-sql", List.of(LineAmount.of(2, Money.ofMinor(9900, "CNY"))), "changed mind");
        assertThat(again.order().refunded()).isEqualTo(Money.ofMinor(9900, "CNY"));
        assertThat(p.f.learnloop.ledger().entriesOf(PipelineFixture.FINANCE, order.id())).hasSize(2);
        assertThat(p.sandbox.query(PaymentReference.of(ref)).state()).isEqualTo(PaymentState.REFUNDED);
        assertThat(p.sandbox.deliverable()).isEmpty();
    }

    @Test
    void refund_whenOneLineRefunded_revokesOnlyThatCoursesCertificate() {
        PipelineFixture c = new PipelineFixture(RefundPolicy.always(), true);
        Order order = c.order("k-cert", c.javaOffer, c.sqlOffer);
        c.sandbox.pay(c.checkout(order));
        c.sandbox.deliverable().forEach(n -> c.payments.handleNotification(ProviderId.SANDBOX, n.body(), n.headers()));
        for (io.learnloop.core.catalog.Course course : List.of(c.java, c.sql)) {
            for (io.learnloop.core.catalog.Lesson lesson : course.published().lessons()) {
                c.f.advance(Duration.ofMinutes(13));
                c.f.learnloop.progress().report(new io.learnloop.core.learning.WatchReport(order.learner(), lesson.id(), "web",
                        c.f.clock.instant(), List.of(io.learnloop.core.learning.WatchedSegment.of(0, 720))));
            }
        }
        var certificates = c.f.learnloop.certificates();
        var javaCert = certificates.issue(order.learner(), c.java.id());
        var sqlCert = certificates.issue(order.learner(), c.sql.id());

        c.payments.refund(PipelineFixture.LEARNER, order.id(), "refund-sql", List.of(LineAmount.of(2, Money.ofMinor(9900, "CNY"))), null);

        assertThat(certificates.certificate(sqlCert.id()).status()).isEqualTo(io.learnloop.core.credential.CertificateStatus.REVOKED);
        assertThat(certificates.certificate(javaCert.id()).status()).isEqualTo(io.learnloop.core.credential.CertificateStatus.ACTIVE);
    }

    @Test
    void refund_whenPartialAmountOfLine_keepsAccess() {
        Order order = paidOrder("k-3", p.javaOffer);
        RefundOutcome r = p.payments.refund(PipelineFixture.LEARNER, order.id(), "goodwill", List.of(LineAmount.of(1, Money.ofMinor(1000, "CNY"))), null);
        assertThat(r.revokedLines()).isEmpty();
        assertThat(p.access.hasAccess(order.learner(), p.java.id(), p.f.clock.instant())).isTrue();
        // a tenth of the line returned: every share gives back a tenth (1000 of 19900 is about 5.03%)
        assertThat(balance(LedgerAccount.PLATFORM)).isEqualTo(3980 - 200);
        assertThat(p.f.learnloop.ledger().balances(PipelineFixture.FINANCE, CNY, null, 1000).items().stream().mapToLong(b -> b.amount().minor()).sum()).isZero();
    }

    @Test
    void refund_whenConcurrentRequestsForSameLine_neverExceedsWhatWasPaid() throws Exception {
        Order order = paidOrder("k-4", p.javaOffer);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String key = "refund-" + i;
            futures.add(pool.submit(() -> {
                start.await();
                try {
                    p.payments.refund(PipelineFixture.LEARNER, order.id(), key, List.of(LineAmount.of(1, Money.ofMinor(15000, "CNY"))), null);
                    ok.incrementAndGet();
                } catch (ValidationException | ConflictException e) {
                    refused.incrementAndGet();
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(ok.get()).isEqualTo(1);
        assertThat(refused.get()).isEqualTo(15);
        assertThat(p.commerce.order(PipelineFixture.FINANCE, order.id()).refunded()).isEqualTo(Money.ofMinor(15000, "CNY"));
    }

    @Test
    void refund_whenPolicyRefuses_changesNothing() {
        PipelineFixture strict = new PipelineFixture(RefundPolicy.withinDays(14)
                .and(RefundPolicy.consumedBelow(0.3, (learner, course) -> 0.1)));
        Order order = strict.order("k-5", strict.javaOffer);
        strict.sandbox.pay(strict.checkout(order));
        strict.sandbox.deliverable().forEach(n -> strict.payments.handleNotification(ProviderId.SANDBOX, n.body(), n.headers()));
        strict.f.advance(Duration.ofDays(15));
        assertThatThrownBy(() -> strict.payments.refund(PipelineFixture.LEARNER, order.id(), "late", List.of(LineAmount.of(1, Money.ofMinor(100, "CNY"))), null))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("14 days");
        assertThat(strict.commerce.order(PipelineFixture.FINANCE, order.id()).refunded().isZero()).isTrue();

        PipelineFixture consumed = new PipelineFixture(RefundPolicy.consumedBelow(0.3, (learner, course) -> 0.5));
        Order o2 = consumed.order("k-6", consumed.javaOffer);
        consumed.sandbox.pay(consumed.checkout(o2));
        consumed.sandbox.deliverable().forEach(n -> consumed.payments.handleNotification(ProviderId.SANDBOX, n.body(), n.headers()));
        assertThatThrownBy(() -> consumed.payments.refund(PipelineFixture.LEARNER, o2.id(), "used", List.of(LineAmount.of(1, Money.ofMinor(100, "CNY"))), null))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("50%");
    }

    @Test
    void handleNotification_whenWrongAmountOrUnknownPayment_grantsNothingAndKeepsForReview() {
        Order order = p.order("k-7", p.javaOffer);
        String ref = p.checkout(order);
        byte[] cheap = ("{\"id\":\"evt_cheap\",\"type\":\"payment.succeeded\",\"created\":" + p.f.clock.instant().getEpochSecond()
                + ",\"merchant\":\"sandbox-merchant\",\"data\":{\"reference\":\"" + ref + "\",\"payment_id\":\"p\",\"amount\":1,\"currency\":\"CNY\"}}")
                .getBytes(StandardCharsets.UTF_8);
        NotificationResult r = p.payments.handleNotification(ProviderId.SANDBOX, cheap,
                Map.of(SandboxProvider.SIGNATURE_HEADER, p.sandbox.signatureHeader(cheap, p.f.clock.instant())));
        assertThat(r.disposition()).isEqualTo(Disposition.KEPT_FOR_REVIEW);
        byte[] unknown = new String(cheap, StandardCharsets.UTF_8).replace(ref, "ll-unknown-1").replace("evt_cheap", "evt_unknown")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(p.payments.handleNotification(ProviderId.SANDBOX, unknown,
                Map.of(SandboxProvider.SIGNATURE_HEADER, p.sandbox.signatureHeader(unknown, p.f.clock.instant()))).disposition())
                .isEqualTo(Disposition.KEPT_FOR_REVIEW);
        assertThat(p.commerce.order(PipelineFixture.FINANCE, order.id()).status()).isEqualTo(OrderStatus.AWAITING_PAYMENT);
        assertThat(p.access.grantsOf(order.learner())).isEmpty();
        assertThat(p.payments.reviewQueue(PipelineFixture.FINANCE, null, 1000).items()).extracting(i -> i.eventId()).containsExactly("evt_cheap", "evt_unknown");
    }

    @Test
    void handleNotification_whenRejected_grantsNothing() {
        Order order = p.order("k-8", p.javaOffer);
        p.sandbox.inject(SandboxScenario.BAD_SIGNATURE);
        p.sandbox.pay(p.checkout(order));
        NotificationResult r = deliver(p.sandbox.deliverable().get(0));
        assertThat(r.disposition()).isEqualTo(Disposition.REJECTED);
        assertThat(r.acknowledgement().accepted()).isFalse();
        assertThat(p.commerce.order(PipelineFixture.FINANCE, order.id()).status()).isEqualTo(OrderStatus.AWAITING_PAYMENT);
    }

    @Test
    void handleNotification_whenRefundOvertakesPayment_asksForRedeliveryThenSettles() {
        Order order = p.order("k-9", p.javaOffer);
        String ref = p.checkout(order);
        p.sandbox.inject(SandboxScenario.OUT_OF_ORDER);
        p.sandbox.pay(ref);
        p.sandbox.refund(io.learnloop.payment.spi.RefundRequest.of(PaymentReference.of(ref), "refund-000009",
                Money.ofMinor(100, "CNY"), Money.ofMinor(19900, "CNY"), null));
        List<SandboxNotification> due = p.sandbox.deliverable();
        NotificationResult refundFirst = deliver(due.get(0));
        assertThat(refundFirst.disposition()).isEqualTo(Disposition.RETRY_LATER);
        assertThat(refundFirst.acknowledgement().httpStatus()).isEqualTo(503);
        assertThat(deliver(due.get(1)).disposition()).isEqualTo(Disposition.SETTLED);
        // the provider resends the refund; it was made outside the SDK, so a person looks at it
        assertThat(deliver(due.get(0)).disposition()).isEqualTo(Disposition.KEPT_FOR_REVIEW);
    }

    @Test
    void checkout_whenOutcomeUnknown_queriesAndResumesTheSameAttempt() {
        Order order = p.order("k-10", p.javaOffer);
        p.sandbox.inject(SandboxScenario.SERVER_ERROR);
        assertThatThrownBy(() -> p.checkout(order)).isInstanceOfSatisfying(RemoteException.class,
                e -> assertThat(e.outcomeUnknown()).isTrue());
        PaymentSession again = p.payments.checkout(PipelineFixture.LEARNER, CheckoutRequest.of(order.id(), ProviderId.SANDBOX, PaymentFlow.QR_CODE, "Courses"));
        assertThat(again.merchantReference()).endsWith("-1");
        assertThat(p.sandbox.query(PaymentReference.of(again.merchantReference())).state()).isEqualTo(PaymentState.PENDING);
    }

    @Test
    void checkout_whenAlreadyPaid_isConflict() {
        Order order = paidOrder("k-11", p.javaOffer);
        assertThatThrownBy(() -> p.checkout(order)).isInstanceOf(ConflictException.class).hasMessageContaining("PAID");
    }

    @Test
    void reconcile_whenNotificationLost_settlesByQuery() {
        Order order = p.order("k-12", p.javaOffer);
        p.sandbox.pay(p.checkout(order));
        p.sandbox.deliverable(); // lost
        p.f.advance(Duration.ofMinutes(6));
        ReconciliationReport report = p.payments.reconcile();
        assertThat(report.settled()).containsExactly(order.id());
        assertThat(p.commerce.order(PipelineFixture.FINANCE, order.id()).status()).isEqualTo(OrderStatus.PAID);
        assertThat(p.access.hasAccess(order.learner(), p.java.id(), p.f.clock.instant())).isTrue();
    }

    @Test
    void reconcile_whenDeadlinePassedUnpaid_closesAndExpires() {
        Order order = p.order("k-13", p.javaOffer);
        String ref = p.checkout(order);
        p.f.advance(Duration.ofMinutes(10));
        assertThat(p.payments.reconcile().pending()).containsExactly(order.id());
        p.f.advance(Duration.ofMinutes(25));
        ReconciliationReport report = p.payments.reconcile();
        assertThat(report.expired()).containsExactly(order.id());
        assertThat(p.commerce.order(PipelineFixture.FINANCE, order.id()).status()).isEqualTo(OrderStatus.EXPIRED);
        assertThat(p.sandbox.query(PaymentReference.of(ref)).state()).isEqualTo(PaymentState.CLOSED);
        assertThat(PipelineFixture.LEARNER.id()).isEqualTo(order.learner());
    }
}
