package io.learnloop.recommend.eval;

import io.learnloop.core.error.ValidationException;
import io.learnloop.recommend.Interaction;
import io.learnloop.recommend.InteractionKind;
import io.learnloop.recommend.InteractionMatrix;
import io.learnloop.recommend.data.SyntheticGenerator;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SplitMethodTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final List<Interaction> DATA = SyntheticGenerator.generate(300, 60, 8, 7).interactions();

    private static Map<String, Set<String>> heldOut(Split split) {
        Map<String, Set<String>> out = new HashMap<>();
        split.test().forEach(i -> out.computeIfAbsent(i.learnerId(), k -> new HashSet<>()).add(i.courseId()));
        return out;
    }

    @Test
    void split_whenAppliedToInteractionsAndToTheirMatrix_holdsOutTheSamePairs() {
        InteractionMatrix matrix = InteractionMatrix.of(DATA);
        for (SplitMethod method : List.of(SplitMethod.random(0.2, 9), SplitMethod.temporal(0.3),
                SplitMethod.leaveLastOut())) {
            Split fromList = method.split(DATA);
            MatrixSplit fromMatrix = method.split(matrix);

            assertThat(fromMatrix.relevant()).as(method.toString()).isEqualTo(heldOut(fromList));
            assertThat(fromMatrix.train().nonZeros()).isEqualTo(InteractionMatrix.of(fromList.train()).nonZeros());
        }
    }

    @Test
    void random_whenLearnerHasCourses_holdsOutTheRoundedShareNeverAllAndSkipsSingleCourseLearners() {
        List<Interaction> data = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            data.add(Interaction.of("ten", "c" + c, InteractionKind.ENROL, T.plusSeconds(c)));
        }
        data.add(Interaction.of("two", "c0", InteractionKind.ENROL, T));
        data.add(Interaction.of("two", "c1", InteractionKind.ENROL, T));
        data.add(Interaction.of("one", "c0", InteractionKind.ENROL, T));

        Map<String, Set<String>> held = heldOut(SplitMethod.random(0.2, 1).split(data));

        assertThat(held.get("ten")).hasSize(2);
        assertThat(held.get("two")).hasSize(1);
        assertThat(held).doesNotContainKey("one");
    }

    @Test
    void random_whenOtherLearnersChange_keepsEachLearnersPick() {
        List<Interaction> fewer = DATA.stream().filter(i -> !i.learnerId().endsWith("7")).toList();

        Map<String, Set<String>> all = heldOut(SplitMethod.random(0.2, 3).split(DATA));
        Map<String, Set<String>> some = heldOut(SplitMethod.random(0.2, 3).split(fewer));

        some.forEach((learner, courses) -> assertThat(all.get(learner)).isEqualTo(courses));
        assertThat(heldOut(SplitMethod.random(0.2, 4).split(DATA))).isNotEqualTo(all);
    }

    @Test
    void temporal_whenTimesTie_breaksTiesByCourseId() {
        List<Interaction> data = List.of(Interaction.of("u", "b", InteractionKind.VIEW, T),
                Interaction.of("u", "a", InteractionKind.VIEW, T), Interaction.of("u", "c", InteractionKind.VIEW,
                        T.minusSeconds(5)));

        assertThat(heldOut(SplitMethod.temporal(0.3).split(data))).containsEntry("u", Set.of("b"));
    }

    @Test
    void equals_whenSameKindFractionAndSeed_isEqual() {
        assertThat(SplitMethod.random(0.2, 1)).isEqualTo(SplitMethod.random(0.2, 1))
                .isNotEqualTo(SplitMethod.random(0.2, 2)).isNotEqualTo(SplitMethod.temporal(0.2))
                .hasSameHashCodeAs(SplitMethod.random(0.2, 1));
        assertThat(SplitMethod.leaveLastOut()).hasToString("leave-last-out");
        assertThatThrownBy(() -> SplitMethod.random(1.0, 1)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> SplitMethod.temporal(0)).isInstanceOf(ValidationException.class);
    }
}
