package io.learnloop.core.access;

import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.error.Validator;

import java.time.Instant;

/**
 * The answer to "may this learner open this lesson (or course) now, and why".
 *
 * <p>Thread-safe: immutable record.
 *
 * @param allowed whether the learner may open it; always {@code reason.allows()}
 * @param reason  why
 * @param course  the course
 * @param lesson  the lesson, or null for a course-level decision
 * @param grant   the grant that allows it (or that expired or was revoked), or null
 * @param until   when the allowing grant ends, or null if it does not end or nothing allows it
 */
public record AccessDecision(boolean allowed, AccessReason reason, CourseId course, LessonId lesson, GrantId grant,
                             Instant until) {
    /**
     * Validates.
     *
     * @param allowed whether allowed
     * @param reason  why
     * @param course  the course
     * @param lesson  the lesson
     * @param grant   the grant
     * @param until   the end
     * @throws io.learnloop.core.error.ValidationException if the fields disagree
     */
    public AccessDecision {
        // Plain checks rather than a Validator: this record is made on every access decision.
        if (reason == null || course == null || reason.allows() != allowed) {
            new Validator().notNull("reason", reason).notNull("course", course)
                    .check(reason == null || reason.allows() == allowed, "allowed", "must match the reason " + reason)
                    .throwIfInvalid();
        }
    }

    /**
     * A decision with {@code allowed} taken from the reason.
     *
     * @param reason the reason
     * @param course the course
     * @param lesson the lesson, or null
     * @param grant  the grant, or null
     * @param until  the end, or null
     * @return the decision
     */
    public static AccessDecision of(AccessReason reason, CourseId course, LessonId lesson, GrantId grant,
                                    Instant until) {
        return new AccessDecision(reason.allows(), reason, course, lesson, grant, until);
    }
}
