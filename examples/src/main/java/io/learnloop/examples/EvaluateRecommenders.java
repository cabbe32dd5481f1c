package io.learnloop.examples;

import io.learnloop.core.error.LearnloopException;
import io.learnloop.examples.recommend.EvaluationArgs;
import io.learnloop.examples.recommend.EvaluationPlan;
import io.learnloop.recommend.CourseInfo;
import io.learnloop.recommend.HybridFit;
import io.learnloop.recommend.Interaction;
import io.learnloop.recommend.InteractionMatrix;
import io.learnloop.recommend.ModelKind;
import io.learnloop.recommend.Recommender;
import io.learnloop.recommend.RecommenderSettings;
import io.learnloop.recommend.Recommenders;
import io.learnloop.recommend.data.Dataset;
import io.learnloop.recommend.data.MovieLens;
import io.learnloop.recommend.data.Oulad;
import io.learnloop.recommend.data.SyntheticGenerator;
import io.learnloop.recommend.eval.Evaluator;
import io.learnloop.recommend.eval.Metrics;
import io.learnloop.recommend.eval.Split;
import io.learnloop.recommend.eval.Splits;
import io.learnloop.recommend.eval.Tuner;
import io.learnloop.recommend.eval.TuningResult;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Trains every recommender on a data set, evaluates each by full ranking and prints one CSV table to standard
 * output (progress and the chosen hyper-parameters go to standard error).
 *
 * <pre>
 * EvaluateRecommenders (--movielens FILE | --oulad DIR | --synthetic N | --train FILE --test FILE)
 *                      [--k 10] [--split temporal|leave-last-out|random] [--test-fraction 0.2] [--seed 42]
 *                      [--no-tune] [--tune-budget SECONDS]
 * </pre>
 *
 * <p>Every model gets a row with the documented defaults ({@code settings} = {@code default}); unless
 * {@code --no-tune}, a second row follows with the hyper-parameters the {@link Tuner} chose on a validation split
 * carved out of the training side with the same split method as the test ({@code tuned}). The tuned hybrid is the
 * hybrid fitted on the tuned parts, unless the default hybrid scores at least as well on the fit's validation
 * learners. The tuner is given the training side only; the test side is used once, for these rows.
 */
public final class EvaluateRecommenders {
    static final String HEADER = "model,settings,k,hr,precision,recall,ndcg,map,mrr,coverage,train_ms,"
            + "recommend_us_p50,recommend_us_p99,cold_learners,cold_recall,cold_ndcg";
    /** Courses with fewer training learners than this are cold; their held-out pairs get their own columns. */
    static final int COLD_THRESHOLD = 5;
    private static final List<ModelKind> SINGLES = List.of(ModelKind.POPULARITY, ModelKind.ITEM_KNN,
            ModelKind.RP3BETA, ModelKind.EASE, ModelKind.ALS, ModelKind.CONTENT, ModelKind.SEQUENCE);

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

    static void evaluate(EvaluationArgs a, PrintStream out, PrintStream err) {
        long t0 = System.nanoTime();
        EvaluationPlan plan = EvaluationPlan.of(a);
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
            split = plan.test().split(data.interactions());
        }
        List<CourseInfo> catalogue = data.courses();
        err.printf("loaded %s: %,d interactions, %,d catalogue courses (%d ms)%n", data.name(),
                data.interactions().size(), catalogue.size(), (System.nanoTime() - t0) / 1_000_000);
        InteractionMatrix train = InteractionMatrix.builder().courses(catalogue).addAll(split.train()).build();
        Map<String, Set<String>> relevant = Splits.relevant(split, train);
        err.printf("split %s: %,d train / %,d test interactions; %,d learners x %,d courses; %,d test learners%n",
                a.train() != null ? "explicit" : plan.test(), split.train().size(), split.test().size(),
                train.learnerCount(), train.courseCount(), relevant.size());
        err.println("validation: " + plan.validation() + ", carved out of the training side");
        RecommenderSettings tuned = null;
        if (a.tune()) {
            TuningResult result = tune(split.train(), catalogue, plan, a, err);
            tuned = result.settings();
            err.printf("tuning took %d s of a %d s budget%s%n", result.elapsed().toSeconds(), a.tuneSeconds(),
                    result.cutShort().isEmpty() ? "" : "; cut short: " + result.cutShort());
        }
        Instant now = latest(split.train());
        out.println(HEADER);
        for (ModelKind kind : SINGLES) {
            if (kind == ModelKind.EASE && train.courseCount() > 20_000) {
                err.println("ease skipped: more than 20,000 courses");
                continue;
            }
            if (kind == ModelKind.CONTENT && catalogue.isEmpty()) {
                continue;
            }
            err.println("defaults " + kind.modelName() + ": " + plan.defaults().describe(kind));
            report(out, err, "default", () -> Recommenders.train(kind, train, catalogue, plan.defaults(), now), train,
                    relevant, a.k());
            if (tuned != null && kind != ModelKind.CONTENT && kind != ModelKind.SEQUENCE) {
                RecommenderSettings t = tuned;
                err.println("tuned " + kind.modelName() + ": " + t.describe(kind));
                report(out, err, "tuned", () -> Recommenders.train(kind, train, catalogue, t, now), train, relevant,
                        a.k());
            }
        }
        err.println("defaults hybrid: " + plan.defaults().hybrid().describe());
        HybridFit defaultFit = reportHybrid(out, err, "default", plan.defaults(), null, train, catalogue, now,
                relevant, a.k());
        if (tuned != null) {
            reportHybrid(out, err, "tuned", tuned, defaultFit, train, catalogue, now, relevant, a.k());
        }
        err.printf("done in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    }

    /** The tuner sees the training side only. */
    static TuningResult tune(List<Interaction> training, List<CourseInfo> catalogue, EvaluationPlan plan,
                             EvaluationArgs a, PrintStream err) {
        err.println("tuning on " + plan.validation() + " of the training side");
        return Tuner.builder().catalogue(catalogue).validation(plan.validation()).start(plan.defaults())
                .cutoff(a.k()).budget(Duration.ofSeconds(a.tuneSeconds())).log(err::println).build().tune(training);
    }

    /**
     * Fits and reports a hybrid. With a {@code start}, the hybrid of the tuned parts replaces it only when it scores
     * higher on validation (the same learners of the training side: the tuned parts are each chosen for their own
     * NDCG, not for how they blend), the way the tuner keeps a model's start unless validation beats it.
     */
    private static HybridFit reportHybrid(PrintStream out, PrintStream err, String label,
                                          RecommenderSettings settings, HybridFit start, InteractionMatrix train,
                                          List<CourseInfo> catalogue, Instant now, Map<String, Set<String>> relevant,
                                          int k) {
        HybridFit[] fit = new HybridFit[1];
        report(out, err, label, () -> {
            fit[0] = Recommenders.fitHybrid(train, catalogue, settings, now);
            if (start != null && start.validationNdcg() >= fit[0].validationNdcg()) {
                err.printf(Locale.ROOT, "%s hybrid: validation ndcg@%d %.4f, not above the default hybrid's %.4f: "
                        + "default kept%n", label, k, fit[0].validationNdcg(), start.validationNdcg());
                fit[0] = start;
            }
            return fit[0].model();
        }, train, relevant, k);
        err.printf(Locale.ROOT, "%s hybrid: %s; validation ndcg@%d %.4f, parts %s%n", label, fit[0].describe(), k,
                fit[0].validationNdcg(), fit[0].partNdcg());
        return fit[0];
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

    private static void report(PrintStream out, PrintStream err, String label, Supplier<Recommender> trainer,
                               InteractionMatrix train, Map<String, Set<String>> relevant, int k) {
        long start = System.nanoTime();
        Recommender model = trainer.get();
        long millis = (System.nanoTime() - start) / 1_000_000;
        err.printf("evaluating %s (%s, trained in %d ms)%n", model.name(), label, millis);
        Metrics m = Evaluator.evaluate(model, train, relevant, k).withTrainMillis(millis);
        Metrics cold = Evaluator.evaluate(model, train, Evaluator.coldCourses(train, relevant, COLD_THRESHOLD), k);
        out.println(String.format(Locale.ROOT, "%s,%s,%d,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%d,%.0f,%.0f,%d,%.4f,%.4f",
                m.model(), label, m.k(), m.hr(), m.precision(), m.recall(), m.ndcg(), m.map(), m.mrr(), m.coverage(),
                m.trainMillis(), m.p50Micros(), m.p99Micros(), cold.learners(), cold.recall(), cold.ndcg()));
        out.flush();
    }
}
