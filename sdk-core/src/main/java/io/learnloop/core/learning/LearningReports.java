package io.learnloop.core.learning;

import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.UserId;

/**
 * Learning reports per learner and per course.
 *
 * <p>Roles: a learner reads their own report; a course's authors (its creator and co-authors) read its report;
 * an admin reads every report.
 *
 * <p>Thread-safe.
 */
public interface LearningReports {
    /**
     * Reports on a learner.
     *
     * @param viewer  the learner, or an admin
     * @param learner the learner
     * @return the report
     * @throws io.learnloop.core.error.ForbiddenException if the viewer may not see it
     */
    LearnerReport learner(Actor viewer, UserId learner);

    /**
     * Reports on a course.
     *
     * @param viewer an author of the course, or an admin
     * @param course the course
     * @return the report
     * @throws io.learnloop.core.error.ForbiddenException if the viewer may not see it
     * @throws io.learnloop.core.error.NotFoundException  if the course does not exist
     */
    CourseReport course(Actor viewer, CourseId course);
}
