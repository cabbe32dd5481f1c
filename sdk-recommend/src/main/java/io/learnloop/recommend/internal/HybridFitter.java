package io.learnloop.recommend.internal;

import io.learnloop.recommend.HybridFit;
import io.learnloop.recommend.HybridSettings;
import io.learnloop.recommend.InteractionMatrix;
import io.learnloop.recommend.ModelKind;
import io.learnloop.recommend.RecommenderSettings;
import io.learnloop.recommend.eval.MatrixSplit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Fits a hybrid: carves a validation split out of the matrix, trains every candidate part on its training side,
 * searches weights, recency half-life and scaling ({@link BlendSearch}), checks the result by full ranking against
 * every part on its own, chooses content's share for courses with few learners ({@link ColdShareFit}), and trains
 * the parts that kept a weight on the whole matrix.
 *
 * <p>Thread-safe: static helpers without state.
 */
public final class HybridFitter {
    /** Each part's best courses that enter a learner's candidate pool, per cut-off position. */
    private static final int POOL_FACTOR = 3;

    private HybridFitter() {
    }

    /**
     * Fits the hybrid.
     *
     * @param matrix    the interactions
     * @param catalogue the catalogue
     * @param settings  the settings of every part and of the fit
     * @param now       the time popularity decays towards
     * @return the fit
     */
    public static HybridFit fit(InteractionMatrix matrix, Catalogue catalogue, RecommenderSettings settings,
                                Instant now) {
        HybridSettings hs = settings.hybrid();
        List<ModelKind> kinds = usableParts(hs, matrix, catalogue);
        MatrixSplit split = hs.validation().split(matrix);
        ValidationLearners learners = ValidationLearners.of(split, hs.validationLearners(), hs.cutoff());
        ScoringModel[] parts = new ScoringModel[kinds.size()];
        for (int p = 0; p < parts.length; p++) {
            parts[p] = ModelFactory.train(kinds.get(p), learners.train(), catalogue, settings, now);
        }
        int k = hs.cutoff();
        double[] single = new double[parts.length];
        int best = 0;
        for (int p = 0; p < parts.length; p++) {
            single[p] = ValidationLearners.mean(learners.ndcg(parts[p]));
            if (single[p] > single[best]) {
                best = p;
            }
        }
        BlendSearch.Found found = learners.size() == 0 ? null
                : BlendSearch.search(parts, learners, hs.recencyHalfLives(), POOL_FACTOR * k);
        BlendSearch.Choice choice = found == null
                ? new BlendSearch.Choice(equal(parts.length), 0, Scaling.MAX_ABS, new double[0], 0)
                : found.choice();
        ScoringModel validationPop = popularity(kinds, parts, learners.train(), catalogue, settings, now);
        HistoryBuckets buckets = null;
        HybridModel validationModel = blend(learners.train(), catalogue, kinds, parts, choice, buckets,
                validationPop, null, 0);
        double[] blendedEach = learners.ndcg(validationModel);
        double blended = ValidationLearners.mean(blendedEach);
        if (learners.size() > 0 && blended < single[best]) {
            // The pooled search scores blends on each part's top courses only; the full ranking has the last word.
            choice = new BlendSearch.Choice(BlendSearch.oneHot(parts.length, best), 0, Scaling.NONE, new double[0],
                    single[best]);
            validationModel = blend(learners.train(), catalogue, kinds, parts, choice, buckets, validationPop,
                    null, 0);
            blendedEach = learners.ndcg(validationModel);
            blended = ValidationLearners.mean(blendedEach);
        } else if (found != null) {
            // Learners with short and long histories may want different parts: refit per bucket, keep it only when
            // the full ranking agrees that it beats the one blend by more than noise.
            HistoryBuckets candidate = BucketFit.run(found.table(), learners, choice);
            if (candidate != null) {
                HybridModel byHistory = blend(learners.train(), catalogue, kinds, parts, choice, candidate,
                        validationPop, null, 0);
                double[] each = learners.ndcg(byHistory);
                if (PairedGain.significant(each, blendedEach) && ValidationLearners.mean(each) >= single[best]) {
                    buckets = candidate;
                    validationModel = byHistory;
                    blendedEach = each;
                    blended = ValidationLearners.mean(each);
                }
            }
        }
        // Courses with too few learners for the interaction parts get a share of content, when validation says so.
        int contentAt = kinds.indexOf(ModelKind.CONTENT);
        double coldWeight = 0;
        if (learners.size() > 0 && contentAt >= 0) {
            HybridModel probe = blend(learners.train(), catalogue, kinds, parts, choice, buckets, validationPop,
                    parts[contentAt], 0);
            if (probe.coldCourses().length > 0) {
                ColdShareFit.Result cold = ColdShareFit.run(probe, learners, blendedEach, single[best]);
                if (cold.weight() > 0) {
                    HybridModel withCold = blend(learners.train(), catalogue, kinds, parts, choice, buckets,
                            validationPop, parts[contentAt], cold.weight());
                    double[] each = learners.ndcg(withCold);
                    if (ValidationLearners.mean(each) >= single[best]) {
                        coldWeight = cold.weight();
                        validationModel = withCold;
                        blended = ValidationLearners.mean(each);
                    }
                }
            }
        }
        ScoringModel[] finalParts = new ScoringModel[parts.length];
        for (int p = 0; p < parts.length; p++) {
            if (uses(choice, buckets, p) || (p == contentAt && coldWeight > 0)) {
                finalParts[p] = ModelFactory.train(kinds.get(p), matrix, catalogue, settings, now);
            }
        }
        ScoringModel pop = popularity(kinds, finalParts, matrix, catalogue, settings, now);
        // The bounds were fitted on training-side history lengths; the final model sees whole histories.
        HistoryBuckets served = buckets == null ? null : buckets.forFullHistories(hs.validation());
        HybridModel model = blend(matrix, catalogue, kinds, finalParts, choice, served, pop,
                coldWeight > 0 ? finalParts[contentAt] : null, coldWeight);
        Map<ModelKind, Double> weights = new EnumMap<>(ModelKind.class);
        Map<ModelKind, Double> partNdcg = new EnumMap<>(ModelKind.class);
        for (int p = 0; p < parts.length; p++) {
            partNdcg.put(kinds.get(p), single[p]);
            if (choice.weights()[p] > 0) {
                weights.put(kinds.get(p), choice.weights()[p]);
            }
        }
        Map<Integer, Map<ModelKind, Double>> byHistory = new java.util.TreeMap<>();
        if (served != null) {
            int[] bounds = served.bounds();
            double[][] rows = served.weights();
            for (int b = 0; b < rows.length; b++) {
                Map<ModelKind, Double> row = new EnumMap<>(ModelKind.class);
                for (int p = 0; p < parts.length; p++) {
                    if (rows[b][p] > 0) {
                        row.put(kinds.get(p), rows[b][p]);
                    }
                }
                byHistory.put(b == 0 ? 1 : bounds[b - 1], row);
            }
        }
        return new HybridFit(model, weights, Duration.ofMillis(choice.recencyMillis()),
                choice.scaling().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), blended, partNdcg,
                validationModel, learners.train(), learners.relevantIds(), coldWeight, byHistory);
    }

    private static boolean uses(BlendSearch.Choice choice, HistoryBuckets buckets, int part) {
        return choice.weights()[part] > 0 || (buckets != null && buckets.uses(part));
    }

    private static List<ModelKind> usableParts(HybridSettings hs, InteractionMatrix matrix, Catalogue catalogue) {
        List<ModelKind> kinds = new ArrayList<>();
        for (ModelKind kind : ModelKind.values()) {
            boolean usable = switch (kind) {
                case EASE -> matrix.courseCount() <= EaseModel.MAX_COURSES;
                case CONTENT -> !catalogue.isEmpty();
                default -> true;
            };
            if (hs.parts().contains(kind) && usable) {
                kinds.add(kind);
            }
        }
        if (kinds.isEmpty()) {
            kinds.add(ModelKind.POPULARITY);
        }
        return kinds;
    }

    private static double[] equal(int size) {
        double[] w = new double[size];
        java.util.Arrays.fill(w, 1);
        return w;
    }

    private static ScoringModel popularity(List<ModelKind> kinds, ScoringModel[] parts, InteractionMatrix matrix,
                                           Catalogue catalogue, RecommenderSettings settings, Instant now) {
        int at = kinds.indexOf(ModelKind.POPULARITY);
        return at >= 0 && parts[at] != null ? parts[at]
                : ModelFactory.train(ModelKind.POPULARITY, matrix, catalogue, settings, now);
    }

    private static HybridModel blend(InteractionMatrix matrix, Catalogue catalogue, List<ModelKind> kinds,
                                     ScoringModel[] parts, BlendSearch.Choice choice, HistoryBuckets buckets,
                                     ScoringModel popularity, ScoringModel coldContent, double coldWeight) {
        List<ScoringModel> models = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        List<Integer> used = new ArrayList<>();
        for (int p = 0; p < kinds.size(); p++) {
            if (uses(choice, buckets, p)) {
                models.add(parts[p]);
                weights.add(choice.weights()[p]);
                used.add(p);
            }
        }
        double[][] byBucket = null;
        if (buckets != null) {
            double[][] rows = buckets.weights();
            byBucket = new double[rows.length][used.size()];
            for (int b = 0; b < rows.length; b++) {
                for (int x = 0; x < used.size(); x++) {
                    byBucket[b][x] = rows[b][used.get(x)];
                }
            }
        }
        return new HybridModel(matrix, catalogue, models, weights, popularity, null, 0, choice.recencyMillis(),
                choice.scaling(), coldContent, coldWeight, buckets == null ? null : buckets.bounds(), byBucket);
    }
}
