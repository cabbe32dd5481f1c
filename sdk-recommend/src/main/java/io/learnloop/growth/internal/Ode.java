package io.learnloop.growth.internal;

/**
 * A system of ordinary differential equations {@code dy/dt = f(t, y)}.
 *
 * <p>Implementations used by the integrator need not be thread-safe; each integration owns its own.
 */
@FunctionalInterface
public interface Ode {
    /**
     * Writes the derivatives at {@code (t, y)} into {@code dy}.
     *
     * @param t  the time
     * @param y  the state, not to be modified
     * @param dy receives the derivatives, same length as {@code y}
     */
    void derivatives(double t, double[] y, double[] dy);
}
