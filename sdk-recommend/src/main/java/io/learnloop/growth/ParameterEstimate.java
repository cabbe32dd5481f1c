package io.learnloop.growth;

/**
 * One calibrated parameter.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param parameter     the parameter
 * @param value         the fitted value
 * @param standardError its approximate standard error (NaN where the method gives none)
 * @param method        how it was fitted, for example {@code "count/exposure"} (the Poisson maximum-likelihood rate)
 */
public record ParameterEstimate(Parameter parameter, double value, double standardError, String method) {
    /**
     * The standard error relative to the value.
     *
     * @return the relative standard error, NaN if unknown or the value is 0
     */
    public double relativeStandardError() {
        return value == 0 ? Double.NaN : standardError / Math.abs(value);
    }
}
