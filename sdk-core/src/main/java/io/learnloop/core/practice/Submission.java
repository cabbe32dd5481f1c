package io.learnloop.core.practice;

import io.learnloop.core.identity.UserId;

import java.time.Instant;
import java.util.Map;

/**
 * A learner's work on an assignment (one per learner, replaced by a resubmission before the due time), or an
 * instructor's calibration submission with its reference scores.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id              the id
 * @param assignment      the assignment
 * @param learner         who handed it in (the instructor, for a calibration submission)
 * @param calibration     whether it is a calibration submission
 * @param revision        1 for the first hand-in, one more for each resubmission
 * @param content         what was handed in
 * @param group           the learner's group when handed in, or null (see {@link PeerGroups})
 * @param submittedAt     when the current revision was handed in
 * @param daysLate        the started days after the due time it was handed in (0 when on time)
 * @param reviewsAssigned peer reviews handed out for it so far
 * @param reviewsDone     peer reviews written for it so far
 * @param referenceScores the instructor's points per criterion key (calibration submissions only; copied)
 */
public record Submission(SubmissionId id, AssignmentId assignment, UserId learner, boolean calibration, int revision,
                         SubmissionContent content, String group, Instant submittedAt, int daysLate,
                         int reviewsAssigned, int reviewsDone, Map<String, Integer> referenceScores) {
    /**
     * Copies the scores.
     *
     * @param id              the id
     * @param assignment      the assignment
     * @param learner         the learner
     * @param calibration     whether calibration
     * @param revision        the revision
     * @param content         the content
     * @param group           the group
     * @param submittedAt     when handed in
     * @param daysLate        days late
     * @param reviewsAssigned reviews handed out
     * @param reviewsDone     reviews written
     * @param referenceScores the reference scores
     */
    public Submission {
        referenceScores = referenceScores == null ? Map.of() : Map.copyOf(referenceScores);
    }

    /**
     * Whether it was handed in after the due time.
     *
     * @return true if late
     */
    public boolean late() {
        return daysLate > 0;
    }
}
