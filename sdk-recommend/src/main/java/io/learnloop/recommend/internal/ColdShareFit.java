package io.learnloop.recommend.internal;

import java.util.stream.IntStream;

/**
 * Chooses the weight of the hybrid's cold-course share (content's scaled score added to courses with fewer than
 * {@link HybridModel#COLD_SUPPORT} learners) on validation learners. A weight is a candidate only when, against the
 * blend without it, it raises NDCG on the held-out cold courses by more than noise ({@link PairedGain}), does not
 * lower NDCG over all held-out courses by more than noise, and keeps that NDCG at or above the floor (the best single
 * part's); of the candidates the one with the best cold NDCG wins. Every weight is scored in one pass over the
 * learners: the blend is computed once per learner and the share added to its cold courses, in the order the model
 * adds it, so the scores are the model's own.
 *
 * <p>Thread-safe: static helpers without state.
 */
final class ColdShareFit {
    /** The candidate weights of the share. */
    static final double[] GRID = {0.02, 0.05, 0.1, 0.25, 0.5, 1};

    /** The chosen weight, 0 for none, and the blend's NDCG over all held-out courses with it. */
    record Result(double weight, double[] each) {
    }

    private ColdShareFit() {
    }

    /**
     * Runs the choice.
     *
     * @param model    the blend with a cold content model and weight 0, trained on the learners' training matrix
     * @param learners the validation learners
     * @param base     the blend's NDCG per learner without the share
     * @param floor    the lowest mean NDCG the blend may have with the share
     * @return the weight and the NDCG per learner with it (base when the weight is 0)
     */
    static Result run(HybridModel model, ValidationLearners learners, double[] base, double floor) {
        int[] coldCourses = model.coldCourses();
        int n = learners.train().courseCount();
        boolean[] cold = new boolean[n];
        for (int c : coldCourses) {
            cold[c] = true;
        }
        int size = learners.size();
        double[][] all = new double[GRID.length][size];
        double[][] coldEach = new double[GRID.length + 1][size];
        IntStream.range(0, size).parallel().forEach(l -> {
            float[] blend = new float[n];
            model.score(learners.row(l), learners.index(l), blend);
            float unit = HybridModel.coldUnit(blend, learners.row(l));
            ScoringModel.maskOwn(learners.row(l), blend);
            coldEach[GRID.length][l] = learners.ndcgWithin(l, blend, cold);
            // Every learner, not only those with cold held-out courses: the share can push their courses down.
            float[] content = model.coldScaled(learners.row(l), learners.index(l));
            int[] picks = content == null ? new int[0] : model.coldPicks(content, learners.row(l));
            for (int g = 0; g < GRID.length; g++) {
                if (content == null) {
                    all[g][l] = base[l];
                    coldEach[g][l] = coldEach[GRID.length][l];
                    continue;
                }
                float[] s = blend.clone();
                for (int c : picks) {
                    s[c] += (float) GRID[g] * (unit * content[c]);
                }
                all[g][l] = learners.ndcgOfScores(l, s, false);
                coldEach[g][l] = learners.ndcgWithin(l, s, cold);
            }
        });
        int[] withCold = IntStream.range(0, size).filter(l -> !Double.isNaN(coldEach[GRID.length][l])).toArray();
        double[] coldBase = pick(coldEach[GRID.length], withCold);
        int chosen = -1;
        double chosenCold = ValidationLearners.mean(coldBase);
        for (int g = 0; g < GRID.length; g++) {
            double[] c = pick(coldEach[g], withCold);
            double mean = ValidationLearners.mean(c);
            if (mean > chosenCold && PairedGain.significant(c, coldBase) && !PairedGain.significant(base, all[g])
                    && ValidationLearners.mean(all[g]) >= floor) {
                chosen = g;
                chosenCold = mean;
            }
        }
        return chosen < 0 ? new Result(0, base) : new Result(GRID[chosen], all[chosen]);
    }

    private static double[] pick(double[] values, int[] at) {
        double[] out = new double[at.length];
        for (int i = 0; i < at.length; i++) {
            out[i] = values[at[i]];
        }
        return out;
    }
}
