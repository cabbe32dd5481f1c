package io.learnloop.core.practice;

import io.learnloop.core.identity.UserId;

import java.time.Instant;

/**
 * A learner's one appeal against a final grade, and how the instructor resolved it. The resolution is also written
 * to the audit log.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param submission the appealed submission (also the id)
 * @param assignment its assignment
 * @param learner    who appealed
 * @param reason     why, 1 to 2,000 characters
 * @param appealedAt when
 * @param state      open or how it was resolved
 * @param previousBp the grade appealed against
 * @param newBp      the grade afterwards (equal to {@code previousBp} unless changed); null while open
 * @param resolvedBy who resolved it, or null while open
 * @param resolution the instructor's explanation, or null while open
 * @param resolvedAt when it was resolved, or null while open
 */
public record Appeal(SubmissionId submission, AssignmentId assignment, UserId learner, String reason,
                     Instant appealedAt, AppealState state, int previousBp, Integer newBp, UserId resolvedBy,
                     String resolution, Instant resolvedAt) {
}
