package io.learnloop.examples.recommend;

import io.learnloop.recommend.AlsSettings;
import io.learnloop.recommend.CourseInfo;
import io.learnloop.recommend.InteractionMatrix;
import io.learnloop.recommend.eval.Evaluator;
import io.learnloop.recommend.eval.Split;
import io.learnloop.recommend.eval.Splits;

import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Chooses hyper-parameters by NDCG@k on a validation split carved out of the training data only (the test side is
 * never looked at), one parameter group at a time.
 */
public final class Tuner {
    private final List<CourseInfo> catalogue;
    private final int k;
    private final PrintStream log;
    private final InteractionMatrix matrix;
    private final Map<String, Set<String>> relevant;
    private final Instant now;

    /**
     * Prepares the validation split.
     *
     * @param validation the split of the training data
     * @param catalogue  course features
     * @param k          the cut-off
     * @param now        the time popularity decays towards
     * @param log        where progress goes
     */
    public Tuner(Split validation, List<CourseInfo> catalogue, int k, Instant now, PrintStream log) {
        this.catalogue = catalogue;
        this.k = k;
        this.log = log;
        this.now = now;
        this.matrix = InteractionMatrix.builder().courses(catalogue).addAll(validation.train()).build();
        Map<String, Set<String>> all = Splits.relevant(validation, matrix);
        // At most 1,500 validation learners keep tuning quick; they are taken in a fixed order.
        Map<String, Set<String>> some = new LinkedHashMap<>();
        for (Map.Entry<String, Set<String>> e : all.entrySet()) {
            if (some.size() == 1500) {
                break;
            }
            some.put(e.getKey(), e.getValue());
        }
        this.relevant = some;
    }

    private double ndcg(ModelZoo.Trained t) {
        return Evaluator.evaluate(t.model(), matrix, relevant, k).ndcg();
    }

    private ModelZoo best(String what, List<ModelZoo> candidates, Function<ModelZoo, ModelZoo.Trained> train) {
        ModelZoo best = candidates.get(0);
        double bestScore = -1;
        for (ModelZoo z : candidates) {
            double s = ndcg(train.apply(z));
            log.printf("  tune %-10s %s -> ndcg@%d %.4f%n", what, describe(what, z), k, s);
            if (s > bestScore) {
                bestScore = s;
                best = z;
            }
        }
        return best;
    }

    private static String describe(String what, ModelZoo z) {
        return switch (what) {
            case "popularity" -> "halfLifeDays=" + z.halfLifeDays();
            case "item-knn" -> "neighbours=" + z.neighbours() + " shrinkage=" + z.shrinkage();
            case "ease" -> "lambda=" + z.easeLambda();
            case "als" -> "reg=" + z.als().regularization() + " alpha=" + z.als().alpha();
            default -> String.format("ease=%.2f als=%.2f knn=%.2f content=%.2f pop=%.2f recencyDays=%.0f", z.wEase(),
                    z.wAls(), z.wKnn(), z.wContent(), z.wPopularity(), z.recencyDays());
        };
    }

    /**
     * Tunes every model, starting from {@code start}.
     *
     * @param start    the starting point
     * @param useEase  whether EASE fits the catalogue
     * @return the tuned parameters
     */
    public ModelZoo tune(ModelZoo start, boolean useEase) {
        ModelZoo z = start;
        List<ModelZoo> c = new java.util.ArrayList<>();
        for (int days : new int[] {0, 7, 30, 180, 730}) {
            c.add(new ModelZoo(days, z.neighbours(), z.shrinkage(), z.easeLambda(), z.als(), z.wEase(), z.wAls(),
                    z.wKnn(), z.wContent(), z.wPopularity(), z.recencyDays()));
        }
        z = best("popularity", c, p -> p.popularity(matrix, catalogue, now));
        c.clear();
        for (int n : new int[] {20, 50, 100, 200}) {
            for (double s : new double[] {0, 10, 50}) {
                c.add(new ModelZoo(z.halfLifeDays(), n, s, z.easeLambda(), z.als(), z.wEase(), z.wAls(), z.wKnn(),
                        z.wContent(), z.wPopularity(), z.recencyDays()));
            }
        }
        z = best("item-knn", c, p -> p.itemKnn(matrix, catalogue));
        if (useEase) {
            c.clear();
            for (double l : new double[] {5, 20, 50, 100, 250, 500, 1000, 2500}) {
                c.add(new ModelZoo(z.halfLifeDays(), z.neighbours(), z.shrinkage(), l, z.als(), z.wEase(), z.wAls(),
                        z.wKnn(), z.wContent(), z.wPopularity(), z.recencyDays()));
            }
            z = best("ease", c, p -> p.ease(matrix, catalogue));
        }
        c.clear();
        for (double reg : new double[] {0.1, 1, 10, 50}) {
            for (double alpha : new double[] {1, 5, 20}) {
                AlsSettings a = z.als().withWeights(reg, alpha);
                c.add(new ModelZoo(z.halfLifeDays(), z.neighbours(), z.shrinkage(), z.easeLambda(), a, z.wEase(), z.wAls(),
                        z.wKnn(), z.wContent(), z.wPopularity(), z.recencyDays()));
            }
        }
        z = best("als", c, p -> p.als(matrix, catalogue));
        return tuneBlend(z, useEase);
    }

    private ModelZoo tuneBlend(ModelZoo z, boolean useEase) {
        ModelZoo.Trained pop = z.popularity(matrix, catalogue, now);
        ModelZoo.Trained knn = z.itemKnn(matrix, catalogue);
        ModelZoo.Trained ease = useEase ? z.ease(matrix, catalogue) : null;
        ModelZoo.Trained als = z.als(matrix, catalogue);
        ModelZoo.Trained content = catalogue.isEmpty() ? null : z.content(matrix, catalogue);
        Function<ModelZoo, ModelZoo.Trained> blend = p -> p.hybrid(matrix, catalogue, pop, knn, ease, als, content);
        double[][] grids = {{0, 0.25, 0.5, 1}, {0, 0.25, 0.5, 1}, {0, 0.25, 0.5, 1},
                catalogue.isEmpty() ? new double[] {0} : new double[] {0, 0.05, 0.1, 0.2, 0.4}, {0, 0.05, 0.1, 0.2},
                {0, 1, 3, 7, 14, 30, 90}};
        // Coordinate ascent over the weights; the anchor (EASE, or ALS without EASE) keeps weight 1.
        double[] w = {useEase ? 1 : 0, useEase ? 0.5 : 1, 0.25, 0, 0, 0};
        for (int round = 0; round < 2; round++) {
            for (int dim = useEase ? 1 : 0; dim < 6; dim++) {
                if (!useEase && dim == 1) {
                    continue;
                }
                List<ModelZoo> c = new java.util.ArrayList<>();
                for (double v : grids[dim]) {
                    double[] x = w.clone();
                    x[dim] = v;
                    c.add(new ModelZoo(z.halfLifeDays(), z.neighbours(), z.shrinkage(), z.easeLambda(), z.als(), x[0], x[1],
                            x[2], x[3], x[4], x[5]));
                }
                ModelZoo b = best("hybrid", c, blend);
                w = new double[] {b.wEase(), b.wAls(), b.wKnn(), b.wContent(), b.wPopularity(), b.recencyDays()};
            }
        }
        return new ModelZoo(z.halfLifeDays(), z.neighbours(), z.shrinkage(), z.easeLambda(), z.als(), w[0], w[1], w[2],
                w[3], w[4], w[5]);
    }
}
