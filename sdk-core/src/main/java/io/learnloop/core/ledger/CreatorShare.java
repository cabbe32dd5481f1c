package io.learnloop.core.ledger;

import io.learnloop.core.error.Validator;
import io.learnloop.core.identity.UserId;

/**
 * A creator's or co-author's weight in the creators' part of a line's revenue.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param creator the creator
 * @param ratio   the weight, positive (for example 70 and 30, or 2 and 1)
 */
public record CreatorShare(UserId creator, long ratio) {
    /**
     * Validates.
     *
     * @param creator the creator
     * @param ratio   the weight
     */
    public CreatorShare {
        new Validator().notNull("creator", creator)
                .check(ratio > 0, "ratio", "must be positive (was " + ratio + ")").throwIfInvalid();
    }

    /**
     * Creates a share.
     *
     * @param creator the creator's user id
     * @param ratio   the weight
     * @return the share
     */
    public static CreatorShare of(String creator, long ratio) {
        return new CreatorShare(UserId.of(creator), ratio);
    }
}
