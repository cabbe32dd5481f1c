package io.learnloop.examples;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the "before and after" table of docs/growth.md equal to what the simulator computes, so its numbers cannot
 * drift from the model.
 */
class GrowthFeatureEffectsTest {
    private static final Path DOC = Path.of("..", "docs", "growth.md");
    private static final String BEGIN = "<!-- feature-effects:begin -->";
    private static final String END = "<!-- feature-effects:end -->";

    @Test
    void table_whenComputed_equalsTheTableInTheGrowthDoc() throws IOException {
        String doc = Files.readString(DOC).replace("\r\n", "\n");
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        assertThat(begin).as("docs/growth.md marks the table with " + BEGIN).isNotNegative();
        assertThat(end).as("docs/growth.md ends the table with " + END).isGreaterThan(begin);

        String inDoc = doc.substring(begin + BEGIN.length(), end).strip();

        assertThat(inDoc).isEqualTo(GrowthFeatureEffects.table());
    }

    @Test
    void table_whenComputed_showsEveryFeatureRaisingTheGainOverOneYearAndAllThreeTheMost() {
        String[] rows = GrowthFeatureEffects.table().split("\n");
        double before = gainAfterOneYear(rows[2]);

        for (int i = 3; i < rows.length; i++) {
            assertThat(gainAfterOneYear(rows[i])).as(rows[i]).isGreaterThan(before);
        }
        assertThat(gainAfterOneYear(rows[rows.length - 1])).isGreaterThan(gainAfterOneYear(rows[3]))
                .isGreaterThan(gainAfterOneYear(rows[4])).isGreaterThan(gainAfterOneYear(rows[5]));
    }

    private static double gainAfterOneYear(String row) {
        return Double.parseDouble(row.split("\\|")[4].strip());
    }
}
