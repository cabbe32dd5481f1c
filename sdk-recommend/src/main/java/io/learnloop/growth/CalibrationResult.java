package io.learnloop.growth;

import io.learnloop.core.json.LearnloopJson;
import io.learnloop.growth.internal.Csv;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The outcome of a {@link Calibration}: the full parameter set (fitted values plus priors), how each fitted value was
 * obtained, and the goodness of fit per observed series.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param parameters the fitted parameters, priors for the rest
 * @param estimates  the fitted parameters with their standard errors and methods
 * @param fits       goodness of fit per series
 */
public record CalibrationResult(Parameters parameters, List<ParameterEstimate> estimates, List<SeriesFit> fits) {
    /**
     * Copies the lists.
     *
     * @param parameters the parameters
     * @param estimates  the estimates
     * @param fits       the fits
     */
    public CalibrationResult {
        estimates = List.copyOf(estimates);
        fits = List.copyOf(fits);
    }

    /**
     * The estimate of one parameter.
     *
     * @param parameter the parameter
     * @return its estimate
     * @throws io.learnloop.core.error.ValidationException if the parameter was held at its prior
     */
    public ParameterEstimate estimate(Parameter parameter) {
        return estimates.stream().filter(e -> e.parameter() == parameter).findFirst()
                .orElseThrow(() -> io.learnloop.core.error.ValidationException.of(parameter.key(),
                        "was not calibrated; it keeps its prior value"));
    }

    /**
     * The parameters the observations did not identify, which keep their prior values.
     *
     * @return the parameters held at their priors
     */
    public Set<Parameter> heldAtPrior() {
        Set<Parameter> held = EnumSet.allOf(Parameter.class);
        estimates.forEach(e -> held.remove(e.parameter()));
        return held;
    }

    /**
     * The goodness of fit of one series.
     *
     * @param series the series name, for example {@code "conversions"}
     * @return its fit
     * @throws io.learnloop.core.error.ValidationException if there is no such series
     */
    public SeriesFit fit(String series) {
        return fits.stream().filter(f -> f.series().equals(series)).findFirst()
                .orElseThrow(() -> io.learnloop.core.error.ValidationException.of("series", "no series named '" + series + "'"));
    }

    /**
     * The estimates as CSV: parameter, unit, value, standard error, method.
     *
     * @return CSV text
     */
    public String toCsv() {
        Csv csv = new Csv(List.of("parameter", "unit", "value", "standardError", "method"));
        for (ParameterEstimate e : estimates) {
            csv.row(java.util.Arrays.asList(e.parameter().key(), e.parameter().unit(), e.value(),
                    Double.isNaN(e.standardError()) ? null : e.standardError(), e.method()));
        }
        return csv.toString();
    }

    /**
     * The result as JSON: all parameters, the estimates, and the fit statistics of each series.
     *
     * @return JSON text
     */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("parameters", parameters.byKey());
        List<Map<String, Object>> est = new ArrayList<>();
        for (ParameterEstimate e : estimates) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("parameter", e.parameter().key());
            row.put("value", e.value());
            row.put("standardError", Double.isNaN(e.standardError()) ? null : e.standardError());
            row.put("method", e.method());
            est.add(row);
        }
        m.put("estimates", est);
        List<Map<String, Object>> f = new ArrayList<>();
        for (SeriesFit s : fits) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("series", s.series());
            row.put("rSquared", s.rSquared());
            row.put("rmse", s.rmse());
            row.put("dispersion", Double.isNaN(s.dispersion()) ? null : s.dispersion());
            f.add(row);
        }
        m.put("fits", f);
        m.put("heldAtPrior", heldAtPrior().stream().map(Parameter::key).toList());
        return LearnloopJson.toJson(m);
    }
}
