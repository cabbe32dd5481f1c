package io.learnloop.core.internal.access;

import io.learnloop.core.access.Grant;
import io.learnloop.core.access.GrantId;
import io.learnloop.core.access.GrantSource;
import io.learnloop.core.commerce.OfferId;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.store.UnitOfWork;
import io.learnloop.core.store.Versioned;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A learner's periods of one plan, as one unit of work sees them through their {@link MembershipTimeline} head.
 * The head is read first and written last with a compare-and-set ({@link #save}): if another transaction changed
 * the periods in between, the save or the commit fails with a conflict and the caller's retry starts again from the
 * head the other transaction wrote.
 *
 * <p>The end comes from the head, one record read at once, so a start computed from it is exactly as fresh as the
 * version the compare-and-set checks. The grants are read only when the head cannot say: for a learner whose
 * periods were granted before heads were kept, and when the period that held the latest end is revoked.
 *
 * <p>Not thread-safe: one per unit of work.
 */
final class PlanTimeline {
    private final UnitOfWork uow;
    private final UserId learner;
    private final OfferId plan;
    private final Versioned<MembershipTimeline> head;
    /** Periods of the plan this unit of work granted or revoked, which a read of the grants may not show yet. */
    private final Map<GrantId, Grant> changed = new LinkedHashMap<>();
    private Instant end;

    private PlanTimeline(UnitOfWork uow, UserId learner, OfferId plan, Versioned<MembershipTimeline> head) {
        this.uow = uow;
        this.learner = learner;
        this.plan = plan;
        this.head = head;
        this.end = head != null ? head.value().end() : latestEndOfGrants();
    }

    /**
     * Reads the head (or, if there is none yet, the learner's periods of the plan).
     *
     * @param uow     the unit of work
     * @param learner the learner
     * @param plan    the plan
     * @return the timeline
     */
    static PlanTimeline read(UnitOfWork uow, UserId learner, OfferId plan) {
        return new PlanTimeline(uow, learner, plan,
                uow.find(AccessTypes.TIMELINE, MembershipTimeline.idOf(learner, plan)).orElse(null));
    }

    /**
     * Where a period paid at an instant starts: the latest end of the unrevoked periods, if after the instant; else
     * the instant. The same rule as {@link io.learnloop.core.access.MembershipPeriods#nextStart}.
     *
     * @param paidAt the payment time
     * @return the start
     */
    Instant nextStart(Instant paidAt) {
        return end != null && end.isAfter(paidAt) ? end : paidAt;
    }

    /**
     * Takes a period this unit of work granted into account.
     *
     * @param period the new period
     */
    void granted(Grant period) {
        changed.put(period.id(), period);
        if (period.endsAt() != null && (end == null || period.endsAt().isAfter(end))) {
            end = period.endsAt();
        }
    }

    /**
     * Takes a period this unit of work revoked into account. Revoking an earlier period leaves the end; revoking the
     * one that ends last moves the end back to the latest of the others.
     *
     * @param period the period, revoked
     */
    void revoked(Grant period) {
        changed.put(period.id(), period);
        if (period.endsAt() != null && period.endsAt().equals(end)) {
            end = latestEndOfGrants();
        }
    }

    /**
     * Writes the head: inserted if there was none, else updated from the version read.
     *
     * @param now the change's time
     */
    void save(Instant now) {
        MembershipTimeline next = new MembershipTimeline(MembershipTimeline.idOf(learner, plan), learner, plan, end,
                now);
        if (head == null) {
            uow.insert(AccessTypes.TIMELINE, next);
        } else {
            uow.update(AccessTypes.TIMELINE, next, head.version());
        }
    }

    private Instant latestEndOfGrants() {
        Map<GrantId, Grant> periods = new LinkedHashMap<>();
        for (Versioned<Grant> v : uow.findBy(AccessTypes.GRANT, AccessTypes.BY_LEARNER, learner.value())) {
            Grant g = v.value();
            if (g.source() == GrantSource.MEMBERSHIP && plan.equals(g.plan())) {
                periods.put(g.id(), g);
            }
        }
        periods.putAll(changed);
        Instant latest = null;
        for (Grant g : periods.values()) {
            if (g.revocation() == null && g.endsAt() != null && (latest == null || g.endsAt().isAfter(latest))) {
                latest = g.endsAt();
            }
        }
        return latest;
    }
}
