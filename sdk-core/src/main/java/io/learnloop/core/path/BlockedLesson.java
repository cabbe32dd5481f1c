package io.learnloop.core.path;

import io.learnloop.core.catalog.LessonId;

import java.util.List;

/**
 * A lesson the learner cannot take yet, and why.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param lesson  the lesson
 * @param missing its direct prerequisites the learner has not completed (copied, never empty)
 */
public record BlockedLesson(LessonId lesson, List<LessonId> missing) {
    /**
     * Copies.
     *
     * @param lesson  the lesson
     * @param missing the missing prerequisites
     */
    public BlockedLesson {
        missing = List.copyOf(missing);
    }
}
