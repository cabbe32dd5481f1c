package io.learnloop.core.internal.review;

import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.review.RatingSummary;
import io.learnloop.core.review.Review;

import java.util.ArrayList;
import java.util.List;

/**
 * Computes rating summaries. Sums are kept in {@code long} so the mean and the Bayesian average are each one
 * division.
 *
 * <p>Thread-safe: stateless.
 */
public final class RatingMath {
    private RatingMath() {
    }

    /**
     * Summarises the counted reviews among {@code reviews}.
     *
     * @param course      the course
     * @param reviews     its reviews
     * @param priorMean   the prior mean
     * @param priorWeight the prior weight
     * @return the summary
     */
    public static RatingSummary summarise(CourseId course, List<Review> reviews, double priorMean, double priorWeight) {
        long[] stars = new long[5];
        for (Review r : reviews) {
            if (r.counted()) {
                stars[r.rating() - 1]++;
            }
        }
        List<Long> distribution = new ArrayList<>(5);
        for (long s : stars) {
            distribution.add(s);
        }
        return fromStars(course, distribution, priorMean, priorWeight);
    }

    /**
     * Summarises counted reviews from their star counts.
     *
     * @param course       the course
     * @param distribution counted reviews with 1 to 5 stars
     * @param priorMean    the prior mean
     * @param priorWeight  the prior weight
     * @return the summary
     */
    public static RatingSummary fromStars(CourseId course, List<Long> distribution, double priorMean,
                                          double priorWeight) {
        long count = 0;
        long sum = 0;
        for (int i = 0; i < distribution.size(); i++) {
            count += distribution.get(i);
            sum += distribution.get(i) * (i + 1);
        }
        double mean = count == 0 ? 0 : (double) sum / count;
        double denominator = priorWeight + count;
        double bayesian = denominator == 0 ? priorMean : (priorWeight * priorMean + sum) / denominator;
        return new RatingSummary(course, count, distribution, mean, bayesian, priorMean, priorWeight);
    }
}
