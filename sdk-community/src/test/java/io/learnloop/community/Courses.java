package io.learnloop.community;

import io.learnloop.core.Learnloop;
import io.learnloop.core.catalog.CourseDetails;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;

/** Courses in the core catalogue, as a course space needs them. */
final class Courses {
    static final Actor AUTHOR = Actor.of("author", Role.CREATOR);

    private Courses() {
    }

    /** A new draft course; returns its id. */
    static String create(Learnloop learnloop, String title) {
        return learnloop.catalog().createCourse(AUTHOR, CourseDetails.of(title, "en", "programming")).id().value();
    }

    /** A new course that was archived at once; returns its id. */
    static String archived(Learnloop learnloop, String title) {
        String id = create(learnloop, title);
        learnloop.catalog().archive(AUTHOR, CourseId.of(id));
        return id;
    }
}
