package io.learnloop.core.error;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Input was invalid. Lists every bad field at once, so a caller can fix them all in one go.
 *
 * <p>Thread-safe: immutable.
 */
public class ValidationException extends LearnloopException {
    private static final long serialVersionUID = 1L;

    /**
     * One invalid field.
     *
     * @param field   the field's name as the caller knows it, for example {@code "price.currency"}
     * @param problem what is wrong and what is expected
     */
    public record Violation(String field, String problem) {
        @Override
        public String toString() {
            return field + ": " + problem;
        }
    }

    private final List<Violation> violations;

    /**
     * Creates an exception for the given violations.
     *
     * @param violations at least one violation
     */
    public ValidationException(List<Violation> violations) {
        this(ErrorCode.VALIDATION_FAILED, violations);
    }

    /**
     * Creates an exception with a more specific code, for subclasses.
     *
     * @param code       the code
     * @param violations at least one violation
     */
    protected ValidationException(ErrorCode code, List<Violation> violations) {
        super(code, describe(violations));
        this.violations = List.copyOf(violations);
    }

    /**
     * Shorthand for a single bad field.
     *
     * @param field   the field
     * @param problem what is wrong
     * @return the exception
     */
    public static ValidationException of(String field, String problem) {
        return new ValidationException(List.of(new Violation(field, problem)));
    }

    /**
     * Returns the invalid fields.
     *
     * @return every violation, in the order found
     */
    public List<Violation> violations() {
        return violations;
    }

    /**
     * Returns the names of the invalid fields.
     *
     * @return field names, in the order found
     */
    public List<String> fields() {
        return violations.stream().map(Violation::field).collect(Collectors.toList());
    }

    private static String describe(List<Violation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a validation failure needs at least one violation");
        }
        return "Invalid input: " + violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
    }
}
