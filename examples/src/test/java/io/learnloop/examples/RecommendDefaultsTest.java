package io.learnloop.examples;

import io.learnloop.recommend.AlsSettings;
import io.learnloop.recommend.ModelKind;
import io.learnloop.recommend.RecommenderSettings;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One set of defaults: the table in {@code docs/recommend.md}, {@link RecommenderSettings#defaults()} (which the
 * {@code Recommenders} factories and the tuner start from), {@link AlsSettings#defaults()} and what
 * {@code EvaluateRecommenders --no-tune} runs must all say the same. Changing a default in one place fails here until
 * the others follow.
 */
class RecommendDefaultsTest {
    private static final Path DOC = Path.of("..").toAbsolutePath().normalize().resolve("docs/recommend.md");
    private static final String BEGIN = "<!-- recommend-defaults -->";
    private static final String END = "<!-- /recommend-defaults -->";

    /** The lines of the fenced block between the markers. */
    private static List<String> documented() throws IOException {
        List<String> lines = Files.readAllLines(DOC, StandardCharsets.UTF_8);
        int from = lines.indexOf(BEGIN);
        int to = lines.indexOf(END);
        assertThat(from).as("%s in %s", BEGIN, DOC).isNotNegative();
        assertThat(to).as("%s after %s", END, BEGIN).isGreaterThan(from);
        return lines.subList(from + 1, to).stream().filter(l -> !l.startsWith("```")).toList();
    }

    @Test
    void docs_whenReadBackAgainstTheCode_listExactlyTheDefaults() throws IOException {
        assertThat(documented()).containsExactlyElementsOf(RecommenderSettings.defaults().describeAll());
    }

    @Test
    void alsDefaults_whenComparedWithTheRecommenderDefaults_areTheSame() {
        assertThat(AlsSettings.defaults()).isEqualTo(RecommenderSettings.defaults().als());
    }

    @Test
    void evaluationTool_whenNotTuned_runsExactlyTheDocumentedDefaults() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = EvaluateRecommenders.run(new String[] {"--synthetic", "200", "--k", "10", "--no-tune"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isZero();

        List<String> used = new ArrayList<>();
        err.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("defaults "))
                .forEach(l -> used.add(l.substring("defaults ".length())));

        List<String> expected = new ArrayList<>(documented());
        assertThat(used).hasSize(ModelKind.values().length + 1).containsExactlyElementsOf(expected);
    }
}
