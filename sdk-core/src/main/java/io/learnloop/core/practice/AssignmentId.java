package io.learnloop.core.practice;

import io.learnloop.core.identity.Identifier;

/**
 * Identifies an assignment.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param value the id's text
 */
public record AssignmentId(String value) implements Identifier {
    /**
     * Validates the id.
     *
     * @param value the id's text
     */
    public AssignmentId {
        Identifier.check("assignmentId", value);
    }

    @Override
    public String toString() {
        return value;
    }
}
