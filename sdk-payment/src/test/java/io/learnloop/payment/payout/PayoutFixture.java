package io.learnloop.payment.payout;

import io.learnloop.core.Learnloop;
import io.learnloop.core.catalog.Chapter;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseDetails;
import io.learnloop.core.catalog.CourseLevel;
import io.learnloop.core.catalog.LessonSpec;
import io.learnloop.core.catalog.LessonType;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.commerce.OfferDraft;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.PlaceOrder;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.ledger.Balance;
import io.learnloop.core.ledger.CreatorShare;
import io.learnloop.core.ledger.LedgerAccount;
import io.learnloop.core.ledger.LineParties;
import io.learnloop.core.ledger.RevenuePolicy;
import io.learnloop.core.money.Money;
import io.learnloop.core.settlement.PaymentConfirmation;
import io.learnloop.core.store.Store;
import io.learnloop.core.testing.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;

/**
 * A facade whose ledger holds creators' and affiliates' money: every paid order of 100.00 gives the platform 20.00,
 * the affiliates aff-1 10.00 and aff-2 5.00, and the co-authors ada 45.50 and grace 19.50.
 */
public final class PayoutFixture {
    public static final Actor FINANCE = Actor.of("cashier", Role.FINANCE);
    static final Actor CREATOR = Actor.of("ada", Role.CREATOR);
    static final Actor REVIEWER = Actor.of("rita", Role.REVIEWER);
    public static final LedgerAccount ADA = LedgerAccount.creator(UserId.of("ada"));
    public static final LedgerAccount GRACE = LedgerAccount.creator(UserId.of("grace"));
    public static final LedgerAccount AFF1 = LedgerAccount.affiliate(UserId.of("aff-1"));
    public static final LedgerAccount AFF2 = LedgerAccount.affiliate(UserId.of("aff-2"));

    public final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T09:00:00Z"));
    public final Learnloop learnloop;
    private final Course course;
    private int orders;

    public PayoutFixture(Store store) {
        Learnloop.Builder b = Learnloop.builder().store(store).clock(clock).idGenerator(IdGenerator.sequential("id"))
                .courseApprovals(1)
                .personalDataEraser(io.learnloop.payment.Payments.personalDataEraser())
                .revenue(new RevenuePolicy(2000, 1000, 500), (order, line) -> new LineParties(
                        List.of(CreatorShare.of("ada", 70), CreatorShare.of("grace", 30)),
                        List.of(UserId.of("aff-1"), UserId.of("aff-2"))))
                ;
        io.learnloop.payment.Payments.personalDataSources().forEach(b::personalDataSource);
        learnloop = b.build();
        Course draft = learnloop.catalog().createCourse(CREATOR, new CourseDetails("Java", "A subtitle",
                "A description", "en", "programming", List.of("java"), CourseLevel.BEGINNER, "media://cover/1"));
        Chapter ch = learnloop.catalog().addChapter(CREATOR, draft.id(), "Basics");
        learnloop.catalog().addLesson(CREATOR, draft.id(), ch.id(), new LessonSpec("intro", LessonType.VIDEO,
                Duration.ofMinutes(12), true, "media://v/1"));
        learnloop.catalog().submit(CREATOR, draft.id());
        course = learnloop.catalog().approve(REVIEWER, draft.id());
    }

    /** Places and settles an order of 100.00 through a provider. */
    public Order paid(String provider, String reference, String currency) {
        Offer offer = learnloop.commerce().createOffer(CREATOR, OfferDraft.course("Java " + (++orders),
                Money.ofMinor(10000, currency), course.id()));
        Order order = learnloop.commerce().placeOrder(Actor.learner("lena-" + orders),
                PlaceOrder.of("k-" + orders, offer.id()));
        learnloop.settlement().settle(FINANCE, new PaymentConfirmation(order.id(), provider, reference,
                order.total()));
        return learnloop.settlement().order(order.id());
    }

    public Money balance(LedgerAccount account, String currency) {
        return learnloop.ledger().balance(FINANCE, account, Currency.getInstance(currency));
    }

    /** The sum of every balance of a currency: zero when the ledger balances. */
    public long sumOfBalances(String currency) {
        long sum = 0;
        String cursor = null;
        do {
            var page = learnloop.ledger().balances(FINANCE, Currency.getInstance(currency), cursor, 100);
            for (Balance b : page.items()) {
                sum += b.amount().minor();
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return sum;
    }
}
