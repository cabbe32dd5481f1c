package io.learnloop.core.assessment;

import io.learnloop.core.catalog.CourseId;

import java.util.List;

/** Questions used across the quiz tests. */
final class QuizFixtures {
    static final CourseId COURSE = CourseId.of("c1");

    private QuizFixtures() {
    }

    static List<ChoiceOption> capitals() {
        return List.of(new ChoiceOption("paris-correct", "Paris"), new ChoiceOption("lyon", "Lyon"),
                new ChoiceOption("nice", "Nice"), new ChoiceOption("lille", "Lille"));
    }

    static Question multiple() {
        return Question.multipleChoice("primes", "Which are prime?", List.of(
                new ChoiceOption("opt-two", "2"), new ChoiceOption("opt-three", "3"),
                new ChoiceOption("opt-four", "4"), new ChoiceOption("opt-six", "6")), List.of("opt-two", "opt-three"), 3);
    }

    static List<Question> everyType() {
        return List.of(
                Question.singleChoice("capital", "Capital of France?", capitals(), "paris-correct", 2)
                        .withExplanation("SECRET-EXPLANATION Paris has been the capital since 987."),
                multiple(),
                Question.trueFalse("earth", "The earth is flat.", false, 1),
                Question.fillIn("river", "Which river flows through Paris?", List.of("Seine", "la Seine"), 2),
                Question.numeric("pi", "Pi to two decimals?", "3.14159", "0.005", 2));
    }

    static QuizDraft draft(List<Question> questions, QuizSettings settings) {
        return new QuizDraft(COURSE, null, "Geography", questions, settings);
    }
}
