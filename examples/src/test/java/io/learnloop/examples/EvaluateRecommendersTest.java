package io.learnloop.examples;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EvaluateRecommendersTest {
    private static String[] run(int expectedStatus, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = EvaluateRecommenders.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(expectedStatus);
        return new String[] {out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void run_whenSynthetic_printsOneCsvTableWithEveryModel() {
        String[] result = run(0, "--synthetic", "400", "--k", "5", "--split", "leave-last-out", "--no-tune");
        List<String> lines = result[0].lines().toList();
        assertThat(lines.get(0)).isEqualTo("model,k,hr,precision,recall,ndcg,map,mrr,coverage,train_ms,"
                + "recommend_us_p50,recommend_us_p99");
        assertThat(lines.subList(1, lines.size())).extracting(l -> l.split(",")[0])
                .containsExactly("popularity", "item-knn", "als", "ease", "content", "hybrid");
        assertThat(lines.subList(1, lines.size())).allSatisfy(l -> {
            assertThat(l.split(",")).hasSize(12);
            assertThat(l.split(",")[1]).isEqualTo("5");
        });
        assertThat(result[1]).contains("loaded synthetic").contains("split leave-last-out");
    }

    @Test
    void run_whenArgumentsBad_printsUsageAndFails() {
        assertThat(run(2, "--k", "0", "--synthetic", "10")[1]).contains("--k must be at least 1").contains("usage:");
        assertThat(run(2, "--split", "sideways", "--synthetic", "10")[1]).contains("--split must be");
        assertThat(run(2, "--train", "a")[1]).contains("--train and --test go together");
        assertThat(run(1, "--movielens", "does-not-exist.data")[1]).contains("does-not-exist.data: cannot be read");
    }
}
