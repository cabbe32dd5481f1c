package io.learnloop.core.practice;

import io.learnloop.core.Page;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.identity.Actor;

import java.util.Map;
import java.util.Optional;

/**
 * Practice with peer review: assignments graded on a rubric, submissions, calibrated peer review, self-assessment,
 * the instructor's review and override, final grades and appeals. The arithmetic is {@link GradeFormula}.
 *
 * <p>Who may do what: the course's authors (its creator and co-authors, with the role {@code CREATOR}) and admins
 * are its instructors: they create assignments, add calibration submissions, review, override, list submissions and
 * resolve appeals. Learners with access to the course (a live grant in the access ledger) submit, review their
 * peers, assess themselves and appeal; an admin passes those checks too. Nobody reviews their own work, nor (when
 * the assignment says so) work of their own {@link PeerGroups group}. A submission and its grade are read by its
 * learner and the instructors; anyone reads an assignment.
 *
 * <p>When a grade becomes final it emits {@code practice.graded} (with {@code scoreGiven} and {@code scoreMaximum},
 * what an LMS grade passback sends) and, when passed, completes the assignment's lesson, which counts toward course
 * completion and certificates.
 *
 * <p>Thread-safe.
 */
public interface PracticeService {
    /** The most peer reviews an assignment may ask for per submission. */
    int MAX_REVIEWS_REQUIRED = 10;
    /** The most calibration submissions a reviewer grades first. */
    int MAX_CALIBRATION = 5;
    /** How many submissions that still need reviews {@link #nextToReview} looks at, at most. */
    int ALLOCATION_WINDOW = 500;
    /** How long a handed-out peer review stays the reviewer's when the draft names no expiry: 72 hours. */
    java.time.Duration DEFAULT_REVIEW_EXPIRY = java.time.Duration.ofHours(72);
    /** The shortest review expiry an assignment may set: one hour. */
    java.time.Duration MIN_REVIEW_EXPIRY = java.time.Duration.ofHours(1);
    /** The longest review expiry an assignment may set: 30 days. */
    java.time.Duration MAX_REVIEW_EXPIRY = java.time.Duration.ofDays(30);
    /** How many expired allocations of an assignment one {@link #nextToReview} call releases, at most. */
    int EXPIRY_BATCH = 50;

    /**
     * Creates an assignment on a lesson.
     *
     * @param author an author of the lesson's course with the role CREATOR, or an admin
     * @param draft  the assignment
     * @return the stored assignment
     * @throws io.learnloop.core.error.ValidationException naming each problem (a rubric whose weights do not sum to
     *                                                     10,000, repeated criterion keys, weights not summing to
     *                                                     10,000, an unknown lesson …); nothing is stored
     * @throws io.learnloop.core.error.ForbiddenException  if the actor is not an author of the course nor an admin
     */
    Assignment createAssignment(Actor author, AssignmentDraft draft);

    /**
     * Reads an assignment.
     *
     * @param reader     anyone
     * @param assignment the assignment
     * @return the assignment
     * @throws io.learnloop.core.error.NotFoundException if it does not exist
     */
    Assignment assignment(Actor reader, AssignmentId assignment);

    /**
     * One page of a course's assignments, oldest first.
     *
     * @param reader anyone
     * @param course the course
     * @param cursor the previous page's {@link Page#nextCursor()}, or null for the first page
     * @param limit  the page size, 1 to {@value Page#MAX_LIMIT}
     * @return the page
     */
    Page<Assignment> assignments(Actor reader, CourseId course, String cursor, int limit);

    /**
     * Adds a calibration submission: a reference piece of work with the instructor's points, which reviewers grade
     * before their first peer review and whose closeness gives their weight.
     *
     * @param author          an author of the course, or an admin
     * @param assignment      the assignment
     * @param content         the reference work
     * @param referenceScores the instructor's points per criterion key, one for each criterion, in range
     * @return the stored calibration submission
     * @throws io.learnloop.core.error.ValidationException for bad content or scores; nothing is stored
     * @throws io.learnloop.core.error.ConflictException   with {@code INVALID_STATE} once the assignment has
     *                                                     {@value #MAX_CALIBRATION} calibration submissions
     * @throws io.learnloop.core.error.ForbiddenException  if the actor is not an author of the course nor an admin
     */
    Submission addCalibration(Actor author, AssignmentId assignment, SubmissionContent content,
                              Map<String, Integer> referenceScores);

    /**
     * Hands in a learner's work, or replaces it (a new revision) before the due time while no peer review has been
     * handed out for it. After the due time work is accepted, flagged late, until the late cutoff.
     *
     * @param learner    a learner with access to the course
     * @param assignment the assignment
     * @param content    the work
     * @return the stored submission
     * @throws io.learnloop.core.error.ValidationException naming each bad field; nothing is stored
     * @throws io.learnloop.core.error.ConflictException   with {@code INVALID_STATE} after the cutoff, or for a
     *                                                     resubmission after the due time or once reviews began
     * @throws io.learnloop.core.error.ForbiddenException  without access to the course
     */
    Submission submit(Actor learner, AssignmentId assignment, SubmissionContent content);

    /**
     * Reads a submission.
     *
     * @param reader     its learner, an author of the course, or an admin
     * @param submission the submission
     * @return the submission
     * @throws io.learnloop.core.error.NotFoundException  if it does not exist
     * @throws io.learnloop.core.error.ForbiddenException for anyone else
     */
    Submission submission(Actor reader, SubmissionId submission);

    /**
     * One page of an assignment's learner submissions, oldest first.
     *
     * @param author     an author of the course, or an admin
     * @param assignment the assignment
     * @param cursor     the previous page's {@link Page#nextCursor()}, or null for the first page
     * @param limit      the page size, 1 to {@value Page#MAX_LIMIT}
     * @return the page
     * @throws io.learnloop.core.error.ForbiddenException for anyone else
     */
    Page<Submission> submissions(Actor author, AssignmentId assignment, String cursor, int limit);

    /**
     * Hands a reviewer their next piece of work. First the assignment's calibration submissions, in the order they
     * were added, until the reviewer graded {@link Assignment#calibrationReviews()} of them; then a peer's
     * submission, chosen deterministically: the one with the fewest reviews handed out, the earliest handed in on a
     * tie, never the reviewer's own, one they reviewed already, or (when the assignment separates groups) one of
     * their group. A handed-out review stays open until written, and asking again returns it, until
     * {@link Assignment#reviewExpiry()} after it was handed out: then it expires, no longer counts among the
     * submission's reviews handed out, and the submission can be handed to another reviewer (never to the same one
     * again). Each call first releases up to {@value #EXPIRY_BATCH} of the assignment's expired allocations, the
     * oldest first, reading only those from a sorted index.
     *
     * @param reviewer   a learner with access to the course
     * @param assignment the assignment
     * @return the task, or empty when nothing is left for this reviewer
     * @throws io.learnloop.core.error.ConflictException  with {@code INVALID_STATE} if the assignment asks for
     *                                                    calibration but its instructor has not added enough
     *                                                    calibration submissions yet
     * @throws io.learnloop.core.error.ForbiddenException without access to the course
     */
    Optional<ReviewTask> nextToReview(Actor reviewer, AssignmentId assignment);

    /**
     * Writes a review handed out by {@link #nextToReview}: a calibration grading (which records the reviewer's
     * accuracy) or a peer review (which may make the grade final).
     *
     * @param reviewer   the reviewer
     * @param submission the submission
     * @param scores     points per criterion key, one for each criterion, each 0 to its maximum
     * @param comment    up to 5,000 characters (null for none)
     * @return the written review
     * @throws io.learnloop.core.error.ValidationException for missing, unknown or out-of-range scores; nothing is
     *                                                     stored
     * @throws io.learnloop.core.error.ForbiddenException  for one's own work, work of one's group when groups are
     *                                                     separated, or without access to the course
     * @throws io.learnloop.core.error.ConflictException   with {@code INVALID_STATE} before the reviewer finished
     *                                                     calibration, for work not handed to this reviewer, or a
     *                                                     review already written
     * @throws ReviewExpiredException                      if the review was handed out longer than
     *                                                     {@link Assignment#reviewExpiry()} ago; nothing is stored
     */
    PeerReview review(Actor reviewer, SubmissionId submission, Map<String, Integer> scores, String comment);

    /**
     * Records a learner's assessment of their own work, once, before the grade is final.
     *
     * @param learner    the submission's learner
     * @param submission the submission
     * @param scores     points per criterion key, as for {@link #review}
     * @param comment    up to 5,000 characters (null for none)
     * @return the self-assessment
     * @throws io.learnloop.core.error.ValidationException for bad scores
     * @throws io.learnloop.core.error.ForbiddenException  for anyone but the submission's learner
     * @throws io.learnloop.core.error.ConflictException   with {@code INVALID_STATE} if already assessed or final
     */
    PeerReview selfAssess(Actor learner, SubmissionId submission, Map<String, Integer> scores, String comment);

    /**
     * Records the instructor's review of a submission, once, before the grade is final.
     *
     * @param author     an author of the course, or an admin
     * @param submission the submission
     * @param scores     points per criterion key, as for {@link #review}
     * @param comment    up to 5,000 characters (null for none)
     * @return the review
     * @throws io.learnloop.core.error.ValidationException for bad scores
     * @throws io.learnloop.core.error.ForbiddenException  if the actor is not an author of the course nor an admin
     * @throws io.learnloop.core.error.ConflictException   with {@code INVALID_STATE} if already reviewed or final
     */
    PeerReview instructorReview(Actor author, SubmissionId submission, Map<String, Integer> scores, String comment);

    /**
     * Sets a submission's grade by hand and makes it final: the override wins over every review and takes no late
     * penalty. Audited.
     *
     * @param author     an author of the course, or an admin
     * @param submission a learner's submission
     * @param scoreBp    the grade, 0 to 10,000 basis points
     * @param reason     why, 1 to 2,000 characters
     * @return the final grade
     * @throws io.learnloop.core.error.ValidationException for a grade out of range or a blank reason
     * @throws io.learnloop.core.error.ForbiddenException  if the actor is not an author of the course nor an admin
     * @throws io.learnloop.core.error.ConflictException   with {@code INVALID_STATE} if the grade is already final
     *                                                     (an appeal changes a final grade)
     */
    PracticeGrade override(Actor author, SubmissionId submission, int scoreBp, String reason);

    /**
     * A submission's grade: the final one, or what is known so far.
     *
     * @param reader     its learner, an author of the course, or an admin
     * @param submission a learner's submission
     * @return the grade
     * @throws io.learnloop.core.error.ForbiddenException for anyone else
     */
    PracticeGrade grade(Actor reader, SubmissionId submission);

    /**
     * Appeals a final grade, once.
     *
     * @param learner    the submission's learner
     * @param submission the submission
     * @param reason     why, 1 to 2,000 characters
     * @return the open appeal
     * @throws io.learnloop.core.error.ConflictException  with {@code INVALID_STATE} if the grade is not final, and
     *                                                    with {@code DUPLICATE_KEY} for a second appeal
     * @throws io.learnloop.core.error.ForbiddenException for anyone but the submission's learner
     */
    Appeal appeal(Actor learner, SubmissionId submission, String reason);

    /**
     * Resolves an open appeal: the grade stays ({@code newScoreBp} null) or becomes the new grade. Audited; a new
     * grade emits {@code practice.graded} again and, when it now passes, completes the lesson.
     *
     * @param author     an author of the course, or an admin
     * @param submission the appealed submission
     * @param newScoreBp the new grade, 0 to 10,000, or null to keep it
     * @param resolution the explanation, 1 to 2,000 characters
     * @return the resolved appeal
     * @throws io.learnloop.core.error.ConflictException  with {@code INVALID_STATE} if there is no open appeal
     * @throws io.learnloop.core.error.ForbiddenException if the actor is not an author of the course nor an admin
     */
    Appeal resolveAppeal(Actor author, SubmissionId submission, Integer newScoreBp, String resolution);
}
