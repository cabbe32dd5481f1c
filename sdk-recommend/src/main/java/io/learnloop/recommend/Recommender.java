package io.learnloop.recommend;

import java.util.List;
import java.util.Set;

/**
 * A trained recommender. Every model ranks the full catalogue of its {@link InteractionMatrix} for a learner's
 * current row (so activity recorded after training counts at once) and never returns a course the learner already
 * touched.
 *
 * <p>Implementations in this module are thread-safe: a model is immutable once trained.
 */
public interface Recommender {
    /**
     * Returns the model's short name, for example {@code "ease"}.
     *
     * @return the name
     */
    String name();

    /**
     * Returns the best courses for a learner, best first. An unknown learner is treated as a learner with no
     * history: models that need history (item-kNN, ALS, EASE, content) then return an empty list, popularity and
     * the hybrid return popular courses.
     *
     * @param learnerId the learner
     * @param k         how many, at least 1
     * @return at most {@code k} recommendations, each with an explanation
     * @throws io.learnloop.core.error.ValidationException if {@code k <= 0} or the learner id is null
     */
    default List<Recommendation> recommend(String learnerId, int k) {
        return recommend(learnerId, k, Set.of());
    }

    /**
     * Returns the best courses for a learner, leaving out the given courses as well as the learner's own.
     *
     * @param learnerId the learner
     * @param k         how many, at least 1
     * @param exclude   course ids never to return
     * @return at most {@code k} recommendations, best first
     * @throws io.learnloop.core.error.ValidationException if {@code k <= 0} or the learner id is null
     */
    List<Recommendation> recommend(String learnerId, int k, Set<String> exclude);

    /**
     * Returns the approximate heap size of the trained model, not counting the interaction matrix.
     *
     * @return bytes
     */
    long memoryBytes();
}
