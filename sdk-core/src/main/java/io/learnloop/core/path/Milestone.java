package io.learnloop.core.path;

import io.learnloop.core.catalog.CourseId;

/**
 * A named point on a learning path, reached once the learner knows every course of the path up to and including
 * {@code reachedWith}.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param title       what the learner has reached, for example "Can build a web service"; 1 to 200 characters
 * @param reachedWith the path's course that completes the milestone
 */
public record Milestone(String title, CourseId reachedWith) {
}
