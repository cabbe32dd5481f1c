package io.learnloop.core.internal.recall;

import io.learnloop.core.recall.CardState;

/**
 * ts-fsrs v5's basic learning-steps strategy: which step a rating leads to, and after how many minutes. Again goes
 * back to the first step; Hard repeats the current step, after the mean of the first two steps (or 1.5 times the
 * only one); Good moves to the next step if there is one. A rating with no step (Good on the last step, Easy, or any
 * rating once the steps are used up) graduates the card. A card in review that is forgotten enters the relearning
 * step it stands at.
 *
 * <p>Thread-safe: immutable.
 */
final class LearningSteps {
    /** No step: the rating graduates the card. */
    static final long[] NONE = {0, 0};

    private final int[] learning;
    private final int[] relearning;

    LearningSteps(int[] learningMinutes, int[] relearningMinutes) {
        this.learning = learningMinutes.clone();
        this.relearning = relearningMinutes.clone();
    }

    /**
     * The step a rating leads to.
     *
     * @param state   the card's state before the review
     * @param current the card's step before the review
     * @param grade   1 to 4
     * @return {@code [minutes, next step]}, or {@link #NONE} when the rating graduates the card
     */
    long[] next(CardState state, int current, int grade) {
        int[] steps = state == CardState.RELEARNING || state == CardState.REVIEW ? relearning : learning;
        if (steps.length == 0 || current >= steps.length) {
            return NONE;
        }
        if (state == CardState.REVIEW) {
            return grade == 1 ? new long[] {steps[Math.max(0, current)], 0} : NONE;
        }
        switch (grade) {
            case 1:
                return new long[] {steps[0], 0};
            case 2:
                long hard = steps.length == 1 ? Math.round(steps[0] * 1.5) : Math.round((steps[0] + steps[1]) / 2.0);
                return new long[] {hard, current};
            case 3:
                return current + 1 < steps.length ? new long[] {steps[current + 1], current + 1} : NONE;
            default:
                return NONE;
        }
    }
}
