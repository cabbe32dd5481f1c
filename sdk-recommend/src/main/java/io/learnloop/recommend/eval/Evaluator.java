package io.learnloop.recommend.eval;

import io.learnloop.core.error.ValidationException;
import io.learnloop.core.error.Validator;
import io.learnloop.recommend.InteractionMatrix;
import io.learnloop.recommend.LearnerHistory;
import io.learnloop.recommend.Recommendation;
import io.learnloop.recommend.Recommender;

import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Measures a model by full ranking: for every test learner the model ranks the whole catalogue (minus the learner's
 * training courses, never sampled negatives) and the top k are compared with the learner's relevant courses.
 *
 * <p>Thread-safe: static helpers without state. Latency is measured on the calling thread, one learner at a time,
 * after up to 200 untimed warm-up calls.
 */
public final class Evaluator {
    private static final int WARM_UP = 200;
    private Evaluator() {
    }

    /**
     * Evaluates a model.
     *
     * @param model    the trained model
     * @param train    the matrix it was trained on
     * @param relevant relevant course ids per test learner ({@link Splits#relevant})
     * @param k        the cut-off, at least 1
     * @return the metrics (training time 0; set it with {@link Metrics#withTrainMillis})
     * @throws ValidationException if {@code k <= 0}
     */
    public static Metrics evaluate(Recommender model, InteractionMatrix train, Map<String, Set<String>> relevant, int k) {
        if (k <= 0) {
            throw ValidationException.of("k", "must be at least 1 (was " + k + ")");
        }
        int n = train.courseCount();
        double[] popularityShare = new double[n];
        for (int u = 0; u < train.learnerCount(); u++) {
            LearnerHistory h = train.history(u);
            for (int p = 0; p < h.size(); p++) {
                popularityShare[h.course(p)] += 1;
            }
        }
        double learnersTotal = Math.max(1, train.learnerCount());
        Set<String> covered = new HashSet<>();
        double hr = 0;
        double precision = 0;
        double recall = 0;
        double ndcg = 0;
        double map = 0;
        double mrr = 0;
        double novelty = 0;
        long recommended = 0;
        long[] nanos = new long[relevant.size()];
        int users = 0;
        // Warm-up calls (untimed, unscored) so the latency figures describe the compiled code.
        int warm = 0;
        for (String learner : relevant.keySet()) {
            if (warm++ == WARM_UP) {
                break;
            }
            model.recommend(learner, k);
        }
        for (Map.Entry<String, Set<String>> e : relevant.entrySet()) {
            Set<String> rel = e.getValue();
            if (rel.isEmpty()) {
                continue;
            }
            long start = System.nanoTime();
            List<Recommendation> recs = model.recommend(e.getKey(), k);
            nanos[users] = System.nanoTime() - start;
            users++;
            int hits = 0;
            double dcg = 0;
            double ap = 0;
            double rr = 0;
            for (int i = 0; i < recs.size(); i++) {
                String id = recs.get(i).courseId();
                covered.add(id);
                int c = train.courseIndex(id);
                double share = c >= 0 ? Math.max(1, popularityShare[c]) / learnersTotal : 1 / learnersTotal;
                novelty += -Math.log(share) / Math.log(2);
                recommended++;
                if (rel.contains(id)) {
                    hits++;
                    dcg += 1 / (Math.log(i + 2) / Math.log(2));
                    ap += (double) hits / (i + 1);
                    if (rr == 0) {
                        rr = 1.0 / (i + 1);
                    }
                }
            }
            double idcg = 0;
            for (int i = 0; i < Math.min(k, rel.size()); i++) {
                idcg += 1 / (Math.log(i + 2) / Math.log(2));
            }
            hr += hits > 0 ? 1 : 0;
            precision += (double) hits / k;
            recall += (double) hits / rel.size();
            ndcg += dcg / idcg;
            map += ap / Math.min(k, rel.size());
            mrr += rr;
        }
        long[] sorted = Arrays.copyOf(nanos, users);
        Arrays.sort(sorted);
        double u = Math.max(1, users);
        return new Metrics(model.name(), k, users, hr / u, precision / u, recall / u, ndcg / u, map / u, mrr / u,
                n == 0 ? 0 : (double) covered.size() / n, recommended == 0 ? 0 : novelty / recommended, 0,
                percentile(sorted, 0.50) / 1000.0, percentile(sorted, 0.99) / 1000.0);
    }

    /**
     * Keeps, of each learner's relevant courses, only the cold ones: courses with fewer than {@code threshold}
     * learners in the training matrix (a course absent from it has none). Learners left with no cold course are
     * dropped. Evaluating a model on the result measures how well it surfaces courses the interaction models know
     * little about, the cold-start case that content and sequence signals are for.
     *
     * @param train     the training matrix
     * @param relevant  relevant course ids per test learner
     * @param threshold the learner count below which a course is cold, at least 1 (the usual figure is 5)
     * @return the cold part of {@code relevant}, in the same learner order
     * @throws ValidationException if an argument is null or {@code threshold < 1}
     */
    public static Map<String, Set<String>> coldCourses(InteractionMatrix train, Map<String, Set<String>> relevant,
                                                       int threshold) {
        new Validator().notNull("train", train).notNull("relevant", relevant)
                .check(threshold >= 1, "threshold", "must be at least 1 (was " + threshold + ")").throwIfInvalid();
        int[] learners = new int[train.courseCount()];
        for (int u = 0; u < train.learnerCount(); u++) {
            LearnerHistory h = train.history(u);
            for (int p = 0; p < h.size(); p++) {
                learners[h.course(p)]++;
            }
        }
        Map<String, Set<String>> cold = new LinkedHashMap<>();
        for (Map.Entry<String, Set<String>> e : relevant.entrySet()) {
            Set<String> kept = new LinkedHashSet<>();
            for (String course : e.getValue()) {
                int c = train.courseIndex(course);
                if (c < 0 || learners[c] < threshold) {
                    kept.add(course);
                }
            }
            if (!kept.isEmpty()) {
                cold.put(e.getKey(), Set.copyOf(kept));
            }
        }
        return cold;
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
