package io.learnloop.recommend;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class OwnedNeverRecommendedPropertyTest {
    @Property(tries = 40)
    void recommend_whenRandomData_neverReturnsOwnedCourses(@ForAll long seed, @ForAll @IntRange(min = 1, max = 12) int k) {
        Random r = new Random(seed);
        int courses = 5 + r.nextInt(25);
        int learners = 3 + r.nextInt(30);
        InteractionKind[] kinds = InteractionKind.values();
        List<Interaction> data = new ArrayList<>();
        for (int i = 0; i < learners * 4; i++) {
            data.add(new Interaction("u" + r.nextInt(learners), "c" + r.nextInt(courses), kinds[r.nextInt(kinds.length)],
                    r.nextInt(5), TestData.T0.plusSeconds(r.nextInt(1_000_000))));
        }
        List<CourseInfo> catalogue = new ArrayList<>();
        for (int c = 0; c < courses; c++) {
            catalogue.add(new CourseInfo("c" + c, "课程 course " + c, "", List.of("t" + (c % 3)), "cat" + (c % 4),
                    "creator" + (c % 5), r.nextInt(10) > 0, TestData.T0.plusSeconds(r.nextInt(2_000_000))));
        }
        InteractionMatrix m = InteractionMatrix.builder().courses(catalogue).addAll(data).build();
        RecommendationService s = ServiceFixtures.service(m, catalogue, RuleSettings.defaults());
        for (int u = 0; u < learners; u++) {
            String learner = "u" + u;
            Set<String> owned = new HashSet<>();
            for (int c = 0; c < courses; c++) {
                if (r.nextInt(4) == 0) {
                    owned.add("c" + c);
                }
            }
            LearnerHistory h = m.history(learner);
            Set<String> ownedByHistory = new HashSet<>();
            for (int p = 0; p < h.size(); p++) {
                boolean held = false;
                for (InteractionKind kind : kinds) {
                    held |= kind.meansOwned() && (h.kinds(p) & kind.bit()) != 0;
                }
                if (held) {
                    ownedByHistory.add(m.courseId(h.course(p)));
                }
            }
            List<Recommendation> recs = s.recommend(new LearnerContext(learner, owned, Set.of(), Set.of()), k);
            assertThat(recs.size()).isLessThanOrEqualTo(k);
            for (Recommendation rec : recs) {
                assertThat(owned).doesNotContain(rec.courseId());
                assertThat(ownedByHistory).doesNotContain(rec.courseId());
                assertThat(rec.explanation().text()).isNotBlank();
                CourseInfo info = catalogue.get(Integer.parseInt(rec.courseId().substring(1)));
                assertThat(info.published()).isTrue();
            }
            if (r.nextBoolean()) {
                s.record(Interaction.of(learner, "c" + r.nextInt(courses), InteractionKind.PURCHASE,
                        TestData.T0.plus(Duration.ofDays(1))));
            }
        }
    }
}
