package io.learnloop.recommend.internal;

import java.time.Duration;
import java.util.List;

/**
 * Chooses the hybrid's weights, recency half-life and scaling by NDCG on validation learners. For each half-life it
 * starts from the best single part (weight 1) and runs up to two rounds of coordinate ascent over the other parts'
 * weights on a fixed grid. A change is kept only when it raises the mean NDCG by more than noise
 * ({@link PairedGain}), so a blend is not bought with luck; starting from the best part and accepting only
 * improvements keeps the result at or above that part.
 *
 * <p>Thread-safe: static helpers without state.
 */
final class BlendSearch {
    private static final double[] GRID = {0, 0.1, 0.25, 0.5, 1, 2};
    private static final int ROUNDS = 2;
    private static final Scaling[] SCALINGS = {Scaling.MAX_ABS, Scaling.Z_SCORE};

    /** A blend, its validation NDCG per learner and their mean. */
    record Choice(double[] weights, long recencyMillis, Scaling scaling, double[] each, double ndcg) {
    }

    private BlendSearch() {
    }

    /**
     * Runs the search.
     *
     * @param models      the parts, trained on the learners' training matrix
     * @param learners    the validation learners
     * @param recency     the candidate half-lives
     * @param poolPerPart how many of each part's best courses a learner's pool takes
     * @return the best blend found
     */
    static Choice run(ScoringModel[] models, ValidationLearners learners, List<Duration> recency, int poolPerPart) {
        return search(models, learners, recency, poolPerPart).choice();
    }

    /** The best blend and the table it was scored on, for fits that refine it. */
    record Found(Choice choice, BlendTable table) {
    }

    /**
     * Runs the search and keeps the table of the chosen half-life.
     *
     * @param models      the parts, trained on the learners' training matrix
     * @param learners    the validation learners
     * @param recency     the candidate half-lives
     * @param poolPerPart how many of each part's best courses a learner's pool takes
     * @return the best blend found and its table
     */
    static Found search(ScoringModel[] models, ValidationLearners learners, List<Duration> recency,
                        int poolPerPart) {
        List<Duration> halfLives = recency.stream().sorted().toList();
        Choice best = null;
        BlendTable bestTable = null;
        Scaling chosen = null;
        for (Duration r : halfLives) {
            BlendTable table = BlendTable.build(models, learners, r.toMillis(), poolPerPart);
            Choice anchor = null;
            for (int m = 0; m < models.length; m++) {
                Choice c = choice(table, learners, oneHot(models.length, m), Scaling.MAX_ABS, r.toMillis());
                if (anchor == null || c.ndcg() > anchor.ndcg()) {
                    anchor = c;
                }
            }
            if (best == null) {
                best = anchor;
                bestTable = table;
            }
            // The scaling is chosen once, at the first half-life; later half-lives reuse it, which halves the work.
            Choice here = null;
            for (Scaling scaling : chosen == null ? SCALINGS : new Scaling[] {chosen}) {
                Choice c = ascend(table, learners, anchor, scaling);
                if (here == null || c.ndcg() > here.ndcg()) {
                    here = c;
                }
            }
            chosen = here.scaling();
            if (better(here, best)) {
                best = here;
                bestTable = table;
            }
        }
        return new Found(best, bestTable);
    }

    private static Choice ascend(BlendTable table, ValidationLearners learners, Choice anchor, Scaling scaling) {
        Choice current = new Choice(anchor.weights(), anchor.recencyMillis(), scaling, anchor.each(), anchor.ndcg());
        int fixed = 0;
        while (anchor.weights()[fixed] == 0) {
            fixed++;
        }
        for (int round = 0; round < ROUNDS; round++) {
            boolean moved = false;
            for (int m = 0; m < current.weights().length; m++) {
                if (m == fixed) {
                    continue;
                }
                Choice bestHere = null;
                for (double g : GRID) {
                    if (g == current.weights()[m]) {
                        continue;
                    }
                    double[] x = current.weights().clone();
                    x[m] = g;
                    Choice c = choice(table, learners, x, scaling, current.recencyMillis());
                    if (better(c, current) && (bestHere == null || c.ndcg() > bestHere.ndcg())) {
                        bestHere = c;
                    }
                }
                if (bestHere != null) {
                    current = bestHere;
                    moved = true;
                }
            }
            if (!moved) {
                break;
            }
        }
        return current;
    }

    private static Choice choice(BlendTable table, ValidationLearners learners, double[] weights, Scaling scaling,
                                 long recencyMillis) {
        double[] each = table.ndcg(learners, weights, scaling);
        return new Choice(weights, recencyMillis, scaling, each, ValidationLearners.mean(each));
    }

    /** Whether {@code a} beats {@code b} by more than noise. */
    static boolean better(Choice a, Choice b) {
        return PairedGain.significant(a.each(), b.each());
    }

    static double[] oneHot(int size, int at) {
        double[] w = new double[size];
        w[at] = 1;
        return w;
    }
}
