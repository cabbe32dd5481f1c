package io.learnloop.core.review;

import io.learnloop.core.identity.Identifier;

/**
 * Identifies a review.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param value the id's text
 */
public record ReviewId(String value) implements Identifier {
    /**
     * Validates the id.
     *
     * @param value the id's text
     */
    public ReviewId {
        Identifier.check("reviewId", value);
    }

    /**
     * Creates an id.
     *
     * @param value the id's text
     * @return the id
     */
    public static ReviewId of(String value) {
        return new ReviewId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
