package io.learnloop.spring;

import io.learnloop.core.Learnloop;
import io.learnloop.core.catalog.CatalogService;
import io.learnloop.core.catalog.Chapter;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseDetails;
import io.learnloop.core.catalog.CourseLevel;
import io.learnloop.core.catalog.LessonSpec;
import io.learnloop.core.catalog.LessonType;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.commerce.OfferDraft;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.OrderStatus;
import io.learnloop.core.commerce.PlaceOrder;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.money.Money;
import org.h2.jdbcx.JdbcDataSource;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A course on sale and orders for it, set up through the facade's public API as a host would. */
final class TestShop {
    static final Actor CREATOR = Actor.of("ada", Role.CREATOR);
    static final Actor REVIEWER = Actor.of("rita", Role.REVIEWER);
    static final Actor FINANCE = Actor.of("cashier", Role.FINANCE);
    static final Actor LEARNER = Actor.learner("lena");
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final Learnloop learnloop;
    private final Offer offer;
    private final Course course;

    TestShop(Learnloop learnloop, long priceMinor, String currency) {
        this.learnloop = learnloop;
        CatalogService catalog = learnloop.catalog();
        Course c = catalog.createCourse(CREATOR, new CourseDetails("Java", "A subtitle", "A description", "en",
                "programming", List.of("java"), CourseLevel.BEGINNER, "media://cover/1"));
        Chapter ch = catalog.addChapter(CREATOR, c.id(), "Basics");
        catalog.addLesson(CREATOR, c.id(), ch.id(), new LessonSpec("intro", LessonType.VIDEO, Duration.ofMinutes(12), true, "media://v/1"));
        catalog.submit(CREATOR, c.id());
        Course published = catalog.approve(REVIEWER, c.id());
        course = published;
        offer = learnloop.commerce().createOffer(CREATOR, OfferDraft.course("Java", Money.ofMinor(priceMinor, currency), published.id()));
    }

    Course course() {
        return course;
    }

    Offer offer() {
        return offer;
    }

    Order order(String key) {
        return learnloop.commerce().placeOrder(LEARNER, PlaceOrder.of(key, offer.id()));
    }

    OrderStatus status(Order order) {
        return learnloop.commerce().order(FINANCE, order.id()).status();
    }

    /** A fresh in-memory H2 database, kept open until the JVM ends. */
    static JdbcDataSource h2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:starter" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
        return ds;
    }
}
