package io.learnloop.payment.spi;

import io.learnloop.core.money.Money;

/**
 * A provider's answer about a transfer or a return.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param state              the mapped state
 * @param providerTransferId the provider's id of the transfer (or of the return), or null
 * @param amount             the amount the provider reports, or null when it did not say
 * @param detail             the provider's own state and failure reason, for the review queue and logs, or null
 */
public record PayoutResult(State state, String providerTransferId, Money amount, String detail) {
    /** Where a transfer stands at the provider. */
    public enum State {
        /** The money reached the payee (or, for a return, came back). */
        CONFIRMED,
        /** Accepted; the outcome follows (query again). */
        PENDING,
        /** The provider refused or closed it for good (for example the receiver is not bound, or funds are short). */
        REJECTED,
        /** The provider never received it: sending it again with the same key is safe. */
        NOT_FOUND
    }

    /**
     * Checks the state.
     *
     * @param state              the state
     * @param providerTransferId the id
     * @param amount             the amount
     * @param detail             the detail
     */
    public PayoutResult {
        java.util.Objects.requireNonNull(state, "state");
    }
}
