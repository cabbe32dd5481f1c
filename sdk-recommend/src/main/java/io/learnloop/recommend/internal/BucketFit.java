package io.learnloop.recommend.internal;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Fits the hybrid's weights per history-length bucket ({@link HistoryBuckets}): the validation learners are cut
 * into thirds by how many courses they have, and each third starts from the global blend and runs coordinate ascent
 * over every part's weight on its own learners. The bucket's weights are then shrunk towards the global ones in
 * proportion to how few learners back them ({@code n / (n + }{@value #PRIOR_LEARNERS}{@code )} of the bucket's own,
 * the rest global), and a bucket keeps its own weights only when they beat the global blend on its learners by more
 * than noise ({@link PairedGain}); otherwise it keeps the global weights. Every bucket is therefore at or above the
 * global blend on its learners, and so is the whole. Before that, the same fit run on each half of the learners
 * must beat the one blend on the other half beyond noise, or the one blend is kept.
 *
 * <p>Thread-safe: static helpers without state.
 */
final class BucketFit {
    private static final double[] GRID = {0, 0.1, 0.25, 0.5, 1, 2};
    private static final int ROUNDS = 2;
    /** How many learners the global weights count as when a bucket's weights are shrunk towards them. */
    static final int PRIOR_LEARNERS = 150;
    /** A bucket needs at least this many validation learners (with a held-out course in their pool) to be fitted. */
    static final int MIN_LEARNERS = 100;
    private static final int BUCKETS = 3;

    private BucketFit() {
    }

    /**
     * Fits the buckets.
     *
     * @param table    the blend table at the global blend's half-life
     * @param learners the validation learners
     * @param global   the global blend
     * @return the buckets, or null when no bucket beats the global weights
     */
    static HistoryBuckets run(BlendTable table, ValidationLearners learners, BlendSearch.Choice global) {
        int[] bounds = bounds(learners);
        if (bounds.length == 0) {
            return null;
        }
        HistoryBuckets shape = new HistoryBuckets(bounds, new double[bounds.length + 1][0]);
        int[] bucketOf = IntStream.range(0, learners.size()).map(l -> shape.bucket(learners.row(l).size())).toArray();
        double[][] weights = new double[bounds.length + 1][];
        boolean any = false;
        for (int b = 0; b <= bounds.length; b++) {
            int bucket = b;
            int[] members = IntStream.range(0, learners.size()).filter(l -> bucketOf[l] == bucket).toArray();
            weights[b] = fitBucket(table, learners, global, members);
            any |= !Arrays.equals(weights[b], global.weights());
        }
        // The check costs two more searches: only worth running when some bucket found weights of its own.
        return any && confirmedOutOfFold(table, learners, global, bounds.length + 1, bucketOf)
                ? new HistoryBuckets(bounds, weights) : null;
    }

    /**
     * Whether weights per bucket beat the one blend on learners they were not fitted on: each half of the learners
     * (alternate positions) is scored with the weights fitted on the other half, and the gain over the one blend
     * across all learners must exceed noise. The search tries many weights per bucket, so its gain on the learners
     * it searched on flatters it; this check does not.
     */
    private static boolean confirmedOutOfFold(BlendTable table, ValidationLearners learners,
                                              BlendSearch.Choice global, int buckets, int[] bucketOf) {
        int n = learners.size();
        double[] outOfFold = new double[n];
        double[] one = table.ndcg(learners, global.weights(), global.scaling());
        for (int fold = 0; fold < 2; fold++) {
            int f = fold;
            for (int b = 0; b < buckets; b++) {
                int bucket = b;
                int[] fitOn = IntStream.range(0, n).filter(l -> bucketOf[l] == bucket && l % 2 == f).toArray();
                int[] scoreOn = IntStream.range(0, n).filter(l -> bucketOf[l] == bucket && l % 2 != f).toArray();
                double[] w = fitBucket(table, learners, global, fitOn);
                double[] each = table.ndcg(learners, w, global.scaling(), scoreOn);
                for (int i = 0; i < scoreOn.length; i++) {
                    outOfFold[scoreOn[i]] = each[i];
                }
            }
        }
        return PairedGain.significant(outOfFold, one);
    }

    /** The history lengths at a third and two thirds of the learners, dropping any that leave a bucket too small. */
    static int[] bounds(ValidationLearners learners) {
        int n = learners.size();
        int[] sizes = IntStream.range(0, n).map(l -> learners.row(l).size()).sorted().toArray();
        int[] out = new int[BUCKETS - 1];
        int count = 0;
        int previous = Integer.MIN_VALUE;
        for (int q = 1; q < BUCKETS; q++) {
            int bound = sizes.length == 0 ? 0 : sizes[q * n / BUCKETS];
            if (bound <= previous || bound <= sizes[0]) {
                continue;
            }
            int below = lowerBound(sizes, bound);
            int belowPrevious = count == 0 ? 0 : lowerBound(sizes, previous);
            if (below - belowPrevious < MIN_LEARNERS || n - below < MIN_LEARNERS) {
                continue;
            }
            out[count++] = bound;
            previous = bound;
        }
        return Arrays.copyOf(out, count);
    }

    private static int lowerBound(int[] sorted, int value) {
        int at = Arrays.binarySearch(sorted, value);
        if (at < 0) {
            return -at - 1;
        }
        while (at > 0 && sorted[at - 1] == value) {
            at--;
        }
        return at;
    }

    private static double[] fitBucket(BlendTable table, ValidationLearners learners, BlendSearch.Choice global,
                                      int[] members) {
        double[] start = global.weights();
        double[] base = table.ndcg(learners, start, global.scaling(), members);
        double[] current = start.clone();
        double[] currentEach = base;
        for (int round = 0; round < ROUNDS; round++) {
            boolean moved = false;
            for (int m = 0; m < current.length; m++) {
                double[] bestX = null;
                double[] bestEach = null;
                for (double g : GRID) {
                    if (g == current[m]) {
                        continue;
                    }
                    double[] x = current.clone();
                    x[m] = g;
                    if (Arrays.stream(x).allMatch(v -> v == 0)) {
                        continue;
                    }
                    double[] each = table.ndcg(learners, x, global.scaling(), members);
                    if (PairedGain.significant(each, currentEach)
                            && (bestEach == null || ValidationLearners.mean(each) > ValidationLearners.mean(bestEach))) {
                        bestX = x;
                        bestEach = each;
                    }
                }
                if (bestX != null) {
                    current = bestX;
                    currentEach = bestEach;
                    moved = true;
                }
            }
            if (!moved) {
                break;
            }
        }
        if (Arrays.equals(current, start)) {
            return start;
        }
        double own = members.length / (double) (members.length + PRIOR_LEARNERS);
        double[] shrunk = new double[current.length];
        for (int m = 0; m < shrunk.length; m++) {
            shrunk[m] = own * current[m] + (1 - own) * start[m];
        }
        double[] shrunkEach = table.ndcg(learners, shrunk, global.scaling(), members);
        if (PairedGain.significant(shrunkEach, base)) {
            return shrunk;
        }
        return PairedGain.significant(currentEach, base) ? current : start;
    }
}
