package io.learnloop.core.internal.assessment;

import io.learnloop.core.assessment.Answer;
import io.learnloop.core.assessment.DrawnQuestion;
import io.learnloop.core.assessment.Outcome;
import io.learnloop.core.assessment.PartialCredit;
import io.learnloop.core.assessment.Question;
import io.learnloop.core.assessment.QuestionFeedback;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Grades single answers exactly: points are {@link BigDecimal} at scale 4, numbers compare as decimals, so a
 * tolerance of 0.01 accepts 3.15 for 3.14 (which binary floating point would not).
 *
 * <p>Thread-safe: stateless.
 */
public final class Grader {
    /** The scale of earned points. */
    public static final int SCALE = 4;
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern EDGE_PUNCTUATION = Pattern.compile("^[\\p{P}\\s]+|[\\p{P}\\s]+$");

    private Grader() {
    }

    /**
     * Grades one answer (already validated: its choices are keys of the question's options).
     *
     * @param q       the question
     * @param drawn   how it was drawn (option order)
     * @param answer  the answer, or null when unanswered
     * @param rule    the partial-credit rule
     * @param reveal  whether to include the correct answers
     * @return the feedback
     */
    public static QuestionFeedback grade(Question q, DrawnQuestion drawn, Answer answer, PartialCredit rule, boolean reveal) {
        BigDecimal earned = answer == null || answer.isEmpty() ? BigDecimal.ZERO.setScale(SCALE) : earned(q, drawn, answer, rule);
        Outcome outcome;
        if (answer == null || answer.isEmpty()) {
            outcome = Outcome.UNANSWERED;
        } else if (earned.compareTo(BigDecimal.valueOf(q.points())) == 0) {
            outcome = Outcome.CORRECT;
        } else if (earned.signum() > 0) {
            outcome = Outcome.PARTIAL;
        } else {
            outcome = Outcome.WRONG;
        }
        List<String> correctKeys = List.of();
        if (reveal && q.type().hasOptions()) {
            correctKeys = new ArrayList<>();
            for (int i = 0; i < drawn.optionOrder().size(); i++) {
                if (q.correctOptions().contains(drawn.optionOrder().get(i))) {
                    correctKeys.add(DrawnQuestion.optionKey(i));
                }
            }
        }
        return new QuestionFeedback(drawn.key(), outcome, earned, q.points(), q.explanation(), correctKeys,
                reveal ? q.acceptedAnswers() : List.of(), reveal ? q.numericAnswer() : null);
    }

    private static BigDecimal earned(Question q, DrawnQuestion drawn, Answer answer, PartialCredit rule) {
        BigDecimal full = BigDecimal.valueOf(q.points()).setScale(SCALE);
        BigDecimal none = BigDecimal.ZERO.setScale(SCALE);
        switch (q.type()) {
            case SINGLE_CHOICE, TRUE_FALSE -> {
                Set<String> chosen = chosenIds(drawn, answer);
                return chosen.size() == 1 && q.correctOptions().containsAll(chosen) ? full : none;
            }
            case MULTIPLE_CHOICE -> {
                return multiple(q, chosenIds(drawn, answer), rule);
            }
            case FILL_IN -> {
                if (answer.text() == null) {
                    return none;
                }
                String given = normalise(answer.text());
                for (String accepted : q.acceptedAnswers()) {
                    if (normalise(accepted).equals(given)) {
                        return full;
                    }
                }
                return none;
            }
            case NUMERIC -> {
                if (answer.number() == null) {
                    return none;
                }
                return answer.number().subtract(q.numericAnswer()).abs().compareTo(q.tolerance()) <= 0 ? full : none;
            }
            default -> throw new IllegalStateException("unknown question type " + q.type());
        }
    }

    private static BigDecimal multiple(Question q, Set<String> chosen, PartialCredit rule) {
        Set<String> correct = new HashSet<>(q.correctOptions());
        int right = 0;
        int wrong = 0;
        for (String c : chosen) {
            if (correct.contains(c)) {
                right++;
            } else {
                wrong++;
            }
        }
        long numerator;
        long denominator;
        switch (rule) {
            case ALL_OR_NOTHING -> {
                numerator = right == correct.size() && wrong == 0 ? 1 : 0;
                denominator = 1;
            }
            case PER_OPTION -> {
                int options = q.options().size();
                int missed = correct.size() - right;
                numerator = options - wrong - missed;
                denominator = options;
            }
            case RIGHT_MINUS_WRONG -> {
                numerator = Math.max(0, right - wrong);
                denominator = correct.size();
            }
            default -> throw new IllegalStateException("unknown rule " + rule);
        }
        return BigDecimal.valueOf(q.points() * numerator).divide(BigDecimal.valueOf(denominator), SCALE, RoundingMode.HALF_EVEN);
    }

    private static Set<String> chosenIds(DrawnQuestion drawn, Answer answer) {
        Set<String> ids = new HashSet<>();
        for (String key : answer.choices()) {
            int position = key.length() == 1 ? key.charAt(0) - 'a' : -1;
            if (position >= 0 && position < drawn.optionOrder().size()) {
                ids.add(drawn.optionOrder().get(position));
            }
        }
        return ids;
    }

    /**
     * Normalises a typed answer for comparison: Unicode compatibility form (full-width letters and digits become
     * ordinary ones), lower case, runs of white space collapsed, punctuation and space at either end dropped. Accents
     * are kept: they change meaning in many languages.
     *
     * @param text the text
     * @return the normalised form
     */
    public static String normalise(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        s = SPACES.matcher(s).replaceAll(" ");
        return EDGE_PUNCTUATION.matcher(s).replaceAll("");
    }
}
