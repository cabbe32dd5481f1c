package io.learnloop.recommend.eval;

import io.learnloop.core.error.Validator;
import io.learnloop.recommend.CourseInfo;
import io.learnloop.recommend.Interaction;
import io.learnloop.recommend.ModelKind;
import io.learnloop.recommend.RecommenderSettings;
import io.learnloop.recommend.internal.TuningRun;

import java.time.Duration;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Chooses hyper-parameters on a validation split carved out of training interactions, with the same method as the
 * test split the models will be judged by. The tuner is given the training interactions only: it cannot see a test
 * side, so nothing of it can leak into the choice.
 *
 * <p>Each model is tuned on its own, starting from the start settings, which are always scored too: a model keeps
 * the start setting unless another validates better by more than two standard errors of the per-learner
 * differences, so the chosen settings are never below the start on validation and do not replace it on the strength
 * of luckier learners. The searches are chosen by what an evaluation costs: popularity is a short grid; item-kNN, RP3beta
 * and EASE (each evaluation trains a model) use coordinate search, about 2 d g trainings for d parameters of g values
 * instead of g^d; ALS uses successive halving, scoring every candidate with a ninth of the sweeps and learners first
 * and giving the full evaluation to the best ninth only. The whole run stops within the time budget (each model has
 * a fixed share of it); a model whose share runs out keeps the best setting fully scored so far, and the result
 * says so. With a budget that does not run out, the same input gives the same choice.
 *
 * <p>Thread-safe: immutable; {@link #tune(List)} may be called from several threads.
 */
public final class Tuner {
    private final List<CourseInfo> catalogue;
    private final SplitMethod validation;
    private final RecommenderSettings start;
    private final Set<ModelKind> models;
    private final int cutoff;
    private final int learners;
    private final Duration budget;
    private final Consumer<String> log;
    private final LongSupplier ticker;

    private Tuner(Builder b) {
        this.catalogue = List.copyOf(b.catalogue);
        this.validation = b.validation;
        this.start = b.start;
        this.models = EnumSet.copyOf(b.models);
        this.cutoff = b.cutoff;
        this.learners = b.learners;
        this.budget = b.budget;
        this.log = b.log;
        this.ticker = b.ticker;
    }

    /**
     * Starts a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Tunes on training interactions.
     *
     * @param training the training interactions; the validation split is carved out of these
     * @return the chosen settings and how they were chosen
     * @throws io.learnloop.core.error.ValidationException if the list is null
     */
    public TuningResult tune(List<Interaction> training) {
        new Validator().notNull("training", training).throwIfInvalid();
        return new TuningRun(catalogue, validation, start, models, cutoff, learners, budget, log, ticker).run(training);
    }

    /**
     * Collects the tuner's settings.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private Collection<CourseInfo> catalogue = List.of();
        private SplitMethod validation = SplitMethod.temporal(0.2);
        private RecommenderSettings start = RecommenderSettings.defaults();
        private Set<ModelKind> models = EnumSet.of(ModelKind.POPULARITY, ModelKind.ITEM_KNN, ModelKind.RP3BETA,
                ModelKind.EASE, ModelKind.ALS);
        private int cutoff = 10;
        private int learners = 3000;
        private Duration budget = Duration.ofMinutes(10);
        private Consumer<String> log = line -> { };
        private LongSupplier ticker = System::nanoTime;

        private Builder() {
        }

        /**
         * Sets the course features (for content and explanations); empty by default.
         *
         * @param catalogue the courses
         * @return this builder
         */
        public Builder catalogue(Collection<CourseInfo> catalogue) {
            this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
            return this;
        }

        /**
         * Sets how validation pairs are held out; use the test split's method. Temporal 0.2 by default.
         *
         * @param validation the method
         * @return this builder
         */
        public Builder validation(SplitMethod validation) {
            this.validation = Objects.requireNonNull(validation, "validation");
            return this;
        }

        /**
         * Sets the settings to start from; {@link RecommenderSettings#defaults()} by default.
         *
         * @param start the settings
         * @return this builder
         */
        public Builder start(RecommenderSettings start) {
            this.start = Objects.requireNonNull(start, "start");
            return this;
        }

        /**
         * Sets which models to tune; popularity, item-kNN, RP3beta, EASE and ALS by default (content has nothing to
         * tune).
         *
         * @param models the models
         * @return this builder
         */
        public Builder models(Set<ModelKind> models) {
            new Validator().notEmpty("models", models).throwIfInvalid();
            this.models = EnumSet.copyOf(models);
            return this;
        }

        /**
         * Sets the k of the NDCG maximised; 10 by default.
         *
         * @param cutoff k, 1 to 1000
         * @return this builder
         */
        public Builder cutoff(int cutoff) {
            new Validator().check(cutoff >= 1 && cutoff <= 1000, "cutoff", "must be 1 to 1000 (was " + cutoff + ")")
                    .throwIfInvalid();
            this.cutoff = cutoff;
            return this;
        }

        /**
         * Sets how many validation learners a full evaluation scores (evenly spread); 3,000 by default.
         *
         * @param learners the most learners, 10 to 1,000,000
         * @return this builder
         */
        public Builder learners(int learners) {
            new Validator().check(learners >= 10 && learners <= 1_000_000, "learners",
                    "must be 10 to 1000000 (was " + learners + ")").throwIfInvalid();
            this.learners = learners;
            return this;
        }

        /**
         * Sets the time budget; 10 minutes by default.
         *
         * @param budget the budget, above 0
         * @return this builder
         */
        public Builder budget(Duration budget) {
            new Validator().check(budget != null && !budget.isNegative() && !budget.isZero(), "budget",
                    "must be a positive duration").throwIfInvalid();
            this.budget = budget;
            return this;
        }

        /**
         * Sets where progress lines go; nowhere by default.
         *
         * @param log receives one line per scored setting
         * @return this builder
         */
        public Builder log(Consumer<String> log) {
            this.log = Objects.requireNonNull(log, "log");
            return this;
        }

        /**
         * Sets the time source the budget is measured with, in nanoseconds as {@link System#nanoTime()} counts
         * them (its default). A host or a test passes its own to make a run's cut-off reproducible.
         *
         * @param ticker the time source; only differences between its readings are used
         * @return this builder
         */
        public Builder ticker(LongSupplier ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /**
         * Builds the tuner.
         *
         * @return the tuner
         */
        public Tuner build() {
            return new Tuner(this);
        }
    }
}
