package io.learnloop.core.practice;

import io.learnloop.core.identity.Identifier;

/**
 * Identifies a submission (a learner's work or an instructor's calibration submission).
 *
 * <p>Thread-safe: immutable record.
 *
 * @param value the id's text
 */
public record SubmissionId(String value) implements Identifier {
    /**
     * Validates the id.
     *
     * @param value the id's text
     */
    public SubmissionId {
        Identifier.check("submissionId", value);
    }

    @Override
    public String toString() {
        return value;
    }
}
