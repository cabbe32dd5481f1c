package io.learnloop.growth;

/**
 * How strongly an output responds to one parameter: the relative change of the output per relative change of the
 * parameter, {@code (θ / y) · ∂y/∂θ}. An elasticity of 0.8 means a 1% higher parameter gives a 0.8% higher output.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param parameter  the parameter
 * @param elasticity the elasticity (0 for a parameter whose value is 0)
 */
public record Elasticity(Parameter parameter, double elasticity) {
    /**
     * The parameter's key, for output.
     *
     * @return the key
     */
    public String key() {
        return parameter.key();
    }
}
