package io.learnloop.core.internal.assessment;

import io.learnloop.core.assessment.Answer;
import io.learnloop.core.assessment.ChoiceOption;
import io.learnloop.core.assessment.DrawnQuestion;
import io.learnloop.core.assessment.Question;
import io.learnloop.core.assessment.QuestionType;
import io.learnloop.core.assessment.QuizAttempt;
import io.learnloop.core.assessment.QuizDraft;
import io.learnloop.core.assessment.QuizSettings;
import io.learnloop.core.error.Validator;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates quizzes and submitted answers, naming every bad field.
 *
 * <p>Thread-safe: stateless.
 */
final class QuizValidation {
    static final int MAX_QUESTIONS = 500;
    static final int MAX_OPTIONS = 26;
    static final int MAX_TEXT = 5_000;
    static final int MAX_ANSWER = 1_000;

    private QuizValidation() {
    }

    static void draft(Validator v, QuizDraft d) {
        v.notNull("courseId", d.courseId()).notBlank("title", d.title(), 200).notEmpty("questions", d.questions())
                .notNull("settings", d.settings());
        List<Question> questions = d.questions() == null ? List.of() : d.questions();
        v.check(questions.size() <= MAX_QUESTIONS, "questions", "must hold at most " + MAX_QUESTIONS + " questions");
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < questions.size(); i++) {
            question(v, "questions[" + i + "]", questions.get(i), ids);
        }
        QuizSettings s = d.settings();
        if (s != null) {
            v.check(s.drawCount() >= 0 && s.drawCount() <= questions.size(), "settings.drawCount",
                    "must be between 0 (all) and the number of questions, " + questions.size());
            v.check(s.maxAttempts() >= 0, "settings.maxAttempts", "must be 0 (no limit) or more");
            v.check(s.timeLimit() == null || (!s.timeLimit().isNegative() && !s.timeLimit().isZero()),
                    "settings.timeLimit", "must be positive, or null for no limit");
            v.check(s.passingPercent() >= 0 && s.passingPercent() <= 100, "settings.passingPercent",
                    "must be between 0 and 100");
            v.notNull("settings.partialCredit", s.partialCredit());
        }
    }

    private static void question(Validator v, String f, Question q, Set<String> ids) {
        if (q == null) {
            v.check(false, f, "is required");
            return;
        }
        v.notBlank(f + ".id", q.id(), 64).notNull(f + ".type", q.type()).notBlank(f + ".prompt", q.prompt(), MAX_TEXT)
                .check(q.points() >= 1 && q.points() <= 1000, f + ".points", "must be between 1 and 1000")
                .maxLength(f + ".explanation", q.explanation(), MAX_TEXT);
        v.check(q.id() == null || ids.add(q.id()), f + ".id", "'" + q.id() + "' is used by another question");
        if (q.type() == null) {
            return;
        }
        if (q.type().hasOptions()) {
            v.check(q.options().size() >= 2 && q.options().size() <= MAX_OPTIONS, f + ".options",
                    "must hold 2 to " + MAX_OPTIONS + " options");
            Set<String> optionIds = new HashSet<>();
            for (int i = 0; i < q.options().size(); i++) {
                ChoiceOption o = q.options().get(i);
                String of = f + ".options[" + i + "]";
                v.check(o != null, of, "is required");
                if (o != null) {
                    v.notBlank(of + ".id", o.id(), 64).notBlank(of + ".text", o.text(), MAX_TEXT);
                    v.check(o.id() == null || optionIds.add(o.id()), of + ".id", "'" + o.id() + "' is used twice");
                }
            }
            v.check(optionIds.containsAll(q.correctOptions()), f + ".correctOptions", "must name options of the question");
            v.check(new HashSet<>(q.correctOptions()).size() == q.correctOptions().size(), f + ".correctOptions",
                    "must not repeat an option");
            if (q.type() == QuestionType.MULTIPLE_CHOICE) {
                v.check(!q.correctOptions().isEmpty(), f + ".correctOptions", "must name at least one option");
            } else {
                v.check(q.correctOptions().size() == 1, f + ".correctOptions", "must name exactly one option");
            }
        } else {
            v.check(q.options().isEmpty() && q.correctOptions().isEmpty(), f + ".options",
                    "apply to choice questions only");
        }
        if (q.type() == QuestionType.FILL_IN) {
            v.check(!q.acceptedAnswers().isEmpty(), f + ".acceptedAnswers", "must hold at least one answer");
            for (int i = 0; i < q.acceptedAnswers().size(); i++) {
                v.notBlank(f + ".acceptedAnswers[" + i + "]", q.acceptedAnswers().get(i), MAX_ANSWER);
            }
        }
        if (q.type() == QuestionType.NUMERIC) {
            v.notNull(f + ".numericAnswer", q.numericAnswer());
            v.check(q.tolerance() != null && q.tolerance().signum() >= 0, f + ".tolerance", "must be zero or more");
        }
    }

    static void answers(Validator v, QuizAttempt attempt, Map<String, Answer> answers) {
        v.check(answers != null && !answers.isEmpty(), "answers",
                "must hold at least one answer; leave out only the questions the learner skipped");
        if (answers == null) {
            return;
        }
        Map<String, DrawnQuestion> byKey = new HashMap<>();
        for (DrawnQuestion d : attempt.questions()) {
            byKey.put(d.key(), d);
        }
        for (Map.Entry<String, Answer> e : answers.entrySet()) {
            String f = "answers." + e.getKey();
            DrawnQuestion d = byKey.get(e.getKey());
            if (d == null) {
                v.check(false, f, "is not a question of this attempt; use the keys of the quiz view");
                continue;
            }
            Answer a = e.getValue();
            if (a == null || a.isEmpty()) {
                v.check(false, f, "is empty; leave the question out to skip it");
                continue;
            }
            v.maxLength(f + ".text", a.text(), MAX_ANSWER);
            Set<String> seen = new HashSet<>();
            for (String key : a.choices()) {
                boolean known = key != null && key.length() == 1 && key.charAt(0) - 'a' >= 0
                        && key.charAt(0) - 'a' < d.optionOrder().size();
                v.check(known, f + ".choices", "'" + key + "' is not an option key of this question");
                v.check(key == null || seen.add(key), f + ".choices", "'" + key + "' is chosen twice");
            }
        }
    }
}
