package io.learnloop.core.catalog;

import io.learnloop.core.error.Validator;
import io.learnloop.core.identity.UserId;

import java.time.Instant;
import java.util.List;

/**
 * A published course version, kept unchanged for good: what learners saw from {@code publishedAt} until the next
 * version was published.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param course      the course
 * @param content     the version
 * @param approvedBy  the reviewers who approved it (copied)
 * @param publishedAt when it went live
 */
public record CourseSnapshot(CourseId course, CourseContent content, List<UserId> approvedBy, Instant publishedAt) {
    /**
     * Validates and copies.
     *
     * @param course      the course
     * @param content     the version
     * @param approvedBy  the approvers
     * @param publishedAt when
     * @throws io.learnloop.core.error.ValidationException naming every bad field
     */
    public CourseSnapshot {
        new Validator().notNull("course", course).notNull("content", content).notNull("publishedAt", publishedAt)
                .throwIfInvalid();
        approvedBy = approvedBy == null ? List.of() : List.copyOf(approvedBy);
    }

    /**
     * The snapshot's storage key: course id, {@code @}, version number.
     *
     * @param course  the course
     * @param version the version
     * @return the key
     */
    public static String key(CourseId course, int version) {
        return course.value() + "@" + version;
    }
}
