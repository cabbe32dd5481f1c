package io.learnloop.recommend;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Time decay must rank the same however old the data is relative to the clock. */
class TimeDecayTest {
    private static final Instant NEWEST = Instant.parse("2015-01-31T00:00:00Z");

    private static List<Interaction> votes(String course, int learners, Instant at) {
        List<Interaction> out = new ArrayList<>();
        for (int i = 0; i < learners; i++) {
            out.add(Interaction.of(course + "-fan-" + i, course, InteractionKind.ENROL, at));
        }
        return out;
    }

    @ParameterizedTest
    @CsvSource({
            "30, 2026-01-01T00:00:00Z",
            "30, 2026-12-31T00:00:00Z",
            "7, 2026-01-01T00:00:00Z",
            "1, 2020-01-01T00:00:00Z",
            "30, 3000-01-01T00:00:00Z"})
    void popularity_whenNowIsYearsAfterTheData_ranksByDecayedPopularity(int halfLifeDays, Instant now) {
        Duration halfLife = Duration.ofDays(halfLifeDays);
        List<Interaction> data = new ArrayList<>();
        // In file order, none of them first where it belongs. Decayed counts at NEWEST with a 30-day half-life:
        // fresh 2, nearly-fresh 2 x 2^(-1h / 30d), rising 3 x 2^-1, steady 10 x 2^-3, single 1.
        data.addAll(votes("single", 1, NEWEST));
        data.addAll(votes("steady", 10, NEWEST.minus(halfLife.multipliedBy(3))));
        data.addAll(votes("nearly-fresh", 2, NEWEST.minus(Duration.ofHours(1))));
        data.addAll(votes("rising", 3, NEWEST.minus(halfLife)));
        data.addAll(votes("fresh", 2, NEWEST));
        InteractionMatrix m = InteractionMatrix.of(data);

        List<String> atNewest = ranking(Recommenders.popularity(m, List.of(), halfLife, NEWEST));
        List<String> atNow = ranking(Recommenders.popularity(m, List.of(), halfLife, now));

        assertThat(atNewest).containsExactly("fresh", "nearly-fresh", "rising", "steady", "single");
        assertThat(atNow).isEqualTo(atNewest);
    }

    private static List<String> ranking(Recommender model) {
        List<Recommendation> recs = model.recommend("someone-else", 10);
        assertThat(recs).allSatisfy(r -> assertThat(r.score()).isPositive().isFinite());
        return RecommendationServiceTest.ids(recs);
    }

    @ParameterizedTest
    @CsvSource({"130", "730", "5000"})
    void hybrid_whenLearnersOlderCoursesAreManyHalfLivesBehindTheLatest_stillRanksByThem(int daysBetween) {
        Instant latest = Instant.parse("2026-01-01T00:00:00Z");
        Instant earlier = latest.minus(Duration.ofDays(daysBetween));
        List<Interaction> data = new ArrayList<>();
        // Six learners take "a" with "b", two take "a" with "c": after "a", "b" is the better next step.
        for (int i = 0; i < 8; i++) {
            data.add(Interaction.of("other-" + i, "a", InteractionKind.ENROL, earlier));
            data.add(Interaction.of("other-" + i, i < 6 ? "b" : "c", InteractionKind.ENROL, earlier));
        }
        // The learner took "a" long ago and lately only "solo", which nobody else took (no neighbours).
        data.add(Interaction.of("learner", "a", InteractionKind.ENROL, earlier));
        data.add(Interaction.of("learner", "solo", InteractionKind.ENROL, latest));
        InteractionMatrix m = InteractionMatrix.builder()
                .courses(List.of(course("a"), course("c"), course("b"), course("solo"))).addAll(data).build();
        Recommender knn = Recommenders.itemKnn(m, List.of(), 10, 0);
        Map<Recommender, Double> parts = new LinkedHashMap<>();
        parts.put(knn, 1.0);
        Recommender hybrid = Recommenders.hybrid(m, List.of(), parts,
                Recommenders.popularity(m, List.of(), Duration.ZERO, latest), null, 0, Duration.ofDays(1));

        List<Recommendation> recs = hybrid.recommend("learner", 2);

        assertThat(RecommendationServiceTest.ids(recs)).containsExactly("b", "c");
        assertThat(recs.get(0).score()).isGreaterThan(recs.get(1).score());
        assertThat(recs.get(0).explanation().text()).isEqualTo("because you enrolled in a");
    }

    private static CourseInfo course(String id) {
        return new CourseInfo(id, id, "", List.of(), "", "", true, Instant.parse("2014-01-01T00:00:00Z"));
    }
}
