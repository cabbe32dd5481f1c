package io.learnloop.recommend.internal;

import io.learnloop.recommend.Explanation;
import io.learnloop.recommend.InteractionMatrix;
import io.learnloop.recommend.LearnerHistory;

import java.time.Duration;
import java.time.Instant;

/**
 * Popularity with time decay: each learner who touched a course counts {@code 2^(-age / halfLife)}, where age is
 * the time since that learner's last interaction with it. A zero half-life means no decay.
 *
 * <p>Thread-safe: immutable once trained.
 */
public final class PopularityModel extends ScoringModel {
    private final float[] popularity;

    /**
     * Trains the model.
     *
     * @param matrix    the matrix
     * @param catalogue the catalogue
     * @param halfLife  the half-life, zero for plain counts
     * @param now       the time ages are measured from
     */
    public PopularityModel(InteractionMatrix matrix, Catalogue catalogue, Duration halfLife, Instant now) {
        super(matrix, catalogue);
        int n = matrix.courseCount();
        double[] pop = new double[n];
        double halfLifeMs = halfLife.toMillis();
        long nowMs = now.toEpochMilli();
        for (int u = 0; u < matrix.learnerCount(); u++) {
            LearnerHistory h = matrix.history(u);
            for (int i = 0; i < h.size(); i++) {
                double w = 1.0;
                if (halfLifeMs > 0) {
                    double age = Math.max(0, nowMs - h.lastSeen(i));
                    w = Math.pow(2, -age / halfLifeMs);
                }
                pop[h.course(i)] += w;
            }
        }
        popularity = new float[n];
        for (int c = 0; c < n; c++) {
            // A tiny index-based tie-breaker keeps the order stable and every known course rankable.
            popularity[c] = (float) pop[c];
        }
    }

    @Override
    public String name() {
        return "popularity";
    }

    @Override
    public boolean score(LearnerHistory history, int learner, float[] scores) {
        System.arraycopy(popularity, 0, scores, 0, Math.min(popularity.length, scores.length));
        return true;
    }

    @Override
    public boolean positiveOnly() {
        return false;
    }

    @Override
    public Explanation explain(LearnerHistory history, int course) {
        return popular(course);
    }

    @Override
    public long memoryBytes() {
        return 16 + popularity.length * 4L;
    }
}
