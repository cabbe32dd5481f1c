package io.learnloop.recommend;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A hybrid fitted by {@link Recommenders#fitHybrid}: the model trained on the whole matrix, and how it was chosen on
 * the validation split carved out of that matrix.
 *
 * <p>Thread-safe: immutable record (the models and the matrix are thread-safe).
 *
 * @param model              the hybrid, trained on the whole matrix; a model made by {@link Recommenders}
 * @param weights            the weight of each part kept (weight above 0), in {@link ModelKind} order: the one blend,
 *                           which every learner gets unless {@code weightsByHistory} says otherwise
 * @param recencyHalfLife    the chosen recency half-life, {@link Duration#ZERO} when off
 * @param scaling            how each part's scores were scaled: {@code "max-abs"} or {@code "z-score"}
 * @param validationNdcg     the hybrid's NDCG at the cutoff on the validation learners, by full ranking
 * @param partNdcg           each candidate part's NDCG on the same learners, by full ranking
 * @param validationModel    the same hybrid trained on the validation split's training side
 * @param validationMatrix   the validation split's training side
 * @param validationRelevant the held-out courses of the learners scored, by learner id
 * @param coldContentWeight  the weight of content's scaled score added to courses with fewer than 5 learners in the
 *                           matrix, 0 when validation did not favour it
 * @param weightsByHistory   when validation favoured weights that depend on how many courses a learner has: for each
 *                           group of learners, keyed by the fewest courses a learner of the group has (ascending),
 *                           the weight of each part it uses; empty when every learner gets {@code weights}
 */
public record HybridFit(Recommender model, Map<ModelKind, Double> weights, Duration recencyHalfLife, String scaling,
                        double validationNdcg, Map<ModelKind, Double> partNdcg, Recommender validationModel,
                        InteractionMatrix validationMatrix, Map<String, Set<String>> validationRelevant,
                        double coldContentWeight, Map<Integer, Map<ModelKind, Double>> weightsByHistory) {
    /**
     * Copies.
     *
     * @param model              the hybrid
     * @param weights            the weights
     * @param recencyHalfLife    the recency half-life
     * @param scaling            the scaling
     * @param validationNdcg     the hybrid's validation NDCG
     * @param partNdcg           each part's validation NDCG
     * @param validationModel    the hybrid trained on the validation training side
     * @param validationMatrix   the validation training side
     * @param validationRelevant the validation learners' held-out courses
     * @param coldContentWeight  the cold-course share of content
     * @param weightsByHistory   the weights by history length
     */
    public HybridFit {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(recencyHalfLife, "recencyHalfLife");
        Objects.requireNonNull(scaling, "scaling");
        Objects.requireNonNull(validationModel, "validationModel");
        Objects.requireNonNull(validationMatrix, "validationMatrix");
        weights = Collections.unmodifiableMap(new EnumMap<>(weights.isEmpty() ? new EnumMap<>(ModelKind.class)
                : new EnumMap<>(weights)));
        partNdcg = Collections.unmodifiableMap(partNdcg.isEmpty() ? new EnumMap<>(ModelKind.class)
                : new EnumMap<>(partNdcg));
        validationRelevant = Collections.unmodifiableMap(new LinkedHashMap<>(validationRelevant));
        Map<Integer, Map<ModelKind, Double>> byHistory = new TreeMap<>();
        weightsByHistory.forEach((from, w) -> byHistory.put(from, Collections.unmodifiableMap(
                w.isEmpty() ? new EnumMap<>(ModelKind.class) : new EnumMap<>(w))));
        weightsByHistory = Collections.unmodifiableMap(byHistory);
    }

    /**
     * Creates a fit with one set of weights for every learner.
     *
     * @param model              the hybrid
     * @param weights            the weights
     * @param recencyHalfLife    the recency half-life
     * @param scaling            the scaling
     * @param validationNdcg     the hybrid's validation NDCG
     * @param partNdcg           each part's validation NDCG
     * @param validationModel    the hybrid trained on the validation training side
     * @param validationMatrix   the validation training side
     * @param validationRelevant the validation learners' held-out courses
     * @param coldContentWeight  the cold-course share of content
     */
    public HybridFit(Recommender model, Map<ModelKind, Double> weights, Duration recencyHalfLife, String scaling,
                     double validationNdcg, Map<ModelKind, Double> partNdcg, Recommender validationModel,
                     InteractionMatrix validationMatrix, Map<String, Set<String>> validationRelevant,
                     double coldContentWeight) {
        this(model, weights, recencyHalfLife, scaling, validationNdcg, partNdcg, validationModel, validationMatrix,
                validationRelevant, coldContentWeight, Map.of());
    }

    /**
     * Returns a one-line description of the blend, for logs and reports.
     *
     * @return for example {@code "ease 1, rp3beta 0.35; recency 7 days; z-score"}
     */
    public String describe() {
        StringBuilder b = new StringBuilder();
        weights.forEach((kind, w) -> b.append(b.length() == 0 ? "" : ", ").append(kind.modelName()).append(' ')
                .append(w));
        b.append("; recency ").append(recencyHalfLife.isZero() ? "off"
                : recencyHalfLife.toHours() % 24 == 0 ? recencyHalfLife.toDays() + " days" : recencyHalfLife.toString());
        b.append("; ").append(scaling);
        if (coldContentWeight > 0) {
            b.append("; courses with under 5 learners: content ").append(coldContentWeight);
        }
        weightsByHistory.forEach((from, w) -> {
            b.append("; learners with ").append(from).append("+ courses:");
            w.forEach((kind, x) -> b.append(' ').append(kind.modelName()).append(' ')
                    .append(Math.round(x * 1000) / 1000.0));
        });
        return b.toString();
    }
}
