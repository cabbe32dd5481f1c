package io.learnloop.recommend.eval;

/**
 * Top-k accuracy, coverage, novelty and latency of one model on one split, averaged over test learners.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param model       the model name
 * @param k           the cut-off
 * @param learners    test learners evaluated
 * @param hr          hit rate: share of learners with at least one relevant course in the top k
 * @param precision   relevant courses in the top k, divided by k
 * @param recall      relevant courses in the top k, divided by the learner's relevant count
 * @param ndcg        normalised discounted cumulative gain at k (binary relevance)
 * @param map         mean average precision at k (normalised by min(k, relevant count))
 * @param mrr         mean reciprocal rank of the first relevant course within the top k (0 when none)
 * @param coverage    share of the catalogue appearing in at least one learner's top k
 * @param novelty     mean self-information {@code -log2(popularity share)} of recommended courses, in bits
 * @param trainMillis training time in milliseconds
 * @param p50Micros   median time of one top-k call, in microseconds
 * @param p99Micros   99th-percentile time of one top-k call, in microseconds
 */
public record Metrics(String model, int k, int learners, double hr, double precision, double recall, double ndcg,
                      double map, double mrr, double coverage, double novelty, long trainMillis, double p50Micros,
                      double p99Micros) {
    /**
     * Returns a copy with the training time set.
     *
     * @param millis training time in milliseconds
     * @return the copy
     */
    public Metrics withTrainMillis(long millis) {
        return new Metrics(model, k, learners, hr, precision, recall, ndcg, map, mrr, coverage, novelty, millis,
                p50Micros, p99Micros);
    }
}
