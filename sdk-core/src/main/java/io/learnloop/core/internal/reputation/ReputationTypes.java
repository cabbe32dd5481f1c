package io.learnloop.core.internal.reputation;

import io.learnloop.core.reputation.Badge;
import io.learnloop.core.reputation.EarnedCoupon;
import io.learnloop.core.reputation.ReputationEntry;
import io.learnloop.core.reputation.RoleHolding;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.SortKeys;

/**
 * The aggregate types of reputation: the journal, the per-learner summary, roles held, coupons earned and badges.
 *
 * <p>Thread-safe: constants only.
 */
public final class ReputationTypes {
    /** Sorted index of a learner's records, by time. */
    public static final String BY_LEARNER = "learner";
    /** Sorted index of the journal entries an actor awarded, by time: the daily cap counts a day's range of it. */
    public static final String BY_ACTOR = "actor";
    /** Unique: one entry per source and source id, so a reported act counts once. */
    public static final String SOURCE = "source";
    /** Unique: one entry per source, actor, learner and target, so an actor awards a target once. */
    public static final String VOTE = "vote";
    /** Sorted index of a role's holders, by the time they gained it. */
    public static final String BY_ROLE = "role";
    /** Sorted index of every role holding, by when it lapses (see {@link RoleHolding#lapsesAt()}). */
    public static final String BY_LAPSE = "lapse";
    /** The one key of {@link #BY_LAPSE}. */
    public static final String ALL = "all";

    /** Unique: one badge per learner and achievement. */
    public static final String HELD = "held";
    /** Unique: a badge's credential id. */
    public static final String CREDENTIAL = "credential";

    /** The append-only journal. */
    public static final AggregateType<ReputationEntry> ENTRY = AggregateType
            .builder("reputation_entry", ReputationEntry.class, ReputationEntry::id)
            .sortedIndex(BY_LEARNER, e -> e.learner().value(), e -> SortKeys.instant(e.recordedAt()))
            .sortedIndex(BY_ACTOR, e -> e.actor().value(), e -> SortKeys.instant(e.recordedAt()))
            .unique(SOURCE, e -> sourceKey(e.source().name(), e.sourceId()))
            .unique(VOTE, e -> e.source().name() + "|" + e.actor().value() + "|" + e.learner().value() + "|"
                    + e.target())
            .build();

    /** How many awards an actor gave on a UTC day: the record the daily cap rests on. */
    public static final AggregateType<ActorDay> ACTOR_DAY = AggregateType
            .builder("reputation_actor_day", ActorDay.class, ActorDay::id)
            .sortedIndex(BY_ACTOR, d -> d.actor().value(), ActorDay::day)
            .build();

    /** One summary per learner, kept with every entry so that a score costs one read. */
    public static final AggregateType<ReputationSummary> SUMMARY = AggregateType
            .builder("reputation_summary", ReputationSummary.class, s -> s.learner().value())
            .build();

    /** A role held. */
    public static final AggregateType<RoleHolding> ROLE = AggregateType
            .builder("reputation_role", RoleHolding.class, RoleHolding::id)
            .sortedIndex(BY_ROLE, h -> h.role().name(), h -> SortKeys.instant(h.since()))
            .sortedIndex(BY_LEARNER, h -> h.learner().value(), h -> h.role().name())
            // a holding stored before lapses were kept sorts by its start, so the next run re-evaluates it
            .sortedIndex(BY_LAPSE, h -> ALL, h -> SortKeys.instant(h.lapsesAt() == null ? h.since() : h.lapsesAt()))
            .build();

    /** A coupon earned. */
    public static final AggregateType<EarnedCoupon> COUPON = AggregateType
            .builder("reputation_coupon", EarnedCoupon.class, EarnedCoupon::id)
            .sortedIndex(BY_LEARNER, c -> c.learner().value(), c -> SortKeys.instant(c.earnedAt()))
            .build();

    /** A badge. */
    public static final AggregateType<Badge> BADGE = AggregateType
            .builder("reputation_badge", Badge.class, b -> b.id().value())
            .sortedIndex(BY_LEARNER, b -> b.learner().value(), b -> SortKeys.instant(b.issuedAt()))
            .unique(HELD, b -> b.learner().value() + "|" + b.achievement())
            .unique(CREDENTIAL, Badge::credentialId)
            .build();

    private ReputationTypes() {
    }

    /**
     * The {@link #SOURCE} key of an act.
     *
     * @param source   the source's name
     * @param sourceId the act's id
     * @return the key
     */
    public static String sourceKey(String source, String sourceId) {
        return source + "|" + sourceId;
    }
}
