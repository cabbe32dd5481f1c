package io.learnloop.recommend.internal;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScoreQueueTest {
    @Test
    void next_whenScoresRepeat_givesHigherScoreFirstThenLowerCourse() {
        Random r = new Random(3);
        for (int round = 0; round < 50; round++) {
            int n = r.nextInt(60);
            float[] score = new float[n];
            int[] course = new int[n];
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                score[i] = r.nextInt(6);
                course[i] = r.nextInt(1000);
                expected.add(i);
            }
            // Take a random subset of positions, as the rules do.
            expected.removeIf(i -> r.nextInt(4) == 0);
            int[] positions = expected.stream().mapToInt(Integer::intValue).toArray();
            expected.sort(Comparator.<Integer>comparingDouble(i -> -score[i]).thenComparingInt(i -> course[i]));

            ScoreQueue queue = new ScoreQueue(positions, positions.length, score, course);
            List<Integer> got = new ArrayList<>();
            while (queue.hasNext()) {
                got.add(queue.next());
            }

            assertThat(got).extracting(i -> score[i] + "/" + course[i])
                    .containsExactlyElementsOf(expected.stream().map(i -> score[i] + "/" + course[i]).toList());
        }
    }

    @Test
    void next_whenEmpty_failsClearly() {
        ScoreQueue queue = new ScoreQueue(new int[0], 0, new float[0], new int[0]);
        assertThat(queue.hasNext()).isFalse();
        assertThatThrownBy(queue::next).isInstanceOf(IllegalStateException.class).hasMessageContaining("no candidates");
    }
}
