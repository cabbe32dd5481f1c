package io.learnloop.rest.internal;

import io.learnloop.core.identity.Actor;

import java.util.List;

/**
 * Where the recommendation route gets its answer. It keeps sdk-recommend's types out of every class that loads
 * without it: only the one implementation over the service names them.
 */
interface Recommendations {
    /**
     * The caller's recommendations, best first.
     *
     * @param learner the signed-in caller
     * @param limit   how many at most, at least 1
     * @return the recommendations
     */
    List<Views.RecommendationView> forLearner(Actor learner, int limit);

    /**
     * Records that the caller is not interested in a course, so it is no longer recommended to them. Idempotent.
     *
     * @param learner the signed-in caller
     * @param course  the course
     * @return the dismissal as stored (the first one, when repeated)
     */
    Views.DismissalView dismiss(Actor learner, io.learnloop.core.catalog.CourseId course);
}
