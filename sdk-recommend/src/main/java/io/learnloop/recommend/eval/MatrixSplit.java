package io.learnloop.recommend.eval;

import io.learnloop.recommend.InteractionMatrix;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The rows of a matrix split in two by a {@link SplitMethod}: a training matrix and the held-out courses of each
 * learner.
 *
 * <p>Thread-safe: immutable record (the matrix is thread-safe).
 *
 * @param train    the matrix without the held-out pairs
 * @param relevant held-out course ids per learner, copied; learners with nothing held out are absent
 */
public record MatrixSplit(InteractionMatrix train, Map<String, Set<String>> relevant) {
    /**
     * Copies.
     *
     * @param train    the training matrix
     * @param relevant the held-out courses
     */
    public MatrixSplit {
        Objects.requireNonNull(train, "train");
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        relevant.forEach((learner, courses) -> {
            if (!courses.isEmpty()) {
                copy.put(learner, Set.copyOf(courses));
            }
        });
        relevant = java.util.Collections.unmodifiableMap(copy);
    }
}
