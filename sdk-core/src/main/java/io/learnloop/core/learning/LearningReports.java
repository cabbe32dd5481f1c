package io.learnloop.core.learning;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.internal.learning.StoreLearningReports;
import io.learnloop.core.review.ReviewService;

/**
 * Learning reports per learner and per course, computed from the store on each call.
 *
 * <p>Thread-safe.
 */
public interface LearningReports {
    /**
     * Creates the reports.
     *
     * @param context the facade's context
     * @param catalog lesson facts (course order)
     * @param reviews reviews (rating summaries)
     * @return the reports
     */
    static LearningReports create(ServiceContext context, LessonCatalog catalog, ReviewService reviews) {
        return new StoreLearningReports(context, catalog, reviews);
    }

    /**
     * Reports on a learner.
     *
     * @param learner the learner
     * @return the report
     */
    LearnerReport learner(UserId learner);

    /**
     * Reports on a course.
     *
     * @param course the course
     * @return the report
     */
    CourseReport course(CourseId course);
}
