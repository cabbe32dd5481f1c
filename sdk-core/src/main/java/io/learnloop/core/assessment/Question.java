package io.learnloop.core.assessment;

import java.math.BigDecimal;
import java.util.List;

/**
 * A question with its answer key, as the author wrote it. Never shown to learners: they see a
 * {@link QuestionView}.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id              the author's id, unique within the quiz
 * @param type            the kind of question
 * @param prompt          the question text (Markdown)
 * @param options         the options of a choice question (empty otherwise)
 * @param correctOptions  the ids of the correct options (choice and true/false questions)
 * @param acceptedAnswers every accepted answer of a fill-in question
 * @param numericAnswer   the answer of a numeric question, or null
 * @param tolerance       how far a numeric answer may be from {@code numericAnswer}, inclusive, or null
 * @param points          what a fully correct answer earns
 * @param explanation     feedback shown after submission, or null
 */
public record Question(String id, QuestionType type, String prompt, List<ChoiceOption> options,
                       List<String> correctOptions, List<String> acceptedAnswers, BigDecimal numericAnswer,
                       BigDecimal tolerance, int points, String explanation) {
    /** Option id of "true" in a true/false question. */
    public static final String TRUE = "true";
    /** Option id of "false" in a true/false question. */
    public static final String FALSE = "false";

    /**
     * Copies the lists.
     *
     * @param id              the id
     * @param type            the type
     * @param prompt          the prompt
     * @param options         the options
     * @param correctOptions  the correct option ids
     * @param acceptedAnswers the accepted answers
     * @param numericAnswer   the numeric answer
     * @param tolerance       the tolerance
     * @param points          the points
     * @param explanation     the feedback
     */
    public Question {
        options = options == null ? List.of() : List.copyOf(options);
        correctOptions = correctOptions == null ? List.of() : List.copyOf(correctOptions);
        acceptedAnswers = acceptedAnswers == null ? List.of() : List.copyOf(acceptedAnswers);
    }

    /**
     * A single-choice question.
     *
     * @param id      the id
     * @param prompt  the prompt
     * @param options the options
     * @param correct the correct option's id
     * @param points  the points
     * @return the question
     */
    public static Question singleChoice(String id, String prompt, List<ChoiceOption> options, String correct, int points) {
        return new Question(id, QuestionType.SINGLE_CHOICE, prompt, options, List.of(correct), List.of(), null, null, points, null);
    }

    /**
     * A multiple-choice question.
     *
     * @param id      the id
     * @param prompt  the prompt
     * @param options the options
     * @param correct the correct options' ids
     * @param points  the points
     * @return the question
     */
    public static Question multipleChoice(String id, String prompt, List<ChoiceOption> options, List<String> correct,
                                          int points) {
        return new Question(id, QuestionType.MULTIPLE_CHOICE, prompt, options, correct, List.of(), null, null, points, null);
    }

    /**
     * A true/false question; its options are {@value #TRUE} and {@value #FALSE}.
     *
     * @param id     the id
     * @param prompt the statement
     * @param answer whether it is true
     * @param points the points
     * @return the question
     */
    public static Question trueFalse(String id, String prompt, boolean answer, int points) {
        return new Question(id, QuestionType.TRUE_FALSE, prompt,
                List.of(new ChoiceOption(TRUE, "True"), new ChoiceOption(FALSE, "False")),
                List.of(answer ? TRUE : FALSE), List.of(), null, null, points, null);
    }

    /**
     * A fill-in question.
     *
     * @param id       the id
     * @param prompt   the prompt
     * @param accepted every accepted answer
     * @param points   the points
     * @return the question
     */
    public static Question fillIn(String id, String prompt, List<String> accepted, int points) {
        return new Question(id, QuestionType.FILL_IN, prompt, List.of(), List.of(), accepted, null, null, points, null);
    }

    /**
     * A numeric question.
     *
     * @param id        the id
     * @param prompt    the prompt
     * @param answer    the answer as decimal text
     * @param tolerance the inclusive tolerance as decimal text
     * @param points    the points
     * @return the question
     */
    public static Question numeric(String id, String prompt, String answer, String tolerance, int points) {
        return new Question(id, QuestionType.NUMERIC, prompt, List.of(), List.of(), List.of(), new BigDecimal(answer),
                new BigDecimal(tolerance), points, null);
    }

    /**
     * A copy with feedback shown after submission.
     *
     * @param text the explanation
     * @return the copy
     */
    public Question withExplanation(String text) {
        return new Question(id, type, prompt, options, correctOptions, acceptedAnswers, numericAnswer, tolerance, points, text);
    }
}
