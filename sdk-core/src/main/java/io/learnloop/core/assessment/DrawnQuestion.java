package io.learnloop.core.assessment;

import java.util.List;

/**
 * One question drawn into an attempt: its learner-facing key, the author's question id, and the author's option ids
 * in the order shown (the option shown as {@code a} first).
 *
 * <p>Thread-safe: immutable record.
 *
 * @param key         the learner-facing key
 * @param questionId  the author's id
 * @param optionOrder the author's option ids in display order
 */
public record DrawnQuestion(String key, String questionId, List<String> optionOrder) {
    /**
     * Copies the order.
     *
     * @param key         the key
     * @param questionId  the question id
     * @param optionOrder the order
     */
    public DrawnQuestion {
        optionOrder = optionOrder == null ? List.of() : List.copyOf(optionOrder);
    }

    /**
     * The learner-facing key of the option at a display position.
     *
     * @param position 0 for the first option
     * @return {@code a}, {@code b} ...
     */
    public static String optionKey(int position) {
        return String.valueOf((char) ('a' + position));
    }
}
