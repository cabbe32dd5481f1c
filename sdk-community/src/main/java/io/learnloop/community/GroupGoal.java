package io.learnloop.community;

import io.learnloop.core.error.Validator;

import java.time.LocalDate;

/**
 * What a study group works towards: every member reaching a share of one course by a date.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param courseId      the course
 * @param targetPercent the progress each member aims for, 1 to 100
 * @param due           the date to reach it by, or null
 */
public record GroupGoal(String courseId, int targetPercent, LocalDate due) {
    /**
     * Checks every field.
     *
     * @throws io.learnloop.core.error.ValidationException naming each bad field
     */
    public void validate() {
        new Validator()
                .notBlank("goal.courseId", courseId, 128)
                .check(targetPercent >= 1 && targetPercent <= 100, "goal.targetPercent",
                        "must be between 1 and 100 (was " + targetPercent + ")")
                .throwIfInvalid();
    }
}
