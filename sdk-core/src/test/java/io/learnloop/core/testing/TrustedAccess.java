package io.learnloop.core.testing;

import io.learnloop.core.Learnloop;
import io.learnloop.core.access.Grant;
import io.learnloop.core.access.GrantRequest;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.internal.access.DefaultAccessService;

import java.util.List;

/**
 * The access ledger's writes as the settlement makes them (no actor, each in its own retried transaction), for tests
 * of the ledger itself.
 */
public final class TrustedAccess {
    private final Learnloop learnloop;
    private final DefaultAccessService ledger;

    /**
     * Wraps a facade's access ledger.
     *
     * @param learnloop the facade
     */
    public TrustedAccess(Learnloop learnloop) {
        this.learnloop = learnloop;
        this.ledger = (DefaultAccessService) learnloop.access();
    }

    /**
     * Records a grant as a settlement does.
     *
     * @param request the grant
     * @return the grant
     */
    public Grant grant(GrantRequest request) {
        if (request == null) {
            throw io.learnloop.core.error.ValidationException.of("request", "is required");
        }
        return learnloop.context().transactRetrying(uow -> ledger.grantWithin(uow, request, null));
    }

    /**
     * Revokes a refunded line's grants as a refund's settlement does.
     *
     * @param order     the order
     * @param line      the line id
     * @param reference the refund key
     * @return the line's grants after the call
     */
    public List<Grant> revokeRefund(OrderId order, String line, String reference) {
        return learnloop.context().transactRetrying(uow -> ledger.revokeLineWithin(uow, order, line, reference));
    }
}
