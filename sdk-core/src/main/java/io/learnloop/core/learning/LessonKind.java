package io.learnloop.core.learning;

/**
 * How a lesson is consumed, which decides how it is completed.
 *
 * <p>Thread-safe: an enum.
 */
public enum LessonKind {
    /** Watched; completed at the coverage threshold of {@link ProgressPolicy}. */
    VIDEO,
    /** Listened to; completed like a video. */
    AUDIO,
    /** Read; completed by an explicit "read" after the minimum dwell time. */
    ARTICLE,
    /** A quiz; completed when the learner passes the quiz attached to the lesson. */
    QUIZ,
    /** Anything else (downloads, live sessions); completed by an explicit "done". */
    OTHER;

    /**
     * Whether progress is measured by watched segments.
     *
     * @return true for video and audio
     */
    public boolean isMedia() {
        return this == VIDEO || this == AUDIO;
    }
}
