package io.learnloop.recommend;

import io.learnloop.core.error.ValidationException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RecommendersTest {
    private static final List<CourseInfo> CATALOGUE = TestData.clusterCatalogue();
    private static final InteractionMatrix MATRIX = InteractionMatrix.builder().courses(CATALOGUE)
            .addAll(TestData.clusters(30, 7)).build();
    private static final AlsSettings ALS = new AlsSettings(8, 10, 0.1, 5, 3, 2, 42);

    private static List<Recommender> collaborative() {
        return List.of(Recommenders.itemKnn(MATRIX, CATALOGUE, 20, 2),
                Recommenders.ease(MATRIX, CATALOGUE, 10),
                Recommenders.als(MATRIX, CATALOGUE, ALS),
                Recommenders.content(MATRIX, CATALOGUE));
    }

    @Test
    void recommend_whenLearnerInACluster_staysInTheClusterAndSkipsOwnCourses() {
        String learner = "a-learner-0";
        Set<String> own = Set.copyOf(ids(MATRIX, MATRIX.history(learner)));
        for (Recommender r : collaborative()) {
            List<Recommendation> recs = r.recommend(learner, 3);
            assertThat(recs).as(r.name()).isNotEmpty();
            assertThat(recs).as(r.name()).allSatisfy(rec -> {
                assertThat(own).doesNotContain(rec.courseId());
                assertThat(rec.explanation().text()).isNotBlank();
            });
            assertThat(recs.get(0).courseId()).as(r.name()).startsWith("a");
        }
    }

    @Test
    void itemKnn_whenScoring_sumsSimilaritiesOverTheLearnersCourses() {
        // x and y co-occur in two of three learners; z only with x once.
        Instant t = TestData.T0;
        InteractionMatrix m = InteractionMatrix.of(List.of(
                Interaction.of("1", "x", InteractionKind.ENROL, t), Interaction.of("1", "y", InteractionKind.ENROL, t),
                Interaction.of("2", "x", InteractionKind.ENROL, t), Interaction.of("2", "y", InteractionKind.ENROL, t),
                Interaction.of("3", "x", InteractionKind.ENROL, t), Interaction.of("3", "z", InteractionKind.ENROL, t),
                Interaction.of("4", "w", InteractionKind.ENROL, t), Interaction.of("4", "y", InteractionKind.ENROL, t),
                Interaction.of("5", "x", InteractionKind.ENROL, t), Interaction.of("5", "w", InteractionKind.ENROL, t),
                Interaction.of("new", "x", InteractionKind.ENROL, t)));
        List<Recommendation> recs = Recommenders.itemKnn(m, List.of(), 10, 0).recommend("new", 5);
        // x: 5 learners (1,2,3,5,new). y: 3, co(x,y)=2 -> 2/sqrt(15); z: 1, co=1 -> 1/sqrt(5); w: 2, co=1 -> 1/sqrt(10).
        assertThat(recs).extracting(Recommendation::courseId).containsExactly("y", "z", "w");
        assertThat(recs.get(0).score()).isCloseTo(2 / Math.sqrt(15), within(1e-6));
        assertThat(recs.get(0).explanation().reason()).isEqualTo(Explanation.Reason.BECAUSE_YOU);
        assertThat(recs.get(0).explanation().text()).isEqualTo("because you enrolled in x");
    }

    @Test
    void popularity_whenHalfLifeSet_prefersRecentInterest() {
        Instant now = TestData.T0.plus(Duration.ofDays(100));
        InteractionMatrix m = InteractionMatrix.of(List.of(
                Interaction.of("1", "old", InteractionKind.ENROL, TestData.T0),
                Interaction.of("2", "old", InteractionKind.ENROL, TestData.T0),
                Interaction.of("3", "new", InteractionKind.ENROL, now.minus(Duration.ofDays(1)))));
        assertThat(Recommenders.popularity(m, List.of(), Duration.ofDays(7), now).recommend("x", 2))
                .extracting(Recommendation::courseId).containsExactly("new", "old");
        assertThat(Recommenders.popularity(m, List.of(), Duration.ZERO, now).recommend("x", 2))
                .extracting(Recommendation::courseId).containsExactly("old", "new");
    }

    @Test
    void als_whenTrainedWithOneOrTwoThreads_givesTheSameModel() {
        Recommender one = Recommenders.als(MATRIX, CATALOGUE, ALS.withThreads(1));
        Recommender two = Recommenders.als(MATRIX, CATALOGUE, ALS.withThreads(2));
        assertThat(two.recommend("b-learner-3", 5)).isEqualTo(one.recommend("b-learner-3", 5));
    }

    @Test
    void recommend_whenLearnerRecordsSomethingAfterTraining_reflectsItWithoutRetraining() {
        InteractionMatrix m = InteractionMatrix.builder().courses(CATALOGUE).addAll(TestData.clusters(20, 3)).build();
        List<Recommender> models = List.of(Recommenders.itemKnn(m, CATALOGUE, 20, 2), Recommenders.ease(m, CATALOGUE, 10),
                Recommenders.als(m, CATALOGUE, ALS));
        for (Recommender r : models) {
            assertThat(r.recommend("fresh-" + r.name(), 3)).isEmpty();
        }
        for (Recommender r : models) {
            m.record(Interaction.of("fresh-" + r.name(), "b1", InteractionKind.PURCHASE, TestData.T0));
            m.record(Interaction.of("fresh-" + r.name(), "b2", InteractionKind.COMPLETE, TestData.T0));
            List<Recommendation> recs = r.recommend("fresh-" + r.name(), 3);
            assertThat(recs).as(r.name()).isNotEmpty();
            assertThat(recs.get(0).courseId()).as(r.name()).startsWith("b");
            assertThat(recs).extracting(Recommendation::courseId).doesNotContain("b1", "b2");
        }
    }

    @Test
    void content_whenCourseHasNoInteractions_canStillBeRecommended() {
        CourseInfo fresh = new CourseInfo("brand-new", "Python 数据可视化", "matplotlib and pandas charts",
                List.of("python"), "data", "creator-z", true, TestData.T0);
        List<CourseInfo> catalogue = new java.util.ArrayList<>(CATALOGUE);
        catalogue.add(fresh);
        InteractionMatrix m = InteractionMatrix.builder().courses(catalogue).addAll(TestData.clusters(10, 1)).build();
        List<Recommendation> recs = Recommenders.content(m, catalogue).recommend("a-learner-1", 30);
        assertThat(recs).extracting(Recommendation::courseId).contains("brand-new");
        Recommendation r = recs.stream().filter(x -> x.courseId().equals("brand-new")).findFirst().orElseThrow();
        assertThat(r.explanation().reason()).isEqualTo(Explanation.Reason.MATCHES_INTEREST);
        assertThat(r.explanation().text()).startsWith("matches your interest in ");
    }

    @Test
    void hybrid_whenLearnerHasNoHistory_returnsPopularCourses() {
        Recommender pop = Recommenders.popularity(MATRIX, CATALOGUE, Duration.ZERO, TestData.T0);
        Recommender content = Recommenders.content(MATRIX, CATALOGUE);
        Map<Recommender, Double> parts = new LinkedHashMap<>();
        parts.put(Recommenders.ease(MATRIX, CATALOGUE, 10), 1.0);
        parts.put(Recommenders.als(MATRIX, CATALOGUE, ALS), 0.5);
        Recommender hybrid = Recommenders.hybrid(MATRIX, CATALOGUE, parts, pop, content, 3);

        List<Recommendation> cold = hybrid.recommend("stranger", 3);
        assertThat(cold).hasSize(3);
        assertThat(cold.get(0).courseId()).isEqualTo("popular");
        assertThat(cold.get(0).explanation().text()).isEqualTo("popular in career");
        assertThat(hybrid.recommend("a-learner-2", 3).get(0).courseId()).startsWith("a");
        assertThat(hybrid.memoryBytes()).isPositive();
    }

    @Test
    void recommend_whenBadInput_failsClearlyOrReturnsEmpty() {
        Recommender knn = Recommenders.itemKnn(MATRIX, CATALOGUE, 20, 2);
        assertThatThrownBy(() -> knn.recommend("a-learner-0", 0)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("k: must be at least 1");
        assertThatThrownBy(() -> knn.recommend(null, 3)).isInstanceOf(ValidationException.class);
        assertThat(knn.recommend("unknown", 3)).isEmpty();
        InteractionMatrix empty = InteractionMatrix.of(List.of());
        assertThat(Recommenders.ease(empty, List.of(), 10).recommend("u", 3)).isEmpty();
        assertThat(Recommenders.als(empty, List.of(), ALS).recommend("u", 3)).isEmpty();
        assertThat(Recommenders.popularity(empty, List.of(), Duration.ZERO, TestData.T0).recommend("u", 3)).isEmpty();
        assertThatThrownBy(() -> Recommenders.itemKnn(MATRIX, CATALOGUE, 0, Double.NaN))
                .isInstanceOf(ValidationException.class).hasMessageContaining("neighbours").hasMessageContaining("shrinkage");
        assertThatThrownBy(() -> Recommenders.ease(MATRIX, CATALOGUE, -1)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> new AlsSettings(0, 1, Double.NaN, -1, 1, 1, 1)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("factors").hasMessageContaining("regularization").hasMessageContaining("alpha");
        Map<Recommender, Double> bad = Map.of(knn, Double.NaN);
        assertThatThrownBy(() -> Recommenders.hybrid(MATRIX, CATALOGUE, bad, knn, null, 3))
                .isInstanceOf(ValidationException.class).hasMessageContaining("weight");
    }

    static List<String> ids(InteractionMatrix m, LearnerHistory h) {
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < h.size(); i++) {
            out.add(m.courseId(h.course(i)));
        }
        return out;
    }
}
