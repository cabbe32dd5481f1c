package io.learnloop.examples;

import io.learnloop.growth.GrowthModel;
import io.learnloop.growth.LoopAnalysis;
import io.learnloop.growth.Parameter;
import io.learnloop.growth.Parameters;
import io.learnloop.growth.Stock;
import io.learnloop.growth.TimeStep;
import io.learnloop.growth.Trajectory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The loop gain before and after the three features that move the growth loop's parameters: spaced review (free
 * churn), sharing and reputation (community posts) and pay-per-outcome offers (conversion), each alone and all three
 * together, on the simulator with the default parameters. Prints the Markdown table that docs/growth.md holds between
 * its {@code feature-effects} markers; {@code GrowthFeatureEffectsTest} checks the two are equal.
 *
 * <pre>
 * mvn -q -pl examples -am package -DskipTests
 * mvn -q -pl examples exec:java -Dexec.mainClass=io.learnloop.examples.GrowthFeatureEffects
 * </pre>
 */
public final class GrowthFeatureEffects {
    /** How much each feature moves its parameter: the assumption the table is computed under. */
    static final Map<Parameter, Double> MOVES = Map.of(
            Parameter.FREE_CHURN_RATE, 0.75,
            Parameter.POST_RATE, 1.5,
            Parameter.CONVERSION_RATE, 1.2);
    private static final int YEARS = 5;

    private record Scenario(String name, List<Parameter> moved) {
    }

    private GrowthFeatureEffects() {
    }

    /**
     * Prints the table.
     *
     * @param args none
     */
    public static void main(String[] args) {
        System.out.println(table());
    }

    /**
     * Computes the table: for each scenario, the loop gain at launch, its peak over five years and the year of the
     * peak, the gain after one year, and the paying learners after three years.
     *
     * @return the Markdown table, one line per row
     */
    public static String table() {
        List<Scenario> scenarios = List.of(
                new Scenario("defaults (before)", List.of()),
                new Scenario("spaced review: free churn ×0.75", List.of(Parameter.FREE_CHURN_RATE)),
                new Scenario("sharing and reputation: post rate ×1.5", List.of(Parameter.POST_RATE)),
                new Scenario("pay-per-outcome offers: conversion ×1.2", List.of(Parameter.CONVERSION_RATE)),
                new Scenario("all three (after)", List.of(Parameter.FREE_CHURN_RATE, Parameter.POST_RATE,
                        Parameter.CONVERSION_RATE)));
        List<String> lines = new ArrayList<>();
        lines.add("| scenario | gain at launch | peak gain (year) | gain after 1 year | paying learners after 3 years |");
        lines.add("|---|---|---|---|---|");
        GrowthModel base = GrowthModel.defaults();
        for (Scenario s : scenarios) {
            Parameters p = base.parameters();
            for (Parameter moved : s.moved()) {
                p = p.with(moved, p.get(moved) * MOVES.get(moved));
            }
            GrowthModel model = base.withParameters(p);
            Trajectory run = model.simulate(TimeStep.MONTH, TimeStep.MONTH.stepsIn(YEARS));
            double peak = 0;
            int peakAt = 0;
            for (int i = 0; i < run.size(); i++) {
                double g = LoopAnalysis.at(p, run.state(i)).gain();
                if (g > peak) {
                    peak = g;
                    peakAt = i;
                }
            }
            int oneYear = TimeStep.MONTH.stepsIn(1);
            int threeYears = TimeStep.MONTH.stepsIn(3);
            lines.add(String.format(Locale.ROOT, "| %s | %.3f | %.3f (%.1f) | %.3f | %,.0f |", s.name(),
                    LoopAnalysis.of(model).gain(), peak, run.day(peakAt) / 365.25,
                    LoopAnalysis.at(p, run.state(oneYear)).gain(), run.value(Stock.PAYING_LEARNERS, threeYears)));
        }
        return String.join("\n", lines);
    }
}
