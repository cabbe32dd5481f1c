package io.learnloop.core.commerce;

import io.learnloop.core.identity.Identifier;

/**
 * Identifies an order.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param value the id's text
 */
public record OrderId(String value) implements Identifier {
    /**
     * Validates the id.
     *
     * @param value the id's text
     */
    public OrderId {
        Identifier.check("orderId", value);
    }

    /**
     * Creates an id.
     *
     * @param value the id's text
     * @return the id
     */
    public static OrderId of(String value) {
        return new OrderId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
