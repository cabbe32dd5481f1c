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
        long count = 0;
        long sum = 0;
        for (Review r : reviews) {
            if (r.counted()) {
                stars[r.rating() - 1]++;
                count++;
                sum += r.rating();
            }
        }
        List<Long> distribution = new ArrayList<>(5);
        for (long s : stars) {
            distribution.add(s);
        }
        double mean = count == 0 ? 0 : (double) sum / count;
        double denominator = priorWeight + count;
        double bayesian = denominator == 0 ? priorMean : (priorWeight * priorMean + sum) / denominator;
        return new RatingSummary(course, count, distribution, mean, bayesian, priorMean, priorWeight);
    }
}
