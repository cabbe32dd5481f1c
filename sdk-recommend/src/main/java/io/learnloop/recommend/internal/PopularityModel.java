package io.learnloop.recommend.internal;

import io.learnloop.recommend.Explanation;
import io.learnloop.recommend.InteractionMatrix;
import io.learnloop.recommend.LearnerHistory;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * Popularity with time decay: each learner who touched a course counts {@code 2^(-age / halfLife)}, where age is
 * the time from that learner's last interaction with it to the newest interaction in the matrix (or to {@code now}
 * if that is earlier). Measuring from {@code now} would scale every count by the same factor, so the ranking is the
 * same; measuring from the data keeps the counts representable however far {@code now} lies after it. A zero
 * half-life means plain counts.
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
     * @param halfLife  the half-life, zero (or under a millisecond) for plain counts
     * @param now       the time of the ranking; interactions after it count fully
     */
    public PopularityModel(InteractionMatrix matrix, Catalogue catalogue, Duration halfLife, Instant now) {
        super(matrix, catalogue);
        int n = matrix.courseCount();
        popularity = new float[n];
        if (halfLife.toMillis() <= 0) {
            countLearners(matrix, popularity);
        } else {
            decayedCounts(matrix, halfLife.toMillis(), now.toEpochMilli(), popularity);
        }
    }

    private static void countLearners(InteractionMatrix matrix, float[] out) {
        int[] count = new int[out.length];
        for (int u = 0; u < matrix.learnerCount(); u++) {
            LearnerHistory h = matrix.history(u);
            for (int i = 0; i < h.size(); i++) {
                count[h.course(i)]++;
            }
        }
        for (int c = 0; c < out.length; c++) {
            out[c] = count[c];
        }
    }

    // Ages run back from the newest interaction, not from now: that multiplies every count by the same factor
    // 2^(-(now - newest) / halfLife), so the ranking is the one "now" gives, but a clock years after the data no
    // longer underflows every count to 0. Each course's sum is taken relative to its own latest vote (log-sum-exp),
    // so courses far behind the newest activity keep their order too.
    private static void decayedCounts(InteractionMatrix matrix, double halfLifeMs, long nowMs, float[] out) {
        int n = out.length;
        long newest = Long.MIN_VALUE;
        for (int u = 0; u < matrix.learnerCount(); u++) {
            LearnerHistory h = matrix.history(u);
            for (int i = 0; i < h.size(); i++) {
                newest = Math.max(newest, h.lastSeen(i));
            }
        }
        // Votes after "now" count fully, as if cast at "now".
        long reference = Math.min(nowMs, newest);
        long[] latest = new long[n];
        Arrays.fill(latest, Long.MIN_VALUE);
        for (int u = 0; u < matrix.learnerCount(); u++) {
            LearnerHistory h = matrix.history(u);
            for (int i = 0; i < h.size(); i++) {
                latest[h.course(i)] = Math.max(latest[h.course(i)], Math.min(h.lastSeen(i), reference));
            }
        }
        double[] sum = new double[n];
        for (int u = 0; u < matrix.learnerCount(); u++) {
            LearnerHistory h = matrix.history(u);
            for (int i = 0; i < h.size(); i++) {
                int c = h.course(i);
                sum[c] += Math.pow(2, -Decay.halfLives(Math.min(h.lastSeen(i), reference), latest[c], halfLifeMs));
            }
        }
        for (int c = 0; c < n; c++) {
            if (sum[c] > 0) {
                double log2 = Math.log(sum[c]) / Math.log(2) - Decay.halfLives(latest[c], reference, halfLifeMs);
                out[c] = Decay.pow2(log2);
            }
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
