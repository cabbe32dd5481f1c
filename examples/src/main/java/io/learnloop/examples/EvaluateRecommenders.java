package io.learnloop.examples;

import io.learnloop.examples.recommend.EvaluationArgs;
import io.learnloop.examples.recommend.ModelZoo;
import io.learnloop.examples.recommend.Tuner;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.recommend.AlsSettings;
import io.learnloop.recommend.CourseInfo;
import io.learnloop.recommend.Interaction;
import io.learnloop.recommend.InteractionMatrix;
import io.learnloop.recommend.data.Dataset;
import io.learnloop.recommend.data.MovieLens;
import io.learnloop.recommend.data.Oulad;
import io.learnloop.recommend.data.SyntheticGenerator;
import io.learnloop.recommend.eval.Evaluator;
import io.learnloop.recommend.eval.Metrics;
import io.learnloop.recommend.eval.Split;
import io.learnloop.recommend.eval.Splits;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Trains every recommender on a data set, evaluates each by full ranking and prints one CSV table to standard
 * output (progress and the chosen hyper-parameters go to standard error).
 *
 * <pre>
 * EvaluateRecommenders (--movielens FILE | --oulad DIR | --synthetic N | --train FILE --test FILE)
 *                      [--k 10] [--split temporal|leave-last-out|random] [--test-fraction 0.2] [--seed 42] [--no-tune]
 * </pre>
 *
 * <p>Hyper-parameters are tuned on a validation split carved out of the training side with the same split method
 * (unless {@code --no-tune}); the test side is used once, for the final table.
 */
public final class EvaluateRecommenders {
    static final String HEADER = "model,k,hr,precision,recall,ndcg,map,mrr,coverage,train_ms,recommend_us_p50,"
            + "recommend_us_p99";

    private EvaluateRecommenders() {
    }

    /**
     * Runs the evaluation.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        EvaluationArgs a;
        try {
            a = EvaluationArgs.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(EvaluationArgs.USAGE);
            return 2;
        }
        try {
            evaluate(a, out, err);
            return 0;
        } catch (LearnloopException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private static Dataset load(Path file) {
        return file.getFileName().toString().endsWith(".csv") ? MovieLens.readRatingsCsv(file) : MovieLens.readUData(file);
    }

    private static Split split(List<Interaction> data, EvaluationArgs a) {
        return switch (a.split()) {
            case "leave-last-out" -> Splits.leaveLastOut(data);
            case "random" -> Splits.random(data, a.testFraction(), a.seed());
            default -> Splits.temporal(data, a.testFraction());
        };
    }

    static void evaluate(EvaluationArgs a, PrintStream out, PrintStream err) {
        long t0 = System.nanoTime();
        Dataset data;
        Split split;
        if (a.train() != null) {
            Dataset train = MovieLens.readUData(a.train());
            Dataset test = MovieLens.readUData(a.test());
            data = new Dataset("explicit split", train.interactions(), List.of());
            split = new Split(train.interactions(), test.interactions());
        } else {
            data = a.movielens() != null ? load(a.movielens())
                    : a.oulad() != null ? Oulad.read(a.oulad())
                    : SyntheticGenerator.generate(a.synthetic(), a.seed());
            split = split(data.interactions(), a);
        }
        List<CourseInfo> catalogue = data.courses();
        err.printf("loaded %s: %,d interactions, %,d catalogue courses (%d ms)%n", data.name(),
                data.interactions().size(), catalogue.size(), (System.nanoTime() - t0) / 1_000_000);
        InteractionMatrix train = InteractionMatrix.builder().courses(catalogue).addAll(split.train()).build();
        Map<String, Set<String>> relevant = Splits.relevant(split, train);
        err.printf("split %s: %,d train / %,d test interactions; %,d learners x %,d courses; %,d test learners%n",
                a.train() != null ? "explicit" : a.split(), split.train().size(), split.test().size(),
                train.learnerCount(), train.courseCount(), relevant.size());
        Instant now = latest(split.train());
        boolean useEase = train.courseCount() <= 20_000;
        ModelZoo zoo = new ModelZoo(30, 100, 10, 250, AlsSettings.defaults().withWeights(1, 5).withShape(64, 15)
                .withThreads(Runtime.getRuntime().availableProcessors()), useEase ? 1 : 0, 0.5, 0.25, 0, 0, 0);
        if (a.tune()) {
            Split validation = a.train() != null ? Splits.leaveLastOut(split.train()) : split(split.train(), a);
            err.println("tuning on a validation split of the training data");
            zoo = new Tuner(validation, catalogue, a.k(), latest(validation.train()), err).tune(zoo, useEase);
        }
        err.println("chosen: " + zoo);
        out.println(HEADER);
        ModelZoo.Trained pop = zoo.popularity(train, catalogue, now);
        report(out, err, pop, train, relevant, a.k());
        ModelZoo.Trained knn = zoo.itemKnn(train, catalogue);
        report(out, err, knn, train, relevant, a.k());
        ModelZoo.Trained als = zoo.als(train, catalogue);
        report(out, err, als, train, relevant, a.k());
        ModelZoo.Trained ease = null;
        if (useEase) {
            ease = zoo.ease(train, catalogue);
            report(out, err, ease, train, relevant, a.k());
        } else {
            err.println("ease skipped: more than 20,000 courses");
        }
        ModelZoo.Trained content = null;
        if (!catalogue.isEmpty()) {
            content = zoo.content(train, catalogue);
            report(out, err, content, train, relevant, a.k());
        }
        report(out, err, zoo.hybrid(train, catalogue, pop, knn, ease, als, content), train, relevant, a.k());
        err.printf("done in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    }

    private static Instant latest(List<Interaction> interactions) {
        Instant max = Instant.EPOCH;
        for (Interaction i : interactions) {
            if (i.timestamp().isAfter(max)) {
                max = i.timestamp();
            }
        }
        return max;
    }

    private static void report(PrintStream out, PrintStream err, ModelZoo.Trained t, InteractionMatrix train,
                               Map<String, Set<String>> relevant, int k) {
        err.printf("evaluating %s (trained in %d ms)%n", t.model().name(), t.millis());
        Metrics m = Evaluator.evaluate(t.model(), train, relevant, k).withTrainMillis(t.millis());
        out.println(String.format(Locale.ROOT, "%s,%d,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%d,%.0f,%.0f", m.model(), m.k(),
                m.hr(), m.precision(), m.recall(), m.ndcg(), m.map(), m.mrr(), m.coverage(), m.trainMillis(),
                m.p50Micros(), m.p99Micros()));
        out.flush();
    }
}
