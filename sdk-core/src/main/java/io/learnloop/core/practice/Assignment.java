package io.learnloop.core.practice;

import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.identity.UserId;

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
 */
public record Assignment(AssignmentId id, CourseId course, LessonId lesson, String title, String instructions,
                         Rubric rubric, Instant due, LatePolicy late, int reviewsRequired, int calibrationReviews,
                         GradeWeights weights, int passingBp, boolean separateGroups, UserId createdBy,
                         Instant createdAt) {
    /**
     * The latest instant work is accepted.
     *
     * @return the due time plus the late cutoff
     */
    public Instant closesAt() {
        return due.plus(late.cutoff());
    }
}
