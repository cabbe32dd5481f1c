package io.learnloop.lms;

import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.identity.UserId;

import java.time.Instant;

/**
 * What a learner's registration has reached in one assignable unit.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param learner      the learner
 * @param lesson       the lesson the AU is bound to
 * @param registration the learner's registration for the course
 * @param completed    whether the AU sent {@code completed}
 * @param passed       whether the AU sent {@code passed}
 * @param failed       whether the AU sent {@code failed} (and no pass followed)
 * @param satisfiedAt  when the AU's {@code moveOn} was met (the lesson was completed then), or null
 */
public record Cmi5Progress(UserId learner, LessonId lesson, String registration, boolean completed, boolean passed,
                           boolean failed, Instant satisfiedAt) {
    /**
     * Whether the AU's {@code moveOn} was met.
     *
     * @return whether satisfied
     */
    public boolean satisfied() {
        return satisfiedAt != null;
    }
}
