package io.learnloop.recommend;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The fitted hybrid's share of content for courses too new to have learners. */
class HybridColdShareTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final String[] TOPICS = {"python", "photography", "finance", "calligraphy", "guitar", "chemistry",
            "marketing", "astronomy"};

    private static List<CourseInfo> catalogue() {
        List<CourseInfo> out = new ArrayList<>();
        for (String topic : TOPICS) {
            for (int j = 0; j < 10; j++) {
                out.add(new CourseInfo(topic + "-" + j, topic + " lesson " + j, topic + " for learners",
                        List.of(topic), topic, "creator", true, NOW.minus(Duration.ofDays(900))));
            }
            out.add(new CourseInfo(topic + "-new", topic + " new lesson", topic + " for learners", List.of(topic),
                    topic, "creator", true, NOW.minus(Duration.ofDays(20))));
        }
        return out;
    }

    /**
     * Each topic's learners take its established courses; its new course has been taken by three learners only,
     * last of all, so it is cold on both the validation side and the whole matrix.
     */
    private static List<Interaction> interactions(boolean newCourses) {
        List<Interaction> out = new ArrayList<>();
        for (int t = 0; t < TOPICS.length; t++) {
            for (int u = 0; u < 40; u++) {
                String learner = TOPICS[t] + "-learner-" + u;
                for (int s = 0; s < 6; s++) {
                    out.add(Interaction.of(learner, TOPICS[t] + "-" + ((u + s * 3) % 10), InteractionKind.ENROL,
                            NOW.minus(Duration.ofDays(400 - 30L * s))));
                }
                if (newCourses && u < 3) {
                    out.add(Interaction.of(learner, TOPICS[t] + "-new", InteractionKind.ENROL,
                            NOW.minus(Duration.ofDays(5))));
                }
            }
        }
        return out;
    }

    @Test
    void fitHybrid_whenNewCoursesAreTakenByTheirTopicsLearners_givesContentAShareForThem() {
        List<CourseInfo> catalogue = catalogue();
        InteractionMatrix m = InteractionMatrix.builder().courses(catalogue).addAll(interactions(true)).build();

        HybridFit fit = Recommenders.fitHybrid(m, catalogue, RecommenderSettings.defaults(), NOW);

        assertThat(fit.coldContentWeight()).as(fit.describe()).isGreaterThan(0);
        assertThat(fit.describe()).contains("content " + fit.coldContentWeight());
        assertThat(fit.validationNdcg()).isGreaterThanOrEqualTo(fit.partNdcg().values().stream()
                .mapToDouble(d -> d).max().orElseThrow());
        // A learner of the topic who has not taken the new course is offered it.
        assertThat(fit.model().recommend("guitar-learner-20", 10)).extracting(Recommendation::courseId)
                .contains("guitar-new");
    }

    @Test
    void fitHybrid_whenNoHeldOutCourseIsCold_addsNoShare() {
        List<CourseInfo> catalogue = catalogue();
        InteractionMatrix m = InteractionMatrix.builder().courses(catalogue).addAll(interactions(false)).build();

        HybridFit fit = Recommenders.fitHybrid(m, catalogue, RecommenderSettings.defaults(), NOW);

        assertThat(fit.coldContentWeight()).isZero();
        assertThat(fit.describe()).doesNotContain("under 5 learners");
    }
}
