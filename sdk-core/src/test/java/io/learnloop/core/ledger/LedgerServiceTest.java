package io.learnloop.core.ledger;

import io.learnloop.core.testing.Staff;
import io.learnloop.core.testing.TrustedLedger;
import io.learnloop.core.Learnloop;
import io.learnloop.core.commerce.LineAmount;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.event.DomainEvent;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.internal.ledger.LedgerTypes;
import io.learnloop.core.json.LearnloopJson;
import io.learnloop.core.money.Money;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LedgerServiceTest {
    private static final Currency CNY = Currency.getInstance("CNY");
    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    private static final RevenuePolicy POLICY = new RevenuePolicy(2000, 1000, 500);
    private static final UserId ALICE = UserId.of("alice");
    private static final UserId BOB = UserId.of("bob");
    private static final UserId AFF1 = UserId.of("aff-1");
    private static final UserId AFF2 = UserId.of("aff-2");

    private final List<DomainEvent> events = new CopyOnWriteArrayList<>();
    private final Learnloop learnloop = Learnloop.builder().clock(Clock.fixed(T0, ZoneOffset.UTC))
            .idGenerator(IdGenerator.sequential("e")).listener(events::add).build();
    private final LedgerService ledger = learnloop.ledger();
    private final TrustedLedger trusted = new TrustedLedger(learnloop);
    private final Actor admin = Actor.of("admin", Role.ADMIN);

    private static Money cny(long fen) {
        return Money.ofMinor(fen, "CNY");
    }

    private static PaymentPosting payment(String order, long... nets) {
        List<SaleLine> lines = new ArrayList<>();
        for (int i = 0; i < nets.length; i++) {
            lines.add(POLICY.split(i + 1, cny(nets[i]), List.of(new CreatorShare(ALICE, 2), new CreatorShare(BOB, 1)),
                    List.of(AFF1, AFF2)));
        }
        return new PaymentPosting(OrderId.of(order), "wechatpay", lines);
    }

    private Money bal(LedgerAccount account) {
        return ledger.balance(Staff.FINANCE, account, CNY);
    }

    private void assertBalanced() {
        Money total = Money.zero(CNY);
        for (Balance b : ledger.balances(Staff.FINANCE, CNY, null, 1000).items()) {
            Money sum = Money.zero(CNY);
            for (JournalEntry e : trusted.entriesOf(b.account(), CNY)) {
                sum = sum.plus(e.amountFor(b.account()));
            }
            assertThat(b.amount()).as(b.account().key()).isEqualTo(sum);
            total = total.plus(b.amount());
        }
        assertThat(total).isEqualTo(cny(0));
    }

    @Test
    void recordPayment_whenFeeCommissionsAndCoAuthors_splitsExactlyToTheFen() {
        JournalEntry e = trusted.recordPayment(payment("o1", 19900));
        // 199.00: fee 20% = 39.80, level 1 10% = 19.90, level 2 5% = 9.95, creators 129.35 split 2:1
        assertThat(e.postings()).containsExactly(
                new Posting(LedgerAccount.clearing("wechatpay"), cny(-19900), 1),
                new Posting(LedgerAccount.PLATFORM, cny(3980), 1),
                new Posting(LedgerAccount.affiliate(AFF1), cny(1990), 1),
                new Posting(LedgerAccount.affiliate(AFF2), cny(995), 1),
                new Posting(LedgerAccount.creator(ALICE), cny(8623), 1),
                new Posting(LedgerAccount.creator(BOB), cny(4312), 1));
        assertThat(bal(LedgerAccount.creator(ALICE))).isEqualTo(cny(8623));
        assertThat(bal(LedgerAccount.clearing("wechatpay"))).isEqualTo(cny(-19900));
        assertThat(events).extracting(DomainEvent::type).containsExactly("ledger.posted");
        assertBalanced();
    }

    @Test
    void recordPayment_whenAffiliateChainShort_leavesUnpaidCommissionWithCreators() {
        SaleLine line = POLICY.split(1, cny(10000), List.of(CreatorShare.of("alice", 1)), List.of(AFF1));
        JournalEntry e = trusted.recordPayment(new PaymentPosting(OrderId.of("o1"), "stripe", List.of(line)));
        assertThat(e.amountFor(LedgerAccount.PLATFORM)).isEqualTo(cny(2000));
        assertThat(e.amountFor(LedgerAccount.affiliate(AFF1))).isEqualTo(cny(1000));
        assertThat(e.amountFor(LedgerAccount.creator(ALICE))).isEqualTo(cny(7000));
    }

    @Test
    void recordPayment_whenPostedTwice_returnsFirstEntryAndPostsOnce() {
        JournalEntry first = trusted.recordPayment(payment("o1", 19900, 5000));
        JournalEntry again = trusted.recordPayment(payment("o1", 19900, 5000));
        assertThat(again).isEqualTo(first);
        assertThat(ledger.entriesOf(Staff.FINANCE, OrderId.of("o1"))).hasSize(1);
        assertThat(bal(LedgerAccount.PLATFORM)).isEqualTo(cny(3980 + 1000));
        assertThatThrownBy(() -> trusted.recordPayment(payment("o1", 100)))
                .isInstanceOf(ConflictException.class)
                .satisfies(ex -> assertThat(((ConflictException) ex).code()).isEqualTo(ErrorCode.DUPLICATE_KEY));
    }

    @Test
    void recordRefund_whenHalfThenRest_clawsBackProportionallyAndEndsAtZero() {
        trusted.recordPayment(payment("o1", 19900));
        JournalEntry half = trusted.recordRefund(new RefundPosting(OrderId.of("o1"), "r1",
                List.of(LineAmount.of(1, cny(9950)))));
        // half of each share; the one odd fen goes to the earliest of the tied remainders (level 2 affiliate)
        assertThat(half.amountFor(LedgerAccount.clearing("wechatpay"))).isEqualTo(cny(9950));
        assertThat(half.amountFor(LedgerAccount.PLATFORM)).isEqualTo(cny(-1990));
        assertThat(half.amountFor(LedgerAccount.affiliate(AFF1))).isEqualTo(cny(-995));
        assertThat(half.amountFor(LedgerAccount.affiliate(AFF2))).isEqualTo(cny(-498));
        assertThat(half.amountFor(LedgerAccount.creator(ALICE))).isEqualTo(cny(-4311));
        assertThat(half.amountFor(LedgerAccount.creator(BOB))).isEqualTo(cny(-2156));
        trusted.recordRefund(new RefundPosting(OrderId.of("o1"), "r2", List.of(LineAmount.of(1, cny(9950)))));
        for (Balance b : ledger.balances(Staff.FINANCE, CNY, null, 1000).items()) {
            assertThat(b.amount()).as(b.account().key()).isEqualTo(cny(0));
        }
        assertBalanced();
    }

    @Test
    void recordRefund_whenOneLineOfTwo_clawsBackOnlyThatLine() {
        trusted.recordPayment(payment("o1", 10000, 30000));
        JournalEntry r = trusted.recordRefund(new RefundPosting(OrderId.of("o1"), "r1",
                List.of(LineAmount.of(2, cny(30000)))));
        assertThat(r.postings()).allSatisfy(p -> assertThat(p.line()).isEqualTo(2));
        assertThat(bal(LedgerAccount.PLATFORM)).isEqualTo(cny(2000));
        assertThat(bal(LedgerAccount.clearing("wechatpay"))).isEqualTo(cny(-10000));
        assertBalanced();
    }

    @Test
    void recordRefund_whenInvalid_rejectsAndPostsNothing() {
        assertThatThrownBy(() -> trusted.recordRefund(new RefundPosting(OrderId.of("o1"), "r1",
                List.of(LineAmount.of(1, cny(1)))))).isInstanceOf(ConflictException.class)
                .satisfies(ex -> assertThat(((ConflictException) ex).code()).isEqualTo(ErrorCode.INVALID_STATE));
        trusted.recordPayment(payment("o1", 10000));
        trusted.recordRefund(new RefundPosting(OrderId.of("o1"), "r1", List.of(LineAmount.of(1, cny(6000)))));
        assertThatThrownBy(() -> trusted.recordRefund(new RefundPosting(OrderId.of("o1"), "r2",
                List.of(LineAmount.of(1, cny(4001)))))).isInstanceOf(ValidationException.class)
                .satisfies(ex -> assertThat(((ValidationException) ex).fields()).containsExactly("lines[0].amount"));
        assertThatThrownBy(() -> trusted.recordRefund(new RefundPosting(OrderId.of("o1"), "r3",
                List.of(LineAmount.of(2, cny(1)))))).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> trusted.recordRefund(new RefundPosting(OrderId.of("o1"), "r4",
                List.of(LineAmount.of(1, Money.ofMinor(1, "USD")))))).isInstanceOf(ValidationException.class)
                .satisfies(ex -> assertThat(((ValidationException) ex).code()).isEqualTo(ErrorCode.CURRENCY_MISMATCH));
        assertThatThrownBy(() -> trusted.recordRefund(new RefundPosting(OrderId.of("o1"), "r1",
                List.of(LineAmount.of(1, cny(10)))))).isInstanceOf(ConflictException.class);
        assertThat(trusted.recordRefund(new RefundPosting(OrderId.of("o1"), "r1",
                List.of(LineAmount.of(1, cny(6000))))).key()).isEqualTo("o1:REFUND:r1");
        assertThat(ledger.entriesOf(Staff.FINANCE, OrderId.of("o1"))).hasSize(2);
        assertBalanced();
    }

    @Test
    void sharesAndPostings_whenInvalid_throwValidationNamingTheField() {
        assertThatThrownBy(() -> new SaleLine(1, cny(-1), 0, List.of(CreatorShare.of("a", 1)), List.of()))
                .isInstanceOf(ValidationException.class)
                .satisfies(ex -> assertThat(((ValidationException) ex).fields()).containsExactly("net"));
        assertThatThrownBy(() -> new SaleLine(1, cny(1), 9000, List.of(CreatorShare.of("a", 1)),
                List.of(new AffiliateShare(AFF1, 1001)))).isInstanceOf(ValidationException.class)
                .satisfies(ex -> assertThat(((ValidationException) ex).fields()).containsExactly("platformFeeBps"));
        assertThatThrownBy(() -> new SaleLine(1, cny(1), 0, List.of(), List.of()))
                .isInstanceOf(ValidationException.class)
                .satisfies(ex -> assertThat(((ValidationException) ex).fields()).containsExactly("creators"));
        assertThatThrownBy(() -> CreatorShare.of("a", 0)).isInstanceOf(ValidationException.class)
                .satisfies(ex -> assertThat(((ValidationException) ex).fields()).containsExactly("ratio"));
        assertThatThrownBy(() -> new RevenuePolicy(9000, 1000, 1)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> POLICY.split(1, cny(1), List.of(CreatorShare.of("a", 1)),
                List.of(AFF1, AFF2, UserId.of("x")))).isInstanceOf(ValidationException.class)
                .satisfies(ex -> assertThat(((ValidationException) ex).fields()).containsExactly("affiliateChain"));
        assertThatThrownBy(() -> new PaymentPosting(OrderId.of("o"), " ", List.of()))
                .isInstanceOf(ValidationException.class);
        PaymentPosting mixed = new PaymentPosting(OrderId.of("o"), "stripe", List.of(
                POLICY.split(1, cny(1), List.of(CreatorShare.of("a", 1)), List.of()),
                POLICY.split(2, Money.ofMinor(1, "USD"), List.of(CreatorShare.of("a", 1)), List.of())));
        assertThatThrownBy(() -> trusted.recordPayment(mixed)).isInstanceOf(ValidationException.class)
                .satisfies(ex -> assertThat(((ValidationException) ex).fields()).containsExactly("lines[1].net"));
        assertThat(ledger.balances(Staff.FINANCE, CNY, null, 1000).items()).isEmpty();
    }

    @Test
    void payout_whenWithinBalance_movesMoneyOutOnce() {
        trusted.recordPayment(payment("o1", 19900));
        PayoutRequest req = new PayoutRequest("p1", LedgerAccount.creator(ALICE), cny(8000), "wechatpay", "bank ref 1");
        JournalEntry e = ledger.payout(admin, req);
        assertThat(ledger.payout(admin, req)).isEqualTo(e);
        assertThat(bal(LedgerAccount.creator(ALICE))).isEqualTo(cny(623));
        assertThat(bal(LedgerAccount.clearing("wechatpay"))).isEqualTo(cny(-11900));
        assertThatThrownBy(() -> ledger.payout(admin, new PayoutRequest("p2", LedgerAccount.creator(ALICE),
                cny(624), "wechatpay", null))).isInstanceOf(ValidationException.class)
                .satisfies(ex -> assertThat(((ValidationException) ex).fields()).containsExactly("amount"));
        assertThatThrownBy(() -> ledger.payout(Actor.of("alice", Role.CREATOR), new PayoutRequest("p3",
                LedgerAccount.creator(ALICE), cny(1), "wechatpay", null))).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> ledger.payout(admin, new PayoutRequest("p4", LedgerAccount.PLATFORM,
                cny(100), "stripe", null))).isInstanceOf(ValidationException.class)
                .satisfies(ex -> assertThat(((ValidationException) ex).fields()).containsExactly("provider"));
        assertBalanced();
    }

    @Test
    void payoutReturn_whenMoneyComesBack_movesItBackToThePayeeOnceAndNeverBeyondThePayout() {
        trusted.recordPayment(payment("o1", 19900));
        ledger.payout(admin, new PayoutRequest("p1", LedgerAccount.creator(ALICE), cny(8000), "wechatpay", null));
        JournalEntry back = ledger.payoutReturn(admin, new PayoutReturn("p1", "r1", cny(3000), "reversed"));

        assertThat(ledger.payoutReturn(admin, new PayoutReturn("p1", "r1", cny(3000), "reversed"))).isEqualTo(back);
        assertThat(back.operation()).isEqualTo(EntryOperation.PAYOUT_RETURN);
        assertThat(bal(LedgerAccount.creator(ALICE))).isEqualTo(cny(623 + 3000));
        assertThat(bal(LedgerAccount.clearing("wechatpay"))).isEqualTo(cny(-11900 - 3000));
        assertThatThrownBy(() -> ledger.payoutReturn(admin, new PayoutReturn("p1", "r2", cny(5001), null)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("only 50.00 CNY");
        ledger.payoutReturn(admin, new PayoutReturn("p1", "r2", cny(5000), null));
        assertThat(bal(LedgerAccount.creator(ALICE))).isEqualTo(cny(8623));
        assertThatThrownBy(() -> ledger.payoutReturn(admin, new PayoutReturn("p1", "r3", cny(1), null)))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> ledger.payoutReturn(admin, new PayoutReturn("p1", "r1", cny(2999), null)))
                .isInstanceOf(io.learnloop.core.error.ConflictException.class);
        assertThatThrownBy(() -> ledger.payoutReturn(admin, new PayoutReturn("nope", "r1", cny(1), null)))
                .isInstanceOf(io.learnloop.core.error.NotFoundException.class);
        assertThatThrownBy(() -> ledger.payoutReturn(Actor.of("alice", Role.CREATOR), new PayoutReturn("p1", "r9",
                cny(1), null))).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> new PayoutReturn("p1", "a:b", cny(1), null)).isInstanceOf(ValidationException.class);
        assertBalanced();
    }

    @Test
    void statement_whenOwnerOrAdmin_listsMovementsWithRunningBalance() {
        trusted.recordPayment(payment("o1", 19900));
        trusted.recordRefund(new RefundPosting(OrderId.of("o1"), "r1", List.of(LineAmount.of(1, cny(9950)))));
        ledger.payout(admin, new PayoutRequest("p1", LedgerAccount.creator(ALICE), cny(1000), "wechatpay", null));
        Statement s = ledger.statement(Actor.of("alice", Role.CREATOR), LedgerAccount.creator(ALICE), CNY,
                T0, T0.plusSeconds(1), null, 100);
        assertThat(s.opening()).isEqualTo(cny(0));
        assertThat(s.lines()).extracting(StatementLine::amount).containsExactly(cny(8623), cny(-4311), cny(-1000));
        assertThat(s.lines()).extracting(StatementLine::balance).containsExactly(cny(8623), cny(4312), cny(3312));
        assertThat(s.closing()).isEqualTo(bal(LedgerAccount.creator(ALICE)));
        Statement later = ledger.statement(Staff.FINANCE, LedgerAccount.creator(ALICE), CNY, T0.plusSeconds(1),
                T0.plusSeconds(2), null, 100);
        assertThat(later.opening()).isEqualTo(cny(3312));
        assertThat(later.lines()).isEmpty();
        assertThatThrownBy(() -> ledger.statement(Actor.of("bob", Role.CREATOR), LedgerAccount.creator(ALICE), CNY,
                T0, T0, null, 100)).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void journalEntry_whenWrittenAsJson_roundTrips() {
        JournalEntry e = trusted.recordPayment(payment("o1", 19900));
        String json = LearnloopJson.toJson(e);
        assertThat(json).contains("\"currency\":\"CNY\"")
                .contains("{\"account\":{\"kind\":\"CREATOR\",\"owner\":\"alice\"},\"amount\":{\"minor\":8623,"
                        + "\"currency\":\"CNY\"},\"line\":1}");
        assertThat(LearnloopJson.fromJson(json, JournalEntry.class)).isEqualTo(e);
        for (var p : e.postings()) {
            var key = LedgerTypes.accountKey(p.account(), CNY);
            var stripes = learnloop.context().read(uow -> uow.counters("ledger.balance", key, null, 100));
            var days = learnloop.context().read(uow -> uow.counters("ledger.day", key, null, 100));
            assertThat(stripes).singleElement().satisfies(c -> assertThat(c.value()).isEqualTo(p.amount().minor()));
            assertThat(days).singleElement().satisfies(c -> {
                assertThat(c.member()).startsWith(e.postedAt().toString().substring(0, 10) + "|");
                assertThat(c.value()).isEqualTo(p.amount().minor());
            });
        }
        String unbalanced = json.replace("\"minor\":8623", "\"minor\":8624");
        assertThatThrownBy(() -> LearnloopJson.fromJson(unbalanced, JournalEntry.class))
                .isInstanceOf(io.learnloop.core.error.LearnloopException.class).hasMessageContaining("balance");
    }
}
