package io.learnloop.recommend;

import io.learnloop.core.error.ValidationException;
import io.learnloop.core.error.Validator;
import io.learnloop.recommend.internal.AlsModel;
import io.learnloop.recommend.internal.Catalogue;
import io.learnloop.recommend.internal.ContentModel;
import io.learnloop.recommend.internal.EaseModel;
import io.learnloop.recommend.internal.HybridFitter;
import io.learnloop.recommend.internal.HybridModel;
import io.learnloop.recommend.internal.ItemKnnModel;
import io.learnloop.recommend.internal.ModelFactory;
import io.learnloop.recommend.internal.PopularityModel;
import io.learnloop.recommend.internal.Rp3BetaModel;
import io.learnloop.recommend.internal.ScoringModel;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Trains the recommenders. Each method reads the matrix once and returns an immutable, thread-safe model that
 * ranks the matrix's current rows.
 *
 * <p>Thread-safe: static factories without state.
 */
public final class Recommenders {
    private Recommenders() {
    }

    /**
     * Trains popularity with time decay: each learner who touched a course counts {@code 2^(-age / halfLife)}.
     * Ages are measured back from the newest interaction in the matrix (from {@code now} if that is earlier): the
     * ranking is exactly the one ages from {@code now} give, since that only multiplies every count by one factor,
     * and it stays the same however long after the data {@code now} is (no count underflows to 0). Scores are the
     * decayed counts as of that newest interaction.
     *
     * @param matrix    the interactions
     * @param catalogue course features for explanations ("popular in Y"), may be empty
     * @param halfLife  the half-life of a learner's vote, {@link Duration#ZERO} for plain counts
     * @param now       the time of the ranking (take it from the host's clock); interactions after it count fully
     * @return the model
     * @throws ValidationException if an argument is null or the half-life is negative
     */
    public static Recommender popularity(InteractionMatrix matrix, Collection<CourseInfo> catalogue, Duration halfLife,
                                         Instant now) {
        new Validator().notNull("matrix", matrix).notNull("catalogue", catalogue).notNull("halfLife", halfLife)
                .notNull("now", now).throwIfInvalid();
        if (halfLife.isNegative()) {
            throw ValidationException.of("halfLife", "must not be negative (was " + halfLife + ")");
        }
        return new PopularityModel(matrix, new Catalogue(catalogue), halfLife, now);
    }

    /**
     * Trains item-kNN (cosine with shrinkage, top-k neighbours, scored by the sum of similarities).
     *
     * @param matrix     the interactions
     * @param catalogue  course features for explanations, may be empty
     * @param neighbours neighbours kept per course, 1 to 10,000 (the default is
     *                   {@link RecommenderSettings#knnNeighbours() RecommenderSettings.defaults().knnNeighbours()})
     * @param shrinkage  shrinkage added to the cosine denominator, finite and at least 0 (the default is
     *                   {@link RecommenderSettings#knnShrinkage() RecommenderSettings.defaults().knnShrinkage()})
     * @return the model
     * @throws ValidationException if an argument is out of range
     */
    public static Recommender itemKnn(InteractionMatrix matrix, Collection<CourseInfo> catalogue, int neighbours,
                                      double shrinkage) {
        new Validator().notNull("matrix", matrix).notNull("catalogue", catalogue)
                .check(neighbours >= 1 && neighbours <= 10_000, "neighbours", "must be 1 to 10000 (was " + neighbours + ")")
                .check(Double.isFinite(shrinkage) && shrinkage >= 0, "shrinkage",
                        "must be a finite number >= 0 (was " + shrinkage + ")")
                .throwIfInvalid();
        return new ItemKnnModel(matrix, new Catalogue(catalogue), neighbours, shrinkage);
    }

    /**
     * Trains EASE in closed form. Needs O(n^3) time and 8 n^2 bytes for n courses while training, 4 n^2 bytes kept.
     *
     * @param matrix    the interactions, at most 20,000 courses
     * @param catalogue course features for explanations, may be empty
     * @param lambda    L2 regularisation, finite and above 0 (hundreds are typical)
     * @return the model
     * @throws ValidationException if an argument is out of range
     * @throws io.learnloop.core.error.LearnloopException with code CONFIGURATION for more than 20,000 courses
     */
    public static Recommender ease(InteractionMatrix matrix, Collection<CourseInfo> catalogue, double lambda) {
        return ease(matrix, catalogue, lambda, 0);
    }

    /**
     * Trains EASE, or with a dropout share above 0 its variant EDLAE (Steck 2020), which adds
     * {@code dropout / (1 - dropout)} times each course's own count to its regularisation: the closed form of
     * training with input courses dropped at that rate, which keeps popular courses from dominating. Same cost as
     * EASE: O(n^3) time, 8 n^2 bytes while training, 4 n^2 bytes kept.
     *
     * @param matrix    the interactions, at most 20,000 courses
     * @param catalogue course features for explanations, may be empty
     * @param lambda    L2 regularisation, finite and above 0
     * @param dropout   the dropout share, at least 0 (plain EASE) and below 1
     * @return the model
     * @throws ValidationException if an argument is out of range
     * @throws io.learnloop.core.error.LearnloopException with code CONFIGURATION for more than 20,000 courses
     */
    public static Recommender ease(InteractionMatrix matrix, Collection<CourseInfo> catalogue, double lambda,
                                   double dropout) {
        new Validator().notNull("matrix", matrix).notNull("catalogue", catalogue)
                .check(Double.isFinite(lambda) && lambda > 0, "lambda", "must be a finite number > 0 (was " + lambda + ")")
                .check(dropout >= 0 && dropout < 1, "dropout", "must be at least 0 and below 1 (was " + dropout + ")")
                .throwIfInvalid();
        return new EaseModel(matrix, new Catalogue(catalogue), lambda, dropout);
    }

    /**
     * Trains RP3beta (Paudel et al. 2017): a three-step random walk course → learner → course with each step's
     * probability raised to {@code alpha} and the landing course's weight divided by its popularity to the power
     * {@code beta}; each course keeps its top neighbours. O(sum of squared row lengths) time like item-kNN, 8 bytes
     * per kept neighbour.
     *
     * @param matrix     the interactions
     * @param catalogue  course features for explanations, may be empty
     * @param neighbours neighbours kept per course, 1 to 10,000
     * @param alpha      the step exponent, above 0 and at most 4 (the default is
     *                   {@link RecommenderSettings#rp3Alpha() RecommenderSettings.defaults().rp3Alpha()})
     * @param beta       the popularity penalty, 0 to 2 (the default is
     *                   {@link RecommenderSettings#rp3Beta() RecommenderSettings.defaults().rp3Beta()})
     * @return the model
     * @throws ValidationException if an argument is out of range
     */
    public static Recommender rp3beta(InteractionMatrix matrix, Collection<CourseInfo> catalogue, int neighbours,
                                      double alpha, double beta) {
        new Validator().notNull("matrix", matrix).notNull("catalogue", catalogue)
                .check(neighbours >= 1 && neighbours <= 10_000, "neighbours", "must be 1 to 10000 (was " + neighbours + ")")
                .check(alpha > 0 && alpha <= 4, "alpha", "must be above 0 and at most 4 (was " + alpha + ")")
                .check(beta >= 0 && beta <= 2, "beta", "must be 0 to 2 (was " + beta + ")")
                .throwIfInvalid();
        return new Rp3BetaModel(matrix, new Catalogue(catalogue), neighbours, alpha, beta);
    }

    /**
     * Trains one model of a kind with its hyper-parameters from the settings.
     *
     * @param kind      the model
     * @param matrix    the interactions
     * @param catalogue course features, may be empty
     * @param settings  the settings
     * @param now       the time of the ranking, for popularity's decay (take it from the host's clock)
     * @return the model
     * @throws ValidationException if an argument is null
     */
    public static Recommender train(ModelKind kind, InteractionMatrix matrix, Collection<CourseInfo> catalogue,
                                    RecommenderSettings settings, Instant now) {
        new Validator().notNull("kind", kind).notNull("matrix", matrix).notNull("catalogue", catalogue)
                .notNull("settings", settings).notNull("now", now).throwIfInvalid();
        return ModelFactory.train(kind, matrix, new Catalogue(catalogue), settings, now);
    }

    /**
     * Trains one model of a kind with the {@link RecommenderSettings#defaults() defaults}: the same model the
     * documentation describes and the evaluation tool scores untuned.
     *
     * @param kind      the model
     * @param matrix    the interactions
     * @param catalogue course features, may be empty
     * @param now       the time of the ranking, for popularity's decay (take it from the host's clock)
     * @return the model
     * @throws ValidationException if an argument is null
     */
    public static Recommender train(ModelKind kind, InteractionMatrix matrix, Collection<CourseInfo> catalogue,
                                    Instant now) {
        return train(kind, matrix, catalogue, RecommenderSettings.defaults(), now);
    }

    /**
     * Fits a hybrid on the matrix: holds out validation pairs with {@code settings.hybrid().validation()}, trains
     * every candidate part there, chooses the weights, the recency half-life and the score scaling that maximise
     * NDCG on the held-out pairs (starting from the best single part and keeping only changes that help), then
     * trains the parts that kept a weight on the whole matrix. By construction the hybrid's validation NDCG is at
     * least that of its best part. Learners with no history get popularity. Costs about twice the training of the
     * parts, plus scoring the validation learners.
     *
     * @param matrix    the interactions
     * @param catalogue course features, may be empty (then content is left out)
     * @param settings  the settings of every part and of the fit
     * @param now       the time of the ranking, for popularity's decay
     * @return the fitted hybrid and how it was chosen
     * @throws ValidationException if an argument is null
     */
    public static HybridFit fitHybrid(InteractionMatrix matrix, Collection<CourseInfo> catalogue,
                                      RecommenderSettings settings, Instant now) {
        new Validator().notNull("matrix", matrix).notNull("catalogue", catalogue).notNull("settings", settings)
                .notNull("now", now).throwIfInvalid();
        return HybridFitter.fit(matrix, new Catalogue(catalogue), settings, now);
    }

    /**
     * The best known setup in one call: {@link #fitHybrid} with {@link RecommenderSettings#defaults()}.
     *
     * @param matrix    the interactions
     * @param catalogue course features, may be empty
     * @param now       the time of the ranking, for popularity's decay
     * @return the hybrid, trained on the whole matrix
     * @throws ValidationException if an argument is null
     */
    public static Recommender defaultHybrid(InteractionMatrix matrix, Collection<CourseInfo> catalogue, Instant now) {
        return fitHybrid(matrix, catalogue, RecommenderSettings.defaults(), now).model();
    }

    /**
     * Trains implicit-feedback ALS (iALS) with the conjugate-gradient solver, and with
     * {@link AlsSettings#frequencyExponent()} above 0 the frequency-scaled regularisation of Rendle et al. (2022).
     * Each sweep takes O(cgSteps (nnz f + (m + n) f^2)) time for nnz learner-course pairs, m learners, n courses and
     * f factors; the model keeps about 4 f (m + 2 n) bytes (the course factors twice: by course and, for scoring, by
     * factor).
     *
     * @param matrix    the interactions
     * @param catalogue course features for explanations, may be empty
     * @param settings  the settings
     * @return the model
     * @throws ValidationException if an argument is null
     */
    public static Recommender als(InteractionMatrix matrix, Collection<CourseInfo> catalogue, AlsSettings settings) {
        new Validator().notNull("matrix", matrix).notNull("catalogue", catalogue).notNull("settings", settings)
                .throwIfInvalid();
        return new AlsModel(matrix, new Catalogue(catalogue), settings);
    }

    /**
     * Builds the content model (TF-IDF over title, description, tags and category; Chinese as Han bigrams).
     *
     * @param matrix    the interactions (for course numbering and learner rows)
     * @param catalogue the course features
     * @return the model
     * @throws ValidationException if an argument is null
     */
    public static Recommender content(InteractionMatrix matrix, Collection<CourseInfo> catalogue) {
        new Validator().notNull("matrix", matrix).notNull("catalogue", catalogue).throwIfInvalid();
        return new ContentModel(matrix, new Catalogue(catalogue));
    }

    /**
     * Blends trained models. Learners with no history get {@code popularity}; learners with fewer than
     * {@code coldHistory} courses also get {@code content} (if given) and popularity at full weight.
     *
     * @param matrix      the interactions all components were trained on
     * @param catalogue   course features for explanations, may be empty
     * @param components  each component model (made by this class) with its weight (finite, at least 0)
     * @param popularity  a popularity model made by this class
     * @param content     a content model made by this class, or null
     * @param coldHistory learners with fewer courses than this count as cold, at least 0
     * @return the blend
     * @throws ValidationException if a model was not made by this class, was trained on another matrix, or a
     *                             weight is NaN, infinite or negative
     */
    public static Recommender hybrid(InteractionMatrix matrix, Collection<CourseInfo> catalogue,
                                     Map<Recommender, Double> components, Recommender popularity, Recommender content,
                                     int coldHistory) {
        return hybrid(matrix, catalogue, components, popularity, content, coldHistory, Duration.ZERO);
    }

    /**
     * Blends trained models like {@link #hybrid(InteractionMatrix, Collection, Map, Recommender, Recommender, int)},
     * and weighs each course of the learner's row by its recency: {@code 2^(-age / recencyHalfLife)}, the age
     * counted back from the learner's latest activity, so the next step follows from what the learner did last.
     * Item-kNN, EASE and content use these weights; ALS and popularity do not. Weights of courses more than 60
     * half-lives behind are kept tiny but above zero and in age order, so a learner whose recent courses give no
     * signal is still ranked by the older ones.
     *
     * @param matrix          the interactions all components were trained on
     * @param catalogue       course features for explanations, may be empty
     * @param components      each component model (made by this class) with its weight (finite, at least 0)
     * @param popularity      a popularity model made by this class
     * @param content         a content model made by this class, or null
     * @param coldHistory     learners with fewer courses than this count as cold, at least 0
     * @param recencyHalfLife the half-life of a row entry's weight, {@link Duration#ZERO} to weigh all equally
     * @return the blend
     * @throws ValidationException if a model was not made by this class, was trained on another matrix, a weight
     *                             is NaN, infinite or negative, or the half-life is negative
     */
    public static Recommender hybrid(InteractionMatrix matrix, Collection<CourseInfo> catalogue,
                                     Map<Recommender, Double> components, Recommender popularity, Recommender content,
                                     int coldHistory, Duration recencyHalfLife) {
        Validator v = new Validator().notNull("matrix", matrix).notNull("catalogue", catalogue)
                .notNull("components", components).notNull("popularity", popularity)
                .check(coldHistory >= 0, "coldHistory", "must be at least 0 (was " + coldHistory + ")")
                .check(recencyHalfLife != null && !recencyHalfLife.isNegative(), "recencyHalfLife",
                        "must be a duration >= 0");
        v.throwIfInvalid();
        List<ScoringModel> models = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (Map.Entry<Recommender, Double> e : components.entrySet()) {
            Double w = e.getValue();
            v.check(w != null && Double.isFinite(w) && w >= 0, "components." + e.getKey().name(),
                    "weight must be a finite number >= 0 (was " + w + ")");
            models.add(check(v, "components." + e.getKey().name(), e.getKey(), matrix));
            weights.add(w);
        }
        ScoringModel pop = check(v, "popularity", popularity, matrix);
        ScoringModel con = content == null ? null : check(v, "content", content, matrix);
        v.throwIfInvalid();
        return new HybridModel(matrix, new Catalogue(catalogue), models, weights, pop, con, coldHistory,
                recencyHalfLife.toMillis());
    }

    private static ScoringModel check(Validator v, String field, Recommender model, InteractionMatrix matrix) {
        Objects.requireNonNull(model, field);
        if (!(model instanceof ScoringModel)) {
            v.check(false, field, "must be a model made by Recommenders");
            return null;
        }
        ScoringModel m = (ScoringModel) model;
        v.check(m.matrix() == matrix, field, "was trained on another interaction matrix");
        return m;
    }
}
