package io.learnloop.payment;

import io.learnloop.core.commerce.OrderId;

/**
 * The pipeline's answer for one delivery: what happened, and what to send back to the provider.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param disposition     what the pipeline did
 * @param outcome         the verification outcome
 * @param acknowledgement the HTTP response for the provider
 * @param order           the order concerned, or null
 * @param detail          a description for logs (never secrets)
 */
public record NotificationResult(Disposition disposition, NotificationOutcome outcome, Acknowledgement acknowledgement,
                                 OrderId order, String detail) {
}
