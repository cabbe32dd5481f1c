package io.learnloop.growth.internal;

import java.util.function.DoubleUnaryOperator;

/**
 * Maximises a unimodal function of one variable on an interval by golden-section search.
 *
 * <p>Thread-safe: stateless.
 */
public final class GoldenSection {
    private static final double INVERSE_PHI = (Math.sqrt(5) - 1) / 2;

    private GoldenSection() {
    }

    /**
     * Finds the maximiser.
     *
     * @param f         the function
     * @param low       the interval's lower end
     * @param high      the interval's upper end
     * @param tolerance the width at which to stop
     * @return the argument of the maximum
     */
    public static double maximise(DoubleUnaryOperator f, double low, double high, double tolerance) {
        double a = low;
        double b = high;
        double c = b - INVERSE_PHI * (b - a);
        double d = a + INVERSE_PHI * (b - a);
        double fc = f.applyAsDouble(c);
        double fd = f.applyAsDouble(d);
        while (b - a > tolerance) {
            if (fc > fd) {
                b = d;
                d = c;
                fd = fc;
                c = b - INVERSE_PHI * (b - a);
                fc = f.applyAsDouble(c);
            } else {
                a = c;
                c = d;
                fc = fd;
                d = a + INVERSE_PHI * (b - a);
                fd = f.applyAsDouble(d);
            }
        }
        return (a + b) / 2;
    }
}
