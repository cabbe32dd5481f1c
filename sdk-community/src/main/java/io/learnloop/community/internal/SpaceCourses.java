package io.learnloop.community.internal;

import io.learnloop.community.NewSpace;
import io.learnloop.core.catalog.CatalogService;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.CourseStatus;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.core.error.NotFoundException;
import io.learnloop.core.error.ValidationException;

/**
 * Checks that a new course space names a course of the catalogue that can still have learners, before either
 * backend stores or sends anything. Drafts and courses in review pass, so a space can be ready at launch; an archived
 * course is off sale for good, so a new space for it is refused as a likely mistake.
 *
 * <p>Thread-safe: stateless.
 */
public final class SpaceCourses {
    private SpaceCourses() {
    }

    /**
     * Refuses a course space whose course is unknown or archived; general spaces pass.
     *
     * @param catalog the catalogue from the options, or null if none was set
     * @param space   the validated request
     * @throws NotFoundException   if the catalogue has no such course
     * @throws ValidationException if the course is archived or the id is malformed
     * @throws LearnloopException  with {@link ErrorCode#CONFIGURATION} if no catalogue was set
     */
    public static void require(CatalogService catalog, NewSpace space) {
        if (space.courseId() == null) {
            return;
        }
        if (catalog == null) {
            throw new LearnloopException(ErrorCode.CONFIGURATION, "A course space is checked against the course "
                    + "catalogue: set CommunityOptions.Builder#catalog(learnloop.catalog()).");
        }
        Course course;
        try {
            course = catalog.course(CourseId.of(space.courseId()));
        } catch (NotFoundException unknown) {
            throw new NotFoundException("course in the catalogue", space.courseId());
        }
        if (course.status() == CourseStatus.ARCHIVED) {
            throw ValidationException.of("courseId", "course '" + space.courseId() + "' is archived (off sale for "
                    + "good); a course space needs a course that is a draft, in review, published or unlisted");
        }
    }
}
