package io.learnloop.core.practice;

import io.learnloop.core.identity.UserId;

import java.time.Instant;
import java.util.Map;

/**
 * One judgement of a submission: a peer review (handed out by {@link PracticeService#nextToReview} and open until
 * written), a calibration grading, a self-assessment or an instructor review.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id          {@code submission|reviewer} for peer reviews and calibration gradings,
 *                    {@code submission|#self} and {@code submission|#instructor} for the other two kinds
 * @param submission  the submission
 * @param assignment  its assignment
 * @param reviewer    who judges
 * @param kind        which kind of judgement
 * @param scores      points per criterion key (copied; empty while open)
 * @param comment     the comment, up to 5,000 characters (empty while open)
 * @param scoreBp     the rubric score of {@code scores} in basis points ({@link GradeFormula#score}); 0 while open
 * @param accuracyBp  for a calibration grading, how close it came to the reference ({@link GradeFormula#accuracy});
 *                    otherwise 0
 * @param assignedAt  when it was handed out (or written, for kinds not handed out)
 * @param submittedAt when it was written, or null while open
 * @param expiredAt   when a peer review handed out but never written expired ({@link Assignment#reviewExpiry()}
 *                    after it was handed out), or null
 */
public record PeerReview(String id, SubmissionId submission, AssignmentId assignment, UserId reviewer, ReviewKind kind,
                         Map<String, Integer> scores, String comment, int scoreBp, int accuracyBp, Instant assignedAt,
                         Instant submittedAt, Instant expiredAt) {
    /**
     * Copies the scores.
     *
     * @param id          the id
     * @param submission  the submission
     * @param assignment  the assignment
     * @param reviewer    the reviewer
     * @param kind        the kind
     * @param scores      the scores
     * @param comment     the comment
     * @param scoreBp     the score
     * @param accuracyBp  the accuracy
     * @param assignedAt  when handed out
     * @param submittedAt when written
     * @param expiredAt   when it expired unwritten
     */
    public PeerReview {
        scores = scores == null ? Map.of() : Map.copyOf(scores);
        comment = comment == null ? "" : comment;
    }

    /**
     * A review that did not expire.
     *
     * @param id          the id
     * @param submission  the submission
     * @param assignment  the assignment
     * @param reviewer    the reviewer
     * @param kind        the kind
     * @param scores      the scores
     * @param comment     the comment
     * @param scoreBp     the score
     * @param accuracyBp  the accuracy
     * @param assignedAt  when handed out
     * @param submittedAt when written
     */
    public PeerReview(String id, SubmissionId submission, AssignmentId assignment, UserId reviewer, ReviewKind kind,
                      Map<String, Integer> scores, String comment, int scoreBp, int accuracyBp, Instant assignedAt,
                      Instant submittedAt) {
        this(id, submission, assignment, reviewer, kind, scores, comment, scoreBp, accuracyBp, assignedAt,
                submittedAt, null);
    }

    /**
     * The review expired unwritten.
     *
     * @param at when
     * @return the expired review
     */
    public PeerReview expire(Instant at) {
        return new PeerReview(id, submission, assignment, reviewer, kind, scores, comment, scoreBp, accuracyBp,
                assignedAt, submittedAt, at);
    }

    /**
     * Whether it was handed out and expired unwritten; it then counts for nothing.
     *
     * @return true once expired
     */
    public boolean expired() {
        return expiredAt != null;
    }

    /**
     * The id of a reviewer's judgement of a submission.
     *
     * @param submission the submission
     * @param reviewer   the reviewer
     * @return the id
     */
    public static String idOf(SubmissionId submission, UserId reviewer) {
        return submission.value() + "|" + reviewer.value();
    }

    /**
     * Whether it is still to be written (handed out, neither written nor expired).
     *
     * @return true while open
     */
    public boolean open() {
        return submittedAt == null && expiredAt == null;
    }
}
