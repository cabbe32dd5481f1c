package io.learnloop.core.internal.review;

import io.learnloop.core.access.AccessService;
import io.learnloop.core.access.Grant;
import io.learnloop.core.access.GrantSource;
import io.learnloop.core.access.RevocationReason;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.review.EntitlementHistory;
import io.learnloop.core.review.PurchaseStanding;

import java.util.Objects;
import java.util.function.Function;

/**
 * The access ledger seen as an {@link EntitlementHistory}: purchase and membership grants covering the course
 * count, whether current, expired or revoked by hand; a grant revoked for a refund or chargeback counts as refunded.
 *
 * <p>Thread-safe: reads the access service on each call.
 */
public final class AccessEntitlementHistory implements EntitlementHistory {
    private final AccessService access;
    private final Function<CourseId, String> categoryOf;

    /**
     * Creates the adapter.
     *
     * @param access     the access service
     * @param categoryOf the category of a course (grants may cover a whole category), or null when unknown
     */
    public AccessEntitlementHistory(AccessService access, Function<CourseId, String> categoryOf) {
        this.access = Objects.requireNonNull(access, "access");
        this.categoryOf = Objects.requireNonNull(categoryOf, "categoryOf");
    }

    @Override
    public PurchaseStanding standing(UserId learner, CourseId course) {
        String category = categoryOf.apply(course);
        boolean refunded = false;
        for (Grant g : access.grantsOf(learner)) {
            if (!g.covers(course, category) || (g.source() != GrantSource.PURCHASE && g.source() != GrantSource.MEMBERSHIP)) {
                continue;
            }
            RevocationReason reason = g.revocation() == null ? null : g.revocation().reason();
            if (reason == RevocationReason.REFUND || reason == RevocationReason.CHARGEBACK) {
                refunded = true;
            } else {
                return PurchaseStanding.QUALIFYING;
            }
        }
        return refunded ? PurchaseStanding.REFUNDED : PurchaseStanding.NONE;
    }
}
