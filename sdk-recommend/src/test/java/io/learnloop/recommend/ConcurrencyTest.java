package io.learnloop.recommend;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrencyTest {
    @Test
    void service_whenRecordingRecommendingAndRetrainingInParallel_neverReturnsAPurchasedCourse() throws Exception {
        List<CourseInfo> catalogue = TestData.clusterCatalogue();
        InteractionMatrix m = InteractionMatrix.builder().courses(catalogue).addAll(TestData.clusters(20, 5)).build();
        RecommendationService s = ServiceFixtures.service(m, catalogue, new RuleSettings(0, 0, Duration.ZERO, 0, 50, 100));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                String learner = "buyer-" + t;
                work.add(pool.submit(() -> {
                    for (int c = 0; c < 10; c++) {
                        String course = "a" + c;
                        s.record(Interaction.of(learner, course, InteractionKind.PURCHASE, TestData.T0));
                        // Once record returns, the purchase is visible to every later call, cached or not.
                        assertThat(s.recommend(LearnerContext.of(learner), 20))
                                .extracting(Recommendation::courseId).doesNotContain(course);
                    }
                    return null;
                }));
            }
            work.add(pool.submit(() -> {
                for (int i = 0; i < 3; i++) {
                    s.retrain();
                }
                return null;
            }));
            for (Future<?> f : work) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (int t = 0; t < 3; t++) {
            assertThat(m.history("buyer-" + t).size()).isEqualTo(10);
            assertThat(s.recommend(new LearnerContext("buyer-" + t, Set.of(), Set.of(), Set.of()), 20))
                    .extracting(Recommendation::courseId).noneMatch(id -> id.startsWith("a"));
        }
    }
}
