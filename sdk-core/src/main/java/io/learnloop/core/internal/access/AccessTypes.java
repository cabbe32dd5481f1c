package io.learnloop.core.internal.access;

import io.learnloop.core.access.Grant;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.SortKeys;

/** The access ledger's aggregate types and their keys. */
public final class AccessTypes {
    /** Index of grants by learner. */
    public static final String BY_LEARNER = "learner";
    /** Index of grants paid by an order (purchases and paid membership periods) by order. */
    public static final String BY_ORDER = "order";
    /** Index of grants by the courses they name, in the order they were granted. */
    public static final String BY_COURSE = "course";
    /** Unique key: one grant per source. */
    public static final String SOURCE = "source";

    /** Grants, keyed by grant id. */
    public static final AggregateType<Grant> GRANT = AggregateType
            .builder("access_grant", Grant.class, (Grant g) -> g.id().value())
            .index(BY_LEARNER, g -> g.learner().value())
            .index(BY_ORDER, g -> g.order() == null ? null : g.order().value())
            .sortedMultiIndex(BY_COURSE, g -> g.courses().stream().map(c -> c.value()).toList(),
                    g -> SortKeys.instant(g.grantedAt()))
            .unique(SOURCE, Grant::sourceKey)
            .build();

    /** One head per learner and membership plan, rewritten by every grant and revocation of its periods. */
    public static final AggregateType<MembershipTimeline> TIMELINE = AggregateType
            .builder("access_membership_timeline", MembershipTimeline.class, MembershipTimeline::id)
            .index(BY_LEARNER, t -> t.learner().value())
            .build();

    private AccessTypes() {
    }
}
