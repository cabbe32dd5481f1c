package io.learnloop.growth;

import io.learnloop.core.error.Validator;
import io.learnloop.core.json.LearnloopJson;
import io.learnloop.growth.internal.Csv;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every {@link Metric} under a baseline and under each scenario, with the relative change against the baseline.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param outcomes the baseline first, then each scenario in the order given
 */
public record ScenarioComparison(List<Outcome> outcomes) {
    /**
     * One scenario's metrics.
     *
     * @param scenario the scenario
     * @param values   every metric at the end of the run
     * @param change   relative change of every metric against the baseline (0.05 = 5% higher)
     */
    public record Outcome(Scenario scenario, Map<Metric, Double> values, Map<Metric, Double> change) {
        /**
         * Copies the maps.
         *
         * @param scenario the scenario
         * @param values   the metrics
         * @param change   the changes
         */
        public Outcome {
            values = Collections.unmodifiableMap(new EnumMap<>(values));
            change = Collections.unmodifiableMap(new EnumMap<>(change));
        }
    }

    /**
     * Copies the list.
     *
     * @param outcomes the outcomes
     */
    public ScenarioComparison {
        outcomes = List.copyOf(outcomes);
    }

    /**
     * Simulates the baseline and each scenario over the same horizon.
     *
     * @param model     the baseline model
     * @param step      the time step
     * @param steps     the number of steps
     * @param scenarios the scenarios
     * @return the comparison
     */
    public static ScenarioComparison of(GrowthModel model, TimeStep step, int steps, List<Scenario> scenarios) {
        new Validator().notNull("model", model).notNull("scenarios", scenarios).throwIfInvalid();
        GrowthModel.validateHorizon(step, steps);
        Map<Metric, Double> base = metrics(model.simulate(step, steps));
        List<Outcome> outcomes = new ArrayList<>();
        outcomes.add(new Outcome(Scenario.named("baseline"), base, change(base, base)));
        for (Scenario s : scenarios) {
            new Validator().notNull("scenario", s).throwIfInvalid();
            Map<Metric, Double> values = metrics(model.withParameters(s.apply(model.parameters())).simulate(step, steps));
            outcomes.add(new Outcome(s, values, change(values, base)));
        }
        return new ScenarioComparison(outcomes);
    }

    private static Map<Metric, Double> metrics(Trajectory run) {
        Map<Metric, Double> m = new EnumMap<>(Metric.class);
        for (Metric metric : Metric.values()) {
            m.put(metric, metric.of(run));
        }
        return m;
    }

    private static Map<Metric, Double> change(Map<Metric, Double> values, Map<Metric, Double> base) {
        Map<Metric, Double> m = new EnumMap<>(Metric.class);
        for (Metric metric : Metric.values()) {
            double b = base.get(metric);
            m.put(metric, b == 0 ? 0 : (values.get(metric) - b) / Math.abs(b));
        }
        return m;
    }

    /**
     * The outcome of a scenario by name.
     *
     * @param name the scenario's name ({@code "baseline"} for the baseline)
     * @return the outcome
     * @throws io.learnloop.core.error.ValidationException if there is no such scenario
     */
    public Outcome outcome(String name) {
        for (Outcome o : outcomes) {
            if (o.scenario().name().equals(name)) {
                return o;
            }
        }
        throw io.learnloop.core.error.ValidationException.of("name", "no scenario named '" + name + "'");
    }

    /**
     * The comparison as CSV: one row per scenario and metric.
     *
     * @return CSV text
     */
    public String toCsv() {
        Csv csv = new Csv(List.of("scenario", "metric", "unit", "value", "changeVsBaseline"));
        for (Outcome o : outcomes) {
            for (Metric m : Metric.values()) {
                csv.row(List.of(o.scenario().name(), m.key(), m.unit(), o.values().get(m), o.change().get(m)));
            }
        }
        return csv.toString();
    }

    /**
     * The comparison as JSON.
     *
     * @return JSON text
     */
    public String toJson() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Outcome o : outcomes) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("scenario", o.scenario().name());
            Map<String, Double> factors = new LinkedHashMap<>();
            o.scenario().factors().forEach((p, f) -> factors.put(p.key(), f));
            row.put("factors", factors);
            Map<String, Double> values = new LinkedHashMap<>();
            Map<String, Double> change = new LinkedHashMap<>();
            for (Metric m : Metric.values()) {
                values.put(m.key(), o.values().get(m));
                change.put(m.key(), o.change().get(m));
            }
            row.put("values", values);
            row.put("changeVsBaseline", change);
            list.add(row);
        }
        return LearnloopJson.toJson(Map.of("outcomes", list));
    }
}
