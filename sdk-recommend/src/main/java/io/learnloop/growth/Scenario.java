package io.learnloop.growth;

import io.learnloop.core.error.Validator;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * A named change to the parameters: each listed parameter is multiplied by its factor. For example
 * {@code Scenario.named("+10% learning efficiency").times(Parameter.LEARNING_EFFICIENCY, 1.1)}.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param name    a short label
 * @param factors the multiplier of each changed parameter
 */
public record Scenario(String name, Map<Parameter, Double> factors) {
    /**
     * Validates and copies.
     *
     * @param name    the label
     * @param factors the multipliers
     */
    public Scenario {
        Validator v = new Validator().notBlank("name", name, 200).notNull("factors", factors);
        if (factors != null) {
            for (Map.Entry<Parameter, Double> e : factors.entrySet()) {
                Double f = e.getValue();
                v.check(e.getKey() != null, "factors", "parameter must not be null");
                if (e.getKey() != null) {
                    v.check(f != null && Double.isFinite(f) && f >= 0, e.getKey().key(),
                            "factor must be a finite, non-negative number (was " + f + ")");
                }
            }
        }
        v.throwIfInvalid();
        factors = Collections.unmodifiableMap(new EnumMap<>(factors.isEmpty() ? new EnumMap<>(Parameter.class) : factors));
    }

    /**
     * A scenario that changes nothing.
     *
     * @param name the label
     * @return the scenario
     */
    public static Scenario named(String name) {
        return new Scenario(name, new EnumMap<>(Parameter.class));
    }

    /**
     * A copy that also multiplies {@code parameter} by {@code factor}.
     *
     * @param parameter the parameter
     * @param factor    the multiplier
     * @return the new scenario
     */
    public Scenario times(Parameter parameter, double factor) {
        Map<Parameter, Double> m = new EnumMap<>(Parameter.class);
        m.putAll(factors);
        m.put(parameter, factor);
        return new Scenario(name, m);
    }

    /**
     * Applies the scenario.
     *
     * @param base the parameters to change
     * @return the changed parameters
     * @throws io.learnloop.core.error.ValidationException naming a parameter pushed out of its range
     */
    public Parameters apply(Parameters base) {
        Parameters p = base;
        for (Map.Entry<Parameter, Double> e : factors.entrySet()) {
            p = p.scaled(e.getKey(), e.getValue());
        }
        return p;
    }
}
