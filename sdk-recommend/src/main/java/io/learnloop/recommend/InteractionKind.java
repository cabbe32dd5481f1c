package io.learnloop.recommend;

/**
 * What a learner did with a course. Each kind carries a configurable weight ({@link InteractionWeights}).
 *
 * <p>Thread-safe: an enum.
 */
public enum InteractionKind {
    /** The learner bought the course. */
    PURCHASE,
    /** The learner enrolled (free course, subscription or bundle). */
    ENROL,
    /** The learner made progress in the course; the interaction weight may carry the fraction done. */
    PROGRESS,
    /** The learner completed the course. */
    COMPLETE,
    /** The learner rated the course; the interaction weight carries the rating. */
    RATING,
    /** The learner put the course on a wishlist. */
    WISHLIST,
    /** The learner viewed the course page or material; the interaction weight may carry a click count. */
    VIEW;

    /**
     * Returns whether this kind means the learner holds the course (bought, enrolled, learning or finished).
     *
     * @return true for purchase, enrolment, progress and completion
     */
    public boolean meansOwned() {
        return this == PURCHASE || this == ENROL || this == PROGRESS || this == COMPLETE;
    }

    /**
     * Returns whether a learner who did this with a course has settled on it, so {@link RecommendationService}
     * never offers it to that learner again: purchase, enrolment, progress and completion (the learner has it) and
     * rating (the learner took it and judged it; reviews arrive as ratings). A view or a wishlist entry is interest,
     * not a verdict: such a course stays recommendable, which is how a learner is reminded of a course looked at
     * but not bought. A "not interested" is not an interaction kind; the host passes it in
     * {@link LearnerContext#dismissed()}.
     *
     * @return true for purchase, enrolment, progress, completion and rating
     */
    public boolean hidesFromRecommendations() {
        return meansOwned() || this == RATING;
    }

    /**
     * Returns this kind's bit in a kind mask.
     *
     * @return {@code 1 << ordinal()}
     */
    public int bit() {
        return 1 << ordinal();
    }
}
