package io.learnloop.core.settlement;

import io.learnloop.core.Learnloop;
import io.learnloop.core.Page;
import io.learnloop.core.access.Grant;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.commerce.LineAmount;
import io.learnloop.core.commerce.MembershipPeriod;
import io.learnloop.core.commerce.MembershipTerms;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.commerce.OfferDraft;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.OrderStatus;
import io.learnloop.core.commerce.PlaceOrder;
import io.learnloop.core.commerce.RefundRequest;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.event.DomainEvent;
import io.learnloop.core.event.EventTypes;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.Role;
import io.learnloop.core.internal.settlement.SettlementTypes;
import io.learnloop.core.ledger.Balance;
import io.learnloop.core.ledger.CreatorShare;
import io.learnloop.core.ledger.LedgerAccount;
import io.learnloop.core.ledger.LineParties;
import io.learnloop.core.ledger.RevenuePolicy;
import io.learnloop.core.money.Money;
import io.learnloop.core.testing.Catalogue;
import io.learnloop.core.testing.MutableClock;
import io.learnloop.core.testing.Staff;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one transaction that settles a payment or a refund, and the payments it holds for a person. */
class SettlementTest {
    private static final Currency CNY = Currency.getInstance("CNY");
    private static final Actor ADA = Actor.of("ada", Role.CREATOR);
    private static final Actor LENA = Actor.learner("lena");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
    private final List<DomainEvent> events = new CopyOnWriteArrayList<>();
    /** Set to make the revenue split fail inside the settlement's transaction. */
    private final AtomicBoolean failSplit = new AtomicBoolean();
    private final Learnloop learnloop = Learnloop.builder().clock(clock).idGenerator(IdGenerator.sequential("id"))
            .listener(events::add)
            .revenue(new RevenuePolicy(2000, 0, 0), (order, line) -> {
                if (failSplit.get()) {
                    throw new IllegalStateException("the host's split failed");
                }
                return new LineParties(List.of(CreatorShare.of("ada", 1)), List.of());
            })
            .build();
    private final Settlement settlement = learnloop.settlement();
    private final Course java = Catalogue.published(learnloop, ADA, "Java");
    private final Course sql = Catalogue.published(learnloop, ADA, "SQL");
    private final Offer javaOffer = learnloop.commerce().createOffer(ADA, OfferDraft.course("Java",
            Money.parse("99.00", "CNY"), java.id()));
    private final Offer sqlOffer = learnloop.commerce().createOffer(ADA, OfferDraft.course("SQL",
            Money.parse("49.00", "CNY"), sql.id()));

    private Order place(String key, Offer... offers) {
        return learnloop.commerce().placeOrder(LENA, PlaceOrder.of(key, Arrays.stream(offers)
                .map(Offer::id).toArray(io.learnloop.core.commerce.OfferId[]::new)));
    }

    private static PaymentConfirmation paid(Order order, String reference) {
        return new PaymentConfirmation(order.id(), "bank-transfer", reference, order.total());
    }

    private long count(String type) {
        return events.stream().filter(e -> e.type().equals(type)).count();
    }

    private Money sumOfBalances() {
        return learnloop.ledger().balances(Staff.FINANCE, CNY, null, 100).items().stream().map(Balance::amount)
                .reduce(Money.zero(CNY), Money::plus);
    }

    @Test
    void settle_whenPaymentConfirmed_paysGrantsEveryLineAndPostsTheRevenueOnce() {
        Order order = place("k1", javaOffer, sqlOffer);

        SettlementResult first = settlement.settle(Staff.FINANCE, paid(order, "transfer-1"));
        SettlementResult again = settlement.settle(Staff.FINANCE, paid(order, "transfer-1"));

        assertThat(first.status()).isEqualTo(SettlementStatus.SETTLED);
        assertThat(first.order().status()).isEqualTo(OrderStatus.PAID);
        assertThat(first.grants()).hasSize(2).extracting(Grant::orderLine).containsExactly("line-1", "line-2");
        assertThat(again.status()).isEqualTo(SettlementStatus.ALREADY_SETTLED);
        assertThat(again.grants()).isEmpty();
        assertThat(learnloop.access().hasAccess(LENA.id(), sql.id(), clock.instant())).isTrue();
        assertThat(learnloop.ledger().entriesOf(Staff.FINANCE, order.id())).hasSize(1);
        assertThat(learnloop.ledger().balance(ADA, LedgerAccount.creator(ADA.id()), CNY))
                .isEqualTo(Money.parse("118.40", "CNY"));
        assertThat(sumOfBalances().isZero()).isTrue();
        assertThat(count(EventTypes.ORDER_PAID)).isEqualTo(1);
        assertThat(count(EventTypes.ACCESS_GRANTED)).isEqualTo(2);
        assertThat(count(EventTypes.LEDGER_POSTED)).isEqualTo(1);
    }

    @Test
    void settle_whenSomethingFailsInsideTheTransaction_leavesNothingHalfSettled() {
        Order order = place("k1", javaOffer, sqlOffer);
        int eventsBefore = events.size();
        failSplit.set(true);

        assertThatThrownBy(() -> settlement.settle(Staff.FINANCE, paid(order, "transfer-1")))
                .isInstanceOf(IllegalStateException.class);

        assertThat(learnloop.commerce().order(LENA, order.id()).status()).isEqualTo(OrderStatus.CREATED);
        assertThat(learnloop.access().grantsOf(LENA.id())).isEmpty();
        assertThat(learnloop.ledger().entriesOf(Staff.FINANCE, order.id())).isEmpty();
        assertThat(events).hasSize(eventsBefore);
        failSplit.set(false);
        assertThat(settlement.settle(Staff.FINANCE, paid(order, "transfer-1")).status())
                .isEqualTo(SettlementStatus.SETTLED);
    }

    @Test
    void settle_whenACourseNoLongerExists_paysPostsGrantsTheRestAndHoldsTheLineForReview() {
        Order order = place("k1", javaOffer, sqlOffer);
        // the course record is gone, as after a data repair or an erasure; the offer and the order still name it
        Catalogue.vanish(learnloop, sql.id());

        SettlementResult result = settlement.settle(Staff.FINANCE, paid(order, "transfer-1"));

        assertThat(result.status()).isEqualTo(SettlementStatus.HELD_FOR_REVIEW);
        assertThat(result.order().status()).isEqualTo(OrderStatus.PAID);
        assertThat(result.grants()).extracting(Grant::orderLine).containsExactly("line-1");
        assertThat(result.issue().kind()).isEqualTo(IssueKind.CONTENT_UNAVAILABLE);
        assertThat(result.issue().detail()).contains("line 2").contains(sql.id().value()).contains("refund");
        assertThat(learnloop.ledger().entriesOf(Staff.FINANCE, order.id())).hasSize(1);
        assertThat(sumOfBalances().isZero()).isTrue();
        Page<SettlementIssue> open = settlement.issues(Staff.FINANCE, null, 10);
        assertThat(open.items()).containsExactly(result.issue());

        // a person refunds the line, then closes the issue
        RefundSettlement refund = settlement.refund(Staff.FINANCE, order.id(), new RefundRequest("r-sql",
                List.of(LineAmount.of(2, Money.parse("49.00", "CNY"))), "course removed"));
        assertThat(refund.order().status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
        SettlementIssue resolved = settlement.resolveIssue(Staff.FINANCE, result.issue().id(), "refunded line 2");
        assertThat(resolved.open()).isFalse();
        assertThat(resolved.resolvedBy()).isEqualTo(Staff.FINANCE.id());
        assertThat(settlement.issues(Staff.FINANCE, null, 10).items()).isEmpty();
        assertThat(sumOfBalances().isZero()).isTrue();
    }

    @Test
    void settle_whenOrderPaidTwiceOrClosedOrUnderpaid_holdsTheMoneyForReviewOnceAndChangesNothing() {
        Order order = place("k1", javaOffer);
        settlement.settle(Staff.FINANCE, paid(order, "transfer-1"));
        Order closed = place("k2", javaOffer);
        learnloop.commerce().cancel(LENA, closed.id());
        Order under = place("k3", sqlOffer);

        SettlementResult twice = settlement.settle(Staff.FINANCE, paid(order, "transfer-2"));
        SettlementResult twiceAgain = settlement.settle(Staff.FINANCE, paid(order, "transfer-2"));
        SettlementResult late = settlement.settle(Staff.FINANCE, paid(closed, "transfer-3"));
        SettlementResult short1 = settlement.settle(Staff.FINANCE, new PaymentConfirmation(under.id(),
                "bank-transfer", "transfer-4", Money.parse("0.01", "CNY")));

        assertThat(List.of(twice, twiceAgain, late, short1)).extracting(SettlementResult::status)
                .containsOnly(SettlementStatus.HELD_FOR_REVIEW);
        assertThat(twice.issue().kind()).isEqualTo(IssueKind.PAID_TWICE);
        assertThat(twiceAgain.issue()).isEqualTo(twice.issue());
        assertThat(late.issue().kind()).isEqualTo(IssueKind.ORDER_CLOSED);
        assertThat(short1.issue().kind()).isEqualTo(IssueKind.AMOUNT_MISMATCH);
        assertThat(learnloop.commerce().order(LENA, under.id()).status()).isEqualTo(OrderStatus.CREATED);
        assertThat(learnloop.ledger().entriesOf(Staff.FINANCE, order.id())).hasSize(1);
        long issues = learnloop.context().read(uow -> uow.count(SettlementTypes.ISSUE));
        assertThat(issues).isEqualTo(3);
        assertThat(settlement.issues(Staff.FINANCE, null, 2).nextCursor()).isNotNull();
    }

    @Test
    void settle_whenTheChannelKeepsACommission_booksItAsTheChannelsFeeAndRefundsClawItBack() {
        Order order = place("k1", javaOffer, sqlOffer);
        LedgerAccount fee = LedgerAccount.channelFee("app-store");

        settlement.settle(Staff.FINANCE, new PaymentConfirmation(order.id(), "app-store", "tx-1", order.total())
                .withChannelFee(3000));
        Money feeAfterPayment = learnloop.ledger().balance(Staff.FINANCE, fee, CNY);
        Money creatorAfterPayment = learnloop.ledger().balance(ADA, LedgerAccount.creator(ADA.id()), CNY);
        settlement.refund(Staff.FINANCE, order.id(), new RefundRequest("r1",
                List.of(LineAmount.of(2, Money.parse("49.00", "CNY"))), "refunded by the store"));

        // 30% of 99.00 and of 49.00 stays with the channel; the platform's 20% and the creator's 80% share the rest
        assertThat(feeAfterPayment).isEqualTo(Money.parse("44.40", "CNY"));
        assertThat(creatorAfterPayment).isEqualTo(Money.parse("82.88", "CNY"));
        assertThat(learnloop.ledger().balance(Staff.FINANCE, LedgerAccount.clearing("app-store"), CNY))
                .isEqualTo(Money.parse("-99.00", "CNY"));
        assertThat(learnloop.ledger().balance(Staff.FINANCE, fee, CNY)).isEqualTo(Money.parse("29.70", "CNY"));
        assertThat(sumOfBalances().isZero()).isTrue();
    }

    @Test
    void settle_whenTheChannelNamesTheMembershipPeriod_grantsExactlyThosePeriods() {
        Offer plan = learnloop.commerce().createOffer(ADA, OfferDraft.membership("Pro", Money.parse("30.00", "CNY"),
                new MembershipTerms(MembershipPeriod.MONTH, 0,
                        List.of(java.id()), List.of())));
        Instant start = clock.instant().minusSeconds(90);
        Instant end = start.plus(Duration.ofDays(7));
        Order first = place("k1", plan);
        Order second = place("k2", plan);

        SettlementResult r1 = settlement.settle(Staff.FINANCE, new PaymentConfirmation(first.id(), "app-store",
                "tx-1", first.total()).withPeriod(start, end));
        SettlementResult r2 = settlement.settle(Staff.FINANCE, new PaymentConfirmation(second.id(), "app-store",
                "tx-2", second.total()).withPeriod(end, end.plus(Duration.ofDays(7))));

        assertThat(r1.grants()).singleElement().satisfies(g -> {
            assertThat(g.startsAt()).isEqualTo(start);
            assertThat(g.endsAt()).isEqualTo(end);
        });
        assertThat(r2.grants()).singleElement().satisfies(g -> {
            assertThat(g.startsAt()).isEqualTo(end);
            assertThat(g.endsAt()).isEqualTo(end.plus(Duration.ofDays(7)));
        });
        assertThat(learnloop.access().hasAccess(LENA.id(), java.id(), end.plus(Duration.ofDays(7))))
                .isFalse();
    }

    @Test
    void paymentConfirmation_whenCommissionOrPeriodIsInvalid_namesTheField() {
        Order order = place("k1", javaOffer);
        PaymentConfirmation p = paid(order, "t");

        assertThatThrownBy(() -> p.withChannelFee(10_001)).isInstanceOfSatisfying(
                io.learnloop.core.error.ValidationException.class,
                e -> assertThat(e.fields()).containsExactly("channelFeeBps"));
        assertThatThrownBy(() -> p.withPeriod(clock.instant(), clock.instant())).isInstanceOfSatisfying(
                io.learnloop.core.error.ValidationException.class,
                e -> assertThat(e.fields()).containsExactly("periodEnd"));
    }

    @Test
    void refund_whenLineRefundedInFull_claimsBackTheRevenueAndRevokesItsAccessInOneStep() {
        Order order = place("k1", javaOffer, sqlOffer);
        settlement.settle(Staff.FINANCE, paid(order, "transfer-1"));

        RefundSettlement refund = settlement.refund(Staff.FINANCE, order.id(), new RefundRequest("r1",
                List.of(LineAmount.of(2, Money.parse("49.00", "CNY"))), "wrong course"));
        RefundSettlement repeated = settlement.refund(Staff.FINANCE, order.id(), new RefundRequest("r1",
                List.of(LineAmount.of(2, Money.parse("49.00", "CNY"))), "wrong course"));

        assertThat(refund.revokedLines()).containsExactly(2);
        assertThat(repeated.refund()).isEqualTo(refund.refund());
        assertThat(learnloop.access().hasAccess(LENA.id(), sql.id(), clock.instant())).isFalse();
        assertThat(learnloop.access().hasAccess(LENA.id(), java.id(), clock.instant())).isTrue();
        assertThat(learnloop.ledger().entriesOf(Staff.FINANCE, order.id())).hasSize(2);
        assertThat(sumOfBalances().isZero()).isTrue();
        assertThat(count(EventTypes.ACCESS_REVOKED)).isEqualTo(1);
    }

    @Test
    void settleAndRefund_whenActorLacksFinance_areForbidden() {
        Order order = place("k1", javaOffer);

        assertThatThrownBy(() -> settlement.settle(LENA, paid(order, "t"))).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> settlement.refund(ADA, order.id(), new RefundRequest("r",
                List.of(LineAmount.of(1, Money.parse("1.00", "CNY"))), null))).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> settlement.issues(Actor.of("mod", Role.MODERATOR), null, 10))
                .isInstanceOf(ForbiddenException.class);
        assertThat(learnloop.commerce().order(LENA, order.id()).status()).isEqualTo(OrderStatus.CREATED);
    }
}
