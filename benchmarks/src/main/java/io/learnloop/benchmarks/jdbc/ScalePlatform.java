package io.learnloop.benchmarks.jdbc;

import io.learnloop.core.Learnloop;
import io.learnloop.core.catalog.Chapter;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseDetails;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.CourseLevel;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.catalog.LessonSpec;
import io.learnloop.core.catalog.LessonType;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.commerce.OfferDraft;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.PlaceOrder;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.TenantId;
import io.learnloop.core.ledger.RevenueParties;
import io.learnloop.core.ledger.RevenuePolicy;
import io.learnloop.core.money.Money;
import io.learnloop.core.settlement.PaymentConfirmation;
import io.learnloop.core.store.Store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A platform grown only through the public API: published courses of two lessons, each with an offer, and orders
 * placed by learners and settled by the settlement. Order {@code i} belongs to learner {@code i mod learners} and
 * buys course {@code (learner + i div learners) mod courses}, so the first orders bring new learners and later ones
 * buy them further courses, never one they hold.
 *
 * <p>Thread-safe once built: orders may be placed and settled from several threads.
 */
final class ScalePlatform {
    static final TenantId TENANT = TenantId.of("bench");
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Actor FINANCE = Actor.of("cashier", Role.FINANCE);
    static final Actor ADA = Actor.of("ada", Role.CREATOR);
    /** Each settlement moves the clock this far: about 2,900 orders a day. */
    static final Duration STEP = Duration.ofSeconds(30);

    final Learnloop learnloop;
    final MutableClock clock = new MutableClock(T0);
    final CourseId[] courses;
    final LessonId[][] lessons;
    final int learners;
    private final Offer[] offers;

    ScalePlatform(Store store, int courseCount, int learners) {
        this.learners = learners;
        learnloop = Learnloop.builder().store(store).tenant(TENANT).clock(clock).idGenerator(IdGenerator.randomUuids())
                .revenue(new RevenuePolicy(2000, 0, 0), RevenueParties.courseAuthors(o -> List.of())).build();
        courses = new CourseId[courseCount];
        lessons = new LessonId[courseCount][];
        offers = new Offer[courseCount];
        for (int c = 0; c < courseCount; c++) {
            publish(c);
        }
    }

    private void publish(int c) {
        Course course = learnloop.catalog().createCourse(ADA, new CourseDetails("Course " + c, "Sub", "Desc", "en",
                "programming", List.of("java"), CourseLevel.BEGINNER, "media://c" + c));
        Chapter ch = learnloop.catalog().addChapter(ADA, course.id(), "Basics");
        lessons[c] = new LessonId[2];
        for (int l = 0; l < 2; l++) {
            lessons[c][l] = learnloop.catalog().addLesson(ADA, course.id(), ch.id(), new LessonSpec("Lesson " + l,
                    LessonType.VIDEO, Duration.ofMinutes(5), false, "media://v" + c + "/" + l)).id();
        }
        learnloop.catalog().submit(ADA, course.id());
        courses[c] = learnloop.catalog().approve(Actor.of("rita", Role.REVIEWER), course.id()).id();
        offers[c] = learnloop.commerce().createOffer(ADA, OfferDraft.course("Course " + c,
                Money.parse("99.00", "CNY"), courses[c]));
    }

    int learnerOf(long order) {
        return (int) (order % learners);
    }

    int courseOf(long order) {
        return (int) ((learnerOf(order) + order / learners) % courses.length);
    }

    /** Places order number {@code i}; settle it with {@link #settle}. */
    Order place(long i) {
        Actor learner = Actor.learner("learner-" + learnerOf(i));
        return learnloop.commerce().placeOrder(learner, PlaceOrder.of("k" + i, offers[courseOf(i)].id()));
    }

    void settle(Order order, long i) {
        learnloop.settlement().settle(FINANCE, new PaymentConfirmation(order.id(), "bank-transfer", "t-" + i,
                order.total()));
        clock.advance(STEP);
    }
}
