package io.learnloop.core.internal.settlement;

import io.learnloop.core.access.Grant;
import io.learnloop.core.store.UnitOfWork;

/**
 * What else a refund takes back when it revokes a grant, in the refund's own unit of work: the learner's certificates
 * for the grant's courses, when the facade issues certificates.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface RevocationFollower {
    /** Follows nothing: a facade that issues no certificates. */
    RevocationFollower NONE = (uow, grant) -> { };

    /**
     * Takes back what rested on a grant the refund revoked.
     *
     * @param uow   the refund's unit of work
     * @param grant the revoked grant
     */
    void revoked(UnitOfWork uow, Grant grant);
}
