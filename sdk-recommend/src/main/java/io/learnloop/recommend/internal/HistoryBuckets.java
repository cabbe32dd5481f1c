package io.learnloop.recommend.internal;

import java.util.Arrays;

/**
 * Learners grouped by how many courses they have: learners with a short history are served best by different parts
 * than learners with a long one (popularity and co-occurrence against order and neighbourhood), so the hybrid may
 * weigh its parts per group. A learner with {@code size} courses is in bucket {@code b} when {@code size} is at
 * least {@code bounds[b - 1]} and below {@code bounds[b]}.
 *
 * <p>Thread-safe: immutable.
 *
 * @param bounds  the smallest history length of buckets 1, 2 ..., ascending, strictly increasing
 * @param weights one weight per part for each bucket ({@code bounds.length + 1} rows)
 */
record HistoryBuckets(int[] bounds, double[][] weights) {
    HistoryBuckets {
        bounds = bounds.clone();
        weights = Arrays.stream(weights).map(double[]::clone).toArray(double[][]::new);
        if (weights.length != bounds.length + 1) {
            throw new IllegalArgumentException("one weight row per bucket: " + weights.length + " rows for "
                    + (bounds.length + 1) + " buckets");
        }
    }

    /**
     * Returns the bucket of a learner with {@code size} courses.
     *
     * @param size the learner's history length
     * @return the bucket
     */
    int bucket(int size) {
        int b = 0;
        while (b < bounds.length && size >= bounds[b]) {
            b++;
        }
        return b;
    }

    /**
     * Returns the weights of a learner with {@code size} courses.
     *
     * @param size the learner's history length
     * @return one weight per part (a copy)
     */
    double[] weightsFor(int size) {
        return weights[bucket(size)].clone();
    }

    /**
     * Returns these buckets for learners' full histories, when they were fitted on the training side of a split:
     * each bound becomes the smallest full history length that keeps at least the bound's length after the split,
     * so a learner falls into the bucket whose weights were fitted on learners like them (without it, a learner
     * just above a bound would be served the next bucket's weights).
     *
     * @param split the split the bounds were fitted on
     * @return the buckets with full-history bounds and the same weights
     */
    HistoryBuckets forFullHistories(io.learnloop.recommend.eval.SplitMethod split) {
        int[] full = new int[bounds.length];
        int n = 0;
        for (int b = 0; b < bounds.length; b++) {
            // kept(n) never falls and rises by one at most, so the first n reaching each bound is found by walking up
            while (split.kept(n) < bounds[b]) {
                n++;
            }
            full[b] = n;
        }
        return new HistoryBuckets(full, weights);
    }

    /**
     * Returns whether a part has a positive weight in some bucket.
     *
     * @param part the part
     * @return whether it is used
     */
    boolean uses(int part) {
        for (double[] row : weights) {
            if (row[part] > 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int[] bounds() {
        return bounds.clone();
    }

    @Override
    public double[][] weights() {
        return Arrays.stream(weights).map(double[]::clone).toArray(double[][]::new);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HistoryBuckets h && Arrays.equals(bounds, h.bounds) && Arrays.deepEquals(weights, h.weights);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(bounds) + Arrays.deepHashCode(weights);
    }

    @Override
    public String toString() {
        return "HistoryBuckets[bounds=" + Arrays.toString(bounds) + ", weights=" + Arrays.deepToString(weights) + "]";
    }
}
