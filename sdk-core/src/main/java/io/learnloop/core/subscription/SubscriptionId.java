package io.learnloop.core.subscription;

import io.learnloop.core.identity.Identifier;

/**
 * Identifies an auto-renewing membership.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param value the id's text
 */
public record SubscriptionId(String value) implements Identifier {
    /**
     * Validates the id.
     *
     * @param value the id's text
     */
    public SubscriptionId {
        Identifier.check("subscriptionId", value);
    }

    /**
     * Creates an id.
     *
     * @param value the id's text
     * @return the id
     */
    public static SubscriptionId of(String value) {
        return new SubscriptionId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
