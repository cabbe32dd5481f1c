package io.learnloop.core.catalog;

/**
 * The medium of a lesson.
 *
 * <p>Thread-safe: an enum.
 */
public enum LessonType {
    /** A recorded video. */
    VIDEO,
    /** A recorded audio track. */
    AUDIO,
    /** A written article. */
    ARTICLE,
    /** A scheduled live session. */
    LIVE,
    /** A quiz. */
    QUIZ
}
