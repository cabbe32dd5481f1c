package io.learnloop.growth;

import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.core.error.Validator;
import io.learnloop.growth.internal.Flows;
import io.learnloop.growth.internal.Integration;


/**
 * The stock-and-flow model of the knowledge-payment loop: parameters plus an initial state. Simulation integrates
 * the equations of {@code docs/growth.md} with the classical fourth-order Runge-Kutta method; it is deterministic
 * (the same inputs give bit-identical results) and checks at every sub-step that people are neither created nor
 * lost between the population stocks.
 *
 * <pre>{@code
 * GrowthModel model = GrowthModel.of(Parameters.defaults(), GrowthState.defaults());
 * Trajectory fiveYears = model.simulate(TimeStep.DAY, TimeStep.DAY.stepsIn(5));
 * double payingAfterFiveYears = fiveYears.last(Stock.PAYING_LEARNERS);
 * }</pre>
 *
 * <p>Thread-safe: immutable; simulations may run concurrently.
 *
 * @param parameters   the parameters
 * @param initialState the state at day 0
 */
public record GrowthModel(Parameters parameters, GrowthState initialState) {
    /** The most steps one simulation may take, to keep a mistaken call from exhausting memory. */
    public static final int MAX_STEPS = 1_000_000;

    /**
     * Validates.
     *
     * @param parameters   the parameters
     * @param initialState the state at day 0
     */
    public GrowthModel {
        new Validator().notNull("parameters", parameters).notNull("initialState", initialState).throwIfInvalid();
    }

    /**
     * Creates a model.
     *
     * @param parameters   the parameters
     * @param initialState the state at day 0
     * @return the model
     */
    public static GrowthModel of(Parameters parameters, GrowthState initialState) {
        return new GrowthModel(parameters, initialState);
    }

    /**
     * The model with documented defaults.
     *
     * @return the default model
     */
    public static GrowthModel defaults() {
        return new GrowthModel(Parameters.defaults(), GrowthState.defaults());
    }

    /**
     * A copy with other parameters.
     *
     * @param newParameters the parameters
     * @return the new model
     */
    public GrowthModel withParameters(Parameters newParameters) {
        return new GrowthModel(newParameters, initialState);
    }

    /**
     * Simulates {@code steps} steps of {@code step} length.
     *
     * @param step  the step
     * @param steps how many steps, at least 1
     * @return every stock and running total at each step, starting with the initial state
     * @throws io.learnloop.core.error.ValidationException if the step is null or the count out of range
     */
    public Trajectory simulate(TimeStep step, int steps) {
        validateHorizon(step, steps);
        Trajectory.Recorder recorder = new Trajectory.Recorder(steps);
        double residual = integrate(step, steps, recorder::record);
        return recorder.finish(this, step, residual);
    }

    static void validateHorizon(TimeStep step, int steps) {
        new Validator().notNull("step", step)
                .check(steps >= 1 && steps <= MAX_STEPS, "steps", "must be between 1 and " + MAX_STEPS + " (was " + steps + ")")
                .throwIfInvalid();
    }

    double integrate(TimeStep step, int steps, Integration.Sink sink) {
        try {
            return Integration.run(new Flows(parameters.toArray()), initialState.toArray(), step.days(), steps, sink);
        } catch (Integration.ConservationViolation e) {
            throw new LearnloopException(ErrorCode.INTERNAL, "The growth model broke the conservation of people: "
                    + e.getMessage() + "; please report it with the parameters " + parameters, e);
        }
    }
}
