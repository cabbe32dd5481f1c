package io.learnloop.recommend;

import io.learnloop.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static io.learnloop.recommend.RecommendationServiceTest.ids;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which courses the service keeps out, and that it keeps them out before cutting the ranking to the requested
 * size. The popularity data here gives course {@code c<i>} a strictly lower score than {@code c<i-1>}, so the
 * expected answers follow from the course numbers.
 */
class RecommendationEligibilityTest {
    private static final Instant NOW = TestData.T0;
    // The heavy learner's own activity is old enough (60 half-lives) not to move the popularity order.
    private static final Instant LONG_AGO = NOW.minus(Duration.ofDays(60));
    private static final RuleSettings NO_CAPS = new RuleSettings(0, 0, Duration.ZERO, 0, 200, 1000);

    /** One learner per course, course i touched i minutes before NOW: popularity falls with i. */
    private static List<Interaction> rankedVotes(int courses) {
        List<Interaction> out = new ArrayList<>();
        for (int c = 0; c < courses; c++) {
            out.add(Interaction.of("voter-" + c, id(c), InteractionKind.ENROL, NOW.minus(Duration.ofMinutes(c))));
        }
        return out;
    }

    private static List<CourseInfo> catalogue(int courses, java.util.function.IntFunction<String> category) {
        List<CourseInfo> out = new ArrayList<>();
        for (int c = 0; c < courses; c++) {
            out.add(new CourseInfo(id(c), "Course " + c, "", List.of(), category.apply(c), "creator-" + c, true,
                    NOW.minus(Duration.ofDays(400))));
        }
        return out;
    }

    private static String id(int c) {
        return String.format("c%04d", c);
    }

    private static List<String> range(int from, int to) {
        return IntStream.range(from, to).mapToObj(RecommendationEligibilityTest::id).toList();
    }

    private static RecommendationService popularityService(InteractionMatrix m, List<CourseInfo> catalogue,
                                                           RuleSettings rules) {
        return RecommendationService.builder().matrix(m).catalogue(catalogue).rules(rules)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .trainer(x -> Recommenders.popularity(x, catalogue, Duration.ofDays(1), NOW))
                .build();
    }

    @Test
    void recommend_whenHeavyLearnerOwnsMoreThanTheCandidatePool_stillReturnsTheRequestedCount() {
        List<CourseInfo> catalogue = catalogue(1000, c -> "cat");
        InteractionMatrix.Builder b = InteractionMatrix.builder().courses(catalogue).addAll(rankedVotes(1000));
        // The 300 most popular courses: 250 held per the access ledger, 30 rated, 10 viewed and dismissed,
        // 10 refunded. Course 300 was only viewed and 301 wishlisted: interest, not a verdict, so still offered.
        Set<String> owned = new HashSet<>(range(0, 250));
        for (String c : range(250, 280)) {
            b.add(new Interaction("heavy", c, InteractionKind.RATING, 4, LONG_AGO));
        }
        for (String c : range(280, 290)) {
            b.add(Interaction.of("heavy", c, InteractionKind.VIEW, LONG_AGO));
        }
        b.add(Interaction.of("heavy", id(300), InteractionKind.VIEW, LONG_AGO));
        b.add(Interaction.of("heavy", id(301), InteractionKind.WISHLIST, LONG_AGO));
        RecommendationService s = popularityService(b.build(), catalogue, NO_CAPS);
        LearnerContext heavy = new LearnerContext("heavy", owned, Set.copyOf(range(290, 300)), Set.copyOf(range(280, 290)));

        assertThat(ids(s.recommend(heavy, 10))).containsExactlyElementsOf(range(300, 310));
        // A second call is answered from the cached candidates; it must give the same courses.
        assertThat(ids(s.recommend(heavy, 10))).containsExactlyElementsOf(range(300, 310));
        assertThat(ids(s.recommend(heavy, 650))).containsExactlyElementsOf(range(300, 950));
        assertThat(ids(s.recommend(heavy, 5000))).containsExactlyElementsOf(range(300, 1000));
    }

    @Test
    void recommend_whenLearnerRatedOrDismissedACourse_neverReturnsItButKeepsViewedAndWishlisted() {
        List<CourseInfo> catalogue = TestData.clusterCatalogue();
        InteractionMatrix m = InteractionMatrix.builder().courses(catalogue).addAll(TestData.clusters(25, 11)).build();
        RecommendationService s = ServiceFixtures.service(m, catalogue,
                new RuleSettings(0, 0, Duration.ZERO, 0, 50, 1000));
        List<String> before = ids(s.recommend(LearnerContext.of("a-learner-0"), 4));
        assertThat(before).hasSize(4);

        s.record(new Interaction("a-learner-0", before.get(0), InteractionKind.RATING, 2, NOW));
        s.record(Interaction.of("a-learner-0", before.get(1), InteractionKind.VIEW, NOW));
        s.record(Interaction.of("a-learner-0", before.get(2), InteractionKind.WISHLIST, NOW));
        s.record(Interaction.of("a-learner-0", before.get(3), InteractionKind.VIEW, NOW));
        LearnerContext ctx = new LearnerContext("a-learner-0", Set.of(), Set.of(), Set.of(before.get(1)));

        List<String> after = ids(s.recommend(ctx, 10));
        assertThat(after).hasSize(10).doesNotContain(before.get(0), before.get(1))
                .contains(before.get(2), before.get(3));
    }

    @Test
    void recommend_whenFreshCourseRanksBelowTheCandidatePool_boostIsAppliedBeforeTruncation() {
        int n = 100;
        List<CourseInfo> catalogue = new ArrayList<>(catalogue(n, c -> "cat"));
        // Course 50 was published yesterday: with a boost of the learner's whole best score it outranks everything.
        CourseInfo old = catalogue.get(50);
        catalogue.set(50, new CourseInfo(old.id(), old.title(), "", List.of(), "cat", old.creator(), true,
                NOW.minus(Duration.ofDays(1))));
        InteractionMatrix m = InteractionMatrix.builder().courses(catalogue).addAll(rankedVotes(n)).build();
        RecommendationService s = popularityService(m, catalogue,
                new RuleSettings(0, 0, Duration.ofDays(30), 1.0, 10, 1000));

        for (int call = 0; call < 2; call++) {
            List<Recommendation> recs = s.recommend(LearnerContext.of("someone"), 3);
            assertThat(ids(recs)).as("call %d", call).containsExactly(id(50), id(0), id(1));
        }
    }

    @Test
    void recommend_whenClockGoesBackAndACourseIsFreshAgain_boostsItThoughTheCacheWasFilledLater() {
        int n = 100;
        List<CourseInfo> catalogue = new ArrayList<>(catalogue(n, c -> "cat"));
        CourseInfo old = catalogue.get(50);
        catalogue.set(50, new CourseInfo(old.id(), old.title(), "", List.of(), "cat", old.creator(), true,
                NOW.minus(Duration.ofDays(40))));
        InteractionMatrix m = InteractionMatrix.builder().courses(catalogue).addAll(rankedVotes(n)).build();
        MutableClock clock = new MutableClock(NOW);
        RecommendationService s = RecommendationService.builder().matrix(m).catalogue(catalogue).clock(clock)
                .rules(new RuleSettings(0, 0, Duration.ofDays(30), 1.0, 10, 1000))
                .trainer(x -> Recommenders.popularity(x, catalogue, Duration.ofDays(1), NOW)).build();

        assertThat(ids(s.recommend(LearnerContext.of("someone"), 2))).containsExactly(id(0), id(1));
        clock.set(NOW.minus(Duration.ofDays(20)));
        assertThat(ids(s.recommend(LearnerContext.of("someone"), 2))).containsExactly(id(50), id(0));
    }

    @Test
    void recommend_whenLearnerOwnsThePool_scalesTheBoostByTheBestAllowedCourseBeyondIt() {
        int n = 100;
        List<CourseInfo> catalogue = new ArrayList<>(catalogue(n, c -> "cat"));
        // Two fresh courses whose order flips between a boost scaled by course 50's score and one scaled by
        // course 10's (the learner's true best allowed score): the fade differs by 206 minutes of 30 days.
        for (int[] fresh : new int[][] {{50, 0}, {60, 206}}) {
            CourseInfo c = catalogue.get(fresh[0]);
            catalogue.set(fresh[0], new CourseInfo(c.id(), c.title(), "", List.of(), "cat", c.creator(), true,
                    NOW.minus(Duration.ofDays(10)).plus(Duration.ofMinutes(fresh[1]))));
        }
        InteractionMatrix m = InteractionMatrix.builder().courses(catalogue).addAll(rankedVotes(n)).build();
        RecommendationService pooled = popularityService(m, catalogue,
                new RuleSettings(0, 0, Duration.ofDays(30), 1.0, 10, 1000));
        RecommendationService whole = popularityService(m, catalogue,
                new RuleSettings(0, 0, Duration.ofDays(30), 1.0, 100_000, 0));
        LearnerContext ownsTheTopTen = new LearnerContext("someone", Set.copyOf(range(0, 10)), Set.of(), Set.of());

        List<String> expected = ids(whole.recommend(ownsTheTopTen, 2));
        assertThat(expected).containsExactly(id(60), id(50));
        assertThat(ids(pooled.recommend(ownsTheTopTen, 2))).isEqualTo(expected);
    }

    @Test
    void recommend_whenCategoryCapSkipsThePool_fillsFromCoursesBeyondIt() {
        int n = 100;
        // The 40 most popular courses share one category; the rest each have their own.
        List<CourseInfo> catalogue = catalogue(n, c -> c < 40 ? "crowded" : "niche-" + c);
        InteractionMatrix m = InteractionMatrix.builder().courses(catalogue).addAll(rankedVotes(n)).build();
        RecommendationService s = popularityService(m, catalogue,
                new RuleSettings(1, 0, Duration.ZERO, 0, 10, 1000));

        for (int call = 0; call < 2; call++) {
            assertThat(ids(s.recommend(LearnerContext.of("someone"), 5))).as("call %d", call)
                    .containsExactly(id(0), id(40), id(41), id(42), id(43));
        }
        // Relaxed only when nothing else is left: 61 categories, so 61 distinct ones first, then the crowded rest.
        List<String> all = ids(s.recommend(LearnerContext.of("someone"), n));
        assertThat(all).hasSize(n);
        assertThat(all.subList(0, 61)).containsExactlyElementsOf(
                IntStream.concat(IntStream.of(0), IntStream.range(40, 100)).mapToObj(RecommendationEligibilityTest::id)
                        .toList());
        assertThat(all.subList(61, n)).containsExactlyElementsOf(range(1, 40));
    }
}
