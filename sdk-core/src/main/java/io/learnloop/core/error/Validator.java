package io.learnloop.core.error;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Collects every violation of one input before failing, so a {@link ValidationException} names all bad fields.
 *
 * <pre>{@code
 * new Validator()
 *     .notBlank("title", title, 200)
 *     .check(price >= 0, "price", "must not be negative")
 *     .throwIfInvalid();
 * }</pre>
 *
 * <p>Not thread-safe: use one instance per validation.
 */
public final class Validator {
    private final List<ValidationException.Violation> violations = new ArrayList<>();

    /** Creates an empty validator. */
    public Validator() {
        // nothing collected yet
    }

    /**
     * Records a violation unless {@code condition} holds.
     *
     * @param condition what must be true
     * @param field     the field to name
     * @param problem   what is wrong otherwise
     * @return this validator
     */
    public Validator check(boolean condition, String field, String problem) {
        if (!condition) {
            violations.add(new ValidationException.Violation(field, problem));
        }
        return this;
    }

    /**
     * Requires a non-null value.
     *
     * @param field the field
     * @param value the value
     * @return this validator
     */
    public Validator notNull(String field, Object value) {
        return check(value != null, field, "is required");
    }

    /**
     * Requires non-blank text of at most {@code maxLength} characters.
     *
     * @param field     the field
     * @param value     the text
     * @param maxLength the longest allowed length
     * @return this validator
     */
    public Validator notBlank(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            return check(false, field, "must not be blank");
        }
        return maxLength(field, value, maxLength);
    }

    /**
     * Allows null, but limits the length of non-null text.
     *
     * @param field     the field
     * @param value     the text, or null
     * @param maxLength the longest allowed length
     * @return this validator
     */
    public Validator maxLength(String field, String value, int maxLength) {
        // the message is built only for a violation: valid text, by far the common case, allocates nothing
        return value == null || value.length() <= maxLength ? this
                : check(false, field, "must be at most " + maxLength + " characters (was " + value.length() + ")");
    }

    /**
     * Requires a non-negative number.
     *
     * @param field the field
     * @param value the number
     * @return this validator
     */
    public Validator notNegative(String field, long value) {
        return value >= 0 ? this : check(false, field, "must not be negative (was " + value + ")");
    }

    /**
     * Requires a finite number (not NaN or infinite).
     *
     * @param field the field
     * @param value the number
     * @return this validator
     */
    public Validator finite(String field, double value) {
        return Double.isFinite(value) ? this : check(false, field, "must be a finite number (was " + value + ")");
    }

    /**
     * Requires a non-empty collection.
     *
     * @param field the field
     * @param value the collection
     * @return this validator
     */
    public Validator notEmpty(String field, Collection<?> value) {
        return check(value != null && !value.isEmpty(), field, "must not be empty");
    }

    /**
     * Whether no violation has been recorded.
     *
     * @return true if valid so far
     */
    public boolean isValid() {
        return violations.isEmpty();
    }

    /**
     * Throws a {@link ValidationException} listing every recorded violation, if any.
     *
     * @throws ValidationException when at least one check failed
     */
    public void throwIfInvalid() {
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
    }
}
