package io.learnloop.recommend.eval;

import io.learnloop.core.error.ValidationException;
import io.learnloop.recommend.Interaction;
import io.learnloop.recommend.InteractionMatrix;
import io.learnloop.recommend.LearnerHistory;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Train/test splits. All of them hold out whole learner-course pairs (every interaction of a held-out pair goes to
 * the test side), so no test course leaks into the learner's training row.
 *
 * <p>Thread-safe: static helpers without state.
 */
public final class Splits {
    private Splits() {
    }

    /**
     * Leave-last-out: for each learner with at least two courses, the course first touched last is held out
     * ({@link SplitMethod#leaveLastOut()}).
     *
     * @param interactions the interactions
     * @return the split
     */
    public static Split leaveLastOut(List<Interaction> interactions) {
        return SplitMethod.leaveLastOut().split(interactions);
    }

    /**
     * Temporal split per learner: each learner's courses are ordered by the time the learner first touched them and
     * the latest {@code testFraction} of them (at least one, never all) are held out, so every test course lies in
     * the learner's future relative to the learner's training courses ({@link SplitMethod#temporal(double)}).
     *
     * @param interactions the interactions
     * @param testFraction the fraction held out, above 0 and below 1
     * @return the split
     * @throws ValidationException if the fraction is out of range
     */
    public static Split temporal(List<Interaction> interactions, double testFraction) {
        return SplitMethod.temporal(testFraction).split(interactions);
    }

    /**
     * Random split per learner: each learner with at least two courses gives up {@code round(n * testFraction)} of
     * them (at least one, never all), picked at random ({@link SplitMethod#random(double, long)}).
     *
     * @param interactions the interactions
     * @param testFraction the share, above 0 and below 1
     * @param seed         the seed
     * @return the split
     * @throws ValidationException if the fraction is out of range
     */
    public static Split random(List<Interaction> interactions, double testFraction, long seed) {
        return SplitMethod.random(testFraction, seed).split(interactions);
    }

    /**
     * Returns the relevant courses per test learner: the learner's test courses that are not in the learner's
     * training row. Learners absent from the training matrix are left out (no model can rank for them by
     * collaborative signals; they are counted by the evaluator's caller if needed).
     *
     * @param split the split
     * @param train the matrix built from {@code split.train()}
     * @return learner id to relevant course ids, in test order
     */
    public static Map<String, Set<String>> relevant(Split split, InteractionMatrix train) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (Interaction i : split.test()) {
            int u = train.learnerIndex(i.learnerId());
            if (u < 0) {
                continue;
            }
            LearnerHistory h = train.history(u);
            int c = train.courseIndex(i.courseId());
            if (c >= 0 && h.contains(c)) {
                continue;
            }
            out.computeIfAbsent(i.learnerId(), k -> new LinkedHashSet<>()).add(i.courseId());
        }
        return out;
    }
}
