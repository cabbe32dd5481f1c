package io.learnloop.recommend.internal;

/**
 * How the hybrid puts each part's scores for one learner on a common scale before weighing them: the scale is
 * measured over the courses the learner does not have, since only those are ranked.
 *
 * <p>Thread-safe: an enum; the helpers hold no state.
 */
public enum Scaling {
    /** Leave the scores as they are: a hybrid of one part then ranks exactly like that part. */
    NONE,
    /** Divide by the largest absolute score: the best course scores 1, signs and zero evidence are kept. */
    MAX_ABS,
    /** Subtract the mean and divide by the standard deviation: parts weigh in by how far a course stands out. */
    Z_SCORE;

    /**
     * Returns the shift and the factor that scale one part's scores: {@code (s - shift) * factor}.
     *
     * @param scores the part's scores, one per course
     * @param own    which courses the learner has (not ranked), one per course
     * @return {@code {shift, factor}}; factor 1 and shift 0 when the scores are all the same
     */
    public float[] parameters(float[] scores, boolean[] own) {
        if (this == NONE) {
            return new float[] {0f, 1f};
        }
        if (this == MAX_ABS) {
            float max = 0;
            for (int c = 0; c < scores.length; c++) {
                if (!own[c]) {
                    max = Math.max(max, Math.abs(scores[c]));
                }
            }
            return new float[] {0f, max > 0 ? 1f / max : 1f};
        }
        double sum = 0;
        int count = 0;
        for (int c = 0; c < scores.length; c++) {
            if (!own[c]) {
                sum += scores[c];
                count++;
            }
        }
        if (count == 0) {
            return new float[] {0f, 1f};
        }
        double mean = sum / count;
        double squares = 0;
        for (int c = 0; c < scores.length; c++) {
            if (!own[c]) {
                double d = scores[c] - mean;
                squares += d * d;
            }
        }
        double sd = Math.sqrt(squares / count);
        return new float[] {(float) mean, sd > 0 ? (float) (1 / sd) : 1f};
    }

    /**
     * Returns {@link #parameters} of every scaling, indexed by ordinal, in two passes over the scores instead of
     * one per scaling; each value is computed with the same arithmetic as {@link #parameters}, so they are equal.
     *
     * @param scores the part's scores, one per course
     * @param own    which courses the learner has, one per course
     * @return the parameters of each scaling
     */
    public static float[][] allParameters(float[] scores, boolean[] own) {
        float max = 0;
        double sum = 0;
        int count = 0;
        for (int c = 0; c < scores.length; c++) {
            if (!own[c]) {
                float s = scores[c];
                max = Math.max(max, Math.abs(s));
                sum += s;
                count++;
            }
        }
        float[][] out = new float[values().length][];
        out[NONE.ordinal()] = new float[] {0f, 1f};
        out[MAX_ABS.ordinal()] = new float[] {0f, max > 0 ? 1f / max : 1f};
        if (count == 0) {
            out[Z_SCORE.ordinal()] = new float[] {0f, 1f};
            return out;
        }
        double mean = sum / count;
        double squares = 0;
        for (int c = 0; c < scores.length; c++) {
            if (!own[c]) {
                double d = scores[c] - mean;
                squares += d * d;
            }
        }
        double sd = Math.sqrt(squares / count);
        out[Z_SCORE.ordinal()] = new float[] {(float) mean, sd > 0 ? (float) (1 / sd) : 1f};
        return out;
    }

    /**
     * Scales scores in place with {@link #parameters}.
     *
     * @param scores the scores
     * @param own    which courses the learner has
     */
    public void apply(float[] scores, boolean[] own) {
        if (this == NONE) {
            return;
        }
        float[] p = parameters(scores, own);
        for (int c = 0; c < scores.length; c++) {
            scores[c] = (scores[c] - p[0]) * p[1];
        }
    }
}
