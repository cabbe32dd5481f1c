package io.learnloop.payment.apple;

import io.learnloop.core.Learnloop;
import io.learnloop.core.catalog.CatalogService;
import io.learnloop.core.catalog.Chapter;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseDetails;
import io.learnloop.core.catalog.CourseLevel;
import io.learnloop.core.catalog.LessonSpec;
import io.learnloop.core.catalog.LessonType;
import io.learnloop.core.commerce.MembershipPeriod;
import io.learnloop.core.commerce.MembershipTerms;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.commerce.OfferDraft;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.ledger.AccountKind;
import io.learnloop.core.ledger.Balance;
import io.learnloop.core.ledger.CreatorShare;
import io.learnloop.core.ledger.LedgerAccount;
import io.learnloop.core.ledger.LineParties;
import io.learnloop.core.ledger.RevenuePolicy;
import io.learnloop.core.money.Money;
import io.learnloop.core.store.Store;
import io.learnloop.core.store.Stores;
import io.learnloop.core.subscription.DunningPolicy;
import io.learnloop.core.subscription.Subscription;
import io.learnloop.core.testing.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A facade with a published course sold as a non-consumable App Store product ({@code course.java}, 9.99 USD, 30%)
 * and a monthly membership plan covering it sold as an auto-renewable subscription ({@code pro.monthly}, 4.99 USD,
 * 15%) with a billing grace period of 16 days, a 20% platform fee with the rest to the creator, and the test PKI's
 * root trusted.
 */
final class AppleFixture {
    static final Actor CREATOR = Actor.of("ada", Role.CREATOR);
    static final Actor REVIEWER = Actor.of("rita", Role.REVIEWER);
    static final Actor FINANCE = Actor.of("cashier", Role.FINANCE);
    static final UserId LENA = UserId.of("lena");
    static final Currency USD = Currency.getInstance("USD");
    /** Shared by the tests of a run: one PKI is as good as another. */
    static final AppleTestPki PKI = new AppleTestPki();

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    final Learnloop learnloop;
    final Course java;
    final Offer javaOffer;
    final Offer proPlan;

    AppleFixture() {
        this(Stores.inMemory(), "id");
    }

    /** A fixture on a store several fixtures share: each gives its ids its own prefix. */
    AppleFixture(Store store, String idPrefix) {
        this(store, idPrefix, b -> b);
    }

    /** A fixture whose facade the test configures further (export sections, erasure, retention). */
    AppleFixture(Store store, String idPrefix, UnaryOperator<Learnloop.Builder> more) {
        learnloop = more.apply(Learnloop.builder().store(store).clock(clock)
                .idGenerator(IdGenerator.sequential(idPrefix))
                .courseApprovals(1)
                .revenue(new RevenuePolicy(2000, 0, 0),
                        (order, line) -> new LineParties(List.of(CreatorShare.of("ada", 1)), List.of())))
                .build();
        java = published("Java");
        javaOffer = learnloop.commerce().createOffer(CREATOR,
                OfferDraft.course("Java", Money.ofMinor(999, "USD"), java.id()));
        proPlan = learnloop.commerce().createOffer(CREATOR, OfferDraft.membership("Pro", Money.ofMinor(499, "USD"),
                new MembershipTerms(MembershipPeriod.MONTH, 0, List.of(java.id()), List.of())));
    }

    AppleConfig.Builder config() {
        return AppleConfig.builder(AppleSigned.BUNDLE, AppleEnvironment.SANDBOX)
                .trustedRoot(PKI.root.cert())
                .dunning(new DunningPolicy(Duration.ofDays(16), List.of()))
                .product(new AppleProduct("course.java", javaOffer.id(), AppleProduct.STANDARD_COMMISSION_BPS))
                .product(new AppleProduct("pro.monthly", proPlan.id(), AppleProduct.REDUCED_COMMISSION_BPS))
                .accounts(token -> AppleSigned.LENA_TOKEN.equals(token) ? Optional.of(LENA) : Optional.empty());
    }

    AppleInAppPurchases apple() {
        return AppleInAppPurchases.builder(learnloop, config().build()).build();
    }

    boolean hasAccess(Instant at) {
        return learnloop.access().hasAccess(LENA, java.id(), at);
    }

    Money balance(LedgerAccount account) {
        return learnloop.ledger().balance(FINANCE, account, USD);
    }

    /** Every balance of the currency; they must sum to zero. */
    List<Balance> balances() {
        return learnloop.ledger().balances(FINANCE, USD, null, 100).items();
    }

    /** The core subscription that keeps an App Store subscription. */
    Subscription subscription(String originalTransactionId) {
        return learnloop.subscriptions().byExternalId(AppleConfig.CHANNEL, originalTransactionId);
    }

    /** One calendar month after an instant, in UTC: the end of a monthly plan's period. */
    static Instant monthAfter(Instant start) {
        return start.atOffset(ZoneOffset.UTC).plusMonths(1).toInstant();
    }

    Money channelFee() {
        return balance(LedgerAccount.channelFee(AppleConfig.CHANNEL));
    }

    static boolean isClearing(Balance b) {
        return b.account().kind() == AccountKind.CLEARING;
    }

    void advance(Duration d) {
        clock.advance(d);
    }

    private Course published(String title) {
        CatalogService catalog = learnloop.catalog();
        Course c = catalog.createCourse(CREATOR, new CourseDetails(title, "A subtitle", "A description", "en",
                "programming", List.of("java"), CourseLevel.BEGINNER, "media://cover/1"));
        Chapter ch = catalog.addChapter(CREATOR, c.id(), "Basics");
        catalog.addLesson(CREATOR, c.id(), ch.id(),
                new LessonSpec("intro", LessonType.VIDEO, Duration.ofMinutes(12), true, "media://v/1"));
        catalog.submit(CREATOR, c.id());
        return catalog.approve(REVIEWER, c.id());
    }
}
