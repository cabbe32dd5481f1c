package io.learnloop.core.internal.assessment;

import io.learnloop.core.assessment.AttemptId;
import io.learnloop.core.assessment.ChoiceOption;
import io.learnloop.core.assessment.DrawnQuestion;
import io.learnloop.core.assessment.OptionView;
import io.learnloop.core.assessment.Question;
import io.learnloop.core.assessment.QuestionType;
import io.learnloop.core.assessment.QuestionView;
import io.learnloop.core.assessment.Quiz;
import io.learnloop.core.assessment.QuizAttempt;
import io.learnloop.core.assessment.QuizView;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Draws an attempt's questions and option orders from a seed, and renders the learner-facing view. The same seed
 * always gives the same draw, so an attempt can be reproduced from what is stored.
 *
 * <p>Thread-safe: stateless.
 */
public final class QuizDraw {
    private QuizDraw() {
    }

    /**
     * The seed of an attempt: the first 8 bytes of SHA-256 over the quiz and attempt ids.
     *
     * @param quiz    the quiz
     * @param attempt the attempt
     * @return the seed
     */
    public static long seed(Quiz quiz, AttemptId attempt) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((quiz.id().value() + "|" + attempt.value()).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /**
     * Draws the questions of an attempt.
     *
     * @param quiz the quiz
     * @param seed the seed
     * @return the drawn questions, keyed {@code q1}, {@code q2} ...
     */
    public static List<DrawnQuestion> draw(Quiz quiz, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Question> bank = new ArrayList<>(quiz.questions());
        int count = quiz.settings().drawCount() == 0 ? bank.size() : quiz.settings().drawCount();
        shuffle(bank, random);
        List<DrawnQuestion> drawn = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Question q = bank.get(i);
            List<String> order = new ArrayList<>();
            for (ChoiceOption o : q.options()) {
                order.add(o.id());
            }
            if (quiz.settings().shuffleOptions() && q.type() != QuestionType.TRUE_FALSE) {
                shuffle(order, random);
            }
            drawn.add(new DrawnQuestion("q" + (i + 1), q.id(), order));
        }
        return drawn;
    }

    private static <T> void shuffle(List<T> list, SplittableRandom random) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }

    /**
     * Renders what the learner sees: prompts, option texts under neutral keys, points. Nothing else of the question
     * is copied, so no answer can leak.
     *
     * @param quiz    the quiz
     * @param attempt the attempt
     * @return the view
     */
    public static QuizView view(Quiz quiz, QuizAttempt attempt) {
        List<QuestionView> questions = new ArrayList<>();
        for (DrawnQuestion d : attempt.questions()) {
            Question q = quiz.question(d.questionId());
            Map<String, String> texts = new HashMap<>();
            for (ChoiceOption o : q.options()) {
                texts.put(o.id(), o.text());
            }
            List<OptionView> options = new ArrayList<>();
            for (int i = 0; i < d.optionOrder().size(); i++) {
                options.add(new OptionView(DrawnQuestion.optionKey(i), texts.get(d.optionOrder().get(i))));
            }
            questions.add(new QuestionView(d.key(), q.type(), q.prompt(), options, q.points()));
        }
        return new QuizView(attempt.id(), quiz.id(), quiz.title(), attempt.number(), attempt.startedAt(),
                attempt.deadline(), quiz.settings().passingPercent(), questions);
    }
}
