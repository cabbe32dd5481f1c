package io.learnloop.recommend.eval;

import io.learnloop.core.error.ValidationException;
import io.learnloop.recommend.CourseInfo;
import io.learnloop.recommend.Interaction;
import io.learnloop.recommend.InteractionKind;
import io.learnloop.recommend.InteractionMatrix;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ColdCoursesTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** "warm" has five training learners, "cool" four, "new" is only in the catalogue. */
    private static InteractionMatrix train() {
        List<Interaction> data = new ArrayList<>();
        for (int u = 0; u < 5; u++) {
            data.add(Interaction.of("l" + u, "warm", InteractionKind.ENROL, T0));
            if (u < 4) {
                data.add(Interaction.of("l" + u, "cool", InteractionKind.ENROL, T0));
            }
        }
        CourseInfo fresh = new CourseInfo("new", "New", "", List.of(), "", "ada", true, T0);
        return InteractionMatrix.builder().courses(List.of(fresh)).addAll(data).build();
    }

    @Test
    void coldCourses_whenThresholdIsFive_keepsCoursesWithFewerLearnersAndDropsLearnersLeftWithNone() {
        Map<String, Set<String>> relevant = new LinkedHashMap<>();
        relevant.put("l0", Set.of("warm", "cool"));
        relevant.put("l1", Set.of("warm"));
        relevant.put("l2", Set.of("new", "warm"));

        Map<String, Set<String>> cold = Evaluator.coldCourses(train(), relevant, 5);

        assertThat(cold).containsOnlyKeys("l0", "l2");
        assertThat(cold.get("l0")).containsExactly("cool");
        assertThat(cold.get("l2")).containsExactly("new");
        assertThat(Evaluator.coldCourses(train(), relevant, 4)).containsOnlyKeys("l2");
    }

    @Test
    void coldCourses_whenThresholdBelowOne_namesTheField() {
        assertThatThrownBy(() -> Evaluator.coldCourses(train(), Map.of(), 0)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("threshold");
    }
}
