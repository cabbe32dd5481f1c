package io.learnloop.recommend;

import io.learnloop.recommend.data.Dataset;
import io.learnloop.recommend.data.SyntheticGenerator;
import io.learnloop.recommend.eval.Evaluator;
import io.learnloop.recommend.eval.SplitMethod;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import net.jqwik.api.constraints.IntRange;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HybridFitPropertyTest {
    /**
     * On synthetic catalogues of any shape, under either validation method, the fitted hybrid's validation NDCG is
     * at least that of each of its candidate parts, each trained independently here on the same validation
     * training side and scored by the public evaluator on the same learners. This covers the weights fitted per
     * history-length group too: they are part of the fitted model the evaluator scores.
     */
    @Property(tries = 25)
    void fitHybrid_whenSyntheticData_isNeverBelowItsBestPartOnValidation(
            @ForAll @IntRange(min = 80, max = 400) int learners, @ForAll @IntRange(min = 20, max = 90) int courses,
            @ForAll @IntRange(min = 3, max = 12) int meanCourses, @ForAll @IntRange(min = 0, max = 1000) int seed,
            @ForAll boolean temporal) {
        checkNeverBelowParts(learners, courses, meanCourses, seed, temporal);
    }

    /**
     * The same on catalogues with enough validation learners for weights per history-length group (a third of the
     * learners, at least 100, in each group), so the fit with groups is exercised too.
     */
    @Property(tries = 10)
    @StatisticsReport(onFailureOnly = false)
    void fitHybrid_whenEnoughLearnersForHistoryGroups_isNeverBelowItsBestPartOnValidation(
            @ForAll @IntRange(min = 900, max = 1500) int learners, @ForAll @IntRange(min = 40, max = 150) int courses,
            @ForAll @IntRange(min = 4, max = 12) int meanCourses, @ForAll @IntRange(min = 0, max = 1000) int seed,
            @ForAll boolean temporal) {
        checkNeverBelowParts(learners, courses, meanCourses, seed, temporal);
    }

    private static void checkNeverBelowParts(int learners, int courses, int meanCourses, int seed, boolean temporal) {
        Dataset data = SyntheticGenerator.generate(learners, courses, meanCourses, seed);
        InteractionMatrix matrix = InteractionMatrix.builder().courses(data.courses()).addAll(data.interactions())
                .build();
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        RecommenderSettings defaults = RecommenderSettings.defaults();
        RecommenderSettings settings = defaults.withHybrid(defaults.hybrid()
                .withValidation(temporal ? SplitMethod.temporal(0.2) : SplitMethod.random(0.2, seed))
                .withRecencyHalfLives(List.of(Duration.ZERO, Duration.ofDays(7), Duration.ofDays(60))));

        HybridFit fit = Recommenders.fitHybrid(matrix, data.courses(), settings, now);

        double hybrid = Evaluator.evaluate(fit.validationModel(), fit.validationMatrix(), fit.validationRelevant(), 10)
                .ndcg();
        assertThat(fit.partNdcg()).isNotEmpty();
        for (ModelKind kind : fit.partNdcg().keySet()) {
            Recommender part = Recommenders.train(kind, fit.validationMatrix(), data.courses(), settings, now);
            double alone = Evaluator.evaluate(part, fit.validationMatrix(), fit.validationRelevant(), 10).ndcg();
            assertThat(hybrid).as("hybrid %s against %s", fit.describe(), kind).isGreaterThanOrEqualTo(alone);
        }
        assertThat(fit.validationNdcg()).isEqualTo(hybrid);
        // Weights by history length, when chosen, cover every learner from one course up, each group using a part.
        if (!fit.weightsByHistory().isEmpty()) {
            assertThat(List.copyOf(fit.weightsByHistory().keySet())).first().isEqualTo(1);
            assertThat(List.copyOf(fit.weightsByHistory().keySet())).isSorted();
            fit.weightsByHistory().values().forEach(w -> assertThat(w).isNotEmpty().allSatisfy(
                    (kind, x) -> assertThat(x).isPositive().isFinite()));
            assertThat(fit.describe()).contains("learners with 1+ courses:");
        }
        Statistics.label("weights by history length").collect(fit.weightsByHistory().isEmpty() ? "one blend"
                : fit.weightsByHistory().size() + " groups");
    }
}
