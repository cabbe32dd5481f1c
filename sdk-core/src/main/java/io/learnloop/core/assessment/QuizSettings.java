package io.learnloop.core.assessment;

import java.time.Duration;

/**
 * How a quiz is drawn, timed and passed.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param drawCount      how many questions each attempt draws from the bank at random; 0 draws all (default 0)
 * @param shuffleOptions whether options are shown in a per-attempt random order (default true)
 * @param maxAttempts    how many attempts a learner may start; 0 means no limit (default 3)
 * @param timeLimit      how long an attempt may take, or null for no limit (default null)
 * @param passingPercent the lowest percentage that passes, 0 to 100 (default 70)
 * @param partialCredit  how multiple-choice questions are scored (default {@link PartialCredit#ALL_OR_NOTHING})
 * @param finalQuiz      whether passing it is part of the course's certificate rule (default false)
 * @param revealAnswers  whether feedback after submission shows the correct answers (default true)
 */
public record QuizSettings(int drawCount, boolean shuffleOptions, int maxAttempts, Duration timeLimit,
                           int passingPercent, PartialCredit partialCredit, boolean finalQuiz, boolean revealAnswers) {
    /**
     * The defaults.
     *
     * @return draw all, shuffle, 3 attempts, no time limit, 70% to pass, all-or-nothing, not final, reveal answers
     */
    public static QuizSettings defaults() {
        return new QuizSettings(0, true, 3, null, 70, PartialCredit.ALL_OR_NOTHING, false, true);
    }

    /**
     * A copy drawing {@code count} questions per attempt.
     *
     * @param count the count
     * @return the copy
     */
    public QuizSettings withDrawCount(int count) {
        return new QuizSettings(count, shuffleOptions, maxAttempts, timeLimit, passingPercent, partialCredit, finalQuiz, revealAnswers);
    }

    /**
     * A copy with another attempt limit.
     *
     * @param attempts the limit, 0 for none
     * @return the copy
     */
    public QuizSettings withMaxAttempts(int attempts) {
        return new QuizSettings(drawCount, shuffleOptions, attempts, timeLimit, passingPercent, partialCredit, finalQuiz, revealAnswers);
    }

    /**
     * A copy with a time limit.
     *
     * @param limit the limit, or null
     * @return the copy
     */
    public QuizSettings withTimeLimit(Duration limit) {
        return new QuizSettings(drawCount, shuffleOptions, maxAttempts, limit, passingPercent, partialCredit, finalQuiz, revealAnswers);
    }

    /**
     * A copy with another passing score.
     *
     * @param percent the percentage
     * @return the copy
     */
    public QuizSettings withPassingPercent(int percent) {
        return new QuizSettings(drawCount, shuffleOptions, maxAttempts, timeLimit, percent, partialCredit, finalQuiz, revealAnswers);
    }

    /**
     * A copy with another partial-credit rule.
     *
     * @param rule the rule
     * @return the copy
     */
    public QuizSettings withPartialCredit(PartialCredit rule) {
        return new QuizSettings(drawCount, shuffleOptions, maxAttempts, timeLimit, passingPercent, rule, finalQuiz, revealAnswers);
    }

    /**
     * A copy marked as (or not as) the course's final quiz.
     *
     * @param isFinal whether final
     * @return the copy
     */
    public QuizSettings withFinalQuiz(boolean isFinal) {
        return new QuizSettings(drawCount, shuffleOptions, maxAttempts, timeLimit, passingPercent, partialCredit, isFinal, revealAnswers);
    }

    /**
     * A copy with or without option shuffling.
     *
     * @param shuffle whether to shuffle
     * @return the copy
     */
    public QuizSettings withShuffleOptions(boolean shuffle) {
        return new QuizSettings(drawCount, shuffle, maxAttempts, timeLimit, passingPercent, partialCredit, finalQuiz, revealAnswers);
    }
}
