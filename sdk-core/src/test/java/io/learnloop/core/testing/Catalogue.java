package io.learnloop.core.testing;

import io.learnloop.core.Learnloop;
import io.learnloop.core.catalog.Chapter;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseDetails;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.CourseLevel;
import io.learnloop.core.catalog.LessonSpec;
import io.learnloop.core.catalog.LessonType;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.internal.catalog.CatalogTypes;

import java.time.Duration;
import java.util.List;

/**
 * Published courses for tests that sell them: an offer may list only a live course its creator authors.
 */
public final class Catalogue {
    /** The reviewer who approves the courses made here. */
    public static final Actor REVIEWER = Actor.of("catalogue-reviewer", Role.REVIEWER);

    private Catalogue() {
    }

    /**
     * Creates, submits and publishes a course with one chapter of one paid lesson (the facade must need one
     * approval, the default).
     *
     * @param learnloop the facade
     * @param creator   the course's creator
     * @param title     the title
     * @return the published course
     */
    public static Course published(Learnloop learnloop, Actor creator, String title) {
        return published(learnloop, creator, title, "programming");
    }

    /**
     * Creates, submits and publishes a course in a category.
     *
     * @param learnloop the facade
     * @param creator   the course's creator
     * @param title     the title
     * @param category  the category
     * @return the published course
     */
    public static Course published(Learnloop learnloop, Actor creator, String title, String category) {
        var catalog = learnloop.catalog();
        Course c = catalog.createCourse(creator, new CourseDetails(title, "A subtitle", "A description", "en",
                category, List.of("test"), CourseLevel.BEGINNER, "media://cover/1"));
        Chapter ch = catalog.addChapter(creator, c.id(), "Basics");
        catalog.addLesson(creator, c.id(), ch.id(), new LessonSpec("lesson", LessonType.VIDEO, Duration.ofMinutes(10),
                false, "media://video/" + c.id().value()));
        catalog.submit(creator, c.id());
        return catalog.approve(REVIEWER, c.id());
    }

    /**
     * Deletes a course's record, as a data repair or an erasure outside the SDK might: offers and orders still name
     * it. For tests of what happens to money paid for content that no longer exists.
     *
     * @param learnloop the facade
     * @param course    the course
     */
    public static void vanish(Learnloop learnloop, CourseId course) {
        learnloop.context().transact(uow -> {
            var c = uow.get(CatalogTypes.COURSE, course.value());
            uow.delete(CatalogTypes.COURSE, course.value(), c.version());
            return null;
        });
    }

    /**
     * The id of a newly published course.
     *
     * @param learnloop the facade
     * @param creator   the creator
     * @param title     the title
     * @return the id
     */
    public static CourseId publishedId(Learnloop learnloop, Actor creator, String title) {
        return published(learnloop, creator, title).id();
    }
}
