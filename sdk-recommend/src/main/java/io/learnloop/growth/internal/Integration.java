package io.learnloop.growth.internal;

/**
 * Integrates the model with {@link Rk4}, reporting every step to a sink and checking at every sub-step that the
 * population changed only by the people who crossed the market boundary.
 *
 * <p>Thread-safe: stateless; each call owns its buffers.
 */
public final class Integration {
    /** Largest fraction of any stock one sub-step may move: keeps RK4 within about 1e-7 of the exact solution. */
    static final double MAX_STEP_FRACTION = 0.1;
    /** Largest relative drift of the population against the boundary flows before the run is declared broken. */
    public static final double CONSERVATION_TOLERANCE = 1e-9;

    /** Receives each reported step. */
    @FunctionalInterface
    public interface Sink {
        /**
         * Receives the state after step {@code index} (index 0 is the initial state).
         *
         * @param index the step
         * @param day   days since the start
         * @param y     the full state vector, valid only during the call
         */
        void accept(int index, double day, double[] y);
    }

    /** The population drifted from what the boundary flows allow; a bug in the equations. */
    public static final class ConservationViolation extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ConservationViolation(String message) {
            super(message);
        }
    }

    private Integration() {
    }

    /**
     * Runs the model.
     *
     * @param flows    the model
     * @param stocks   initial stock levels, {@link Flows#STOCKS} values
     * @param stepDays the reported step in days
     * @param steps    the number of steps
     * @param sink     receives the initial state and each step
     * @return the largest relative conservation residual seen
     * @throws ConservationViolation if the residual exceeds {@link #CONSERVATION_TOLERANCE}
     */
    public static double run(Flows flows, double[] stocks, double stepDays, int steps, Sink sink) {
        double[] y = new double[Flows.DIMENSION];
        System.arraycopy(stocks, 0, y, 0, Flows.STOCKS);
        double people0 = population(y);
        Rk4 rk4 = new Rk4(flows.newOde(), Flows.DIMENSION);
        sink.accept(0, 0.0, y);
        double maxResidual = 0;
        double t = 0;
        for (int i = 1; i <= steps; i++) {
            int sub = Math.max(1, (int) Math.ceil(stepDays * flows.fastestRate(y) / MAX_STEP_FRACTION - 1e-9));
            double h = stepDays / sub;
            for (int j = 0; j < sub; j++) {
                rk4.step(t, y, h);
                t += h;
                double residual = residual(y, people0);
                if (residual > maxResidual) {
                    maxResidual = residual;
                    if (residual > CONSERVATION_TOLERANCE) {
                        throw new ConservationViolation("population drifted by a relative " + residual
                                + " from the boundary flows at day " + t);
                    }
                }
            }
            t = i * stepDays;
            sink.accept(i, t, y);
        }
        return maxResidual;
    }

    /**
     * The relative difference between the population and its start plus the net boundary flow.
     *
     * @param y       the state
     * @param people0 the initial population
     * @return the relative residual
     */
    public static double residual(double[] y, double people0) {
        double people = population(y);
        double expected = people0 + y[Flows.STOCKS];
        return Math.abs(people - expected) / Math.max(1.0, Math.max(Math.abs(people), Math.abs(expected)));
    }

    static double population(double[] y) {
        return y[Flows.P] + y[Flows.F] + y[Flows.S] + y[Flows.L] + y[Flows.C];
    }
}
