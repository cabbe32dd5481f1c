package io.learnloop.core.ledger;

import io.learnloop.core.error.Validator;
import io.learnloop.core.identity.UserId;

/**
 * An affiliate's (分销) commission on one line, in basis points of the line's net amount.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param affiliate the affiliate
 * @param bps       basis points of the line's net, 1 to 10000
 */
public record AffiliateShare(UserId affiliate, int bps) {
    /**
     * Validates.
     *
     * @param affiliate the affiliate
     * @param bps       the basis points
     */
    public AffiliateShare {
        new Validator().notNull("affiliate", affiliate)
                .check(bps > 0 && bps <= 10_000, "bps", "must be 1 to 10000 (was " + bps + ")").throwIfInvalid();
    }
}
