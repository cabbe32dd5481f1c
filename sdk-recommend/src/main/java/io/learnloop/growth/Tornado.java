package io.learnloop.growth;

import io.learnloop.core.error.Validator;
import io.learnloop.core.json.LearnloopJson;
import io.learnloop.growth.internal.Csv;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One-at-a-time sensitivity of a chosen output: every parameter in turn is set {@code swing} below and above its
 * value (clipped to its allowed range) with all others held, and the output is simulated for both. Sorted by the
 * width of the swing in the output, this is the tornado chart: the top bar is the parameter the output depends on
 * most over that range.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param metric   the output
 * @param baseline the output with every parameter at its value
 * @param swing    the relative change applied, for example 0.2 for ±20%
 * @param bars     one bar per parameter, widest first
 */
public record Tornado(Metric metric, double baseline, double swing, List<Bar> bars) {
    /**
     * One parameter's effect.
     *
     * @param parameter  the parameter
     * @param lowInput   the parameter's low value
     * @param highInput  the parameter's high value
     * @param lowOutput  the output at the low value
     * @param highOutput the output at the high value
     */
    public record Bar(Parameter parameter, double lowInput, double highInput, double lowOutput, double highOutput) {
        /**
         * The width of the bar.
         *
         * @return the absolute difference of the two outputs
         */
        public double width() {
            return Math.abs(highOutput - lowOutput);
        }
    }

    /**
     * Copies the list.
     *
     * @param metric   the output
     * @param baseline the baseline output
     * @param swing    the relative change
     * @param bars     the bars
     */
    public Tornado {
        bars = List.copyOf(bars);
    }

    /**
     * Runs the sensitivity analysis.
     *
     * @param model  the model
     * @param step   the time step
     * @param steps  the number of steps
     * @param metric the output to read at the end
     * @param swing  the relative change, above 0 and below 1
     * @return the tornado
     */
    public static Tornado of(GrowthModel model, TimeStep step, int steps, Metric metric, double swing) {
        return of(model, step, steps, metric, swing, EnumSet.allOf(Parameter.class));
    }

    /**
     * Runs the sensitivity analysis on chosen parameters only, for example the levers an operator controls.
     *
     * @param model      the model
     * @param step       the time step
     * @param steps      the number of steps
     * @param metric     the output to read at the end
     * @param swing      the relative change, above 0 and below 1
     * @param parameters the parameters to vary, at least one
     * @return the tornado
     */
    public static Tornado of(GrowthModel model, TimeStep step, int steps, Metric metric, double swing,
                             Set<Parameter> parameters) {
        new Validator().notNull("model", model).notNull("metric", metric).notEmpty("parameters", parameters)
                .check(Double.isFinite(swing) && swing > 0 && swing < 1, "swing", "must be above 0 and below 1 (was " + swing + ")")
                .throwIfInvalid();
        GrowthModel.validateHorizon(step, steps);
        double baseline = metric.of(model.simulate(step, steps));
        List<Bar> bars = new ArrayList<>();
        for (Parameter p : EnumSet.copyOf(parameters)) {
            double value = model.parameters().get(p);
            double low = clip(p, value * (1 - swing));
            double high = clip(p, value * (1 + swing));
            double lowOut = metric.of(model.withParameters(model.parameters().with(p, low)).simulate(step, steps));
            double highOut = metric.of(model.withParameters(model.parameters().with(p, high)).simulate(step, steps));
            bars.add(new Bar(p, low, high, lowOut, highOut));
        }
        bars.sort(Comparator.comparingDouble((Bar b) -> -b.width()).thenComparing(b -> b.parameter().ordinal()));
        return new Tornado(metric, baseline, swing, bars);
    }

    private static double clip(Parameter p, double value) {
        return p.kind() == Parameter.Kind.PROBABILITY ? Math.min(1.0, value) : value;
    }

    /**
     * The bars as CSV, widest first.
     *
     * @return CSV text
     */
    public String toCsv() {
        Csv csv = new Csv(List.of("parameter", "unit", "lowInput", "highInput", "lowOutput", "highOutput", "width"));
        for (Bar b : bars) {
            csv.row(List.of(b.parameter().key(), b.parameter().unit(), b.lowInput(), b.highInput(), b.lowOutput(),
                    b.highOutput(), b.width()));
        }
        return csv.toString();
    }

    /**
     * The tornado as JSON.
     *
     * @return JSON text
     */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("metric", metric.key());
        m.put("baseline", baseline);
        m.put("swing", swing);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Bar b : bars) {
            Map<String, Object> bar = new LinkedHashMap<>();
            bar.put("parameter", b.parameter().key());
            bar.put("lowInput", b.lowInput());
            bar.put("highInput", b.highInput());
            bar.put("lowOutput", b.lowOutput());
            bar.put("highOutput", b.highOutput());
            bar.put("width", b.width());
            list.add(bar);
        }
        m.put("bars", list);
        return LearnloopJson.toJson(m);
    }
}
