package io.learnloop.growth;

/**
 * The stocks of the model. The first five hold people; a person is in exactly one of them at a time.
 *
 * <p>Thread-safe: an enum.
 */
public enum Stock {
    /** People in the addressable market who have not yet signed up. */
    PROSPECTS("prospects", "people", true),
    /** Active learners using free content. */
    FREE_LEARNERS("freeLearners", "people", true),
    /** Learners with a paid subscription or purchase. */
    PAYING_LEARNERS("payingLearners", "people", true),
    /** Former learners who stopped; they can be won back. */
    LAPSED_LEARNERS("lapsedLearners", "people", true),
    /** People publishing courses (drawn from paying learners). */
    CREATORS("creators", "people", true),
    /** Published courses. */
    CATALOGUE("catalogue", "courses", false),
    /** Live community activity: threads, questions, notes and reviews still being read and answered. */
    COMMUNITY("community", "posts", false);

    private final String key;
    private final String unit;
    private final boolean people;

    Stock(String key, String unit, boolean people) {
        this.key = key;
        this.unit = unit;
        this.people = people;
    }

    /**
     * The name used in validation messages, CSV and JSON.
     *
     * @return the camel-case key
     */
    public String key() {
        return key;
    }

    /**
     * The unit of the stock.
     *
     * @return the unit
     */
    public String unit() {
        return unit;
    }

    /**
     * Whether the stock holds people (and so takes part in the conservation check).
     *
     * @return true for the five population stocks
     */
    public boolean isPeople() {
        return people;
    }
}
