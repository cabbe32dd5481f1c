package io.learnloop.core.practice;

import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.identity.UserId;

import java.time.Duration;
import java.time.Instant;

/**
 * An assignment, as stored. The fields after {@code course} are those of its {@link AssignmentDraft}.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id                 the id
 * @param course             the course of its lesson
 * @param lesson             the lesson
 * @param title              the title
 * @param instructions       the instructions
 * @param rubric             the rubric
 * @param due                when work is due
 * @param late               the late policy
 * @param reviewsRequired    peer reviews per submission
 * @param calibrationReviews calibration submissions each reviewer grades first
 * @param weights            the grade weights
 * @param passingBp          the passing grade in basis points
 * @param separateGroups     whether reviewers never get work from their own group
 * @param createdBy          who created it
 * @param createdAt          when
 * @param reviewExpiry       how long a handed-out peer review stays the reviewer's (an assignment stored before it
 *                           was kept reads as {@link PracticeService#DEFAULT_REVIEW_EXPIRY})
 */
public record Assignment(AssignmentId id, CourseId course, LessonId lesson, String title, String instructions,
                         Rubric rubric, Instant due, LatePolicy late, int reviewsRequired, int calibrationReviews,
                         GradeWeights weights, int passingBp, boolean separateGroups, UserId createdBy,
                         Instant createdAt, Duration reviewExpiry) {
    /**
     * Defaults a missing review expiry.
     *
     * @param id                 the id
     * @param course             the course
     * @param lesson             the lesson
     * @param title              the title
     * @param instructions       the instructions
     * @param rubric             the rubric
     * @param due                the due time
     * @param late               the late policy
     * @param reviewsRequired    peer reviews per submission
     * @param calibrationReviews calibration submissions first
     * @param weights            the weights
     * @param passingBp          the passing grade
     * @param separateGroups     whether groups are kept apart
     * @param createdBy          who created it
     * @param createdAt          when
     * @param reviewExpiry       the review expiry
     */
    public Assignment {
        reviewExpiry = reviewExpiry == null ? PracticeService.DEFAULT_REVIEW_EXPIRY : reviewExpiry;
    }

    /**
     * An assignment with the default review expiry.
     *
     * @param id                 the id
     * @param course             the course
     * @param lesson             the lesson
     * @param title              the title
     * @param instructions       the instructions
     * @param rubric             the rubric
     * @param due                the due time
     * @param late               the late policy
     * @param reviewsRequired    peer reviews per submission
     * @param calibrationReviews calibration submissions first
     * @param weights            the weights
     * @param passingBp          the passing grade
     * @param separateGroups     whether groups are kept apart
     * @param createdBy          who created it
     * @param createdAt          when
     */
    public Assignment(AssignmentId id, CourseId course, LessonId lesson, String title, String instructions,
                      Rubric rubric, Instant due, LatePolicy late, int reviewsRequired, int calibrationReviews,
                      GradeWeights weights, int passingBp, boolean separateGroups, UserId createdBy,
                      Instant createdAt) {
        this(id, course, lesson, title, instructions, rubric, due, late, reviewsRequired, calibrationReviews,
                weights, passingBp, separateGroups, createdBy, createdAt, null);
    }

    /**
     * The latest instant work is accepted.
     *
     * @return the due time plus the late cutoff
     */
    public Instant closesAt() {
        return due.plus(late.cutoff());
    }
}
