package io.learnloop.core.assessment;

import java.util.List;

/**
 * A question as a learner sees it during an attempt: no answer key, no explanation, no count of correct options,
 * and keys that say nothing about the author's ids.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param key     the key to answer with ({@code q1}, {@code q2} ...)
 * @param type    the kind of question
 * @param prompt  the prompt
 * @param options the options in this attempt's order (empty for fill-in and numeric)
 * @param points  what a fully correct answer earns
 */
public record QuestionView(String key, QuestionType type, String prompt, List<OptionView> options, int points) {
    /**
     * Copies the options.
     *
     * @param key     the key
     * @param type    the type
     * @param prompt  the prompt
     * @param options the options
     * @param points  the points
     */
    public QuestionView {
        options = List.copyOf(options);
    }
}
