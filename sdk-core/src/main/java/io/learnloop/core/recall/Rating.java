package io.learnloop.core.recall;

/**
 * How well a learner recalled a card, the four grades of FSRS (and of Anki's answer buttons).
 *
 * <p>Thread-safe: an enum.
 */
public enum Rating {
    /** Forgotten: the answer was wrong or not recalled. */
    AGAIN(1),
    /** Recalled with serious difficulty. */
    HARD(2),
    /** Recalled after some hesitation. */
    GOOD(3),
    /** Recalled at once. */
    EASY(4);

    private final int grade;

    Rating(int grade) {
        this.grade = grade;
    }

    /**
     * The FSRS grade: 1 for {@link #AGAIN} to 4 for {@link #EASY}.
     *
     * @return the grade
     */
    public int grade() {
        return grade;
    }

    /**
     * Whether the card was recalled (any rating but {@link #AGAIN}).
     *
     * @return true if recalled
     */
    public boolean recalled() {
        return this != AGAIN;
    }

    /**
     * The rating of an FSRS grade.
     *
     * @param grade 1 to 4
     * @return the rating
     * @throws io.learnloop.core.error.ValidationException if the grade is not 1 to 4
     */
    public static Rating ofGrade(int grade) {
        if (grade < 1 || grade > 4) {
            throw io.learnloop.core.error.ValidationException.of("grade", "must be 1 to 4 (was " + grade + ")");
        }
        return values()[grade - 1];
    }
}
