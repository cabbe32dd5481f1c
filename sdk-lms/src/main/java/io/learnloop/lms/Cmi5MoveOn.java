package io.learnloop.lms;

/**
 * When the LMS considers an assignable unit satisfied (cmi5 section 13.1.4, {@code moveOn}).
 *
 * <p>Thread-safe: enum.
 */
public enum Cmi5MoveOn {
    /** A {@code passed} statement satisfies the AU. */
    Passed,
    /** A {@code completed} statement satisfies the AU. */
    Completed,
    /** Both a {@code completed} and a {@code passed} statement are needed. */
    CompletedAndPassed,
    /** Either a {@code completed} or a {@code passed} statement satisfies the AU. */
    CompletedOrPassed,
    /** The AU is satisfied as soon as the learner is registered for the course. */
    NotApplicable;

    /**
     * Whether a registration that has these outcomes satisfies the AU.
     *
     * @param completed whether the AU sent {@code completed}
     * @param passed    whether the AU sent {@code passed}
     * @return whether the AU is satisfied
     */
    public boolean satisfiedBy(boolean completed, boolean passed) {
        return switch (this) {
            case Passed -> passed;
            case Completed -> completed;
            case CompletedAndPassed -> completed && passed;
            case CompletedOrPassed -> completed || passed;
            case NotApplicable -> true;
        };
    }
}
