package io.learnloop.core.assessment;

import io.learnloop.core.internal.assessment.Grader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GraderTest {
    /** Options shown in author order: a=2 (correct), b=3 (correct), c=4, d=6. */
    private static final DrawnQuestion PRIMES = new DrawnQuestion("q1", "primes", List.of("opt-two", "opt-three", "opt-four", "opt-six"));

    private static BigDecimal multiple(PartialCredit rule, String... keys) {
        return Grader.grade(QuizFixtures.multiple(), PRIMES, Answer.choose(keys), rule, true).earned();
    }

    @ParameterizedTest
    @CsvSource({
            // rule,             chosen, expected of 3 points
            "ALL_OR_NOTHING,     ab,     3.0000",
            "ALL_OR_NOTHING,     a,      0.0000",
            "ALL_OR_NOTHING,     abc,    0.0000",
            "PER_OPTION,         ab,     3.0000",
            "PER_OPTION,         a,      2.2500",
            "PER_OPTION,         ac,     1.5000",
            "PER_OPTION,         abcd,   1.5000",
            "PER_OPTION,         cd,     0.0000",
            "RIGHT_MINUS_WRONG,  ab,     3.0000",
            "RIGHT_MINUS_WRONG,  a,      1.5000",
            "RIGHT_MINUS_WRONG,  abc,    1.5000",
            "RIGHT_MINUS_WRONG,  ac,     0.0000",
            "RIGHT_MINUS_WRONG,  abcd,   0.0000",
            "RIGHT_MINUS_WRONG,  acd,    0.0000",
    })
    void grade_whenMultipleChoice_appliesThePartialCreditRuleExactly(PartialCredit rule, String chosen, String expected) {
        String[] keys = chosen.chars().mapToObj(c -> String.valueOf((char) c)).toArray(String[]::new);
        assertThat(multiple(rule, keys)).isEqualTo(new BigDecimal(expected));
    }

    @Test
    void grade_whenPerOptionWithThreeOptions_dividesExactly() {
        Question q = Question.multipleChoice("m", "?", List.of(new ChoiceOption("x", "x"), new ChoiceOption("y", "y"),
                new ChoiceOption("z", "z")), List.of("x"), 2);
        DrawnQuestion d = new DrawnQuestion("q1", "m", List.of("x", "y", "z"));
        // x chosen (right), y chosen (wrong), z left (right): 2 of 3 options judged rightly -> 2 * 2 / 3
        assertThat(Grader.grade(q, d, Answer.choose("a", "b"), PartialCredit.PER_OPTION, false).earned())
                .isEqualTo(new BigDecimal("1.3333"));
    }

    @ParameterizedTest
    @CsvSource({
            "3.14,    true",
            "3.15,    true",
            "3.13,    true",
            "3.1500,  true",
            "3.1501,  false",
            "3.1299,  false",
            "-3.14,   false",
    })
    void grade_whenNumeric_acceptsAnswersWithinTheToleranceInclusive(String given, boolean correct) {
        Question q = Question.numeric("n", "Pi?", "3.14", "0.01", 1);
        DrawnQuestion d = new DrawnQuestion("q1", "n", List.of());
        Outcome outcome = Grader.grade(q, d, Answer.number(given), PartialCredit.ALL_OR_NOTHING, false).outcome();
        assertThat(outcome).isEqualTo(correct ? Outcome.CORRECT : Outcome.WRONG);
    }

    @Test
    void grade_whenNumericToleranceIsZero_comparesValuesNotScales() {
        Question q = Question.numeric("n", "Half?", "2.5", "0", 1);
        DrawnQuestion d = new DrawnQuestion("q1", "n", List.of());
        assertThat(Grader.grade(q, d, Answer.number("2.500"), PartialCredit.ALL_OR_NOTHING, false).outcome())
                .isEqualTo(Outcome.CORRECT);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Seine|true",
            "  seine  |true",
            "SEINE.|true",
            "ＳＥＩＮＥ|true",
            "La    Seine!|true",
            "Sein|false",
            "Seine river|false",
    })
    void grade_whenFillIn_matchesNormalisedAcceptedAnswers(String given, boolean correct) {
        Question q = Question.fillIn("f", "River?", List.of("Seine", "la Seine"), 1);
        DrawnQuestion d = new DrawnQuestion("q1", "f", List.of());
        assertThat(Grader.grade(q, d, Answer.text(given), PartialCredit.ALL_OR_NOTHING, false).outcome())
                .isEqualTo(correct ? Outcome.CORRECT : Outcome.WRONG);
    }

    @Test
    void grade_whenSingleChoiceHasTwoChoices_givesNothing() {
        Question q = Question.singleChoice("s", "?", QuizFixtures.capitals(), "paris-correct", 1);
        DrawnQuestion d = new DrawnQuestion("q1", "s", List.of("paris-correct", "lyon", "nice", "lille"));
        assertThat(Grader.grade(q, d, Answer.choose("a", "b"), PartialCredit.ALL_OR_NOTHING, false).outcome())
                .isEqualTo(Outcome.WRONG);
        assertThat(Grader.grade(q, d, Answer.choose("a"), PartialCredit.ALL_OR_NOTHING, false).outcome())
                .isEqualTo(Outcome.CORRECT);
    }
}
