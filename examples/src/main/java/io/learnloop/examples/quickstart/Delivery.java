package io.learnloop.examples.quickstart;

import io.learnloop.core.commerce.OrderId;

/**
 * What the host's webhook endpoint did with one notification from the payment provider.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param outcome  what happened, for example {@code SETTLED}, {@code DUPLICATE} or {@code REJECTED}
 * @param order    the order concerned, or null
 * @param detail   a description for the narrative
 * @param accepted whether the endpoint answered the provider with a success status
 */
public record Delivery(String outcome, OrderId order, String detail, boolean accepted) {
}
