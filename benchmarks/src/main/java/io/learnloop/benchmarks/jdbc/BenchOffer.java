package io.learnloop.benchmarks.jdbc;

import io.learnloop.core.Learnloop;
import io.learnloop.core.catalog.Chapter;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseDetails;
import io.learnloop.core.catalog.CourseLevel;
import io.learnloop.core.catalog.LessonSpec;
import io.learnloop.core.catalog.LessonType;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.commerce.OfferDraft;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.money.Money;

import java.time.Duration;
import java.util.List;

/**
 * The one course the settlement benchmarks sell: published through the review workflow, with an offer at CNY 99.00
 * by its creator.
 *
 * <p>Thread-safe: stateless.
 */
final class BenchOffer {
    private BenchOffer() {
    }

    /**
     * Publishes the course and creates its offer.
     *
     * @param learnloop the platform
     * @return the offer
     */
    static Offer javaCourse(Learnloop learnloop) {
        Actor ada = Actor.of("ada", Role.CREATOR);
        Course c = learnloop.catalog().createCourse(ada, new CourseDetails("Java", "Sub", "Desc", "en",
                "programming", List.of("java"), CourseLevel.BEGINNER, "media://c"));
        Chapter ch = learnloop.catalog().addChapter(ada, c.id(), "Basics");
        learnloop.catalog().addLesson(ada, c.id(), ch.id(), new LessonSpec("intro", LessonType.VIDEO,
                Duration.ofMinutes(5), false, "media://v"));
        learnloop.catalog().submit(ada, c.id());
        Course course = learnloop.catalog().approve(Actor.of("rita", Role.REVIEWER), c.id());
        return learnloop.commerce().createOffer(ada, OfferDraft.course("Java", Money.parse("99.00", "CNY"),
                course.id()));
    }
}
