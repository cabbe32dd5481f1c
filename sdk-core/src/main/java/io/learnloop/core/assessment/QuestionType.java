package io.learnloop.core.assessment;

/**
 * The kinds of question a quiz may hold.
 *
 * <p>Thread-safe: an enum.
 */
public enum QuestionType {
    /** One correct option among several. */
    SINGLE_CHOICE,
    /** Any number of correct options; graded by the quiz's {@link PartialCredit} rule. */
    MULTIPLE_CHOICE,
    /** A statement that is true or false. */
    TRUE_FALSE,
    /** A short typed answer, matched after normalisation against every accepted answer. */
    FILL_IN,
    /** A number, correct within a tolerance. */
    NUMERIC;

    /**
     * Whether the learner answers by picking options.
     *
     * @return true for choice and true/false questions
     */
    public boolean hasOptions() {
        return this == SINGLE_CHOICE || this == MULTIPLE_CHOICE || this == TRUE_FALSE;
    }
}
