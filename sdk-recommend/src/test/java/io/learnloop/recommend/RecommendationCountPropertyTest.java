package io.learnloop.recommend;

import io.learnloop.core.testing.MutableClock;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RecommendationCountPropertyTest {
    private static final InteractionKind[] KINDS = InteractionKind.values();

    /**
     * For random catalogues, histories, learner contexts and rules: exactly min(k, eligible) courses, none the
     * rules keep out, no course twice; and answering from a small cached candidate pool gives the same list as
     * ranking the whole catalogue, while time moves either way and courses change.
     */
    @Property(tries = 60)
    void recommend_whenRandomCatalogueAndHistory_returnsMinOfKAndEligibleAllowedDistinctCourses(
            @ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int k) {
        Random r = new Random(seed);
        int courses = 10 + r.nextInt(70);
        int learners = 3 + r.nextInt(25);
        List<Interaction> data = new ArrayList<>();
        for (int i = 0; i < learners * (2 + r.nextInt(12)); i++) {
            data.add(new Interaction("u" + r.nextInt(learners), "c" + r.nextInt(courses), KINDS[r.nextInt(KINDS.length)],
                    1 + r.nextInt(5), TestData.T0.minusSeconds(r.nextInt(5_000_000))));
        }
        List<CourseInfo> catalogue = new ArrayList<>();
        for (int c = 0; c < courses; c++) {
            catalogue.add(new CourseInfo("c" + c, "课程 course " + c, "topic" + (c % 7), List.of("t" + (c % 3)),
                    "cat" + (c % (1 + r.nextInt(6))), "creator" + (c % (1 + r.nextInt(8))), r.nextInt(8) > 0,
                    TestData.T0.minus(Duration.ofDays(r.nextInt(60)))));
        }
        InteractionMatrix m = InteractionMatrix.builder().courses(catalogue).addAll(data).build();
        RuleSettings rules = new RuleSettings(r.nextInt(4), r.nextInt(3), Duration.ofDays(r.nextInt(2) * 30),
                r.nextDouble(), 10 + r.nextInt(15), 1000);
        // A pool as large as allowed holds every course: the reference ranks the whole catalogue each time.
        RuleSettings whole = new RuleSettings(rules.maxPerCategory(), rules.maxPerCreator(), rules.freshWindow(),
                rules.freshBoost(), 100_000, 0);
        RecommendationService.Trainer trainer = r.nextBoolean() ? ServiceFixtures.hybridTrainer(catalogue)
                : x -> Recommenders.popularity(x, catalogue, Duration.ofDays(7), TestData.T0);
        MutableClock clock = new MutableClock(TestData.T0);
        RecommendationService cached = service(m, catalogue, rules, trainer, clock);
        RecommendationService plain = service(m, catalogue, whole, trainer, clock);

        for (int u = 0; u < learners + 2; u++) {
            String learner = "u" + u;
            LearnerContext ctx = new LearnerContext(learner, randomSubset(r, courses, 4), randomSubset(r, courses, 10),
                    randomSubset(r, courses, 10));
            Set<String> excluded = excluded(m, catalogue, ctx);
            long eligible = catalogue.stream().filter(c -> !excluded.contains(c.id())).count();

            for (int call = 0; call < 2; call++) {
                List<String> got = RecommendationServiceTest.ids(cached.recommend(ctx, k));
                assertThat(got).as("learner %s call %d", learner, call).hasSize((int) Math.min(k, eligible))
                        .doesNotHaveDuplicates().doesNotContainAnyElementsOf(excluded);
                assertThat(got).as("learner %s call %d, from the cache", learner, call)
                        .isEqualTo(RecommendationServiceTest.ids(plain.recommend(ctx, k)));
            }
            if (r.nextInt(3) == 0) {
                cached.record(Interaction.of(learner, "c" + r.nextInt(courses), KINDS[r.nextInt(KINDS.length)],
                        TestData.T0));
            }
            if (r.nextInt(3) == 0) {
                clock.advance(Duration.ofDays(r.nextInt(41) - 15));
            }
            if (r.nextInt(4) == 0) {
                int c = r.nextInt(courses);
                CourseInfo before = catalogue.get(c);
                CourseInfo moved = new CourseInfo(before.id(), before.title(), before.description(), before.tags(),
                        before.category(), before.creator(), before.published(), clock.instant().minus(Duration.ofDays(1)));
                catalogue.set(c, moved);
                cached.putCourse(moved);
                plain.putCourse(moved);
            }
        }
    }

    private static RecommendationService service(InteractionMatrix m, List<CourseInfo> catalogue, RuleSettings rules,
                                                 RecommendationService.Trainer trainer, Clock clock) {
        return RecommendationService.builder().matrix(m).catalogue(catalogue).trainer(trainer).rules(rules)
                .clock(clock).build();
    }

    private static Set<String> randomSubset(Random r, int courses, int oneIn) {
        Set<String> out = new HashSet<>();
        for (int c = 0; c < courses; c++) {
            if (r.nextInt(oneIn) == 0) {
                out.add("c" + c);
            }
        }
        return out;
    }

    /** The rule, restated: held, refunded, dismissed, unpublished, or bought / enrolled / learnt / completed / rated. */
    private static Set<String> excluded(InteractionMatrix m, List<CourseInfo> catalogue, LearnerContext ctx) {
        Set<String> out = new HashSet<>(ctx.owned());
        out.addAll(ctx.refunded());
        out.addAll(ctx.dismissed());
        catalogue.stream().filter(c -> !c.published()).forEach(c -> out.add(c.id()));
        LearnerHistory h = m.history(ctx.learnerId());
        int acted = InteractionKind.PURCHASE.bit() | InteractionKind.ENROL.bit() | InteractionKind.PROGRESS.bit()
                | InteractionKind.COMPLETE.bit() | InteractionKind.RATING.bit();
        for (int p = 0; p < h.size(); p++) {
            if ((h.kinds(p) & acted) != 0) {
                out.add(m.courseId(h.course(p)));
            }
        }
        return out;
    }
}
