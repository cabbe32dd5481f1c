package io.learnloop.core.credential;

import io.learnloop.core.error.Validator;

/**
 * When a learner has earned a course's certificate.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param requireRequiredLessons whether every required lesson (every lesson when none is marked required) must be
 *                               complete (default true)
 * @param requireFinalQuiz       whether the course's final quiz, if it has one, must be passed (default true)
 * @param minimumPercent         the share of all lessons, in percent, that must be complete (default 0)
 */
public record CompletionRule(boolean requireRequiredLessons, boolean requireFinalQuiz, int minimumPercent) {
    /**
     * Validates.
     *
     * @param requireRequiredLessons whether required lessons count
     * @param requireFinalQuiz       whether the final quiz counts
     * @param minimumPercent         0 to 100
     */
    public CompletionRule {
        new Validator().check(minimumPercent >= 0 && minimumPercent <= 100, "minimumPercent", "must be between 0 and 100")
                .throwIfInvalid();
    }

    /**
     * The default rule: required lessons complete and the final quiz passed.
     *
     * @return the rule
     */
    public static CompletionRule defaults() {
        return new CompletionRule(true, true, 0);
    }
}
