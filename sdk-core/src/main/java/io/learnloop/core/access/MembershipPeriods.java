package io.learnloop.core.access;

import io.learnloop.core.commerce.OfferId;
import io.learnloop.core.error.Validator;

import java.time.Instant;
import java.util.List;

/**
 * Where a new membership period starts, so that paying before the current period ends extends it rather than
 * overlapping it.
 *
 * <p>A renewal stacks: the new period starts where the learner's latest live period of the same plan ends. A
 * learner whose periods of the plan have all ended (or who never had one) starts at the payment time. Periods of
 * other plans, revoked periods and non-membership grants never move the start.
 *
 * <p>The ledger applies this rule itself to a {@link GrantRequest#paidPeriod} request, inside the transaction that
 * records the grant and guarded by a compare-and-set on one record per learner and plan, which every grant and
 * revocation of the plan's periods rewrites. So periods paid by different order lines at the same instant, on any
 * number of threads or hosts sharing the store, come out back to back: no two overlap, and together they last
 * exactly as long as the periods paid. A storefront can show the date a payment would start with
 * {@code MembershipPeriods.nextStart(access.grantsOf(learner), plan, now)}; it is a preview, since another payment
 * may be placed first.
 *
 * <p>Refunds do not move other periods. A refunded or charged-back period is revoked at the refund time; the periods
 * stacked after it keep their dates (each was paid for those dates, and its source key names its start), so the
 * unused rest of the refunded period is a gap, the part of the membership whose money went back. A later payment
 * stacks after the latest live period, not into the gap; if the refunded period was the latest, the next one starts
 * where the latest remaining live period ends, or at its payment time. To undo a renewal paid twice, refund the later
 * of the two lines: nothing is stacked after it, so no gap opens.
 *
 * <p>Thread-safe: stateless.
 */
public final class MembershipPeriods {
    private MembershipPeriods() {
    }

    /**
     * The start of the next period of a plan paid at an instant: the latest end among the grants that are
     * {@link GrantSource#MEMBERSHIP} periods of the plan, not revoked and ending after the instant; the instant
     * itself if there is none.
     *
     * @param grants one learner's grants (as from {@link AccessService#grantsOf}), in any order
     * @param plan   the plan's offer
     * @param paidAt when the new period was paid
     * @return the new period's start, never before {@code paidAt}
     * @throws io.learnloop.core.error.ValidationException if an argument is null
     */
    public static Instant nextStart(List<Grant> grants, OfferId plan, Instant paidAt) {
        new Validator().notNull("grants", grants).notNull("plan", plan).notNull("paidAt", paidAt).throwIfInvalid();
        Instant start = paidAt;
        for (Grant g : grants) {
            if (g.source() == GrantSource.MEMBERSHIP && plan.equals(g.plan()) && g.revocation() == null
                    && g.endsAt() != null && g.endsAt().isAfter(start)) {
                start = g.endsAt();
            }
        }
        return start;
    }
}
