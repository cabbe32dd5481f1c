package io.learnloop.core.ledger;

import io.learnloop.core.identity.UserId;

import java.util.List;

/**
 * Who earns from one order line: its creators with their ratios (from the course; for a bundle or a membership, as
 * the host merges them) and the affiliate chain that brought the learner.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param creators       the creators and co-authors
 * @param affiliateChain the affiliates, level 1 first, 0 to 2
 */
public record LineParties(List<CreatorShare> creators, List<UserId> affiliateChain) {
    /**
     * Copies the lists.
     *
     * @param creators       the creators
     * @param affiliateChain the affiliates
     */
    public LineParties {
        creators = creators == null ? List.of() : List.copyOf(creators);
        affiliateChain = affiliateChain == null ? List.of() : List.copyOf(affiliateChain);
    }
}
