package io.learnloop.core.catalog;

import io.learnloop.core.error.Validator;
import io.learnloop.core.identity.UserId;

/**
 * An author of a course and the weight of their share of its revenue. Shares are ratios: authors weighted 3 and 1
 * split the authors' revenue 75% / 25% (see {@link io.learnloop.core.money.Money#allocate(long...)}).
 *
 * <p>Thread-safe: immutable record.
 *
 * @param user         the author
 * @param revenueShare the weight of their share, at least 1
 */
public record Author(UserId user, long revenueShare) {
    /**
     * Validates.
     *
     * @param user         the author
     * @param revenueShare the share weight
     * @throws io.learnloop.core.error.ValidationException if the user is missing or the share is not positive
     */
    public Author {
        new Validator()
                .notNull("author.user", user)
                .check(revenueShare > 0, "author.revenueShare", "must be at least 1 (was " + revenueShare + ")")
                .throwIfInvalid();
    }

    /**
     * Creates an author.
     *
     * @param user         the user id
     * @param revenueShare the share weight
     * @return the author
     */
    public static Author of(String user, long revenueShare) {
        return new Author(UserId.of(user), revenueShare);
    }
}
