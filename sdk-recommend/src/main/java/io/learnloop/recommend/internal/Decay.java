package io.learnloop.recommend.internal;

/**
 * Half-life weights that never underflow. A weight {@code 2^e} is exact down to {@code 2^-60}; below that, where it
 * is already negligible next to any weight near 1, it is squeezed monotonically into {@code [2^-64, 2^-60)} instead
 * of rounding to 0, so entries hundreds or thousands of half-lives old still rank among themselves and products
 * with model scores stay normal floats.
 *
 * <p>Thread-safe: static helpers without state.
 */
public final class Decay {
    private static final double KNEE = -60;
    private static final double SPAN = 4;

    private Decay() {
    }

    /**
     * Returns how many half-lives lie between two instants.
     *
     * @param olderMillis    the earlier time, epoch milliseconds
     * @param newerMillis    the later time, epoch milliseconds
     * @param halfLifeMillis the half-life, above 0
     * @return {@code (newer - older) / halfLife}, 0 when {@code older} is not earlier
     */
    public static double halfLives(long olderMillis, long newerMillis, double halfLifeMillis) {
        return olderMillis >= newerMillis ? 0 : ((double) newerMillis - olderMillis) / halfLifeMillis;
    }

    /**
     * Returns {@code 2^exponent} as a float, exact for exponents from -60 up to the float range and strictly
     * increasing, positive and normal below that.
     *
     * @param exponent the base-2 logarithm of the weight
     * @return the weight
     */
    public static float pow2(double exponent) {
        if (exponent >= KNEE) {
            return (float) Math.pow(2, exponent);
        }
        // x / (x + SPAN) has slope 1 at the knee and tends to 1, so the curve joins smoothly and stays above 2^-64.
        double x = KNEE - exponent;
        return (float) Math.pow(2, KNEE - SPAN * x / (x + SPAN));
    }
}
