package io.learnloop.core.commerce;

import io.learnloop.core.identity.Identifier;

/**
 * Identifies an offer: a course, a bundle or a membership plan for sale.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param value the id's text
 */
public record OfferId(String value) implements Identifier {
    /**
     * Validates the id.
     *
     * @param value the id's text
     */
    public OfferId {
        Identifier.check("offerId", value);
    }

    /**
     * Creates an id.
     *
     * @param value the id's text
     * @return the id
     */
    public static OfferId of(String value) {
        return new OfferId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
