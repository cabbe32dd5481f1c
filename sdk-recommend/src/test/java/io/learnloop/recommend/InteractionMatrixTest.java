package io.learnloop.recommend;

import io.learnloop.core.error.ValidationException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InteractionMatrixTest {
    private static final Instant T = TestData.T0;

    @Test
    void build_whenRepeatedPairs_sumsStrengthsKeepsLatestTimeAndKinds() {
        InteractionMatrix m = InteractionMatrix.of(List.of(
                new Interaction("u1", "c2", InteractionKind.VIEW, 3, T),
                Interaction.of("u1", "c1", InteractionKind.PURCHASE, T.plusSeconds(5)),
                Interaction.of("u1", "c2", InteractionKind.COMPLETE, T.plusSeconds(9)),
                Interaction.of("u2", "c1", InteractionKind.ENROL, T)));

        LearnerHistory h = m.history("u1");
        assertThat(h.size()).isEqualTo(2);
        int p = h.positionOf(m.courseIndex("c2"));
        assertThat(h.strength(p)).isEqualTo(3f * 1 + 4f);
        assertThat(h.lastSeen(p)).isEqualTo(T.plusSeconds(9).toEpochMilli());
        assertThat(h.firstSeen(p)).isEqualTo(T.toEpochMilli());
        assertThat(h.kinds(p)).isEqualTo(InteractionKind.VIEW.bit() | InteractionKind.COMPLETE.bit());
        assertThat(m.learnerCount()).isEqualTo(2);
        assertThat(m.courseCount()).isEqualTo(2);
        assertThat(m.nonZeros()).isEqualTo(3);
        assertThat(m.memoryBytes()).isPositive();
    }

    @Test
    void record_whenLearnerAndCourseAreNew_appendsRowWithoutTouchingOthers() {
        InteractionMatrix m = InteractionMatrix.of(List.of(Interaction.of("u1", "c1", InteractionKind.ENROL, T)));
        LearnerHistory before = m.history("u1");

        int u = m.record(Interaction.of("u9", "c9", InteractionKind.WISHLIST, T));
        m.record(Interaction.of("u1", "c9", InteractionKind.VIEW, T));

        assertThat(u).isEqualTo(1);
        assertThat(m.history("u9").size()).isEqualTo(1);
        assertThat(m.history("u1").size()).isEqualTo(2);
        assertThat(before.size()).isEqualTo(1);
        assertThat(m.revision(m.learnerIndex("u1"))).isEqualTo(1);
        assertThat(m.totalRevisions()).isEqualTo(2);
        assertThat(m.courseIndex("c9")).isEqualTo(1);
    }

    @Test
    void record_whenEarlierInteractionArrives_movesFirstSeenBack() {
        InteractionMatrix m = InteractionMatrix.of(List.of(Interaction.of("u1", "c1", InteractionKind.VIEW, T)));

        m.record(Interaction.of("u1", "c1", InteractionKind.VIEW, T.minusSeconds(60)));

        LearnerHistory h = m.history("u1");
        assertThat(h.firstSeen(0)).isEqualTo(T.minusSeconds(60).toEpochMilli());
        assertThat(h.lastSeen(0)).isEqualTo(T.toEpochMilli());
    }

    @Test
    void without_whenPairsGiven_dropsThemAndKeepsNumberingWeightsAndCurrentRows() {
        InteractionMatrix m = InteractionMatrix.builder().weights(InteractionWeights.defaults()
                        .with(InteractionKind.VIEW, 3))
                .addAll(List.of(new Interaction("u1", "c1", InteractionKind.VIEW, 2, T),
                        Interaction.of("u1", "c2", InteractionKind.ENROL, T), Interaction.of("u2", "c2",
                                InteractionKind.ENROL, T)))
                .build();
        m.record(Interaction.of("u2", "c3", InteractionKind.PURCHASE, T.plusSeconds(1)));

        InteractionMatrix cut = m.without(java.util.Map.of("u1", java.util.Set.of("c2"), "nobody", java.util.Set.of("c1")));

        assertThat(cut.courseIndex("c3")).isEqualTo(m.courseIndex("c3"));
        assertThat(cut.learnerIndex("u2")).isEqualTo(m.learnerIndex("u2"));
        assertThat(cut.history("u1").size()).isEqualTo(1);
        assertThat(cut.history("u1").strength(0)).isEqualTo(6f);
        assertThat(cut.history("u2").size()).isEqualTo(2);
        assertThat(cut.weights().weight(InteractionKind.VIEW)).isEqualTo(3);
        assertThat(cut.totalRevisions()).isZero();
        assertThat(m.history("u1").size()).isEqualTo(2);
    }

    @Test
    void history_whenLearnerUnknown_isEmpty() {
        InteractionMatrix m = InteractionMatrix.of(List.of());
        assertThat(m.history("nobody").isEmpty()).isTrue();
        assertThat(m.learnerIndex("nobody")).isEqualTo(-1);
    }

    @Test
    void builder_whenCatalogueGiven_indexesCoursesWithoutInteractions() {
        InteractionMatrix m = InteractionMatrix.builder().courses(TestData.clusterCatalogue()).build();
        assertThat(m.courseCount()).isEqualTo(21);
        assertThat(m.learnerCount()).isZero();
    }

    @Test
    void interaction_whenWeightNaNOrNegative_isRejected() {
        assertThatThrownBy(() -> new Interaction("u", "c", InteractionKind.RATING, Double.NaN, T))
                .isInstanceOf(ValidationException.class).hasMessageContaining("weight");
        assertThatThrownBy(() -> new Interaction("u", "c", InteractionKind.RATING, -1, T))
                .isInstanceOf(ValidationException.class).hasMessageContaining("weight");
        assertThatThrownBy(() -> InteractionWeights.defaults().with(InteractionKind.VIEW, Double.NaN))
                .isInstanceOf(ValidationException.class).hasMessageContaining("VIEW");
    }

    @Test
    void weights_whenChanged_changeStrengths() {
        InteractionWeights w = InteractionWeights.defaults().with(InteractionKind.VIEW, 0.25);
        InteractionMatrix m = InteractionMatrix.builder().weights(w)
                .add(new Interaction("u", "c", InteractionKind.VIEW, 8, T)).build();
        assertThat(m.history("u").strength(0)).isEqualTo(2f);
    }
}
