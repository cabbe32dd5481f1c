package io.learnloop.core.recall;

import io.learnloop.core.error.ValidationException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FsrsOptimizerTest {
    private static final Instant T0 = Instant.parse("2025-01-06T09:00:00Z");
    /** A population that forgets faster than the defaults assume: lower stabilities, slower growth, faster decay. */
    private static final List<Double> TRUE_WEIGHTS = List.of(0.05, 0.2, 0.5, 1.5, 7.0, 1.2, 2.0, 0.05, 0.6, 0.3,
            0.6, 2.0, 0.1, 0.4, 1.2, 0.4, 2.0, 0.5, 0.1, 0.1, 0.5);

    @Test
    void fit_whenLogsComeFromKnownWeights_beatsTheDefaultsAndSm2AfterTheTimeSplit() {
        List<CardHistory> histories = simulate(FsrsParameters.builder().weights(TRUE_WEIGHTS).build(), 300, 10,
                new Random(7));
        Instant cutoff = quantile(histories, 0.7);
        List<CardHistory> train = histories.stream().map(h -> h.before(cutoff)).toList();
        FsrsOptimizer optimizer = FsrsOptimizer.builder().iterations(120).build();

        FsrsParameters fitted = optimizer.fit(train, FsrsParameters.defaults());

        ForecastScore byFit = optimizer.score(fitted, histories, cutoff);
        ForecastScore byDefaults = optimizer.score(FsrsParameters.defaults(), histories, cutoff);
        ForecastScore bySm2 = optimizer.scoreSm2(histories, cutoff);
        ForecastScore byTruth = optimizer.score(FsrsParameters.builder().weights(TRUE_WEIGHTS).build(), histories,
                cutoff);
        assertThat(byFit.forecasts()).isEqualTo(byDefaults.forecasts()).isEqualTo(bySm2.forecasts()).isPositive();
        assertThat(byFit.logLoss()).isLessThan(byDefaults.logLoss()).isLessThan(bySm2.logLoss());
        assertThat(byFit.rmseBins()).isLessThan(byDefaults.rmseBins());
        // the fit comes close to the generating weights' own loss
        assertThat(byFit.logLoss()).isLessThan(byTruth.logLoss() + 0.01);
        assertThat(fitted.desiredRetention()).isEqualTo(FsrsParameters.defaults().desiredRetention());
    }

    @Test
    void score_whenNoReviewIsAfterTheCutoff_countsNoForecasts() {
        List<CardHistory> histories = simulate(FsrsParameters.defaults(), 5, 4, new Random(1));

        ForecastScore score = FsrsOptimizer.withDefaults().score(FsrsParameters.defaults(), histories,
                Instant.parse("2100-01-01T00:00:00Z"));

        assertThat(score.forecasts()).isZero();
    }

    @Test
    void cardHistory_whenOutOfTimeOrder_isRefused() {
        List<RatedReview> reviews = List.of(new RatedReview(T0, Rating.GOOD),
                new RatedReview(T0.minusSeconds(1), Rating.GOOD));

        assertThatThrownBy(() -> new CardHistory(reviews)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("reviews[1]");
    }

    @Test
    void build_whenLearningRateIsNotPositive_isRefused() {
        assertThatThrownBy(() -> FsrsOptimizer.builder().learningRate(0).build())
                .isInstanceOf(ValidationException.class).hasMessageContaining("learningRate");
    }

    /**
     * Learners whose memory follows {@code truth}, reviewing on the schedule of the default parameters, a random
     * factor early or late: each review is recalled with the probability the true forgetting curve gives, and rated
     * Hard, Good or Easy when recalled, Again when not.
     */
    static List<CardHistory> simulate(FsrsParameters truth, int cards, int reviewsPerCard, Random random) {
        ReviewScheduler memory = new ReviewScheduler(truth);
        ReviewScheduler app = new ReviewScheduler(FsrsParameters.builder().learningSteps(List.of())
                .relearningSteps(List.of()).build());
        List<CardHistory> out = new ArrayList<>();
        for (int c = 0; c < cards; c++) {
            Instant at = T0.plus(Duration.ofDays(random.nextInt(120)));
            double first = random.nextDouble();
            Rating rating = first < 0.2 ? Rating.AGAIN : first < 0.3 ? Rating.HARD : first < 0.85 ? Rating.GOOD
                    : Rating.EASY;
            Card known = memory.review(Card.newCard(at), rating, at).card();
            Card scheduled = app.review(Card.newCard(at), rating, at).card();
            List<RatedReview> reviews = new ArrayList<>(List.of(new RatedReview(at, rating)));
            for (int i = 1; i < reviewsPerCard; i++) {
                long days = Math.max(1, Math.round(scheduled.scheduledDays() * Math.exp(0.5 * random.nextGaussian())));
                at = at.plus(Duration.ofDays(Math.min(days, 3650)));
                boolean recalled = random.nextDouble() < memory.retrievability(known, at);
                double grade = random.nextDouble();
                rating = !recalled ? Rating.AGAIN : grade < 0.15 ? Rating.HARD : grade < 0.85 ? Rating.GOOD
                        : Rating.EASY;
                known = memory.review(known, rating, at).card();
                scheduled = app.review(scheduled, rating, at).card();
                reviews.add(new RatedReview(at, rating));
            }
            out.add(new CardHistory(reviews));
        }
        return out;
    }

    static Instant quantile(List<CardHistory> histories, double q) {
        List<Instant> times = histories.stream().flatMap(h -> h.reviews().stream()).map(RatedReview::reviewedAt)
                .sorted().toList();
        return times.get((int) (times.size() * q));
    }
}
