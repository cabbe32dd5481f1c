package io.learnloop.core.assessment;

import java.math.BigDecimal;
import java.util.List;

/**
 * A learner's answer to one question: option keys for choice and true/false questions, text for fill-in, a number
 * for numeric questions.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param choices the chosen option keys (as shown in the quiz view), or empty
 * @param text    the typed answer, or null
 * @param number  the numeric answer, or null
 */
public record Answer(List<String> choices, String text, BigDecimal number) {
    /**
     * Copies the choices.
     *
     * @param choices the chosen keys
     * @param text    the text
     * @param number  the number
     */
    public Answer {
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    /**
     * Chooses options.
     *
     * @param keys option keys from the quiz view
     * @return the answer
     */
    public static Answer choose(String... keys) {
        return new Answer(List.of(keys), null, null);
    }

    /**
     * A typed answer.
     *
     * @param text the text
     * @return the answer
     */
    public static Answer text(String text) {
        return new Answer(List.of(), text, null);
    }

    /**
     * A numeric answer.
     *
     * @param number the number as decimal text, for example {@code "3.14"}
     * @return the answer
     */
    public static Answer number(String number) {
        return new Answer(List.of(), null, new BigDecimal(number));
    }

    /**
     * Whether nothing was answered.
     *
     * @return true if empty
     */
    public boolean isEmpty() {
        return choices.isEmpty() && (text == null || text.isBlank()) && number == null;
    }
}
