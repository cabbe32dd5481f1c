package io.learnloop.growth.internal;

import java.util.SplittableRandom;

/**
 * Poisson and binomial draws for the stochastic platform simulator: exact for small means, normal approximations
 * (rounded and clipped to the valid range) once the mean exceeds {@value #EXACT_LIMIT}, where they are accurate to
 * well under a percent.
 *
 * <p>Not thread-safe: wraps one random stream.
 */
public final class Draws {
    static final double EXACT_LIMIT = 30;

    private final SplittableRandom random;

    /**
     * Wraps a seeded stream.
     *
     * @param seed the seed
     */
    public Draws(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /**
     * A Poisson draw.
     *
     * @param mean the mean, at least 0
     * @return the count
     */
    public long poisson(double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean < EXACT_LIMIT) {
            double limit = Math.exp(-mean);
            double product = random.nextDouble();
            long k = 0;
            while (product > limit) {
                product *= random.nextDouble();
                k++;
            }
            return k;
        }
        return Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
    }

    /**
     * A binomial draw.
     *
     * @param n trials
     * @param p success probability, clipped to [0, 1]
     * @return successes
     */
    public long binomial(long n, double p) {
        if (n <= 0 || p <= 0) {
            return 0;
        }
        if (p >= 1) {
            return n;
        }
        if (p > 0.5) {
            return n - binomial(n, 1 - p);
        }
        double mean = n * p;
        if (mean < EXACT_LIMIT) {
            // inversion: walk the probability mass function from 0
            double q = 1 - p;
            double s = p / q;
            double a = (n + 1) * s;
            double r = Math.pow(q, n);
            double u = random.nextDouble();
            long x = 0;
            while (u > r && x < n) {
                u -= r;
                x++;
                r *= a / x - s;
            }
            return x;
        }
        long x = Math.round(mean + Math.sqrt(mean * (1 - p)) * random.nextGaussian());
        return Math.min(n, Math.max(0, x));
    }

    /**
     * Splits {@code n} events among destinations in proportion to their weights (a multinomial draw).
     *
     * @param n       the events
     * @param weights non-negative weights
     * @param out     receives the count of each destination
     */
    public void split(long n, double[] weights, long[] out) {
        double rest = 0;
        for (double w : weights) {
            rest += w;
        }
        long left = n;
        for (int i = 0; i < weights.length; i++) {
            if (i == weights.length - 1 || rest <= 0) {
                out[i] = i == weights.length - 1 ? left : 0;
                continue;
            }
            long k = binomial(left, weights[i] / rest);
            out[i] = k;
            left -= k;
            rest -= weights[i];
        }
    }
}
