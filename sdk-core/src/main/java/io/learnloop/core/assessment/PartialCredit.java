package io.learnloop.core.assessment;

/**
 * How a multiple-choice question with several correct options is scored.
 *
 * <p>Thread-safe: an enum.
 */
public enum PartialCredit {
    /** Full points only when exactly the correct options are chosen; otherwise none. The default. */
    ALL_OR_NOTHING,
    /** Each option judged rightly (chosen if correct, left if not) earns {@code points / optionCount}. */
    PER_OPTION,
    /**
     * {@code points * max(0, rightChosen - wrongChosen) / correctCount}: guessing every option earns nothing more
     * than knowing.
     */
    RIGHT_MINUS_WRONG
}
