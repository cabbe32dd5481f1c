package io.learnloop.recommend.eval;

import io.learnloop.core.error.ValidationException;
import io.learnloop.recommend.Interaction;
import io.learnloop.recommend.InteractionMatrix;
import io.learnloop.recommend.LearnerHistory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * How to hold out learner-course pairs: the one definition used for the test split of an evaluation and for every
 * validation split carved out of a training side (the tuner's and the fitted hybrid's), so a model is always tuned
 * for the task it is tested on. Every method holds out whole pairs, per learner, and never a learner's whole row:
 * a learner with one course keeps it, a learner with two or more courses gives up at least one.
 *
 * <ul>
 *   <li>{@link #random(double, long) random}: each learner gives up {@code round(n * fraction)} of their n courses,
 *       picked at random (seeded per learner, so a learner's pick does not depend on the other learners);</li>
 *   <li>{@link #temporal(double) temporal}: each learner gives up the latest {@code round(n * fraction)} courses by
 *       the time the learner first touched them;</li>
 *   <li>{@link #leaveLastOut() leave-last-out}: each learner gives up the one course first touched last.</li>
 * </ul>
 * Ties in time are broken by course id. The same method gives the same pairs whether it splits a list of
 * interactions or the rows of an {@link InteractionMatrix}.
 *
 * <p>Thread-safe: immutable.
 */
public final class SplitMethod {
    /** The kinds of split. */
    public enum Kind {
        /** A random share of each learner's courses. */
        RANDOM,
        /** The latest share of each learner's courses. */
        TEMPORAL,
        /** Each learner's latest course. */
        LEAVE_LAST_OUT
    }

    private final Kind kind;
    private final double fraction;
    private final long seed;

    private SplitMethod(Kind kind, double fraction, long seed) {
        this.kind = kind;
        this.fraction = fraction;
        this.seed = seed;
    }

    /**
     * A random share of each learner's courses.
     *
     * @param fraction the share held out, above 0 and below 1
     * @param seed     the seed
     * @return the method
     * @throws ValidationException if the fraction is out of range
     */
    public static SplitMethod random(double fraction, long seed) {
        checkFraction(fraction);
        return new SplitMethod(Kind.RANDOM, fraction, seed);
    }

    /**
     * The latest share of each learner's courses, by the time the learner first touched each.
     *
     * @param fraction the share held out, above 0 and below 1
     * @return the method
     * @throws ValidationException if the fraction is out of range
     */
    public static SplitMethod temporal(double fraction) {
        checkFraction(fraction);
        return new SplitMethod(Kind.TEMPORAL, fraction, 0);
    }

    /**
     * The one course each learner first touched last.
     *
     * @return the method
     */
    public static SplitMethod leaveLastOut() {
        return new SplitMethod(Kind.LEAVE_LAST_OUT, 0, 0);
    }

    /**
     * Returns the kind.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Returns the share held out (0 for leave-last-out).
     *
     * @return the fraction
     */
    public double fraction() {
        return fraction;
    }

    /**
     * Returns the seed (0 unless random).
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    private static void checkFraction(double f) {
        if (!(f > 0 && f < 1)) {
            throw ValidationException.of("fraction", "must be above 0 and below 1 (was " + f + ")");
        }
    }

    /**
     * Splits a list of interactions: every interaction of a held-out pair goes to the test side.
     *
     * @param interactions the interactions
     * @return the split
     */
    public Split split(List<Interaction> interactions) {
        Objects.requireNonNull(interactions, "interactions");
        Map<String, Map<String, Long>> firstSeen = new LinkedHashMap<>();
        for (Interaction i : interactions) {
            firstSeen.computeIfAbsent(i.learnerId(), k -> new HashMap<>())
                    .merge(i.courseId(), i.timestamp().toEpochMilli(), Math::min);
        }
        Map<String, Set<String>> held = new HashMap<>();
        for (Map.Entry<String, Map<String, Long>> e : firstSeen.entrySet()) {
            held.put(e.getKey(), holdOut(e.getKey(), e.getValue()));
        }
        List<Interaction> train = new ArrayList<>();
        List<Interaction> test = new ArrayList<>();
        for (Interaction i : interactions) {
            (held.get(i.learnerId()).contains(i.courseId()) ? test : train).add(i);
        }
        return new Split(train, test);
    }

    /**
     * Splits the current rows of a matrix: the training side is a new matrix without the held-out pairs (same
     * numbering and weights, see {@link InteractionMatrix#without(Map)}), the relevant courses are the held-out
     * pairs.
     *
     * @param matrix the matrix
     * @return the split
     */
    public MatrixSplit split(InteractionMatrix matrix) {
        Objects.requireNonNull(matrix, "matrix");
        Map<String, Set<String>> relevant = new LinkedHashMap<>();
        for (int u = 0; u < matrix.learnerCount(); u++) {
            LearnerHistory h = matrix.history(u);
            if (h.size() < 2) {
                continue;
            }
            Map<String, Long> courses = new HashMap<>();
            for (int p = 0; p < h.size(); p++) {
                courses.put(matrix.courseId(h.course(p)), h.firstSeen(p));
            }
            String learner = matrix.learnerId(u);
            relevant.put(learner, holdOut(learner, courses));
        }
        return new MatrixSplit(matrix.without(relevant), relevant);
    }

    /**
     * Returns how many courses a learner with {@code courses} courses keeps on the training side: what a model
     * fitted on this split sees of a history that length. It never falls as {@code courses} grows, and grows by at
     * most one at a time.
     *
     * @param courses the learner's number of courses, at least 0
     * @return the number kept
     */
    public int kept(int courses) {
        return courses - heldOut(courses);
    }

    private int heldOut(int n) {
        return n < 2 ? 0 : kind == Kind.LEAVE_LAST_OUT ? 1
                : Math.min(n - 1, Math.max(1, (int) Math.round(n * fraction)));
    }

    /** Chooses one learner's held-out courses from each course's first-seen time. */
    private Set<String> holdOut(String learner, Map<String, Long> firstSeen) {
        int count = heldOut(firstSeen.size());
        if (count == 0) {
            return Set.of();
        }
        List<Map.Entry<String, Long>> courses = new ArrayList<>(firstSeen.entrySet());
        if (kind == Kind.RANDOM) {
            courses.sort(Map.Entry.comparingByKey());
            // Seeded per learner: a learner's pick depends on the seed and that learner's courses only.
            SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + learner.hashCode());
            for (int i = courses.size() - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                Map.Entry<String, Long> t = courses.get(i);
                courses.set(i, courses.get(j));
                courses.set(j, t);
            }
        } else {
            courses.sort(Map.Entry.<String, Long>comparingByValue()
                    .thenComparing(Map.Entry.comparingByKey(Comparator.naturalOrder())));
        }
        Set<String> out = new HashSet<>();
        for (int k = courses.size() - count; k < courses.size(); k++) {
            out.add(courses.get(k).getKey());
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SplitMethod m && m.kind == kind && Double.compare(m.fraction, fraction) == 0
                && m.seed == seed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, fraction, seed);
    }

    /**
     * Returns a short description, for example {@code random 0.2 per learner (seed 42)}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return switch (kind) {
            case RANDOM -> String.format(Locale.ROOT, "random %s per learner (seed %d)", fraction, seed);
            case TEMPORAL -> String.format(Locale.ROOT, "temporal %s per learner", fraction);
            case LEAVE_LAST_OUT -> "leave-last-out";
        };
    }
}
