package io.learnloop.recommend;

import io.learnloop.core.testing.TrustedAccess;
import io.learnloop.core.testing.TrustedOrders;
import io.learnloop.core.Learnloop;
import io.learnloop.core.access.GrantRequest;
import io.learnloop.core.catalog.CatalogService;
import io.learnloop.core.catalog.Chapter;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.CourseDetails;
import io.learnloop.core.catalog.CourseLevel;
import io.learnloop.core.catalog.LessonSpec;
import io.learnloop.core.catalog.LessonType;
import io.learnloop.core.commerce.MembershipPeriod;
import io.learnloop.core.commerce.MembershipTerms;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.credential.CertificatePolicy;
import io.learnloop.core.credential.IssuerProfile;
import io.learnloop.core.credential.SigningKey;
import io.learnloop.core.commerce.OfferDraft;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.OrderLine;
import io.learnloop.core.commerce.PaymentReceipt;
import io.learnloop.core.commerce.PlaceOrder;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.money.Money;
import io.learnloop.core.store.Stores;
import io.learnloop.core.testing.MutableClock;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/** A Learnloop facade on an in-memory store with a clock the test moves, filled through the core services. */
public final class StorePlatform {
    /** The reviewer who approves every course. */
    public static final Actor REVIEWER = Actor.of("reviewer", Role.REVIEWER, Role.MODERATOR);

    private final MutableClock clock;
    private final Learnloop learnloop;

    /**
     * Opens an empty platform.
     *
     * @param start the clock's first instant
     */
    public StorePlatform(Instant start) {
        this(start, Stores.inMemory(), b -> b);
    }

    /**
     * Opens a platform on a store, with more set on its builder.
     *
     * @param start the clock's first instant
     * @param store the store
     * @param more  what else the builder gets (export sections)
     */
    public StorePlatform(Instant start, io.learnloop.core.store.Store store,
                         java.util.function.UnaryOperator<Learnloop.Builder> more) {
        this.clock = new MutableClock(start);
        AtomicLong ids = new AtomicLong();
        this.learnloop = more.apply(Learnloop.builder()).store(store).clock(clock)
                .idGenerator(() -> String.format(Locale.ROOT, "id-%07d", ids.incrementAndGet()))
                .certificates(CertificatePolicy.defaults(new IssuerProfile("https://academy.example.com", "Academy")),
                        SigningKey.of("test-key", newKeyPair()))
                .build();
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Moves the clock to {@code at}, or leaves it where it is if that is later (the clock never goes back).
     *
     * @param at the instant
     */
    public void moveTo(Instant at) {
        if (at.isAfter(clock.instant())) {
            clock.set(at);
        }
    }

    /**
     * Pays one membership period the way the payment pipeline does: a paid order and a membership grant for the
     * period starting now, naming the order line that paid for it.
     *
     * @param learner the member
     * @param key     the client key
     * @param plan    the membership offer
     * @param period  the period's length
     * @return the paid order
     */
    public Order payMembership(Actor learner, String key, Offer plan, Duration period) {
        Order paid = buy0(learner, key, plan);
        new TrustedAccess(learnloop).grant(GrantRequest.membership(paid.learner(), paid.id(), "line-1", plan.id(),
                plan.membership().courses(), plan.membership().categories(), paid.paidAt(),
                paid.paidAt().plus(period)));
        return paid;
    }

    /** @return the facade */
    public Learnloop learnloop() {
        return learnloop;
    }

    /** @return now */
    public Instant now() {
        return clock.instant();
    }

    /** @param step how far to move the clock */
    public void advance(Duration step) {
        clock.advance(step);
    }

    /**
     * Writes, submits and approves a course with {@code lessons} lessons: a free preview article, then live
     * sessions.
     *
     * @param author   the creator
     * @param title    the title
     * @param category the category
     * @param lessons  how many lessons
     * @return the published course
     */
    public Course publish(Actor author, String title, String category, int lessons) {
        CatalogService catalog = learnloop.catalog();
        Course course = catalog.createCourse(author, new CourseDetails(title, "About " + title, "Learn " + title,
                "en", category, List.of(category), CourseLevel.BEGINNER, null));
        Chapter chapter = catalog.addChapter(author, course.id(), "Chapter 1");
        for (int i = 0; i < lessons; i++) {
            catalog.addLesson(author, course.id(), chapter.id(), new LessonSpec("Lesson " + (i + 1), i == 0 ? LessonType.ARTICLE : LessonType.LIVE,
                    Duration.ofMinutes(5), i == 0, "article:" + title + "-" + i));
        }
        catalog.submit(author, course.id());
        catalog.approve(REVIEWER, course.id());
        return catalog.course(course.id());
    }

    /**
     * Offers a course for sale.
     *
     * @param author the creator
     * @param course the course
     * @param price  the price in CNY minor units
     * @return the offer
     */
    public Offer offer(Actor author, Course course, long price) {
        return learnloop.commerce().createOffer(author, OfferDraft.course(course.latest().details().title(),
                Money.ofMinor(price, "CNY"), course.id()));
    }

    /**
     * Offers a monthly all-access membership, created by an admin.
     *
     * @param priceMinor the monthly price in CNY minor units
     * @param courses    the courses it covers
     * @param categories the categories it covers
     * @return the plan's offer
     */
    public Offer monthlyPlan(long priceMinor, List<CourseId> courses, List<String> categories) {
        return learnloop.commerce().createOffer(Actor.of("admin", Role.ADMIN), OfferDraft.membership("All access",
                Money.ofMinor(priceMinor, "CNY"), new MembershipTerms(MembershipPeriod.MONTH, 0, courses, categories)));
    }

    /**
     * Places, pays and fulfils an order the way the payment pipeline does: a paid order and a purchase grant per
     * line.
     *
     * @param learner the buyer
     * @param key     the client key
     * @param offers  what they buy
     * @return the paid order
     */
    public Order buy(Actor learner, String key, Offer... offers) {
        Order paid = buy0(learner, key, offers);
        for (OrderLine line : paid.lines()) {
            new TrustedAccess(learnloop).grant(GrantRequest.purchase(paid.learner(), paid.id(), "line-" + line.line(),
                    line.courses(), paid.paidAt(), null));
        }
        return paid;
    }

    private Order buy0(Actor learner, String key, Offer... offers) {
        var commerce = learnloop.commerce();
        Order placed = commerce.placeOrder(learner, PlaceOrder.of(key,
                java.util.Arrays.stream(offers).map(Offer::id).toArray(io.learnloop.core.commerce.OfferId[]::new)));
        return new TrustedOrders(learnloop).pay(placed.id(), "sandbox", "pay-" + key);
    }

    /**
     * Completes a lesson: an article is opened and read (the clock moves by the dwell time), a live session marked
     * done.
     *
     * @param learner the learner
     * @param course  the course
     * @param index   the lesson's position
     */
    public void complete(Actor learner, Course course, int index) {
        var lesson = course.published().lessons().get(index);
        if (lesson.type() == LessonType.ARTICLE) {
            learnloop.progress().openArticle(learner.id(), lesson.id());
            advance(Duration.ofMinutes(3));
            learnloop.progress().markRead(learner.id(), lesson.id());
        } else {
            learnloop.progress().markDone(learner.id(), lesson.id());
        }
    }

    /**
     * Completes every lesson of a course in order and issues its certificate, the store's record of a completion.
     *
     * @param learner the learner
     * @param course  the course
     */
    public void completeCourse(Actor learner, Course course) {
        for (int i = 0; i < course.published().lessons().size(); i++) {
            complete(learner, course, i);
        }
        learnloop.certificates().issue(learner.id(), course.id());
    }
}
