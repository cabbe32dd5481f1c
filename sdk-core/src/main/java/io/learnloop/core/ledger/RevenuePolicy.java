package io.learnloop.core.ledger;

import io.learnloop.core.error.Validator;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.money.Money;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A platform's revenue terms: its fee and the commissions of the first and second affiliate level, each in basis
 * points of a line's net amount. Creators share the rest.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param platformFeeBps the platform's fee (2000 = 20%)
 * @param level1Bps      the commission of the affiliate who brought the learner
 * @param level2Bps      the commission of the affiliate who brought that affiliate
 */
public record RevenuePolicy(int platformFeeBps, int level1Bps, int level2Bps) {
    /**
     * Validates.
     *
     * @param platformFeeBps the fee
     * @param level1Bps      level 1
     * @param level2Bps      level 2
     */
    public RevenuePolicy {
        new Validator()
                .check(platformFeeBps >= 0 && platformFeeBps <= 10_000, "platformFeeBps", "must be 0 to 10000")
                .check(level1Bps >= 0 && level1Bps <= 10_000, "level1Bps", "must be 0 to 10000")
                .check(level2Bps >= 0 && level2Bps <= 10_000, "level2Bps", "must be 0 to 10000")
                .check((long) platformFeeBps + level1Bps + level2Bps <= 10_000, "platformFeeBps",
                        "the fee and commissions together exceed 100%")
                .throwIfInvalid();
    }

    /**
     * Splits one line under this policy. An affiliate chain shorter than two levels leaves the unpaid commission
     * with the creators.
     *
     * @param line           the order line
     * @param net            what was paid for it
     * @param creators       the creators and their ratios
     * @param affiliateChain the affiliates, level 1 first (0 to 2)
     * @return the sale line
     */
    public SaleLine split(int line, Money net, List<CreatorShare> creators, List<UserId> affiliateChain) {
        List<UserId> chain = affiliateChain == null ? List.of() : affiliateChain;
        new Validator().check(chain.size() <= SaleLine.MAX_AFFILIATE_LEVELS, "affiliateChain",
                "at most " + SaleLine.MAX_AFFILIATE_LEVELS + " levels are paid")
                .check(chain.stream().noneMatch(Objects::isNull), "affiliateChain", "must not contain null")
                .throwIfInvalid();
        List<AffiliateShare> affiliates = new ArrayList<>();
        int[] bps = {level1Bps, level2Bps};
        for (int i = 0; i < chain.size(); i++) {
            if (bps[i] > 0) {
                affiliates.add(new AffiliateShare(chain.get(i), bps[i]));
            }
        }
        return new SaleLine(line, net, platformFeeBps, creators, affiliates);
    }
}
