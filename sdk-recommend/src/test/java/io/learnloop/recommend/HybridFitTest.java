package io.learnloop.recommend;

import io.learnloop.recommend.data.Dataset;
import io.learnloop.recommend.data.SyntheticGenerator;
import io.learnloop.recommend.eval.SplitMethod;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class HybridFitTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void fitHybrid_whenContentCarriesNoSignal_leavesItOut() {
        List<CourseInfo> blank = new ArrayList<>();
        for (CourseInfo c : TestData.clusterCatalogue()) {
            blank.add(new CourseInfo(c.id(), "course", "", List.of(), "", "", true, c.createdAt()));
        }
        InteractionMatrix m = InteractionMatrix.builder().courses(blank).addAll(TestData.clusters(60, 4)).build();
        RecommenderSettings s = RecommenderSettings.defaults();
        s = s.withHybrid(s.hybrid().withValidation(SplitMethod.random(0.2, 1)));

        HybridFit fit = Recommenders.fitHybrid(m, blank, s, NOW);

        assertThat(fit.partNdcg()).containsKey(ModelKind.CONTENT);
        assertThat(fit.weights()).doesNotContainKey(ModelKind.CONTENT).isNotEmpty();
        assertThat(fit.model().recommend("a-learner-1", 3)).isNotEmpty();
    }

    /** Learners walk a ring of courses in order; what comes next follows from the latest steps, not the oldest. */
    @Test
    void fitHybrid_whenNextCourseFollowsTheLatest_turnsRecencyWeightingOn() {
        Random r = new Random(5);
        List<Interaction> data = new ArrayList<>();
        int ring = 40;
        for (int u = 0; u < 400; u++) {
            int at = r.nextInt(ring);
            int steps = 6 + r.nextInt(8);
            for (int s = 0; s < steps; s++) {
                data.add(Interaction.of("u" + u, "c" + ((at + s) % ring), InteractionKind.ENROL,
                        NOW.minus(Duration.ofDays(30L * (steps - s)))));
            }
        }
        InteractionMatrix m = InteractionMatrix.of(data);
        RecommenderSettings s = RecommenderSettings.defaults();
        s = s.withHybrid(s.hybrid().withParts(EnumSet.of(ModelKind.ITEM_KNN, ModelKind.EASE))
                .withRecencyHalfLives(List.of(Duration.ZERO, Duration.ofDays(30))));

        HybridFit fit = Recommenders.fitHybrid(m, List.of(), s, NOW);

        assertThat(fit.recencyHalfLife()).isEqualTo(Duration.ofDays(30));
        assertThat(fit.validationNdcg()).isGreaterThan(fit.partNdcg().values().stream().mapToDouble(d -> d).max()
                .orElseThrow());
    }

    @Test
    void defaultHybrid_whenCalled_ranksLikeTheFitWithTheDefaults() {
        Dataset d = SyntheticGenerator.generate(300, 60, 8, 11);
        InteractionMatrix m = InteractionMatrix.builder().courses(d.courses()).addAll(d.interactions()).build();

        Recommender byDefault = Recommenders.defaultHybrid(m, d.courses(), NOW);
        HybridFit fit = Recommenders.fitHybrid(m, d.courses(), RecommenderSettings.defaults(), NOW);

        for (String learner : List.of("learner-1", "learner-2", "learner-40", "stranger")) {
            assertThat(byDefault.recommend(learner, 5)).extracting(Recommendation::courseId)
                    .isEqualTo(fit.model().recommend(learner, 5).stream().map(Recommendation::courseId).toList());
        }
    }

    @Test
    void fitHybrid_whenNoLearnerHasTwoCourses_blendsThePartsEquallyAndStillServesPopularCourses() {
        List<Interaction> data = new ArrayList<>();
        for (int u = 0; u < 30; u++) {
            data.add(Interaction.of("u" + u, "c" + (u % 4), InteractionKind.ENROL, NOW.minusSeconds(u)));
        }
        InteractionMatrix m = InteractionMatrix.of(data);

        HybridFit fit = Recommenders.fitHybrid(m, List.of(), RecommenderSettings.defaults(), NOW);

        assertThat(fit.validationRelevant()).isEmpty();
        assertThat(fit.weights().values()).containsOnly(1.0);
        assertThat(fit.model().recommend("stranger", 2)).hasSize(2);
        assertThat(fit.describe()).contains("recency off");
    }

    /**
     * Each learner keeps to one topic and, within it, favours the courses everyone favours: content knows the topic
     * but not the favourites, popularity knows the favourites but not the topic. Only a blend knows both.
     */
    @Test
    void fitHybrid_whenTwoPartsCarryDifferentSignals_keepsBothAndBeatsEach() {
        int topics = 8;
        int perTopic = 8;
        List<CourseInfo> catalogue = new ArrayList<>();
        for (int t = 0; t < topics; t++) {
            for (int c = 0; c < perTopic; c++) {
                catalogue.add(new CourseInfo("t" + t + "c" + c, "topic" + t + " lesson", "all about topic" + t,
                        List.of("topic" + t), "cat" + t, "creator", true, NOW.minus(Duration.ofDays(400))));
            }
        }
        Random r = new Random(3);
        List<Interaction> data = new ArrayList<>();
        for (int u = 0; u < 800; u++) {
            int topic = r.nextInt(topics);
            for (int c = 0; c < perTopic; c++) {
                // The same favourites in every topic, last in catalogue order so that ties do not find them.
                if (r.nextDouble() < 0.9 / (perTopic - c)) {
                    data.add(Interaction.of("u" + u, "t" + topic + "c" + c, InteractionKind.ENROL,
                            NOW.minus(Duration.ofDays(1 + r.nextInt(300)))));
                }
            }
        }
        InteractionMatrix m = InteractionMatrix.builder().courses(catalogue).addAll(data).build();
        RecommenderSettings s = RecommenderSettings.defaults();
        s = s.withHybrid(s.hybrid().withParts(EnumSet.of(ModelKind.POPULARITY, ModelKind.CONTENT))
                .withValidation(SplitMethod.random(0.3, 2)).withRecencyHalfLives(List.of(Duration.ZERO)));

        HybridFit fit = Recommenders.fitHybrid(m, catalogue, s, NOW);

        assertThat(fit.weights()).as(fit.describe()).containsOnlyKeys(ModelKind.POPULARITY, ModelKind.CONTENT);
        assertThat(fit.validationNdcg()).isGreaterThan(fit.partNdcg().get(ModelKind.POPULARITY))
                .isGreaterThan(fit.partNdcg().get(ModelKind.CONTENT));
    }
}
