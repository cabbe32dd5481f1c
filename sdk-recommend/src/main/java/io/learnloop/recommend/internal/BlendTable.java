package io.learnloop.recommend.internal;

import io.learnloop.recommend.LearnerHistory;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Every part's scores for every validation learner at one recency half-life, kept only for each learner's candidate
 * pool (the union of each part's top courses) with the scaling parameters measured over the whole catalogue, so a
 * blend of any weights is scored in time proportional to the pools, not the catalogue. Only the max-abs and z-score
 * scalings are tabulated: the search blends scaled parts.
 *
 * <p>Not thread-safe to build; immutable and safe to read from several threads once built.
 */
final class BlendTable {
    private final int parts;
    private final int[][] pool;
    // hits[l]: the positions in pool[l] of the learner's held-out courses; a learner with none scores 0 whatever
    // the blend, so the search skips it.
    private final int[][] hits;
    // scaled[s][l][p * poolSize + x]: part p's score of pool course x, scaled the way scaling s scales it.
    private final float[][][] scaled;

    private BlendTable(int parts, int[][] pool, int[][] hits, float[][][] scaled) {
        this.parts = parts;
        this.pool = pool;
        this.hits = hits;
        this.scaled = scaled;
    }

    /**
     * Scores every learner with every part.
     *
     * @param models         the parts, trained on the learners' training matrix
     * @param learners       the learners
     * @param recencyMillis  the recency half-life, 0 for none
     * @param poolPerPart    how many of each part's best courses enter a learner's pool
     * @return the table
     */
    static BlendTable build(ScoringModel[] models, ValidationLearners learners, double recencyMillis, int poolPerPart) {
        int n = learners.train().courseCount();
        int p = models.length;
        Scaling[] scalings = Scaling.values();
        int[][] pool = new int[learners.size()][];
        int[][] hits = new int[learners.size()][];
        float[][][] scaled = new float[scalings.length][learners.size()][];
        IntStream.range(0, learners.size()).parallel().forEach(l -> {
            LearnerHistory h = learners.row(l);
            boolean[] own = new boolean[n];
            for (int q = 0; q < h.size(); q++) {
                own[h.course(q)] = true;
            }
            float[] rowWeights = HybridModel.recencyWeights(h, recencyMillis);
            float[][] s = new float[p][n];
            boolean[] inPool = new boolean[n];
            for (int m = 0; m < p; m++) {
                models[m].score(h, learners.index(l), rowWeights, s[m]);
                // Masked in place: the scaling skips the learner's own courses and the pool never holds them.
                ScoringModel.maskOwn(h, s[m]);
                TopK.mark(s[m], poolPerPart, 0f, false, inPool);
            }
            int[] courses = IntStream.range(0, n).filter(c -> inPool[c]).toArray();
            float[][][] paramsAll = new float[p][][];
            for (int m = 0; m < p; m++) {
                paramsAll[m] = Scaling.allParameters(s[m], own);
            }
            for (int sc = 0; sc < scalings.length; sc++) {
                if (scalings[sc] == Scaling.NONE) {
                    continue;     // the search blends scaled parts only
                }
                float[] values = new float[p * courses.length];
                for (int m = 0; m < p; m++) {
                    // The same float arithmetic as the hybrid's own scaling, so the table ranks as the model does.
                    float[] params = paramsAll[m][sc];
                    for (int x = 0; x < courses.length; x++) {
                        float v = s[m][courses[x]];
                        values[m * courses.length + x] = (v - params[0]) * params[1];
                    }
                }
                scaled[sc][l] = values;
            }
            pool[l] = courses;
            hits[l] = IntStream.range(0, courses.length).filter(x -> learners.relevant(l, courses[x])).toArray();
        });
        return new BlendTable(p, pool, hits, scaled);
    }

    /**
     * Returns each learner's NDCG at the cut-off of a blend over the learner's pool.
     *
     * @param learners the learners the table was built for
     * @param weights  one weight per part
     * @param scaling  the scaling
     * @return the NDCG of each learner
     */
    double[] ndcg(ValidationLearners learners, double[] weights, Scaling scaling) {
        return ndcg(learners, weights, scaling, null);
    }

    /**
     * Returns the NDCG at the cut-off of a blend for some of the learners only.
     *
     * @param learners the learners the table was built for
     * @param weights  one weight per part
     * @param scaling  the scaling
     * @param subset   the learners' positions, or null for all of them
     * @return the NDCG of each learner of the subset, in its order
     */
    double[] ndcg(ValidationLearners learners, double[] weights, Scaling scaling, int[] subset) {
        int k = learners.cutoff();
        int count = subset == null ? pool.length : subset.length;
        double[] each = new double[count];
        float[] w = new float[parts];
        for (int m = 0; m < parts; m++) {
            w[m] = (float) weights[m];
        }
        IntStream.range(0, count).parallel().forEach(i -> {
            int l = subset == null ? i : subset[i];
            int[] at = hits[l];
            if (at.length == 0) {
                return;
            }
            int size = pool[l].length;
            float[] values = scaled[scaling.ordinal()][l];
            float[] blended = new float[size];
            for (int m = 0; m < parts; m++) {
                float wm = w[m];
                if (wm == 0) {
                    continue;
                }
                int base = m * size;
                for (int x = 0; x < size; x++) {
                    blended[x] += wm * values[base + x];
                }
            }
            // NDCG needs only where the held-out courses land: count what beats each, as TopK.select would rank.
            int[] ranks = new int[at.length];
            for (int r = 0; r < at.length; r++) {
                ranks[r] = TopK.rank(blended, at[r], 0f, false, k);
            }
            each[i] = learners.ndcgOfRanks(l, ranks);
        });
        return each;
    }

    /**
     * Returns one learner's top courses under a blend by selecting over the whole pool, the way the table scored
     * before it counted ranks; kept as the reference the faster {@link #ndcg} is checked against.
     *
     * @param l       the learner's position
     * @param k       how many
     * @param weights one weight per part
     * @param scaling the scaling
     * @return course indexes, best first
     */
    int[] ranking(int l, int k, double[] weights, Scaling scaling) {
        int[] courses = pool[l];
        int size = courses.length;
        float[] values = scaled[scaling.ordinal()][l];
        float[] blended = new float[size];
        for (int m = 0; m < parts; m++) {
            float wm = (float) weights[m];
            if (wm == 0) {
                continue;
            }
            for (int x = 0; x < size; x++) {
                blended[x] += wm * values[m * size + x];
            }
        }
        int[] top = TopK.select(blended, k, 0f, false);
        int[] ranked = new int[top.length];
        for (int r = 0; r < top.length; r++) {
            ranked[r] = courses[top[r]];
        }
        return ranked;
    }

    /**
     * Returns the part count.
     *
     * @return parts
     */
    int parts() {
        return parts;
    }

    @Override
    public String toString() {
        return "BlendTable[learners=" + pool.length + ", parts=" + parts + ", pool sizes "
                + Arrays.stream(pool).mapToInt(a -> a.length).summaryStatistics() + "]";
    }
}
