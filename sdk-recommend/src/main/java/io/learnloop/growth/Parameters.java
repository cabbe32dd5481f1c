package io.learnloop.growth;

import io.learnloop.core.error.ValidationException;
import io.learnloop.core.error.Validator;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * A full, validated set of model parameters. Every parameter not set explicitly takes its documented
 * {@link Parameter#defaultValue() default}.
 *
 * <p>Thread-safe: immutable.
 */
public final class Parameters {
    private static final Parameter[] ALL = Parameter.values();
    private static final Parameters DEFAULTS = new Parameters(defaultValues());

    private final double[] values;

    private Parameters(double[] values) {
        this.values = values;
    }

    /**
     * The documented defaults.
     *
     * @return the default parameter set
     */
    public static Parameters defaults() {
        return DEFAULTS;
    }

    /**
     * Builds a set from explicit values; parameters absent from the map take their defaults.
     *
     * @param overrides values by parameter
     * @return the validated set
     * @throws ValidationException naming every parameter whose value is out of range (negative rates,
     *                             probabilities above 1, NaN, infinities)
     */
    public static Parameters of(Map<Parameter, Double> overrides) {
        double[] v = defaultValues();
        Validator validator = new Validator();
        if (overrides != null) {
            for (Map.Entry<Parameter, Double> e : overrides.entrySet()) {
                Parameter p = e.getKey();
                validator.check(p != null, "parameter", "must not be null");
                if (p == null) {
                    continue;
                }
                Double value = e.getValue();
                if (value == null) {
                    validator.check(false, p.key(), "is required");
                    continue;
                }
                String problem = p.problemWith(value);
                validator.check(problem == null, p.key(), problem);
                v[p.ordinal()] = value;
            }
        }
        validator.throwIfInvalid();
        return new Parameters(v);
    }

    /**
     * A copy with one parameter changed.
     *
     * @param parameter the parameter
     * @param value     its new value
     * @return the new set
     * @throws ValidationException naming the parameter if the value is out of range
     */
    public Parameters with(Parameter parameter, double value) {
        new Validator().notNull("parameter", parameter).throwIfInvalid();
        String problem = parameter.problemWith(value);
        if (problem != null) {
            throw ValidationException.of(parameter.key(), problem);
        }
        double[] v = values.clone();
        v[parameter.ordinal()] = value;
        return new Parameters(v);
    }

    /**
     * A copy with one parameter multiplied by {@code factor}.
     *
     * @param parameter the parameter
     * @param factor    the multiplier
     * @return the new set
     * @throws ValidationException naming the parameter if the scaled value is out of range
     */
    public Parameters scaled(Parameter parameter, double factor) {
        return with(parameter, get(parameter) * factor);
    }

    /**
     * The value of one parameter.
     *
     * @param parameter the parameter
     * @return its value, in its {@link Parameter#unit() unit}
     */
    public double get(Parameter parameter) {
        return values[parameter.ordinal()];
    }

    /**
     * All values in {@link Parameter} declaration order.
     *
     * @return a copy of the values
     */
    public double[] toArray() {
        return values.clone();
    }

    /**
     * All values by parameter.
     *
     * @return an unmodifiable map in declaration order
     */
    public Map<Parameter, Double> asMap() {
        Map<Parameter, Double> m = new EnumMap<>(Parameter.class);
        for (Parameter p : ALL) {
            m.put(p, values[p.ordinal()]);
        }
        return Collections.unmodifiableMap(m);
    }

    /**
     * All values by key, as written to JSON and CSV.
     *
     * @return an unmodifiable, ordered map from key to value
     */
    public Map<String, Double> byKey() {
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        for (Parameter p : ALL) {
            m.put(p.key(), values[p.ordinal()]);
        }
        return Collections.unmodifiableMap(m);
    }

    private static double[] defaultValues() {
        double[] v = new double[ALL.length];
        for (Parameter p : ALL) {
            v[p.ordinal()] = p.defaultValue();
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Parameters other && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Parameters" + byKey();
    }
}
