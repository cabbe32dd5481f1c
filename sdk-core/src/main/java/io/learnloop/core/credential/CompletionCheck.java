package io.learnloop.core.credential;

import java.util.List;

/**
 * Whether a learner meets a course's completion rule, and what is missing if not.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param met     whether the rule holds
 * @param missing what is still missing, in words (empty when met)
 */
public record CompletionCheck(boolean met, List<String> missing) {
    /**
     * Copies the list.
     *
     * @param met     whether met
     * @param missing what is missing
     */
    public CompletionCheck {
        missing = List.copyOf(missing);
    }
}
