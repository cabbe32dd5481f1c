package io.learnloop.core.identity;

import io.learnloop.core.error.ValidationException;

/**
 * A typed id: a record over one string. Ids are opaque, non-blank, at most {@value #MAX_LENGTH} characters,
 * and contain no whitespace or control characters.
 *
 * <p>Implementations are records and therefore immutable and thread-safe.
 */
public interface Identifier {
    /** The longest id accepted. */
    int MAX_LENGTH = 128;

    /**
     * Returns the id's text.
     *
     * @return the value
     */
    String value();

    /**
     * Checks an id's text; used by the compact constructors of the id records.
     *
     * @param field the field name to report
     * @param value the text
     * @return the text, unchanged
     * @throws ValidationException if the text is null, blank, too long, or contains whitespace or control characters
     */
    static String check(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw ValidationException.of(field, "must not be blank");
        }
        if (value.length() > MAX_LENGTH) {
            throw ValidationException.of(field, "must be at most " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw ValidationException.of(field, "must not contain whitespace or control characters");
            }
        }
        return value;
    }
}
