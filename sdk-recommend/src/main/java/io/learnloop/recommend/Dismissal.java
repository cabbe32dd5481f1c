package io.learnloop.recommend;

import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.identity.UserId;

import java.time.Instant;
import java.util.Objects;

/**
 * A learner's "not interested" in a course, as {@link Dismissals} keeps it: the course is never recommended to them
 * again. It is personal data, exported in the recommender's section and deleted by the recommender's erasure step.
 *
 * <p>Thread-safe: immutable.
 *
 * @param learner     who dismissed the course
 * @param course      the course
 * @param dismissedAt when it was first dismissed
 */
public record Dismissal(UserId learner, CourseId course, Instant dismissedAt) {
    /**
     * Checks the fields.
     *
     * @param learner     who
     * @param course      what
     * @param dismissedAt when
     */
    public Dismissal {
        Objects.requireNonNull(learner, "learner");
        Objects.requireNonNull(course, "course");
        Objects.requireNonNull(dismissedAt, "dismissedAt");
    }

    /**
     * The stored id: one dismissal per learner and course, so dismissing again finds the first.
     *
     * @return the id
     */
    public String id() {
        return learner.value() + "/" + course.value();
    }
}
