package io.learnloop.core.ledger;

import io.learnloop.core.error.Validator;
import io.learnloop.core.money.Money;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How one paid order line's net amount is shared: the platform's fee and up to two affiliate levels, in basis
 * points of the net; the creators share what remains by their ratios. Every split is exact to the minor unit
 * (largest remainder), so the shares always sum to the net.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param line           the order line, from 1
 * @param net            what the learner paid for the line, not negative
 * @param platformFeeBps the platform's fee in basis points, 0 to 10000
 * @param creators       the creators and co-authors, at least one, each once
 * @param affiliates     the affiliate chain, level 1 first, at most two, each once
 */
public record SaleLine(int line, Money net, int platformFeeBps, List<CreatorShare> creators,
                       List<AffiliateShare> affiliates) {
    /** The most affiliate levels paid. */
    public static final int MAX_AFFILIATE_LEVELS = 2;

    /**
     * Validates every field at once and copies.
     *
     * @param line           the line
     * @param net            the net
     * @param platformFeeBps the fee
     * @param creators       the creators
     * @param affiliates     the affiliates
     */
    public SaleLine {
        creators = creators == null ? List.of() : creators;
        affiliates = affiliates == null ? List.of() : affiliates;
        int affiliateBps = 0;
        for (AffiliateShare a : affiliates) {
            affiliateBps += a == null ? 0 : a.bps();
        }
        // Every paid order builds its lines, so the checks below allocate only what a violation needs: no message
        // is built and no stream run for a valid line.
        boolean creatorNull = false;
        boolean creatorTwice = false;
        Set<Object> people = new HashSet<>();
        for (CreatorShare c : creators) {
            if (c == null) {
                creatorNull = true;
            } else if (!people.add(c.creator())) {
                creatorTwice = true;
            }
        }
        boolean affiliateNull = false;
        boolean affiliateTwice = false;
        Set<Object> affiliated = new HashSet<>();
        for (AffiliateShare a : affiliates) {
            if (a == null) {
                affiliateNull = true;
            } else if (!affiliated.add(a.affiliate())) {
                affiliateTwice = true;
            }
        }
        Validator v = new Validator();
        if (line < 1) {
            v.check(false, "line", "must be 1 or more (was " + line + ")");
        }
        v.notNull("net", net).check(net == null || !net.isNegative(), "net", "must not be negative");
        if (platformFeeBps < 0 || platformFeeBps > 10_000) {
            v.check(false, "platformFeeBps", "must be 0 to 10000 (was " + platformFeeBps + ")");
        }
        v.check(!creators.isEmpty(), "creators", "at least one creator receives the revenue")
                .check(!creatorNull, "creators", "must not contain null")
                .check(!creatorTwice, "creators", "must list each creator once")
                .check(affiliates.size() <= MAX_AFFILIATE_LEVELS, "affiliates",
                        "at most " + MAX_AFFILIATE_LEVELS + " levels are paid")
                .check(!affiliateNull, "affiliates", "must not contain null")
                .check(!affiliateTwice, "affiliates", "must list each affiliate once");
        if (platformFeeBps + affiliateBps > 10_000) {
            v.check(false, "platformFeeBps",
                    "the fee and commissions together exceed 100% (" + (platformFeeBps + affiliateBps) + " bps)");
        }
        v.throwIfInvalid();
        creators = List.copyOf(creators);
        affiliates = List.copyOf(affiliates);
    }
}
