package io.learnloop.core.access;

import io.learnloop.core.identity.Identifier;

/**
 * Identifies a grant in the entitlement ledger.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param value the id's text
 */
public record GrantId(String value) implements Identifier {
    /**
     * Validates the id.
     *
     * @param value the id's text
     */
    public GrantId {
        Identifier.check("grantId", value);
    }

    /**
     * Creates an id.
     *
     * @param value the id's text
     * @return the id
     */
    public static GrantId of(String value) {
        return new GrantId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
