package io.learnloop.recommend.internal;

import io.learnloop.recommend.InteractionMatrix;
import io.learnloop.recommend.LearnerHistory;
import io.learnloop.recommend.eval.MatrixSplit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The held-out learners a fit scores: at most a cap of them, evenly spread over the split's learners (so the pick
 * does not favour early or late learners), each with the training row and the held-out course indexes.
 *
 * <p>Thread-safe: immutable once built.
 */
public final class ValidationLearners {
    private final InteractionMatrix train;
    private final String[] ids;
    private final int[] index;
    private final LearnerHistory[] rows;
    private final int[][] relevant;
    private final int k;
    // discount[r] = 1 / log2(r + 2); ideal[i] = the learner's best possible DCG at k.
    private final double[] discount;
    private final double[] ideal;

    private ValidationLearners(InteractionMatrix train, String[] ids, int[] index, LearnerHistory[] rows,
                               int[][] relevant, int k) {
        this.train = train;
        this.ids = ids;
        this.index = index;
        this.rows = rows;
        this.relevant = relevant;
        this.k = k;
        discount = new double[k];
        for (int r = 0; r < k; r++) {
            discount[r] = 1 / (Math.log(r + 2) / Math.log(2));
        }
        ideal = new double[ids.length];
        for (int i = 0; i < ids.length; i++) {
            for (int r = 0; r < Math.min(k, relevant[i].length); r++) {
                ideal[i] += discount[r];
            }
        }
    }

    /**
     * Picks the learners.
     *
     * @param split the split
     * @param cap   the most learners
     * @param k     the cut-off of the NDCG they are scored by
     * @return the learners
     */
    public static ValidationLearners of(MatrixSplit split, int cap, int k) {
        InteractionMatrix m = split.train();
        List<String> all = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : split.relevant().entrySet()) {
            if (m.learnerIndex(e.getKey()) >= 0 && !m.history(e.getKey()).isEmpty()) {
                all.add(e.getKey());
            }
        }
        int size = Math.min(cap, all.size());
        String[] ids = new String[size];
        int[] index = new int[size];
        LearnerHistory[] rows = new LearnerHistory[size];
        int[][] relevant = new int[size][];
        for (int i = 0; i < size; i++) {
            String id = all.get((int) ((long) i * all.size() / size));
            ids[i] = id;
            index[i] = m.learnerIndex(id);
            rows[i] = m.history(index[i]);
            relevant[i] = split.relevant().get(id).stream().mapToInt(m::courseIndex).filter(c -> c >= 0).sorted()
                    .toArray();
        }
        return new ValidationLearners(m, ids, index, rows, relevant, k);
    }

    /**
     * Returns at most {@code size} of these learners, evenly spread over them (all of them when there are fewer).
     *
     * @param size how many
     * @return the subset, scored at the same cut-off
     */
    public ValidationLearners spread(int size) {
        if (size >= ids.length) {
            return this;
        }
        String[] i2 = new String[size];
        int[] x2 = new int[size];
        LearnerHistory[] r2 = new LearnerHistory[size];
        int[][] rel2 = new int[size][];
        for (int i = 0; i < size; i++) {
            int from = (int) ((long) i * ids.length / size);
            i2[i] = ids[from];
            x2[i] = index[from];
            r2[i] = rows[from];
            rel2[i] = relevant[from];
        }
        return new ValidationLearners(train, i2, x2, r2, rel2, k);
    }

    /**
     * Returns the training matrix.
     *
     * @return the matrix
     */
    public InteractionMatrix train() {
        return train;
    }

    /**
     * Returns how many learners are scored.
     *
     * @return the count
     */
    public int size() {
        return ids.length;
    }

    /**
     * Returns a learner's id.
     *
     * @param i the learner's position
     * @return the id
     */
    public String id(int i) {
        return ids[i];
    }

    /**
     * Returns a learner's index in the training matrix.
     *
     * @param i the learner's position
     * @return the index
     */
    public int index(int i) {
        return index[i];
    }

    /**
     * Returns a learner's training row.
     *
     * @param i the learner's position
     * @return the row
     */
    public LearnerHistory row(int i) {
        return rows[i];
    }

    /**
     * Returns whether a course is held out for a learner.
     *
     * @param i      the learner's position
     * @param course the course index
     * @return true when relevant
     */
    public boolean relevant(int i, int course) {
        return Arrays.binarySearch(relevant[i], course) >= 0;
    }

    /**
     * Returns the held-out courses of the scored learners, by learner id.
     *
     * @return course ids by learner id
     */
    public Map<String, Set<String>> relevantIds() {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (int i = 0; i < ids.length; i++) {
            Set<String> courses = new java.util.LinkedHashSet<>();
            for (int c : relevant[i]) {
                courses.add(train.courseId(c));
            }
            out.put(ids[i], courses);
        }
        return out;
    }

    /**
     * Returns the cut-off.
     *
     * @return k
     */
    public int cutoff() {
        return k;
    }

    /**
     * Returns NDCG at the cut-off of one learner's ranking (binary relevance, ideal DCG over min(k, relevant count)).
     *
     * @param i   the learner's position
     * @param top the ranked course indexes, best first
     * @return the learner's NDCG
     */
    public double ndcg(int i, int[] top) {
        double dcg = 0;
        for (int r = 0; r < Math.min(k, top.length); r++) {
            if (relevant(i, top[r])) {
                dcg += discount[r];
            }
        }
        return ideal[i] == 0 ? 0 : dcg / ideal[i];
    }

    /**
     * Returns NDCG at the cut-off of one learner from the ranks its held-out courses reach: the same value as
     * {@link #ndcg(int, int[])} of the ranking those ranks come from, without building that ranking.
     *
     * @param i     the learner's position
     * @param ranks the rank of each held-out course (0 for the best; k or more when outside the top k)
     * @return the learner's NDCG
     */
    public double ndcgOfRanks(int i, int[] ranks) {
        if (ideal[i] == 0) {
            return 0;
        }
        int[] sorted = ranks.clone();
        Arrays.sort(sorted);
        // Summed best rank first, the order ndcg(int, int[]) adds them in, so the two agree to the last bit.
        double dcg = 0;
        for (int r : sorted) {
            if (r >= k) {
                break;
            }
            dcg += discount[r];
        }
        return dcg / ideal[i];
    }

    /**
     * Returns NDCG at the cut-off of one learner from a full score array over the catalogue, ranking as
     * {@link TopK#select} does but only counting how many courses beat each held-out course.
     *
     * @param i      the learner's position
     * @param scores one score per course, the learner's own courses masked out
     * @param strict whether only scores above 0 count (positive-only models)
     * @return the learner's NDCG
     */
    double ndcgOfScores(int i, float[] scores, boolean strict) {
        int[] ranks = new int[relevant[i].length];
        for (int r = 0; r < ranks.length; r++) {
            int c = relevant[i][r];
            ranks[r] = c < scores.length ? TopK.rank(scores, c, 0f, strict, k) : Integer.MAX_VALUE;
        }
        return ndcgOfRanks(i, ranks);
    }

    /**
     * Returns NDCG at the cut-off of one learner counting only the held-out courses in a subset of the catalogue
     * (the ideal DCG over those too), the courses ranked among all others as {@link #ndcgOfScores} ranks them.
     *
     * @param i      the learner's position
     * @param scores one score per course, the learner's own courses masked out
     * @param subset which courses count, one flag per course
     * @return the NDCG, or NaN when none of the learner's held-out courses is in the subset
     */
    double ndcgWithin(int i, float[] scores, boolean[] subset) {
        int count = 0;
        for (int c : relevant[i]) {
            if (c < subset.length && subset[c]) {
                count++;
            }
        }
        if (count == 0) {
            return Double.NaN;
        }
        int[] ranks = new int[count];
        int at = 0;
        for (int c : relevant[i]) {
            if (c < subset.length && subset[c]) {
                ranks[at++] = c < scores.length ? TopK.rank(scores, c, 0f, false, k) : Integer.MAX_VALUE;
            }
        }
        Arrays.sort(ranks);
        double dcg = 0;
        double best = 0;
        for (int r = 0; r < Math.min(k, count); r++) {
            best += discount[r];
        }
        for (int r : ranks) {
            if (r >= k) {
                break;
            }
            dcg += discount[r];
        }
        return dcg / best;
    }

    /**
     * Returns the held-out course indexes of one learner, ascending.
     *
     * @param i the learner's position
     * @return the course indexes (a copy)
     */
    int[] relevantCourses(int i) {
        return relevant[i].clone();
    }

    /**
     * Returns a model's NDCG at the cut-off for each learner, by full ranking: the same top-k the model's
     * recommendations hold, without building their explanations.
     *
     * @param model the model, trained on {@link #train()}
     * @return one NDCG per learner
     */
    public double[] ndcg(ScoringModel model) {
        double[] each = new double[ids.length];
        int n = train.courseCount();
        java.util.stream.IntStream.range(0, ids.length).parallel().forEach(i -> {
            float[] scores = new float[n];
            if (model.score(rows[i], index[i], scores)) {
                ScoringModel.maskOwn(rows[i], scores);
                each[i] = ndcgOfScores(i, scores, model.positiveOnly());
            }
        });
        return each;
    }

    /**
     * Returns the mean of per-learner values, summed in learner order so the result does not depend on threads.
     *
     * @param each one value per learner
     * @return the mean, 0 for none
     */
    public static double mean(double[] each) {
        double sum = 0;
        for (double v : each) {
            sum += v;
        }
        return each.length == 0 ? 0 : sum / each.length;
    }
}
