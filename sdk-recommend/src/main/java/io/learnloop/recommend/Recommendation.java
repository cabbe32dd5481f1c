package io.learnloop.recommend;

import java.util.Objects;

/**
 * One recommended course.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param courseId    the course
 * @param score       the model's score (higher is better; comparable only within one result list)
 * @param explanation why it was recommended, never null
 */
public record Recommendation(String courseId, double score, Explanation explanation) {
    /**
     * Validates.
     *
     * @param courseId    the course
     * @param score       the score
     * @param explanation the explanation
     */
    public Recommendation {
        Objects.requireNonNull(courseId, "courseId");
        Objects.requireNonNull(explanation, "explanation");
    }
}
