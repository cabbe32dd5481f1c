package io.learnloop.recommend;

import io.learnloop.core.error.ValidationException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelsTest {
    private static final List<Interaction> DATA = TestData.clusters(40, 3);
    private static final InteractionMatrix MATRIX = InteractionMatrix.of(DATA);
    private static final List<CourseInfo> CATALOGUE = TestData.clusterCatalogue();

    private static List<String> top(Recommender r, String learner, int k) {
        return r.recommend(learner, k).stream().map(Recommendation::courseId).toList();
    }

    @Test
    void rp3beta_whenLearnerInACluster_recommendsTheClusterAndExplainsByOwnCourse() {
        Recommender rp3 = Recommenders.rp3beta(MATRIX, CATALOGUE, 50, 1.0, 0.3);

        List<Recommendation> recs = rp3.recommend("a-learner-3", 3);

        assertThat(recs).isNotEmpty().allSatisfy(r -> assertThat(r.courseId()).startsWith("a"));
        assertThat(recs.get(0).explanation().reason()).isEqualTo(Explanation.Reason.BECAUSE_YOU);
        assertThat(rp3.name()).isEqualTo("rp3beta");
        assertThat(rp3.memoryBytes()).isPositive();
    }

    /** Every learner takes "hub" and one of a few niche courses; the penalty lifts the niche ones above the hub. */
    @Test
    void rp3beta_whenBetaRises_ranksPopularCoursesLower() {
        List<Interaction> data = new ArrayList<>();
        Instant t = TestData.T0;
        for (int u = 0; u < 60; u++) {
            data.add(Interaction.of("u" + u, "hub", InteractionKind.ENROL, t));
            data.add(Interaction.of("u" + u, "niche" + (u % 3), InteractionKind.ENROL, t));
            if (u % 3 == 0) {
                data.add(Interaction.of("u" + u, "side", InteractionKind.ENROL, t));
            }
        }
        data.add(Interaction.of("probe", "side", InteractionKind.ENROL, t));
        InteractionMatrix m = InteractionMatrix.of(data);

        assertThat(top(Recommenders.rp3beta(m, List.of(), 10, 1, 0), "probe", 1)).containsExactly("hub");
        assertThat(top(Recommenders.rp3beta(m, List.of(), 10, 1, 1), "probe", 1)).containsExactly("niche0");
    }

    @Test
    void ease_whenDropoutIsZero_ranksExactlyLikePlainEase() {
        Recommender plain = Recommenders.ease(MATRIX, CATALOGUE, 50);
        Recommender noDropout = Recommenders.ease(MATRIX, CATALOGUE, 50, 0);
        Recommender edlae = Recommenders.ease(MATRIX, CATALOGUE, 50, 0.5);

        for (String learner : List.of("a-learner-1", "b-learner-7")) {
            assertThat(noDropout.recommend(learner, 5)).isEqualTo(plain.recommend(learner, 5));
            String other = learner.startsWith("a") ? "b" : "a";
            assertThat(top(edlae, learner, 3)).noneMatch(c -> c.startsWith(other));
        }
        assertThatThrownBy(() -> Recommenders.ease(MATRIX, CATALOGUE, 50, 1)).isInstanceOf(ValidationException.class);
    }

    @Test
    void als_whenFrequencyExponentSet_scalesRegularisationAndStaysDeterministic() {
        AlsSettings classic = new AlsSettings(8, 10, 0.1, 5, 3, 1, 42);
        AlsSettings scaled = classic.withFrequencyExponent(1);

        String learner = "a-learner-3";
        assertThat(MATRIX.history(learner).size()).isLessThan(8);

        List<Recommendation> a = Recommenders.als(MATRIX, CATALOGUE, scaled).recommend(learner, 5);
        List<Recommendation> b = Recommenders.als(MATRIX, CATALOGUE, scaled.withThreads(2)).recommend(learner, 5);

        assertThat(a).isEqualTo(b);
        assertThat(a.get(0).courseId()).startsWith("a");
        assertThat(a.get(0).score()).isNotEqualTo(Recommenders.als(MATRIX, CATALOGUE, classic)
                .recommend(learner, 5).get(0).score());
        assertThat(classic.frequencyExponent()).isZero();
        assertThatThrownBy(() -> classic.withFrequencyExponent(3)).isInstanceOf(ValidationException.class);
    }

    @Test
    void train_whenEachKind_namesTheModelAfterItsKind() {
        RecommenderSettings s = RecommenderSettings.defaults().withAls(new AlsSettings(8, 3, 5, 2, 3, 1, 42));
        for (ModelKind kind : ModelKind.values()) {
            assertThat(Recommenders.train(kind, MATRIX, CATALOGUE, s, TestData.T0).name()).isEqualTo(kind.modelName());
            assertThat(s.describe(kind)).isNotBlank();
        }
    }

    @Test
    void settings_whenValuesOutOfRange_nameEachBadField() {
        RecommenderSettings d = RecommenderSettings.defaults();
        assertThatThrownBy(() -> d.withRp3beta(0, 0, 3)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("rp3Neighbours").hasMessageContaining("rp3Alpha").hasMessageContaining("rp3Beta");
        assertThatThrownBy(() -> d.withEase(-1, 1)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("easeLambda").hasMessageContaining("easeDropout");
        assertThatThrownBy(() -> d.hybrid().withScoring(1, 0)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("validationLearners").hasMessageContaining("cutoff");
        assertThatThrownBy(() -> d.hybrid().withParts(java.util.Set.of())).isInstanceOf(ValidationException.class)
                .hasMessageContaining("parts");
    }
}
