package io.learnloop.core.practice;

/**
 * Work handed to a reviewer: the submission to grade, without its author (reviews are blind), and the rubric.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param submission  the submission to review with {@link PracticeService#review}
 * @param assignment  its assignment
 * @param calibration whether it is a calibration submission (graded against the instructor's reference)
 * @param content     what was handed in
 * @param rubric      the rubric to score
 */
public record ReviewTask(SubmissionId submission, AssignmentId assignment, boolean calibration,
                         SubmissionContent content, Rubric rubric) {
}
