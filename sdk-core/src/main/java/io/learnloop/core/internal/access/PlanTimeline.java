package io.learnloop.core.internal.access;

import io.learnloop.core.access.Grant;
import io.learnloop.core.access.GrantId;
import io.learnloop.core.access.GrantSource;
import io.learnloop.core.access.MembershipPeriods;
import io.learnloop.core.commerce.OfferId;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.store.UnitOfWork;
import io.learnloop.core.store.Versioned;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A learner's periods of one plan as one unit of work reads them, with the {@link MembershipTimeline} head read
 * before them. A change to the periods is written with {@link #save}, which compare-and-sets the head: if another
 * transaction changed the periods after the head was read, the save (or the commit) fails with a conflict and the
 * caller's retry reads again.
 *
 * <p>Not thread-safe: one per unit of work.
 */
final class PlanTimeline {
    private final UserId learner;
    private final OfferId plan;
    private final Versioned<MembershipTimeline> head;
    private final Map<GrantId, Grant> periods = new LinkedHashMap<>();

    private PlanTimeline(UserId learner, OfferId plan, Versioned<MembershipTimeline> head) {
        this.learner = learner;
        this.plan = plan;
        this.head = head;
    }

    /**
     * Reads the head, then the learner's periods of the plan. The head comes first: a period committed after it was
     * read then always shows as a changed head version at the save, never as a period silently missed.
     *
     * @param uow     the unit of work
     * @param learner the learner
     * @param plan    the plan
     * @return the timeline
     */
    static PlanTimeline read(UnitOfWork uow, UserId learner, OfferId plan) {
        PlanTimeline t = new PlanTimeline(learner, plan,
                uow.find(AccessTypes.TIMELINE, MembershipTimeline.idOf(learner, plan)).orElse(null));
        for (Versioned<Grant> v : uow.findBy(AccessTypes.GRANT, AccessTypes.BY_LEARNER, learner.value())) {
            Grant g = v.value();
            if (g.source() == GrantSource.MEMBERSHIP && plan.equals(g.plan())) {
                t.periods.put(g.id(), g);
            }
        }
        return t;
    }

    /**
     * Where a period paid at an instant starts, after the periods read.
     *
     * @param paidAt the payment time
     * @return the start
     */
    Instant nextStart(Instant paidAt) {
        return MembershipPeriods.nextStart(List.copyOf(periods.values()), plan, paidAt);
    }

    /**
     * Takes a period this unit of work granted or revoked into account.
     *
     * @param period the period as written
     */
    void put(Grant period) {
        periods.put(period.id(), period);
    }

    /**
     * Writes the head: inserted if there was none, else updated from the version read.
     *
     * @param uow the unit of work
     * @param now the change's time
     */
    void save(UnitOfWork uow, Instant now) {
        Instant end = null;
        for (Grant g : periods.values()) {
            if (g.revocation() == null && g.endsAt() != null && (end == null || g.endsAt().isAfter(end))) {
                end = g.endsAt();
            }
        }
        MembershipTimeline next = new MembershipTimeline(MembershipTimeline.idOf(learner, plan), learner, plan, end,
                now);
        if (head == null) {
            uow.insert(AccessTypes.TIMELINE, next);
        } else {
            uow.update(AccessTypes.TIMELINE, next, head.version());
        }
    }
}
