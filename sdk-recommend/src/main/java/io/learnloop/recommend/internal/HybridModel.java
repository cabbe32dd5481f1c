package io.learnloop.recommend.internal;

import io.learnloop.recommend.Explanation;
import io.learnloop.recommend.InteractionMatrix;
import io.learnloop.recommend.LearnerHistory;

import io.learnloop.recommend.Recommendation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Blends component models: each component's scores are put on a common scale over the courses the learner does not
 * have ({@link Scaling}: by the largest absolute value, or to mean 0 and standard deviation 1), then summed with the
 * component weights, which may differ by the learner's history length ({@link HistoryBuckets}). A learner with no
 * history gets popularity; a learner with fewer than {@code coldHistory} courses gets the content and popularity
 * components at full weight on top of the blend, since collaborative signals are thin there. New courses (no
 * interactions) score through the content component, and with a cold-course share each learner's
 * {@value #COLD_SLOTS} best-matching courses (by content) among those with fewer than {@value #COLD_SUPPORT}
 * learners get content's score, relative to its best, times the share's weight times the learner's best blended
 * score, on top of the blend.
 *
 * <p>Thread-safe: immutable once built.
 */
public final class HybridModel extends ScoringModel {
    private final ScoringModel[] components;
    private final float[] weights;
    private final ScoringModel popularity;
    private final ScoringModel content;
    private final int coldHistory;
    private final double recencyHalfLifeMillis;
    private final Scaling scaling;
    // The cold-course share, for courses with fewer than COLD_SUPPORT learners, which the interaction parts barely
    // reach: see the class comment.
    private final ScoringModel coldContent;
    private final float coldWeight;
    private final int[] coldCourses;
    // Weights by the learner's history length (see HistoryBuckets), or null for one set of weights.
    private final HistoryBuckets buckets;
    private final float[][] bucketWeights;

    /** A course with fewer learners than this in the matrix gets the cold-course share. */
    public static final int COLD_SUPPORT = 5;
    /** How many cold courses a learner's share goes to. */
    public static final int COLD_SLOTS = 2;

    /**
     * Creates the blend.
     *
     * @param matrix      the matrix
     * @param catalogue   the catalogue
     * @param components  the components
     * @param weights     one weight per component
     * @param popularity  the popularity model for learners without history
     * @param content     the content model, or null
     * @param coldHistory below this many courses a learner counts as cold
     * @param recencyHalfLifeMillis half-life of a row entry's weight, counted back from the learner's latest
     *                    activity ({@link Decay#pow2(double)}, so very old entries keep a tiny weight); 0 weighs the
     *                    whole row equally
     */
    public HybridModel(InteractionMatrix matrix, Catalogue catalogue, List<ScoringModel> components,
                       List<Double> weights, ScoringModel popularity, ScoringModel content, int coldHistory,
                       double recencyHalfLifeMillis) {
        this(matrix, catalogue, components, weights, popularity, content, coldHistory, recencyHalfLifeMillis,
                Scaling.MAX_ABS);
    }

    /**
     * Creates the blend with a choice of scaling.
     *
     * @param matrix      the matrix
     * @param catalogue   the catalogue
     * @param components  the components
     * @param weights     one weight per component
     * @param popularity  the popularity model for learners without history
     * @param content     the content model, or null
     * @param coldHistory below this many courses a learner counts as cold
     * @param recencyHalfLifeMillis half-life of a row entry's weight, 0 for none
     * @param scaling     how each component's scores are scaled
     */
    public HybridModel(InteractionMatrix matrix, Catalogue catalogue, List<ScoringModel> components,
                       List<Double> weights, ScoringModel popularity, ScoringModel content, int coldHistory,
                       double recencyHalfLifeMillis, Scaling scaling) {
        this(matrix, catalogue, components, weights, popularity, content, coldHistory, recencyHalfLifeMillis,
                scaling, null, 0);
    }

    /**
     * Creates the blend with a choice of scaling and a share for cold courses.
     *
     * @param matrix      the matrix
     * @param catalogue   the catalogue
     * @param components  the components
     * @param weights     one weight per component
     * @param popularity  the popularity model for learners without history
     * @param content     the content model for cold learners, or null
     * @param coldHistory below this many courses a learner counts as cold
     * @param recencyHalfLifeMillis half-life of a row entry's weight, 0 for none
     * @param scaling     how each component's scores are scaled
     * @param coldContent the content model whose scaled scores courses with fewer than {@link #COLD_SUPPORT}
     *                    learners receive on top of the blend, or null
     * @param coldWeight  the weight of that share, 0 for none
     */
    public HybridModel(InteractionMatrix matrix, Catalogue catalogue, List<ScoringModel> components,
                       List<Double> weights, ScoringModel popularity, ScoringModel content, int coldHistory,
                       double recencyHalfLifeMillis, Scaling scaling, ScoringModel coldContent, double coldWeight) {
        this(matrix, catalogue, components, weights, popularity, content, coldHistory, recencyHalfLifeMillis,
                scaling, coldContent, coldWeight, null, null);
    }

    /**
     * Creates the blend with weights that depend on the learner's history length.
     *
     * @param matrix      the matrix
     * @param catalogue   the catalogue
     * @param components  the components
     * @param weights     one weight per component, for learners outside every bucket
     * @param popularity  the popularity model for learners without history
     * @param content     the content model for cold learners, or null
     * @param coldHistory below this many courses a learner counts as cold
     * @param recencyHalfLifeMillis half-life of a row entry's weight, 0 for none
     * @param scaling     how each component's scores are scaled
     * @param coldContent the content model for the cold-course share, or null
     * @param coldWeight  the weight of that share, 0 for none
     * @param bucketBounds the smallest history length of each bucket after the first, ascending, or null for one
     *                    set of weights
     * @param bucketWeights one weight per component for each bucket ({@code bucketBounds.length + 1} rows), or null
     */
    public HybridModel(InteractionMatrix matrix, Catalogue catalogue, List<ScoringModel> components,
                       List<Double> weights, ScoringModel popularity, ScoringModel content, int coldHistory,
                       double recencyHalfLifeMillis, Scaling scaling, ScoringModel coldContent, double coldWeight,
                       int[] bucketBounds, double[][] bucketWeights) {
        super(matrix, catalogue);
        if (bucketBounds == null || bucketWeights == null) {
            this.buckets = null;
            this.bucketWeights = null;
        } else {
            this.buckets = new HistoryBuckets(bucketBounds, bucketWeights);
            this.bucketWeights = new float[bucketWeights.length][];
            for (int b = 0; b < bucketWeights.length; b++) {
                if (bucketWeights[b].length != components.size()) {
                    throw new IllegalArgumentException("bucket " + b + " has " + bucketWeights[b].length
                            + " weights for " + components.size() + " components");
                }
                this.bucketWeights[b] = new float[bucketWeights[b].length];
                for (int m = 0; m < bucketWeights[b].length; m++) {
                    this.bucketWeights[b][m] = (float) bucketWeights[b][m];
                }
            }
        }
        this.coldContent = coldContent;
        this.coldWeight = (float) coldWeight;
        this.coldCourses = coldContent == null ? new int[0] : coldCourses(matrix);
        this.scaling = scaling;
        this.components = components.toArray(new ScoringModel[0]);
        this.weights = new float[weights.size()];
        for (int i = 0; i < this.weights.length; i++) {
            this.weights[i] = weights.get(i).floatValue();
        }
        this.popularity = popularity;
        this.content = content;
        this.coldHistory = coldHistory;
        this.recencyHalfLifeMillis = recencyHalfLifeMillis;
    }

    /**
     * Returns the courses with fewer than {@link #COLD_SUPPORT} learners in a matrix, ascending.
     *
     * @param matrix the matrix
     * @return the course indexes
     */
    public static int[] coldCourses(InteractionMatrix matrix) {
        Transpose t = Transpose.of(matrix);
        return java.util.stream.IntStream.range(0, matrix.courseCount())
                .filter(c -> t.start(c + 1) - t.start(c) < COLD_SUPPORT).toArray();
    }

    /**
     * Returns the courses that receive the cold-course share.
     *
     * @return course indexes, ascending (a copy)
     */
    int[] coldCourses() {
        return coldCourses.clone();
    }

    /**
     * Returns content's scores for one learner divided by the largest among the courses the learner does not have
     * ({@link Scaling#MAX_ABS}), for the cold-course share; null when there is no cold content model or it has
     * nothing to say.
     *
     * @param history the learner's row
     * @param learner the learner's index, or -1
     * @return one scaled score per course, or null
     */
    float[] coldScaled(LearnerHistory history, int learner) {
        if (coldContent == null || history.isEmpty()) {
            return null;
        }
        int n = matrix.courseCount();
        float[] s = new float[n];
        if (!coldContent.score(history, learner, recencyWeights(history, recencyHalfLifeMillis), s)) {
            return null;
        }
        float[] p = Scaling.MAX_ABS.parameters(s, own(history, n));
        for (int c = 0; c < n; c++) {
            s[c] = (s[c] - p[0]) * p[1];
        }
        return s;
    }

    /**
     * Returns the cold courses a learner's share goes to: the {@link #COLD_SLOTS} the content model likes best among
     * those the learner does not have, so new courses can reach a list without flooding it.
     *
     * @param cold    content's scaled scores, one per course
     * @param history the learner's row
     * @return course indexes
     */
    int[] coldPicks(float[] cold, LearnerHistory history) {
        float[] masked = new float[coldCourses.length];
        for (int x = 0; x < coldCourses.length; x++) {
            masked[x] = coldCourses[x] < cold.length ? cold[coldCourses[x]] : Float.NEGATIVE_INFINITY;
        }
        for (int p = 0; p < history.size(); p++) {
            int x = java.util.Arrays.binarySearch(coldCourses, history.course(p));
            if (x >= 0) {
                masked[x] = Float.NEGATIVE_INFINITY;
            }
        }
        int[] top = TopK.select(masked, COLD_SLOTS, 0f, true);
        for (int r = 0; r < top.length; r++) {
            top[r] = coldCourses[top[r]];
        }
        return top;
    }

    /**
     * Returns the unit the cold-course share is measured in for one learner: the largest absolute blended score
     * among the courses the learner does not have, so share weight 1 puts content's best match level with the
     * blend's best course whatever the parts' scaling.
     *
     * @param blend   the blended scores, before the learner's courses are masked
     * @param history the learner's row
     * @return the unit, 1 when every blended score is 0
     */
    static float coldUnit(float[] blend, LearnerHistory history) {
        boolean[] own = own(history, blend.length);
        float max = 0;
        for (int c = 0; c < blend.length; c++) {
            if (!own[c]) {
                max = Math.max(max, Math.abs(blend[c]));
            }
        }
        return max > 0 ? max : 1f;
    }

    private static boolean[] own(LearnerHistory history, int n) {
        boolean[] own = new boolean[n];
        for (int p = 0; p < history.size(); p++) {
            if (history.course(p) < n) {
                own[history.course(p)] = true;
            }
        }
        return own;
    }

    /**
     * Returns the weight of each position of a learner's row: {@code 2^(-age / halfLife)}, the age counted back from
     * the learner's latest activity, or null when the half-life is 0 (every position weighs 1).
     *
     * @param history               the row
     * @param recencyHalfLifeMillis the half-life
     * @return the weights, or null
     */
    public static float[] recencyWeights(LearnerHistory history, double recencyHalfLifeMillis) {
        if (recencyHalfLifeMillis <= 0 || history.isEmpty()) {
            return null;
        }
        long latest = Long.MIN_VALUE;
        for (int p = 0; p < history.size(); p++) {
            latest = Math.max(latest, history.lastSeen(p));
        }
        float[] w = new float[history.size()];
        for (int p = 0; p < w.length; p++) {
            w[p] = Decay.pow2(-Decay.halfLives(history.lastSeen(p), latest, recencyHalfLifeMillis));
        }
        return w;
    }

    @Override
    public String name() {
        return "hybrid";
    }

    @Override
    public boolean positiveOnly() {
        return false;
    }

    /** Component scores for one learner, scaled, with their weights. */
    private final class Blend {
        final ScoringModel[] models;
        final float[] w;
        // Each part's raw scores and its scaling {shift, factor}: a course's scaled score is (s - shift) * factor,
        // computed where it is used rather than written back over the whole row.
        final float[][] raw;
        final float[][] scale;
        // Content scaled for the cold-course share, or null.
        final float[] cold;

        final LearnerHistory history;

        Blend(LearnerHistory history, int learner, int n) {
            this.history = history;
            if (history.isEmpty()) {
                models = new ScoringModel[] {popularity};
                w = new float[] {1f};
            } else if (history.size() < coldHistory) {
                int extra = content == null ? 1 : 2;
                models = java.util.Arrays.copyOf(components, components.length + extra);
                w = java.util.Arrays.copyOf(weights, weights.length + extra);
                models[components.length] = popularity;
                w[components.length] = 0.5f;
                if (content != null) {
                    models[components.length + 1] = content;
                    w[components.length + 1] = 1f;
                }
            } else {
                models = components;
                w = buckets == null ? weights : bucketWeights[buckets.bucket(history.size())];
            }
            raw = new float[models.length][];
            scale = new float[models.length][];
            boolean[] own = own(history, n);
            cold = coldWeight > 0 && coldCourses.length > 0 ? coldScaled(history, learner) : null;
            float[] rowWeights = recencyWeights(history, recencyHalfLifeMillis);
            for (int m = 0; m < models.length; m++) {
                float[] s = new float[n];
                if (w[m] != 0 && models[m].score(history, learner, rowWeights, s)) {
                    raw[m] = s;
                    scale[m] = scaling.parameters(s, own);
                }
            }
        }

        void sum(float[] out) {
            for (int m = 0; m < models.length; m++) {
                float[] s = raw[m];
                if (s == null) {
                    continue;
                }
                float wm = w[m];
                float shift = scale[m][0];
                float factor = scale[m][1];
                if (scaling == Scaling.NONE) {
                    for (int c = 0; c < out.length; c++) {
                        out[c] += wm * s[c];
                    }
                } else {
                    for (int c = 0; c < out.length; c++) {
                        out[c] += wm * ((s[c] - shift) * factor);
                    }
                }
            }
            // Last, after every part: the fit adds it in this order too when it chooses the weight.
            if (cold != null) {
                float unit = coldUnit(out, history);
                for (int c : coldPicks(cold, history)) {
                    if (c < out.length) {
                        out[c] += coldWeight * (unit * cold[c]);
                    }
                }
            }
        }

        float scaled(int m, int course) {
            float v = raw[m][course];
            return scaling == Scaling.NONE ? v : (v - scale[m][0]) * scale[m][1];
        }

        Explanation explain(LearnerHistory history, int course) {
            int best = -1;
            float bestValue = Float.NEGATIVE_INFINITY;
            for (int m = 0; m < models.length; m++) {
                if (raw[m] != null && w[m] * scaled(m, course) > bestValue) {
                    bestValue = w[m] * scaled(m, course);
                    best = m;
                }
            }
            // A course with too few learners for the parts is there for its content when content likes it.
            if (cold != null && course < cold.length && cold[course] > 0
                    && java.util.Arrays.stream(coldPicks(cold, history)).anyMatch(c -> c == course)) {
                return coldContent.explain(history, course);
            }
            return best < 0 ? popular(course) : models[best].explain(history, course);
        }
    }

    @Override
    public boolean score(LearnerHistory history, int learner, float[] scores) {
        new Blend(history, learner, scores.length).sum(scores);
        return true;
    }

    @Override
    public Explanation explain(LearnerHistory history, int course) {
        return new Blend(history, -1, matrix.courseCount()).explain(history, course);
    }

    @Override
    public List<Recommendation> recommend(String learnerId, int k, Set<String> exclude) {
        checkRequest(learnerId, k);
        LearnerHistory h = matrix.history(learnerId);
        int n = matrix.courseCount();
        if (n == 0) {
            return List.of();
        }
        Blend blend = new Blend(h, matrix.learnerIndex(learnerId), n);
        float[] scores = new float[n];
        blend.sum(scores);
        maskOwn(h, scores);
        if (exclude != null) {
            for (String id : exclude) {
                int c = matrix.courseIndex(id);
                if (c >= 0) {
                    scores[c] = Float.NEGATIVE_INFINITY;
                }
            }
        }
        int[] top = TopK.select(scores, k, 0f, false);
        List<Recommendation> out = new ArrayList<>(top.length);
        for (int c : top) {
            out.add(new Recommendation(matrix.courseId(c), scores[c], blend.explain(h, c)));
        }
        return out;
    }

    @Override
    public Explanation[] explainAll(LearnerHistory history, int learner, int[] courses) {
        Explanation[] out = new Explanation[courses.length];
        if (courses.length == 0) {
            return out;
        }
        Blend blend = new Blend(history, learner, matrix.courseCount());
        for (int i = 0; i < courses.length; i++) {
            out[i] = blend.explain(history, courses[i]);
        }
        return out;
    }

    @Override
    public long memoryBytes() {
        long bytes = 64;
        for (ScoringModel m : components) {
            bytes += m.memoryBytes();
        }
        if (coldContent != null && coldContent != content && !List.of(components).contains(coldContent)) {
            bytes += coldContent.memoryBytes() + coldCourses.length * 4L;
        }
        if (content != null && !List.of(components).contains(content)) {
            bytes += content.memoryBytes();
        }
        if (!List.of(components).contains(popularity)) {
            bytes += popularity.memoryBytes();
        }
        return bytes;
    }
}
