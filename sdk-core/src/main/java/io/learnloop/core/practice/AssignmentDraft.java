package io.learnloop.core.practice;

import io.learnloop.core.catalog.LessonId;

import java.time.Duration;
import java.time.Instant;

/**
 * What an assignment asks and how it is graded. Checked by {@link PracticeService#createAssignment}, which names
 * each problem.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param lesson             the course lesson the assignment belongs to; passing it completes that lesson
 * @param title              the title, 1 to 200 characters
 * @param instructions       what to do, up to 20,000 characters (null for none)
 * @param rubric             the rubric; its weights sum to 10,000 basis points
 * @param due                when work is due
 * @param late               what happens to late work (null: {@link LatePolicy#none()})
 * @param reviewsRequired    how many peer reviews each submission gets, 0 to
 *                           {@value PracticeService#MAX_REVIEWS_REQUIRED}; 0 exactly when the peer weight is 0
 * @param calibrationReviews how many of the instructor's calibration submissions a reviewer grades before their first
 *                           peer review, 0 to {@value PracticeService#MAX_CALIBRATION}
 * @param weights            how peer, self and instructor judgements combine
 * @param passingBp          the grade that passes, 0 to 10,000 basis points
 * @param separateGroups     whether reviewers are never given work from their own group (see {@link PeerGroups})
 * @param reviewExpiry       how long a handed-out peer review stays the reviewer's before another may get the
 *                           submission, {@link PracticeService#MIN_REVIEW_EXPIRY} to
 *                           {@link PracticeService#MAX_REVIEW_EXPIRY} (null: {@link PracticeService#DEFAULT_REVIEW_EXPIRY})
 */
public record AssignmentDraft(LessonId lesson, String title, String instructions, Rubric rubric, Instant due,
                              LatePolicy late, int reviewsRequired, int calibrationReviews, GradeWeights weights,
                              int passingBp, boolean separateGroups, Duration reviewExpiry) {
    /**
     * Defaults null instructions to empty and a null late policy to none.
     *
     * @param lesson             the lesson
     * @param title              the title
     * @param instructions       the instructions
     * @param rubric             the rubric
     * @param due                the due time
     * @param late               the late policy
     * @param reviewsRequired    the peer reviews per submission
     * @param calibrationReviews the calibration submissions each reviewer grades first
     * @param weights            the weights
     * @param passingBp          the passing grade
     * @param separateGroups     whether groups are kept apart
     * @param reviewExpiry       the review expiry
     */
    public AssignmentDraft {
        instructions = instructions == null ? "" : instructions;
        late = late == null ? LatePolicy.none() : late;
        reviewExpiry = reviewExpiry == null ? PracticeService.DEFAULT_REVIEW_EXPIRY : reviewExpiry;
    }

    /**
     * A draft with the default review expiry.
     *
     * @param lesson             the lesson
     * @param title              the title
     * @param instructions       the instructions
     * @param rubric             the rubric
     * @param due                the due time
     * @param late               the late policy
     * @param reviewsRequired    the peer reviews per submission
     * @param calibrationReviews the calibration submissions each reviewer grades first
     * @param weights            the weights
     * @param passingBp          the passing grade
     * @param separateGroups     whether groups are kept apart
     */
    public AssignmentDraft(LessonId lesson, String title, String instructions, Rubric rubric, Instant due,
                           LatePolicy late, int reviewsRequired, int calibrationReviews, GradeWeights weights,
                           int passingBp, boolean separateGroups) {
        this(lesson, title, instructions, rubric, due, late, reviewsRequired, calibrationReviews, weights, passingBp,
                separateGroups, null);
    }

    /**
     * This draft with another review expiry.
     *
     * @param expiry how long a handed-out peer review stays the reviewer's
     * @return the draft
     */
    public AssignmentDraft withReviewExpiry(Duration expiry) {
        return new AssignmentDraft(lesson, title, instructions, rubric, due, late, reviewsRequired, calibrationReviews,
                weights, passingBp, separateGroups, expiry);
    }
}
