package io.learnloop.lms;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A score the tool sends to an LMS gradebook through Assignment and Grade Services, as its outbox delivery stands:
 * waiting to be posted (a failed post is retried by the outbox), posted, or refused by the platform for good.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param course           the course whose result it is
 * @param issuer           the platform's issuer
 * @param lineItem         the gradebook column's line item URL, or null for a score to the tool's own column of the
 *                         link that is not posted yet (the column is created by the first score posted to it)
 * @param scoreGiven       the score
 * @param scoreMaximum     the maximum score
 * @param activityProgress the AGS activity progress, {@code Completed}
 * @param gradingProgress  the AGS grading progress, {@code FullyGraded}
 * @param timestamp        when the result happened (the score's {@code timestamp})
 * @param status           where its delivery stands
 * @param postedAt         when the platform accepted it, or null
 * @param problem          why the platform refused it, or null
 */
public record ScorePost(String course, String issuer, String lineItem, BigDecimal scoreGiven, BigDecimal scoreMaximum,
                        String activityProgress, String gradingProgress, Instant timestamp, Status status,
                        Instant postedAt, String problem) {
    /** Where a score's delivery stands. */
    public enum Status {
        /** Written and announced through the outbox; not yet accepted (a failed post is retried). */
        PENDING,
        /** The platform answered 2xx. */
        POSTED,
        /** The platform refused it for good (a 4xx other than 401, 408 or 429). */
        REFUSED
    }
}
