package io.learnloop.core.assessment;

import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.LessonId;

import java.util.List;

/**
 * A quiz as an author submits it.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param courseId  the course
 * @param lessonId  the quiz lesson it belongs to (passing completes that lesson), or null
 * @param title     the title
 * @param questions the question bank
 * @param settings  draw, timing and passing rules
 */
public record QuizDraft(CourseId courseId, LessonId lessonId, String title, List<Question> questions,
                        QuizSettings settings) {
    /**
     * Copies the questions.
     *
     * @param courseId  the course
     * @param lessonId  the lesson
     * @param title     the title
     * @param questions the questions
     * @param settings  the settings
     */
    public QuizDraft {
        questions = questions == null ? null : List.copyOf(questions);
    }
}
