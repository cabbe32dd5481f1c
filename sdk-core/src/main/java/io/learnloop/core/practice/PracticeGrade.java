package io.learnloop.core.practice;

import io.learnloop.core.identity.UserId;

import java.time.Instant;

/**
 * A submission's grade and how it was reached ({@link GradeFormula}). Scores are in basis points of the full grade;
 * {@code scoreGiven} out of {@code scoreMaximum} is the same score in rubric points, the pair an LMS grade passback
 * sends.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param submission   the submission (also the id)
 * @param assignment   its assignment
 * @param learner      whose work it is
 * @param state        provisional or final
 * @param peerBp       the calibration-weighted mean of the written peer reviews, or null with none
 * @param selfBp       the self-assessment, or null without one
 * @param instructorBp the instructor's review, or null without one
 * @param overrideBp   the instructor's override, or null without one; it wins over everything else
 * @param penaltyBp    the late penalty taken off (0 when on time or overridden)
 * @param scoreBp      the grade, 0 to 10,000
 * @param scoreGiven   the grade in rubric points, rounded to two decimals
 * @param scoreMaximum the rubric's total points
 * @param passed       whether {@code scoreBp} reaches the assignment's passing grade
 * @param finalAt      when it became final, or null
 * @param changedBy    who last set it by hand (override or appeal), or null
 */
public record PracticeGrade(SubmissionId submission, AssignmentId assignment, UserId learner, GradeState state,
                            Integer peerBp, Integer selfBp, Integer instructorBp, Integer overrideBp, int penaltyBp,
                            int scoreBp, java.math.BigDecimal scoreGiven, int scoreMaximum, boolean passed,
                            Instant finalAt, UserId changedBy) {
}
