package io.learnloop.core.assessment;

/**
 * An option as a learner sees it: a neutral per-attempt key and the text.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param key  the key to answer with ({@code a}, {@code b} ...)
 * @param text the text
 */
public record OptionView(String key, String text) {
}
