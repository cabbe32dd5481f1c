package io.learnloop.core.assessment;

import io.learnloop.core.identity.UserId;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One attempt at a quiz, as stored.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id          the attempt
 * @param quizId      the quiz
 * @param learner     the learner
 * @param number      1 for the learner's first attempt at the quiz
 * @param seed        the seed of this attempt's draw and shuffle
 * @param questions   the drawn questions
 * @param startedAt   when started
 * @param deadline    when it must be submitted by, or null
 * @param state       where it stands
 * @param submittedAt when submitted, or null
 * @param answers     the submitted answers by question key (empty until submitted)
 * @param result      the grading, or null until submitted
 */
public record QuizAttempt(AttemptId id, QuizId quizId, UserId learner, int number, long seed,
                          List<DrawnQuestion> questions, Instant startedAt, Instant deadline, AttemptState state,
                          Instant submittedAt, Map<String, Answer> answers, GradeResult result) {
    /**
     * Copies the collections.
     *
     * @param id          the id
     * @param quizId      the quiz
     * @param learner     the learner
     * @param number      the number
     * @param seed        the seed
     * @param questions   the questions
     * @param startedAt   when started
     * @param deadline    the deadline
     * @param state       the state
     * @param submittedAt when submitted
     * @param answers     the answers
     * @param result      the result
     */
    public QuizAttempt {
        questions = questions == null ? List.of() : List.copyOf(questions);
        answers = answers == null ? Map.of() : Map.copyOf(answers);
    }

    /**
     * Whether the deadline has passed at {@code now}.
     *
     * @param now the instant
     * @return true if late
     */
    public boolean isLate(Instant now) {
        return deadline != null && now.isAfter(deadline);
    }
}
