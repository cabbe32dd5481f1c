package io.learnloop.core.assessment;

import java.math.BigDecimal;
import java.util.List;

/**
 * The grading of one question, shown after submission.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param key             the question's key in the attempt
 * @param outcome         how it was judged
 * @param earned          points earned (exact, scale 4)
 * @param points          points possible
 * @param explanation     the author's explanation, or null
 * @param correctOptions  the keys of the correct options, when the quiz reveals answers (else empty)
 * @param acceptedAnswers the accepted fill-in answers, when revealed (else empty)
 * @param expectedNumber  the numeric answer, when revealed (else null)
 */
public record QuestionFeedback(String key, Outcome outcome, BigDecimal earned, int points, String explanation,
                               List<String> correctOptions, List<String> acceptedAnswers, BigDecimal expectedNumber) {
    /**
     * Copies the lists.
     *
     * @param key             the key
     * @param outcome         the outcome
     * @param earned          points earned
     * @param points          points possible
     * @param explanation     the explanation
     * @param correctOptions  the correct keys
     * @param acceptedAnswers the accepted answers
     * @param expectedNumber  the expected number
     */
    public QuestionFeedback {
        correctOptions = correctOptions == null ? List.of() : List.copyOf(correctOptions);
        acceptedAnswers = acceptedAnswers == null ? List.of() : List.copyOf(acceptedAnswers);
    }
}
