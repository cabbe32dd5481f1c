package io.learnloop.recommend.eval;

import io.learnloop.recommend.ModelKind;

/**
 * One hyper-parameter setting the {@link Tuner} scored on its validation split.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param kind       the model
 * @param parameters the setting, for example {@code "lambda=250 dropout=0"}
 * @param share      the share of the validation learners (and, for ALS, of the sweeps) it was scored with; 1 is a
 *                   full evaluation
 * @param ndcg       its validation NDCG at the tuner's cut-off
 */
public record Trial(ModelKind kind, String parameters, double share, double ndcg) {
}
