package io.learnloop.core.practice;

/**
 * One criterion of a {@link Rubric}: what is judged, its share of the grade and the points a reviewer gives for it.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param key       a stable key that reviews score it under: 1 to 40 lower-case letters, digits or hyphens
 * @param title     what a reviewer judges, 1 to 200 characters
 * @param weightBp  its share of the grade in basis points (1 to 10,000); the weights of a rubric sum to 10,000
 * @param maxPoints the most points a reviewer may give, 1 to {@value Rubric#MAX_POINTS}; a score is 0 to this
 */
public record Criterion(String key, String title, int weightBp, int maxPoints) {
}
