package io.learnloop.lms;

import io.learnloop.core.identity.UserId;

import java.time.Instant;

/**
 * The latest score a tool posted for one learner in one line item.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param lineItemId       the line item's id
 * @param learner          the Learnloop learner
 * @param userId           the learner's LTI user id at the tool (the id_token's {@code sub})
 * @param scoreGiven       the score, or null when none was given
 * @param scoreMaximum     the maximum of the score, or null with no score
 * @param comment          the tool's comment, or null
 * @param activityProgress {@code Initialized}, {@code Started}, {@code InProgress}, {@code Submitted} or
 *                         {@code Completed}
 * @param gradingProgress  {@code FullyGraded}, {@code Pending}, {@code PendingManual}, {@code Failed} or
 *                         {@code NotReady}
 * @param timestamp        the tool's timestamp of the score
 * @param recordedAt       when the platform recorded it
 */
public record AgsResult(String lineItemId, UserId learner, String userId, Double scoreGiven, Double scoreMaximum,
                        String comment, String activityProgress, String gradingProgress, Instant timestamp,
                        Instant recordedAt) {
}
