package io.learnloop.recommend;

/**
 * The recommenders {@link Recommenders} trains, as parts of a fitted hybrid or as single models.
 *
 * <p>Thread-safe: an enum.
 */
public enum ModelKind {
    /** Learners per course with time decay. */
    POPULARITY("popularity"),
    /** Item-based nearest neighbours (cosine with shrinkage). */
    ITEM_KNN("item-knn"),
    /** RP3beta: a three-step random walk with a popularity penalty. */
    RP3BETA("rp3beta"),
    /** EASE, or EDLAE with a dropout share above 0. */
    EASE("ease"),
    /** Implicit-feedback matrix factorisation by alternating least squares. */
    ALS("als"),
    /** TF-IDF over titles, descriptions, tags and categories. */
    CONTENT("content"),
    /** What learners start next after the learner's latest courses (first-order transitions). */
    SEQUENCE("sequence");

    private final String modelName;

    ModelKind(String modelName) {
        this.modelName = modelName;
    }

    /**
     * Returns the {@link Recommender#name()} of models of this kind.
     *
     * @return the name, for example {@code "item-knn"}
     */
    public String modelName() {
        return modelName;
    }
}
