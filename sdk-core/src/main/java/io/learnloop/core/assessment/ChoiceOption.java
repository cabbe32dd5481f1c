package io.learnloop.core.assessment;

/**
 * One option of a choice question, as the author wrote it.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id   the author's id for the option, unique within the question
 * @param text what the learner sees
 */
public record ChoiceOption(String id, String text) {
}
