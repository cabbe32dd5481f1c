package io.learnloop.recommend.eval;

import io.learnloop.recommend.ModelKind;
import io.learnloop.recommend.RecommenderSettings;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the {@link Tuner} chose and how.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param settings    the chosen settings: the start settings with each tuned model's best setting, and the hybrid fitted
 *                    on the tuner's validation method
 * @param startNdcg   each tuned model's validation NDCG with the start settings
 * @param tunedNdcg   each tuned model's validation NDCG with the chosen settings (never below the start)
 * @param trials      every setting scored, in order
 * @param elapsed     the time the tuning took
 * @param budget      the time it was allowed
 * @param cutShort    the models whose search stopped early because their share of the budget ran out
 * @param learners    how many validation learners were scored in a full evaluation
 */
public record TuningResult(RecommenderSettings settings, Map<ModelKind, Double> startNdcg,
                           Map<ModelKind, Double> tunedNdcg, List<Trial> trials, Duration elapsed, Duration budget,
                           List<ModelKind> cutShort, int learners) {
    /**
     * Copies.
     *
     * @param settings  the chosen settings
     * @param startNdcg validation NDCG with the start settings
     * @param tunedNdcg validation NDCG with the chosen settings
     * @param trials    every scored setting
     * @param elapsed   the time taken
     * @param budget    the time allowed
     * @param cutShort  the models cut short
     * @param learners  validation learners scored
     */
    public TuningResult {
        Objects.requireNonNull(settings, "settings");
        startNdcg = Collections.unmodifiableMap(copy(startNdcg));
        tunedNdcg = Collections.unmodifiableMap(copy(tunedNdcg));
        trials = List.copyOf(trials);
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(budget, "budget");
        cutShort = List.copyOf(cutShort);
    }

    private static Map<ModelKind, Double> copy(Map<ModelKind, Double> m) {
        Map<ModelKind, Double> out = new EnumMap<>(ModelKind.class);
        out.putAll(m);
        return out;
    }
}
