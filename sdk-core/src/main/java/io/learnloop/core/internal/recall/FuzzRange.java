package io.learnloop.core.internal.recall;

/**
 * ts-fsrs's fuzz of an interval: the range a fuzzed interval may fall in ({@code get_fuzz_range}), which widens by
 * 15% of the interval between 2.5 and 7 days, 10% between 7 and 20 days and 5% beyond, and the pick inside it from the
 * first number of an Alea generator seeded with the review's seed ({@code apply_fuzz}).
 *
 * <p>Thread-safe: static functions only.
 */
final class FuzzRange {
    private static final double[][] RANGES = {{2.5, 7.0, 0.15}, {7.0, 20.0, 0.1}, {20.0, Double.POSITIVE_INFINITY, 0.05}};

    private FuzzRange() {
    }

    /**
     * The fuzzed interval.
     *
     * @param interval        the interval before fuzz, in days (already at most the maximum)
     * @param elapsedDays     days since the last review
     * @param maximumInterval the longest interval
     * @param seed            the review's seed
     * @return the fuzzed interval, or the interval itself below 2.5 days
     */
    static long apply(long interval, long elapsedDays, int maximumInterval, String seed) {
        if (interval < 2.5) {
            return interval;
        }
        double factor = new Alea(seed).next();
        double delta = 1.0;
        for (double[] range : RANGES) {
            delta += range[2] * Math.max(Math.min(interval, range[1]) - range[0], 0.0);
        }
        double ivl = Math.min(interval, maximumInterval);
        long min = Math.max(2, Math.round(ivl - delta));
        long max = Math.min(Math.round(ivl + delta), maximumInterval);
        if (ivl > elapsedDays) {
            min = Math.max(min, elapsedDays + 1);
        }
        min = Math.min(min, max);
        return (long) Math.floor(factor * (max - min + 1) + min);
    }
}
