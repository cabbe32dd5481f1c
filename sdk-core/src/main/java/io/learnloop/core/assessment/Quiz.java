package io.learnloop.core.assessment;

import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.identity.UserId;

import java.time.Instant;
import java.util.List;

/**
 * A stored quiz with its answer key. Authors and graders read it; learners see a {@link QuizView}.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id        the quiz
 * @param courseId  the course
 * @param lessonId  the quiz lesson, or null
 * @param title     the title
 * @param questions the question bank
 * @param settings  the rules
 * @param author    who created it
 * @param createdAt when
 */
public record Quiz(QuizId id, CourseId courseId, LessonId lessonId, String title, List<Question> questions,
                   QuizSettings settings, UserId author, Instant createdAt) {
    /**
     * Copies the questions.
     *
     * @param id        the id
     * @param courseId  the course
     * @param lessonId  the lesson
     * @param title     the title
     * @param questions the questions
     * @param settings  the settings
     * @param author    the author
     * @param createdAt when
     */
    public Quiz {
        questions = questions == null ? List.of() : List.copyOf(questions);
    }

    /**
     * Finds a question by id.
     *
     * @param questionId the id
     * @return the question, or null
     */
    public Question question(String questionId) {
        for (Question q : questions) {
            if (q.id().equals(questionId)) {
                return q;
            }
        }
        return null;
    }
}
