package io.learnloop.recommend;

import io.learnloop.core.error.Validator;
import io.learnloop.recommend.eval.SplitMethod;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * How {@link Recommenders#fitHybrid} fits a hybrid: which models it may use, and the validation split carved out of
 * the training matrix that chooses their weights and the recency half-life.
 *
 * <p>The fit trains every candidate part on the validation split's training side, scales each part's scores per
 * learner (max-abs or z-score, whichever validates better), starts from the best single part and adds another part
 * or changes a weight only when that raises NDCG at {@code cutoff} on the held-out pairs. A part whose weight ends
 * at 0 is left out of the final model. The hybrid is therefore never below its best part on validation.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param parts              the models the hybrid may use, not empty; copied
 * @param validation         how to hold out validation pairs from the training matrix; use the method the model will
 *                           be judged by (temporal for "what next", random for "what else")
 * @param validationLearners at most this many held-out learners are scored (evenly spread over the matrix), 10 to
 *                           1,000,000
 * @param cutoff             the k of the NDCG the fit maximises, 1 to 1000
 * @param recencyHalfLives   candidate half-lives of the recency weighting of a learner's row (see
 *                           {@link Recommenders#hybrid(InteractionMatrix, java.util.Collection, java.util.Map,
 *                           Recommender, Recommender, int, Duration)}), {@link Duration#ZERO} for off; not empty,
 *                           copied
 */
public record HybridSettings(Set<ModelKind> parts, SplitMethod validation, int validationLearners, int cutoff,
                             List<Duration> recencyHalfLives) {
    /**
     * Validates and copies.
     *
     * @param parts              the candidate parts
     * @param validation         the validation split
     * @param validationLearners the most learners scored
     * @param cutoff             the k of the NDCG
     * @param recencyHalfLives   the candidate half-lives
     * @throws io.learnloop.core.error.ValidationException if a value is missing or out of range
     */
    public HybridSettings {
        new Validator().notEmpty("parts", parts).notNull("validation", validation)
                .check(validationLearners >= 10 && validationLearners <= 1_000_000, "validationLearners",
                        "must be 10 to 1000000 (was " + validationLearners + ")")
                .check(cutoff >= 1 && cutoff <= 1000, "cutoff", "must be 1 to 1000 (was " + cutoff + ")")
                .notEmpty("recencyHalfLives", recencyHalfLives)
                .check(recencyHalfLives == null || recencyHalfLives.stream().allMatch(d -> d != null && !d.isNegative()),
                        "recencyHalfLives", "must be durations >= 0")
                .throwIfInvalid();
        parts = Collections.unmodifiableSet(EnumSet.copyOf(parts));
        recencyHalfLives = List.copyOf(recencyHalfLives);
    }

    /**
     * Returns a copy with other candidate parts.
     *
     * @param parts the parts
     * @return the copy
     */
    public HybridSettings withParts(Set<ModelKind> parts) {
        return new HybridSettings(parts, validation, validationLearners, cutoff, recencyHalfLives);
    }

    /**
     * Returns a copy with another validation split.
     *
     * @param validation the split method
     * @return the copy
     */
    public HybridSettings withValidation(SplitMethod validation) {
        return new HybridSettings(parts, validation, validationLearners, cutoff, recencyHalfLives);
    }

    /**
     * Returns a copy with other candidate recency half-lives.
     *
     * @param recencyHalfLives the half-lives, {@link Duration#ZERO} for off
     * @return the copy
     */
    public HybridSettings withRecencyHalfLives(List<Duration> recencyHalfLives) {
        return new HybridSettings(parts, validation, validationLearners, cutoff, recencyHalfLives);
    }

    /**
     * Returns a copy with another learner cap and cutoff.
     *
     * @param validationLearners the most learners scored
     * @param cutoff             the k of the NDCG
     * @return the copy
     */
    public HybridSettings withScoring(int validationLearners, int cutoff) {
        return new HybridSettings(parts, validation, validationLearners, cutoff, recencyHalfLives);
    }

    /**
     * Returns a short description, for logs, reports and the defaults table of {@code docs/recommend.md}.
     *
     * @return for example {@code "parts=popularity,ease validation=temporal 0.2 per learner learners=1000 cutoff=10
     *         recencyDays=0,7,30"}
     */
    public String describe() {
        StringBuilder b = new StringBuilder("parts=");
        b.append(String.join(",", parts.stream().map(ModelKind::modelName).toList()));
        b.append(" validation=").append(validation).append(" learners=").append(validationLearners)
                .append(" cutoff=").append(cutoff).append(" recencyDays=");
        b.append(String.join(",", recencyHalfLives.stream()
                .map(d -> RecommenderSettings.fmt(d.toMinutes() / 1440.0)).toList()));
        return b.toString();
    }
}
