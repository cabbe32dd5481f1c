package io.learnloop.examples.quickstart;

import io.learnloop.core.assessment.QuizId;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.Lesson;

import java.util.List;

/**
 * A course the demo published, with what the later stages need to walk through it.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id       the course
 * @param title    its title
 * @param category its category
 * @param lessons  its published lessons in order (one of them is the final quiz's lesson)
 * @param quiz     its final quiz
 */
public record CourseRef(CourseId id, String title, String category, List<Lesson> lessons, QuizId quiz) {
    /**
     * Copies the lessons.
     *
     * @param id       the course
     * @param title    the title
     * @param category the category
     * @param lessons  the lessons
     * @param quiz     the quiz
     */
    public CourseRef {
        lessons = List.copyOf(lessons);
    }
}
