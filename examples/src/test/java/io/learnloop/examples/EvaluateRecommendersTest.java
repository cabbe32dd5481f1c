package io.learnloop.examples;

import io.learnloop.recommend.Interaction;
import io.learnloop.recommend.data.SyntheticGenerator;
import io.learnloop.recommend.eval.Split;
import io.learnloop.recommend.eval.SplitMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class EvaluateRecommendersTest {
    private static final String TUNE_BUDGET = "120";

    private static String[] run(int expectedStatus, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = EvaluateRecommenders.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(expectedStatus);
        return new String[] {out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void run_whenNotTuned_printsOneDefaultRowPerModel() {
        String[] result = run(0, "--synthetic", "400", "--k", "5", "--split", "leave-last-out", "--no-tune");
        List<String> lines = result[0].lines().toList();
        assertThat(lines.get(0)).isEqualTo("model,settings,k,hr,precision,recall,ndcg,map,mrr,coverage,train_ms,"
                + "recommend_us_p50,recommend_us_p99,cold_learners,cold_recall,cold_ndcg");
        assertThat(lines.subList(1, lines.size())).extracting(l -> l.split(",")[0] + "/" + l.split(",")[1])
                .containsExactly("popularity/default", "item-knn/default", "rp3beta/default", "ease/default",
                        "als/default", "content/default", "sequence/default", "hybrid/default");
        assertThat(lines.subList(1, lines.size())).allSatisfy(l -> {
            assertThat(l.split(",")).hasSize(16);
            assertThat(l.split(",")[2]).isEqualTo("5");
        });
        assertThat(result[1]).contains("loaded synthetic").contains("split leave-last-out")
                .contains("validation: leave-last-out");
    }

    @Test
    void run_whenTuned_printsTheTunedRowNextToEachDefaultRow() {
        String[] result = run(0, "--synthetic", "300", "--k", "5", "--split", "random", "--tune-budget", TUNE_BUDGET);
        List<String> models = result[0].lines().skip(1).map(l -> l.split(",")[0] + "/" + l.split(",")[1]).toList();
        assertThat(models).containsExactly("popularity/default", "popularity/tuned", "item-knn/default",
                "item-knn/tuned", "rp3beta/default", "rp3beta/tuned", "ease/default", "ease/tuned", "als/default",
                "als/tuned", "content/default", "sequence/default", "hybrid/default", "hybrid/tuned");
        assertThat(result[1]).contains("tuning on random 0.2 per learner (seed 43) of the training side");
        // The tuned hybrid is never below the default one on the validation learners they are both fitted on.
        assertThat(hybridValidationNdcg(result[1], "tuned"))
                .isGreaterThanOrEqualTo(hybridValidationNdcg(result[1], "default"));
    }

    private static double hybridValidationNdcg(String err, String label) {
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(
                "^" + label + " hybrid: .*; validation ndcg@\\d+ ([0-9.]+), parts .*$");
        return err.lines().map(p::matcher).filter(java.util.regex.Matcher::matches)
                .mapToDouble(m -> Double.parseDouble(m.group(1))).findFirst().orElseThrow();
    }

    /**
     * The tuner is given the training file only: replacing the test file by garbage or by a copy of the training
     * file changes no choice it makes. If the test side leaked into tuning, the chosen settings would move.
     */
    @Test
    void run_whenTestFileIsPoisoned_tunesExactlyAsWithTheCleanTestFile(@TempDir Path dir) throws IOException {
        List<Interaction> data = SyntheticGenerator.generate(250, 40, 6, 5).interactions();
        Split split = SplitMethod.random(0.2, 1).split(data);
        Path train = write(dir.resolve("train.data"), split.train());
        Path clean = write(dir.resolve("clean.data"), split.test());
        Path copy = write(dir.resolve("copy.data"), split.train());
        List<Interaction> noise = new ArrayList<>();
        Random r = new Random(9);
        for (Interaction i : split.test()) {
            noise.add(Interaction.of(i.learnerId(), "course-" + r.nextInt(40), i.kind(), i.timestamp()));
        }
        Path poisoned = write(dir.resolve("poisoned.data"), noise);

        List<String> withClean = choices(run(0, "--train", train.toString(), "--test", clean.toString(), "--k", "5",
                "--tune-budget", TUNE_BUDGET)[1]);
        List<String> withCopy = choices(run(0, "--train", train.toString(), "--test", copy.toString(), "--k", "5",
                "--tune-budget", TUNE_BUDGET)[1]);
        List<String> withNoise = choices(run(0, "--train", train.toString(), "--test", poisoned.toString(), "--k",
                "5", "--tune-budget", TUNE_BUDGET)[1]);

        assertThat(withClean).isNotEmpty().anyMatch(l -> l.startsWith("tuned ease")).isEqualTo(withCopy)
                .isEqualTo(withNoise);
    }

    /** The tuner's log lines and the chosen settings, without timings. */
    private static List<String> choices(String err) {
        return err.lines().filter(l -> l.startsWith("  tune ") || l.startsWith("tuned ") || l.startsWith("validation"))
                .map(l -> l.replaceAll("\\(\\d+ ms\\)", "")).toList();
    }

    private static Path write(Path file, List<Interaction> interactions) throws IOException {
        Map<String, Integer> ids = new HashMap<>();
        StringBuilder b = new StringBuilder();
        for (Interaction i : interactions) {
            int user = ids.computeIfAbsent("u:" + i.learnerId(), k -> ids.size() + 1);
            int item = ids.computeIfAbsent("c:" + i.courseId(), k -> ids.size() + 1);
            b.append(user).append('\t').append(item).append('\t').append(1 + (int) Math.min(4, i.weight()))
                    .append('\t').append(i.timestamp().getEpochSecond()).append('\n');
        }
        return Files.writeString(file, b.toString());
    }

    @Test
    void run_whenArgumentsBad_printsUsageAndFails() {
        assertThat(run(2, "--k", "0", "--synthetic", "10")[1]).contains("--k must be at least 1").contains("usage:");
        assertThat(run(2, "--split", "sideways", "--synthetic", "10")[1]).contains("--split must be");
        assertThat(run(2, "--train", "a")[1]).contains("--train and --test go together");
        assertThat(run(2, "--synthetic", "10", "--tune-budget", "0")[1]).contains("--tune-budget must be at least 1");
        assertThat(run(1, "--movielens", "does-not-exist.data")[1]).contains("does-not-exist.data: cannot be read");
    }
}
