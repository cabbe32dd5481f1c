package io.learnloop.payment.apple;

import io.learnloop.core.identity.UserId;

import java.util.Optional;
import java.util.UUID;

/**
 * The host's map from the {@code appAccountToken} its app passes with a purchase
 * ({@code Product.PurchaseOption.appAccountToken(_:)}) to the Learnloop learner who bought. A renewal carries the
 * token of the first purchase; one without a token is matched to the learner of its subscription's first
 * transaction, when that one was known.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface AppleAccounts {
    /**
     * The learner behind a token.
     *
     * @param appAccountToken the token from the verified transaction
     * @return the learner, or empty if the token is unknown (the purchase is then kept for review)
     */
    Optional<UserId> learnerFor(UUID appAccountToken);
}
