package io.learnloop.recommend.internal;

/**
 * Whether one setting beats another on the same validation learners by more than noise: the mean of the per-learner
 * differences must exceed {@value #Z} standard errors of that mean. Tuning and fitting keep a change only when it
 * passes, so a setting is not swapped for one that merely drew luckier learners.
 *
 * <p>Thread-safe: static helpers without state.
 */
final class PairedGain {
    /** How many standard errors a gain must clear. */
    static final double Z = 2.0;

    private PairedGain() {
    }

    /**
     * Returns whether {@code a} beats {@code b}.
     *
     * @param a one value per learner
     * @param b one value per learner, the same learners in the same order
     * @return true when the mean gain is positive and above Z standard errors
     */
    static boolean significant(double[] a, double[] b) {
        int n = a.length;
        if (n == 0 || b.length != n) {
            return false;
        }
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += a[i] - b[i];
        }
        mean /= n;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            double d = a[i] - b[i] - mean;
            squares += d * d;
        }
        double se = n > 1 ? Math.sqrt(squares / (n - 1) / n) : 0;
        return mean > 0 && mean > Z * se;
    }
}
