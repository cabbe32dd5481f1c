package io.learnloop.growth;

import io.learnloop.core.error.Validator;

/**
 * The range a parameter is drawn from, uniformly, in a Monte Carlo run.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param parameter the parameter
 * @param low       the lowest value, allowed for the parameter
 * @param high      the highest value, allowed for the parameter and not below {@code low}
 */
public record ParameterRange(Parameter parameter, double low, double high) {
    /**
     * Validates, naming the parameter.
     *
     * @param parameter the parameter
     * @param low       the lowest value
     * @param high      the highest value
     */
    public ParameterRange {
        Validator v = new Validator().notNull("parameter", parameter);
        if (parameter != null) {
            String lowProblem = parameter.problemWith(low);
            String highProblem = parameter.problemWith(high);
            v.check(lowProblem == null, parameter.key() + ".low", lowProblem)
                    .check(highProblem == null, parameter.key() + ".high", highProblem)
                    .check(!(low > high), parameter.key(), "low (" + low + ") must not exceed high (" + high + ")");
        }
        v.throwIfInvalid();
    }

    /**
     * A range of {@code ±relative} around a value, clipped to what the parameter allows.
     *
     * @param parameter the parameter
     * @param value     the central value
     * @param relative  the relative half-width, between 0 and 1
     * @return the range
     */
    public static ParameterRange around(Parameter parameter, double value, double relative) {
        new Validator().notNull("parameter", parameter)
                .check(Double.isFinite(relative) && relative >= 0 && relative < 1, "relative",
                        "must be at least 0 and below 1 (was " + relative + ")")
                .throwIfInvalid();
        double high = value * (1 + relative);
        if (parameter.kind() == Parameter.Kind.PROBABILITY) {
            high = Math.min(1.0, high);
        }
        return new ParameterRange(parameter, value * (1 - relative), high);
    }

    double draw(double unit) {
        return low + (high - low) * unit;
    }
}
