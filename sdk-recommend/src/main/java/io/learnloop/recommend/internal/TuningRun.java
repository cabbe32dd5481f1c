package io.learnloop.recommend.internal;

import io.learnloop.recommend.AlsSettings;
import io.learnloop.recommend.CourseInfo;
import io.learnloop.recommend.Interaction;
import io.learnloop.recommend.InteractionMatrix;
import io.learnloop.recommend.ModelKind;
import io.learnloop.recommend.RecommenderSettings;
import io.learnloop.recommend.eval.SplitMethod;
import io.learnloop.recommend.eval.Trial;
import io.learnloop.recommend.eval.TuningResult;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One run of the tuner (see {@link io.learnloop.recommend.eval.Tuner}): builds the training matrix, carves the
 * validation split, and searches each model in turn within its share of the budget.
 *
 * <p>Not thread-safe: one run per call.
 */
public final class TuningRun {
    private static final Map<ModelKind, Double> BUDGET_SHARE = Map.of(ModelKind.POPULARITY, 0.05,
            ModelKind.ITEM_KNN, 0.15, ModelKind.RP3BETA, 0.2, ModelKind.EASE, 0.25, ModelKind.ALS, 0.35);

    private final List<CourseInfo> catalogue;
    private final SplitMethod validation;
    private final RecommenderSettings start;
    private final Set<ModelKind> models;
    private final int cutoff;
    private final int learnerCap;
    private final Duration budget;
    private final Consumer<String> log;
    private final LongSupplier ticker;
    private final List<Trial> trials = new ArrayList<>();
    private final List<ModelKind> cutShort = new ArrayList<>();
    private Catalogue features;
    private ValidationLearners learners;
    private Instant now;
    private long deadline;

    /**
     * Prepares a run.
     *
     * @param catalogue  course features
     * @param validation how validation pairs are held out
     * @param start      the settings to start from
     * @param models     the models to tune
     * @param cutoff     the k of the NDCG
     * @param learnerCap the most validation learners
     * @param budget     the time budget
     * @param log        progress lines
     * @param ticker     the nanosecond time source the budget is measured with
     */
    public TuningRun(List<CourseInfo> catalogue, SplitMethod validation, RecommenderSettings start,
                     Set<ModelKind> models, int cutoff, int learnerCap, Duration budget, Consumer<String> log,
                     LongSupplier ticker) {
        this.catalogue = catalogue;
        this.validation = validation;
        this.start = start;
        this.models = models;
        this.cutoff = cutoff;
        this.learnerCap = learnerCap;
        this.budget = budget;
        this.log = log;
        this.ticker = ticker;
    }

    /**
     * Tunes.
     *
     * @param training the training interactions
     * @return the result
     */
    public TuningResult run(List<Interaction> training) {
        long began = ticker.getAsLong();
        features = new Catalogue(catalogue);
        InteractionMatrix matrix = InteractionMatrix.builder().courses(catalogue).addAll(training).build();
        now = Instant.EPOCH;
        for (Interaction i : training) {
            if (i.timestamp().isAfter(now)) {
                now = i.timestamp();
            }
        }
        learners = ValidationLearners.of(validation.split(matrix), learnerCap, cutoff);
        log.accept(String.format(Locale.ROOT, "validation: %s of the training side, %d learners scored", validation,
                learners.size()));
        RecommenderSettings settings = start.withHybrid(start.hybrid().withValidation(validation)
                .withScoring(start.hybrid().validationLearners(), cutoff));
        Map<ModelKind, Double> startNdcg = new EnumMap<>(ModelKind.class);
        Map<ModelKind, Double> tunedNdcg = new EnumMap<>(ModelKind.class);
        double shares = 0;
        for (ModelKind kind : models) {
            shares += BUDGET_SHARE.getOrDefault(kind, 0.0);
        }
        long spent = ticker.getAsLong();
        for (ModelKind kind : ModelKind.values()) {
            if (!models.contains(kind) || !BUDGET_SHARE.containsKey(kind)
                    || (kind == ModelKind.EASE && matrix.courseCount() > EaseModel.MAX_COURSES)) {
                continue;
            }
            long remaining = budget.toNanos() - (ticker.getAsLong() - began);
            deadline = ticker.getAsLong() + (long) (Math.max(0, remaining) * BUDGET_SHARE.get(kind) / shares);
            shares -= BUDGET_SHARE.get(kind);
            double before = score(kind, settings, 1);
            double[] beforeEach = full.get(key(kind, settings));
            startNdcg.put(kind, before);
            RecommenderSettings best = search(kind, settings);
            double after = score(kind, best, 1);
            // A setting replaces the start only when its gain clears the noise of the validation learners.
            boolean kept = !PairedGain.significant(full.get(key(kind, best)), beforeEach);
            if (!kept) {
                settings = best;
            }
            tunedNdcg.put(kind, kept ? before : after);
            log.accept(String.format(Locale.ROOT, "tuned %-10s %s: ndcg@%d %.4f -> %.4f%s (%d ms)", kind.modelName(),
                    settings.describe(kind), cutoff, before, kept ? before : after,
                    kept && after > before ? " (best " + String.format(Locale.ROOT, "%.4f", after)
                            + " is within noise: start kept)" : "", (ticker.getAsLong() - spent) / 1_000_000));
            spent = ticker.getAsLong();
        }
        return new TuningResult(settings, startNdcg, tunedNdcg, trials, Duration.ofNanos(ticker.getAsLong() - began),
                budget, cutShort, learners.size());
    }

    private boolean expired() {
        return ticker.getAsLong() > deadline;
    }

    private final Map<String, Double> memo = new java.util.HashMap<>();
    private final Map<String, double[]> full = new java.util.HashMap<>();

    private static String key(ModelKind kind, RecommenderSettings s) {
        return kind + " " + s;
    }

    /** Scores one model's settings with a share of the learners (and of ALS's sweeps). */
    private double score(ModelKind kind, RecommenderSettings s, double share) {
        String key = key(kind, s) + " " + share;
        Double known = memo.get(key);
        if (known != null) {
            return known;
        }
        RecommenderSettings trained = s;
        if (kind == ModelKind.ALS && share < 1) {
            AlsSettings a = s.als();
            trained = s.withAls(a.withShape(a.factors(), Math.max(2, (int) Math.round(a.iterations() * share))));
        }
        ScoringModel model = ModelFactory.train(kind, learners.train(), features, trained, now);
        ValidationLearners some = learners.spread((int) Math.ceil(learners.size() * share));
        double[] each = some.ndcg(model);
        double ndcg = ValidationLearners.mean(each);
        memo.put(key, ndcg);
        if (share == 1) {
            full.put(key(kind, s), each);
        }
        trials.add(new Trial(kind, s.describe(kind), share, ndcg));
        log.accept(String.format(Locale.ROOT, "  tune %-10s %s share %.3f -> ndcg@%d %.4f", kind.modelName(),
                s.describe(kind), share, cutoff, ndcg));
        return ndcg;
    }

    private RecommenderSettings search(ModelKind kind, RecommenderSettings s) {
        return switch (kind) {
            case POPULARITY -> coordinate(kind, s, List.of(new double[] {0, 7, 30, 90, 365}),
                    new double[] {s.popularityHalfLife().toMinutes() / 1440.0},
                    x -> s.withPopularity(Duration.ofMinutes(Math.round(x[0] * 1440))));
            case ITEM_KNN -> coordinate(kind, s, List.of(new double[] {20, 50, 100, 200, 500},
                            new double[] {0, 10, 50, 200}), new double[] {s.knnNeighbours(), s.knnShrinkage()},
                    x -> s.withItemKnn((int) x[0], x[1]));
            case RP3BETA -> coordinate(kind, s, List.of(new double[] {0.4, 0.6, 0.8, 1.0, 1.3},
                            new double[] {0, 0.15, 0.3, 0.45, 0.6}, new double[] {50, 100, 200, 500}),
                    new double[] {s.rp3Alpha(), s.rp3Beta(), s.rp3Neighbours()},
                    x -> s.withRp3beta((int) x[2], x[0], x[1]));
            case EASE -> ease(s);
            case ALS -> als(s);
            case CONTENT, SEQUENCE -> s;
        };
    }

    private RecommenderSettings coordinate(ModelKind kind, RecommenderSettings s, List<double[]> grids,
                                           double[] startPoint, java.util.function.Function<double[],
            RecommenderSettings> apply) {
        CoordinateSearch search = new CoordinateSearch(grids, x -> score(kind, apply.apply(x), 1), this::expired);
        double[] best = search.run(startPoint);
        if (expired()) {
            cutShort.add(kind);
        }
        return apply.apply(best);
    }

    // Coordinate search over lambda and the dropout share, then lambda refined by a factor of sqrt(2) either side.
    private RecommenderSettings ease(RecommenderSettings s) {
        java.util.function.Function<double[], RecommenderSettings> apply = x -> s.withEase(x[0], x[1]);
        CoordinateSearch search = new CoordinateSearch(List.of(new double[] {25, 50, 100, 200, 400, 800, 1600, 3200},
                new double[] {0, 0.1, 0.25, 0.5}), x -> score(ModelKind.EASE, apply.apply(x), 1), this::expired);
        double[] best = search.run(new double[] {s.easeLambda(), s.easeDropout()});
        for (double f : new double[] {Math.sqrt(0.5), Math.sqrt(2)}) {
            if (!expired()) {
                search.consider(new double[] {best[0] * f, best[1]});
            }
        }
        best = search.run(best);
        if (expired()) {
            cutShort.add(ModelKind.EASE);
        }
        return apply.apply(best);
    }

    private RecommenderSettings als(RecommenderSettings s) {
        List<RecommenderSettings> candidates = new ArrayList<>();
        candidates.add(s);
        for (double exponent : new double[] {0, 1}) {
            for (double reg : exponent == 0 ? new double[] {1, 5, 20, 50, 200} : new double[] {2, 5, 10, 20, 50}) {
                for (double alpha : new double[] {0.5, 2, 8}) {
                    candidates.add(s.withAls(s.als().withWeights(reg, alpha).withFrequencyExponent(exponent)));
                }
            }
        }
        List<SuccessiveHalving.Result<RecommenderSettings>> scored = new ArrayList<>();
        SuccessiveHalving.Result<RecommenderSettings> best = SuccessiveHalving.run(candidates, 3,
                (c, share) -> score(ModelKind.ALS, c, share), this::expired, scored);
        if (expired()) {
            cutShort.add(ModelKind.ALS);
        }
        return best == null ? s : best.candidate();
    }
}
