package io.learnloop.core.identity;

/**
 * A tenant: one school or creator shop sharing a database with others.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param value the id's text
 */
public record TenantId(String value) implements Identifier {
    /**
     * Validates the id.
     *
     * @param value the id's text
     */
    public TenantId {
        Identifier.check("tenant", value);
    }

    /** The tenant of a single-tenant host. */
    public static final TenantId DEFAULT = new TenantId("default");

    /**
     * Creates an id.
     *
     * @param value the id's text
     * @return the id
     */
    public static TenantId of(String value) {
        return new TenantId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
