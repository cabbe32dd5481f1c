package io.learnloop.core.ledger;

import io.learnloop.core.error.Validator;
import io.learnloop.core.money.Money;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
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
        Set<Object> people = new HashSet<>();
        Validator v = new Validator()
                .check(line >= 1, "line", "must be 1 or more (was " + line + ")")
                .notNull("net", net)
                .check(net == null || !net.isNegative(), "net", "must not be negative")
                .check(platformFeeBps >= 0 && platformFeeBps <= 10_000, "platformFeeBps",
                        "must be 0 to 10000 (was " + platformFeeBps + ")")
                .check(!creators.isEmpty(), "creators", "at least one creator receives the revenue")
                .check(creators.stream().noneMatch(Objects::isNull), "creators", "must not contain null")
                .check(creators.stream().filter(Objects::nonNull).allMatch(c -> people.add(c.creator())), "creators",
                        "must list each creator once")
                .check(affiliates.size() <= MAX_AFFILIATE_LEVELS, "affiliates",
                        "at most " + MAX_AFFILIATE_LEVELS + " levels are paid")
                .check(affiliates.stream().noneMatch(Objects::isNull), "affiliates", "must not contain null")
                .check(affiliates.stream().filter(Objects::nonNull).map(AffiliateShare::affiliate).distinct().count()
                        == affiliates.stream().filter(Objects::nonNull).count(), "affiliates",
                        "must list each affiliate once")
                .check(platformFeeBps + affiliateBps <= 10_000, "platformFeeBps",
                        "the fee and commissions together exceed 100% (" + (platformFeeBps + affiliateBps) + " bps)");
        v.throwIfInvalid();
        creators = List.copyOf(creators);
        affiliates = List.copyOf(affiliates);
    }
}
