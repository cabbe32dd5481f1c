package io.learnloop.core.review;

import io.learnloop.core.catalog.CourseId;

import java.util.List;

/**
 * The ratings of a course, counting only visible reviews of buyers who were not refunded.
 *
 * <p>The Bayesian average is {@code (priorWeight * priorMean + sum of ratings) / (priorWeight + count)}: a course
 * with few reviews stays near the platform's mean until its own reviews outweigh the prior.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param courseId        the course
 * @param count           counted reviews
 * @param distribution    how many counted reviews gave 1, 2, 3, 4 and 5 stars (five entries)
 * @param mean            the plain mean, 0 without reviews
 * @param bayesianAverage the Bayesian average
 * @param priorMean       the prior: the platform's mean rating
 * @param priorWeight     the prior's weight
 */
public record RatingSummary(CourseId courseId, long count, List<Long> distribution, double mean,
                            double bayesianAverage, double priorMean, double priorWeight) {
    /**
     * Copies the distribution.
     *
     * @param courseId        the course
     * @param count           the count
     * @param distribution    the distribution
     * @param mean            the mean
     * @param bayesianAverage the Bayesian average
     * @param priorMean       the prior mean
     * @param priorWeight     the prior weight
     */
    public RatingSummary {
        distribution = List.copyOf(distribution);
    }
}
