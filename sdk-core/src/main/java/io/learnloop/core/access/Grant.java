package io.learnloop.core.access;

import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.commerce.OfferId;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.error.Validator;
import io.learnloop.core.identity.UserId;

import java.time.Instant;
import java.util.List;

/**
 * An entry of the entitlement ledger: a learner may open the listed courses (and, for memberships, the courses of
 * the listed categories) from {@code startsAt} until {@code endsAt}, unless it was revoked. Grants are never
 * deleted; a revocation is recorded on the grant.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id         the grant's id
 * @param learner    the learner
 * @param source     the kind of source
 * @param sourceKey  the idempotency key of the source (see {@link GrantRequest#sourceKey()})
 * @param order      the paid order, for purchases and for membership periods paid by an order; else null
 * @param orderLine  the order line, whenever {@code order} is set; else null
 * @param plan       the membership plan, for memberships
 * @param reference  the admin's reference, for manual grants
 * @param courses    the courses covered (copied)
 * @param categories the categories covered (copied)
 * @param startsAt   from when it counts
 * @param endsAt     until when it counts (exclusive), or null
 * @param grantedAt  when it was recorded
 * @param grantedBy  the admin who granted it, or null
 * @param revocation its revocation, or null
 */
public record Grant(GrantId id, UserId learner, GrantSource source, String sourceKey, OrderId order,
                    String orderLine, OfferId plan, String reference, List<CourseId> courses,
                    List<String> categories, Instant startsAt, Instant endsAt, Instant grantedAt, UserId grantedBy,
                    Revocation revocation) {
    /**
     * Validates and copies.
     *
     * @param id         the id
     * @param learner    the learner
     * @param source     the source
     * @param sourceKey  the source key
     * @param order      the order
     * @param orderLine  the line
     * @param plan       the plan
     * @param reference  the reference
     * @param courses    the courses
     * @param categories the categories
     * @param startsAt   the start
     * @param endsAt     the end
     * @param grantedAt  when recorded
     * @param grantedBy  by whom
     * @param revocation the revocation
     * @throws io.learnloop.core.error.ValidationException naming every bad field
     */
    public Grant {
        new Validator().notNull("id", id).notNull("learner", learner).notNull("source", source)
                .notBlank("sourceKey", sourceKey, 1024).notNull("startsAt", startsAt).notNull("grantedAt", grantedAt)
                .throwIfInvalid();
        courses = courses == null ? List.of() : List.copyOf(courses);
        categories = categories == null ? List.of() : List.copyOf(categories);
    }

    /**
     * Records a request as a grant.
     *
     * @param id        the new grant's id
     * @param request   the request
     * @param grantedAt when
     * @param grantedBy the admin, or null
     * @return the grant
     */
    public static Grant of(GrantId id, GrantRequest request, Instant grantedAt, UserId grantedBy) {
        return new Grant(id, request.learner(), request.source(), request.sourceKey(), request.order(),
                request.orderLine(), request.plan(), request.reference(), request.courses(), request.categories(),
                request.startsAt(), request.endsAt(), grantedAt, grantedBy, null);
    }

    /**
     * Whether the grant covers a course, by id or by category.
     *
     * @param course   the course
     * @param category the course's category, or null
     * @return true if covered
     */
    public boolean covers(CourseId course, String category) {
        // An indexed loop with an identity check first: this runs for every grant of a learner on each decision.
        List<CourseId> cs = courses;
        for (int i = 0, n = cs.size(); i < n; i++) {
            CourseId c = cs.get(i);
            if (c == course || c.equals(course)) {
                return true;
            }
        }
        return category != null && !categories.isEmpty() && categories.contains(category);
    }

    /**
     * Whether the grant lets its learner in at an instant: started, not ended, not revoked.
     *
     * @param at the instant
     * @return true if active
     */
    public boolean isActiveAt(Instant at) {
        return !startsAt.isAfter(at) && (endsAt == null || at.isBefore(endsAt)) && !isRevokedAt(at);
    }

    /**
     * Whether the grant had been revoked by an instant.
     *
     * @param at the instant
     * @return true if revoked at or before it
     */
    public boolean isRevokedAt(Instant at) {
        return revocation != null && !at.isBefore(revocation.revokedAt());
    }

    /**
     * Whether the grant had ended by an instant.
     *
     * @param at the instant
     * @return true if its end is at or before it
     */
    public boolean isExpiredAt(Instant at) {
        return endsAt != null && !at.isBefore(endsAt);
    }

    /**
     * This grant with a revocation recorded.
     *
     * @param r the revocation
     * @return the revoked grant
     */
    public Grant revoked(Revocation r) {
        return new Grant(id, learner, source, sourceKey, order, orderLine, plan, reference, courses, categories,
                startsAt, endsAt, grantedAt, grantedBy, r);
    }
}
