package io.learnloop.recommend.data;

import io.learnloop.recommend.CourseInfo;
import io.learnloop.recommend.Interaction;
import io.learnloop.recommend.InteractionKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoadersTest {
    static Path resource(String name) {
        try {
            return Path.of(LoadersTest.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readUData_whenWellFormed_readsRatingsWithTimes() {
        Dataset d = MovieLens.readUData(resource("movielens/u.data"));
        assertThat(d.interactions()).hasSize(5);
        Interaction first = d.interactions().get(0);
        assertThat(first).isEqualTo(new Interaction("1", "10", InteractionKind.RATING, 5, Instant.ofEpochSecond(900_000_000)));
        assertThat(d.courses()).isEmpty();
    }

    @Test
    void readUData_whenRatingMalformed_namesTheLine() {
        assertThatThrownBy(() -> MovieLens.readUData(resource("movielens/bad-u.data")))
                .isInstanceOf(DataFileException.class)
                .hasMessage("bad-u.data line 2: rating is not a number: 'three'")
                .satisfies(e -> assertThat(((DataFileException) e).line()).isEqualTo(2));
    }

    @Test
    void readRatingsCsv_whenWellFormed_skipsHeader() {
        Dataset d = MovieLens.readRatingsCsv(resource("movielens/ratings.csv"));
        assertThat(d.interactions()).hasSize(3);
        assertThat(d.interactions().get(1).weight()).isEqualTo(4.5);
    }

    @Test
    void readRatingsCsv_whenRowShort_namesTheLine() {
        assertThatThrownBy(() -> MovieLens.readRatingsCsv(resource("movielens/bad-ratings.csv")))
                .isInstanceOf(DataFileException.class).hasMessageContaining("bad-ratings.csv line 3: expected 4 fields");
    }

    @Test
    void readRatingsCsv_whenFileMissing_saysSo(@TempDir Path dir) {
        assertThatThrownBy(() -> MovieLens.readRatingsCsv(dir.resolve("nope.csv")))
                .isInstanceOf(DataFileException.class).hasMessageContaining("nope.csv: cannot be read");
    }

    @Test
    void oulad_whenCutRead_givesClicksAsViewsAndTheCatalogue() {
        Dataset d = Oulad.read(resource("oulad"));
        assertThat(d.interactions()).hasSize(21_656);
        assertThat(d.courses()).hasSize(526);
        Interaction first = d.interactions().get(0);
        assertThat(first.kind()).isEqualTo(InteractionKind.VIEW);
        assertThat(first.weight()).isPositive();
        Set<String> ids = new HashSet<>();
        for (CourseInfo c : d.courses()) {
            ids.add(c.id());
        }
        assertThat(d.interactions()).allSatisfy(i -> assertThat(ids).contains(i.courseId()));
        CourseInfo any = d.courses().get(0);
        assertThat(any.category()).isNotBlank();
        assertThat(any.tags()).hasSize(2);
    }

    @Test
    void oulad_whenPresentationStarts_areFebruaryAndOctober() {
        assertThat(Oulad.presentationStart("2013B")).hasToString("2013-02-01");
        assertThat(Oulad.presentationStart("2014J")).hasToString("2014-10-01");
        assertThat(Oulad.presentationStart("2014X")).isNull();
    }

    @Test
    void oulad_whenRowMalformed_namesFileAndLine(@TempDir Path dir) throws IOException {
        Files.copy(resource("oulad/vle.csv"), dir.resolve("vle.csv"));
        String site = Files.readAllLines(dir.resolve("vle.csv")).get(1).split(",")[0];
        String csv = "\"code_module\",\"code_presentation\",\"id_student\",\"id_site\",\"date\",\"sum_click\"\r\n"
                + "\"AAA\",\"2013J\",\"11391\"," + site + ",\"-5\",\"4\"\r\n"
                + "\"AAA\",\"2013J\",\"11391\"," + site + ",\"x\",\"4\"\r\n";
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("studentVle.csv.gz")))) {
            out.write(csv.getBytes(StandardCharsets.US_ASCII));
        }
        assertThatThrownBy(() -> Oulad.read(dir)).isInstanceOf(DataFileException.class)
                .hasMessageContaining("studentVle.csv.gz line 3: date and sum_click must be whole numbers");
    }

    @Test
    void oulad_whenHeaderWrongOrFileMissing_explains(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> Oulad.read(dir)).isInstanceOf(DataFileException.class).hasMessageContaining("vle.csv");
        Files.writeString(dir.resolve("vle.csv"), "\"a\",\"b\"\r\n");
        Files.writeString(dir.resolve("studentVle.csv"), "");
        assertThatThrownBy(() -> Oulad.read(dir)).isInstanceOf(DataFileException.class)
                .hasMessageContaining("vle.csv line 1: expected the header");
    }

    @Test
    void synthetic_whenSameSeed_isReproducibleAndBilingual() {
        Dataset a = SyntheticGenerator.generate(300, 7);
        Dataset b = SyntheticGenerator.generate(300, 7);
        assertThat(a).isEqualTo(b);
        assertThat(a.courses()).hasSize(50);
        List<String> titles = a.courses().stream().map(CourseInfo::title).toList();
        assertThat(titles).anyMatch(t -> t.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN));
        assertThat(titles).anyMatch(t -> t.startsWith("Introduction to") || t.startsWith("Advanced") || t.startsWith("Intermediate"));
        // Popularity is skewed: the most-taken course has over twice the median count.
        java.util.Map<String, Long> counts = a.interactions().stream()
                .filter(i -> i.kind() == InteractionKind.ENROL || i.kind() == InteractionKind.PURCHASE)
                .collect(java.util.stream.Collectors.groupingBy(Interaction::courseId, java.util.stream.Collectors.counting()));
        List<Long> sorted = counts.values().stream().sorted().toList();
        assertThat(sorted.get(sorted.size() - 1)).isGreaterThan(2 * sorted.get(sorted.size() / 2));
    }
}
