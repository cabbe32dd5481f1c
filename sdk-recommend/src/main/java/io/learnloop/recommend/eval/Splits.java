package io.learnloop.recommend.eval;

import io.learnloop.core.error.ValidationException;
import io.learnloop.recommend.Interaction;
import io.learnloop.recommend.InteractionMatrix;
import io.learnloop.recommend.LearnerHistory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

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
     * Leave-last-out: for each learner with at least two courses, the course first touched last is held out.
     *
     * @param interactions the interactions
     * @return the split
     */
    public static Split leaveLastOut(List<Interaction> interactions) {
        return byLearner(interactions, n -> n >= 2 ? 1 : 0);
    }

    /**
     * Temporal split per learner: each learner's courses are ordered by the time the learner first touched them and
     * the latest {@code testFraction} of them (at least one, never all) are held out, so every test course lies in
     * the learner's future relative to the learner's training courses.
     *
     * @param interactions the interactions
     * @param testFraction the fraction held out, above 0 and below 1
     * @return the split
     * @throws ValidationException if the fraction is out of range
     */
    public static Split temporal(List<Interaction> interactions, double testFraction) {
        checkFraction(testFraction);
        return byLearner(interactions, n -> n >= 2 ? Math.min(n - 1, Math.max(1, (int) Math.round(n * testFraction))) : 0);
    }

    /**
     * Random split: each learner-course pair is held out with probability {@code testFraction}.
     *
     * @param interactions the interactions
     * @param testFraction the probability, above 0 and below 1
     * @param seed         the seed
     * @return the split
     * @throws ValidationException if the fraction is out of range
     */
    public static Split random(List<Interaction> interactions, double testFraction, long seed) {
        checkFraction(testFraction);
        Map<String, Boolean> held = new HashMap<>();
        SplittableRandom r = new SplittableRandom(seed);
        List<Interaction> train = new ArrayList<>();
        List<Interaction> test = new ArrayList<>();
        for (Interaction i : interactions) {
            boolean out = held.computeIfAbsent(i.learnerId() + '\u0000' + i.courseId(), k -> r.nextDouble() < testFraction);
            (out ? test : train).add(i);
        }
        return new Split(train, test);
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

    private static void checkFraction(double f) {
        if (!(f > 0 && f < 1)) {
            throw ValidationException.of("testFraction", "must be above 0 and below 1 (was " + f + ")");
        }
    }

    private interface HoldOut {
        int count(int courses);
    }

    private static Split byLearner(List<Interaction> interactions, HoldOut holdOut) {
        Map<String, Map<String, Long>> firstSeen = new HashMap<>();
        for (Interaction i : interactions) {
            firstSeen.computeIfAbsent(i.learnerId(), k -> new HashMap<>())
                    .merge(i.courseId(), i.timestamp().toEpochMilli(), Math::min);
        }
        Map<String, Set<String>> heldOut = new HashMap<>();
        for (Map.Entry<String, Map<String, Long>> e : firstSeen.entrySet()) {
            List<Map.Entry<String, Long>> courses = new ArrayList<>(e.getValue().entrySet());
            courses.sort(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.naturalOrder())));
            int n = holdOut.count(courses.size());
            Set<String> out = new java.util.HashSet<>();
            for (int k = courses.size() - n; k < courses.size(); k++) {
                out.add(courses.get(k).getKey());
            }
            heldOut.put(e.getKey(), out);
        }
        List<Interaction> train = new ArrayList<>();
        List<Interaction> test = new ArrayList<>();
        for (Interaction i : interactions) {
            (heldOut.get(i.learnerId()).contains(i.courseId()) ? test : train).add(i);
        }
        return new Split(train, test);
    }
}
