package io.learnloop.core.commerce;

/**
 * How the price of a pay-per-outcome offer (按效果付费) depends on the learner's result by the deadline.
 *
 * <p>Thread-safe: an enum.
 */
public enum OutcomeKind {
    /**
     * The learner pays the whole price now; a stated share of what they paid is refunded if, by the deadline, they
     * completed the required work but did not pass. Nothing is refunded if the required work was not completed.
     */
    REFUND_SHARE_IF_NOT_PASSED,
    /**
     * The learner pays a deposit now (the offer's price); if they pass by the deadline, the rest falls due as a second
     * order at the amount fixed when they bought. If they do not pass, they owe nothing more.
     */
    DEPOSIT_THEN_REST
}
