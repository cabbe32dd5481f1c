package io.learnloop.recommend;

import io.learnloop.recommend.eval.Evaluator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class HybridColdSharePropertyTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    /**
     * On catalogues where each topic has a new course taken by a few of its learners (so the fit weighs a
     * cold-course share), the fitted hybrid's validation NDCG, share included, is at least each candidate part's,
     * each part trained independently here and scored by the public evaluator on the same learners.
     */
    @Property(tries = 12)
    void fitHybrid_whenNewCoursesHaveFewLearners_isNeverBelowItsBestPartOnValidation(
            @ForAll @IntRange(min = 3, max = 8) int topics, @ForAll @IntRange(min = 15, max = 50) int learnersPerTopic,
            @ForAll @IntRange(min = 1, max = 6) int newTakers, @ForAll @IntRange(min = 0, max = 1000) int seed) {
        Random r = new Random(seed);
        List<CourseInfo> catalogue = new ArrayList<>();
        List<Interaction> data = new ArrayList<>();
        for (int t = 0; t < topics; t++) {
            for (int j = 0; j < 8; j++) {
                catalogue.add(new CourseInfo("t" + t + "-" + j, "topic" + t + " lesson " + j, "about topic" + t,
                        List.of("topic" + t), "topic" + t, "creator", true, NOW.minus(Duration.ofDays(900))));
            }
            catalogue.add(new CourseInfo("t" + t + "-new", "topic" + t + " new", "about topic" + t,
                    List.of("topic" + t), "topic" + t, "creator", true, NOW.minus(Duration.ofDays(20))));
            for (int u = 0; u < learnersPerTopic; u++) {
                String learner = "t" + t + "-u" + u;
                int steps = 3 + r.nextInt(5);
                for (int s = 0; s < steps; s++) {
                    // Mostly the learner's topic, sometimes another one.
                    int topic = r.nextInt(5) == 0 ? r.nextInt(topics) : t;
                    data.add(Interaction.of(learner, "t" + topic + "-" + r.nextInt(8), InteractionKind.ENROL,
                            NOW.minus(Duration.ofDays(400 - 30L * s))));
                }
                if (u < newTakers) {
                    data.add(Interaction.of(learner, "t" + t + "-new", InteractionKind.ENROL, NOW.minus(Duration.ofDays(5))));
                }
            }
        }
        InteractionMatrix matrix = InteractionMatrix.builder().courses(catalogue).addAll(data).build();
        RecommenderSettings settings = RecommenderSettings.defaults();

        HybridFit fit = Recommenders.fitHybrid(matrix, catalogue, settings, NOW);

        double hybrid = Evaluator.evaluate(fit.validationModel(), fit.validationMatrix(), fit.validationRelevant(), 10)
                .ndcg();
        for (ModelKind kind : fit.partNdcg().keySet()) {
            Recommender part = Recommenders.train(kind, fit.validationMatrix(), catalogue, settings, NOW);
            double alone = Evaluator.evaluate(part, fit.validationMatrix(), fit.validationRelevant(), 10).ndcg();
            assertThat(hybrid).as("hybrid %s against %s", fit.describe(), kind).isGreaterThanOrEqualTo(alone);
        }
        assertThat(fit.validationNdcg()).isEqualTo(hybrid);
        Statistics.label("cold-course share").collect(fit.coldContentWeight() > 0 ? "on" : "off");
    }
}
