package io.learnloop.growth;

import io.learnloop.core.error.Validator;
import io.learnloop.core.json.LearnloopJson;
import io.learnloop.growth.internal.Csv;
import io.learnloop.growth.internal.Dual;
import io.learnloop.growth.internal.GainFormula;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The loop gain of the stock-and-flow model at one state and the elasticity of the gain to every parameter.
 *
 * <p>The gain is the number of new learners one new learner brings in by word of mouth over its life on the
 * platform: {@code G = r·T_f + r·p_conv·T_s·(1 + w·p_done)}, where {@code r} is the referral rate per active
 * learner per day (k-factor over cycle length, raised by the community, scaled by the share of the market still
 * prospective), {@code T_f} and {@code T_s} the expected days as a free and as a paying learner, {@code p_conv} the
 * probability of converting before churning and {@code p_done} the probability of completing a course before
 * churning. The word-of-mouth loop sustains itself when {@code G > 1}; the derivation is in {@code docs/growth.md}.
 * Elasticities are exact (forward-mode automatic differentiation), sorted by magnitude: the first is the lever
 * that matters most.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param gain                  the loop gain
 * @param freeStageGain         new learners brought in while free
 * @param paidStageGain         new learners brought in while paying
 * @param referralRatePerDay    {@code r}, new learners per active learner per day
 * @param conversionProbability {@code p_conv}
 * @param completionProbability {@code p_done}
 * @param freeLifetimeDays      {@code T_f}
 * @param paidLifetimeDays      {@code T_s}
 * @param elasticities          the elasticity of the gain to each parameter, largest magnitude first
 */
public record LoopAnalysis(double gain, double freeStageGain, double paidStageGain, double referralRatePerDay,
                           double conversionProbability, double completionProbability, double freeLifetimeDays,
                           double paidLifetimeDays, List<Elasticity> elasticities) {
    /**
     * Copies the list.
     *
     * @param gain                  the loop gain
     * @param freeStageGain         new learners brought in while free
     * @param paidStageGain         new learners brought in while paying
     * @param referralRatePerDay    the referral rate
     * @param conversionProbability the conversion probability
     * @param completionProbability the completion probability
     * @param freeLifetimeDays      the free lifetime
     * @param paidLifetimeDays      the paid lifetime
     * @param elasticities          the elasticities
     */
    public LoopAnalysis {
        elasticities = List.copyOf(elasticities);
    }

    /**
     * Analyses the loop at the model's initial state.
     *
     * @param model the model
     * @return the analysis
     */
    public static LoopAnalysis of(GrowthModel model) {
        new Validator().notNull("model", model).throwIfInvalid();
        return at(model.parameters(), model.initialState());
    }

    /**
     * Analyses the loop at a given state.
     *
     * @param parameters the parameters
     * @param state      the state
     * @return the analysis
     */
    public static LoopAnalysis at(Parameters parameters, GrowthState state) {
        new Validator().notNull("parameters", parameters).notNull("state", state).throwIfInvalid();
        double[] p = parameters.toArray();
        double[] s = state.toArray();
        Dual[] parts = new Dual[GainFormula.PARTS];
        double gain = GainFormula.gain(GainFormula.constants(p, -1), s, parts).v();
        List<Elasticity> elasticities = new ArrayList<>();
        for (Parameter parameter : Parameter.values()) {
            int i = parameter.ordinal();
            double derivative = GainFormula.gain(GainFormula.constants(p, i), s, null).d();
            double e = p[i] == 0 || gain == 0 ? 0 : derivative * p[i] / gain;
            elasticities.add(new Elasticity(parameter, e));
        }
        elasticities.sort(Comparator.comparingDouble((Elasticity e) -> -Math.abs(e.elasticity()))
                .thenComparing(e -> e.parameter().ordinal()));
        return new LoopAnalysis(gain, parts[GainFormula.FREE_STAGE].v(), parts[GainFormula.PAID_STAGE].v(),
                parts[GainFormula.REFERRAL_RATE].v(), parts[GainFormula.CONVERSION_PROBABILITY].v(),
                parts[GainFormula.COMPLETION_PROBABILITY].v(), parts[GainFormula.FREE_LIFETIME].v(),
                parts[GainFormula.PAID_LIFETIME].v(), elasticities);
    }

    /**
     * The elasticity of the gain to one parameter.
     *
     * @param parameter the parameter
     * @return its elasticity
     */
    public double elasticity(Parameter parameter) {
        for (Elasticity e : elasticities) {
            if (e.parameter() == parameter) {
                return e.elasticity();
            }
        }
        throw new IllegalStateException("no elasticity for " + parameter);
    }

    /**
     * Whether the word-of-mouth loop sustains itself.
     *
     * @return true if the gain exceeds 1
     */
    public boolean amplifies() {
        return gain > 1;
    }

    /**
     * The elasticities as CSV: parameter, unit, elasticity.
     *
     * @return CSV text
     */
    public String toCsv() {
        Csv csv = new Csv(List.of("parameter", "unit", "elasticity"));
        for (Elasticity e : elasticities) {
            csv.row(List.of(e.key(), e.parameter().unit(), e.elasticity()));
        }
        return csv.toString();
    }

    /**
     * The analysis as JSON.
     *
     * @return JSON text
     */
    public String toJson() {
        return LearnloopJson.toJson(this);
    }
}
