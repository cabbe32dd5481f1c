package io.learnloop.growth.internal;

/**
 * The classical fourth-order Runge-Kutta method with preallocated work arrays, so a step allocates nothing.
 *
 * <p>Not thread-safe: one instance per integration.
 */
public final class Rk4 {
    private final Ode ode;
    private final double[] k1;
    private final double[] k2;
    private final double[] k3;
    private final double[] k4;
    private final double[] tmp;

    /**
     * Creates an integrator for a system of {@code dimension} equations.
     *
     * @param ode       the system
     * @param dimension the length of the state vector
     */
    public Rk4(Ode ode, int dimension) {
        this.ode = ode;
        this.k1 = new double[dimension];
        this.k2 = new double[dimension];
        this.k3 = new double[dimension];
        this.k4 = new double[dimension];
        this.tmp = new double[dimension];
    }

    /**
     * Advances {@code y} in place from {@code t} to {@code t + h}.
     *
     * @param t the current time
     * @param y the state, overwritten with the state at {@code t + h}
     * @param h the step
     */
    public void step(double t, double[] y, double h) {
        int n = y.length;
        double half = h / 2;
        ode.derivatives(t, y, k1);
        for (int i = 0; i < n; i++) {
            tmp[i] = y[i] + half * k1[i];
        }
        ode.derivatives(t + half, tmp, k2);
        for (int i = 0; i < n; i++) {
            tmp[i] = y[i] + half * k2[i];
        }
        ode.derivatives(t + half, tmp, k3);
        for (int i = 0; i < n; i++) {
            tmp[i] = y[i] + h * k3[i];
        }
        ode.derivatives(t + h, tmp, k4);
        double sixth = h / 6;
        for (int i = 0; i < n; i++) {
            y[i] += sixth * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
        }
    }
}
