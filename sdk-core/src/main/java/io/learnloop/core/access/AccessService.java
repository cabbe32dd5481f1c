package io.learnloop.core.access;

import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.UserId;

import java.time.Instant;
import java.util.List;

/**
 * The entitlement ledger and the access decisions made from it.
 *
 * <p>Grants come from purchases, membership periods, free enrolments and admins; revocations from refunds,
 * chargebacks and admins. Nothing is deleted. Granting is idempotent per source, so a payment notification that
 * arrives twice yields one grant. Access follows the course, not a version: a learner who bought version 1 keeps
 * access when version 2 is published. Every grant emits {@code access.granted} and every revocation
 * {@code access.revoked}, one event per covered course or category, with the data {@code learner},
 * {@code course} (or {@code category}), {@code grant} and {@code source}.
 *
 * <p>Roles: grants and manual revocations need {@link io.learnloop.core.identity.Role#ADMIN} (a creator may give
 * free access to their own courses); chargebacks need {@link io.learnloop.core.identity.Role#FINANCE}; purchases and
 * refunds grant and revoke through the settlement of their payment; decisions and reads need none.
 *
 * <p>Thread-safe.
 */
public interface AccessService {
    /**
     * Records a grant on behalf of a person, or returns the grant already recorded for the same source. Purchases and
     * membership periods are granted by the settlement of their payment ({@code Learnloop.settlement()}) in the
     * transaction that marks the order paid; this call is for everything else.
     *
     * <p>Roles: an admin may record any grant (the only way to make {@link GrantSource#MANUAL} grants, for example
     * after a payment listed for review). A creator may record {@link GrantSource#FREE} grants of courses they author
     * (a free enrolment); no one else may grant.
     *
     * <p>A {@link GrantRequest#paidPeriod} request is placed here: it starts where the learner's latest live period
     * of the plan ends (or at its payment time), decided in the transaction that records it, so periods granted at
     * the same moment, on any thread or host, never overlap.
     *
     * @param actor   an admin, or an author of every listed course for a free grant
     * @param request the grant
     * @return the grant (the existing one if the source was already granted)
     * @throws io.learnloop.core.error.ForbiddenException if the actor may not record this grant
     * @throws io.learnloop.core.error.NotFoundException  if a listed course does not exist
     * @throws io.learnloop.core.error.ConflictException  if the source was already granted to another learner, for
     *                                                    other courses or for another plan
     */
    Grant grant(Actor actor, GrantRequest request);

    /**
     * Revokes every grant of a charged-back order (purchases and the membership periods it paid for). Refunds revoke
     * their lines' grants themselves, in the refund's settlement.
     *
     * @param actor     someone with {@link io.learnloop.core.identity.Role#FINANCE}
     * @param order     the order
     * @param reference the chargeback's reference
     * @return the order's grants after the call (possibly none)
     * @throws io.learnloop.core.error.ForbiddenException if the actor lacks the role
     */
    List<Grant> revokeChargeback(Actor actor, OrderId order, String reference);

    /**
     * One page of the grants that name a course (its buyers, free enrolments and manual grants, revoked ones
     * included), the most recent first: the learners of a course.
     *
     * @param viewer an author of the course, or an admin
     * @param course the course
     * @param cursor the previous page's {@link io.learnloop.core.Page#nextCursor()}, or null for the first page
     * @param limit  the page size, 1 to {@value io.learnloop.core.Page#MAX_LIMIT}
     * @return the page
     * @throws io.learnloop.core.error.ForbiddenException if the viewer may not see them
     * @throws io.learnloop.core.error.NotFoundException  if the course does not exist
     */
    io.learnloop.core.Page<Grant> learnersOf(Actor viewer, CourseId course, String cursor, int limit);

    /**
     * Revokes one grant on behalf of an admin.
     *
     * @param admin  an admin
     * @param grant  the grant
     * @param reason why, 1 to 200 characters
     * @return the grant after the call
     */
    Grant revoke(Actor admin, GrantId grant, String reason);

    /**
     * Reads a grant.
     *
     * @param grant the id
     * @return the grant
     * @throws io.learnloop.core.error.NotFoundException if absent
     */
    Grant grantById(GrantId grant);

    /**
     * Every grant a learner ever held, oldest first.
     *
     * @param learner the learner
     * @return the grants
     */
    List<Grant> grantsOf(UserId learner);

    /**
     * May the learner open the lesson at the instant, and why.
     *
     * @param learner the learner
     * @param lesson  a lesson of any course
     * @param at      the instant
     * @return the decision
     * @throws io.learnloop.core.error.NotFoundException if no course has the lesson
     */
    AccessDecision decide(UserId learner, LessonId lesson, Instant at);

    /**
     * May the learner open the course's (non-preview) lessons at the instant, and why.
     *
     * @param learner the learner
     * @param course  the course
     * @param at      the instant
     * @return the decision, without lesson
     * @throws io.learnloop.core.error.NotFoundException if the course does not exist
     */
    AccessDecision decideCourse(UserId learner, CourseId course, Instant at);

    /**
     * Whether the learner holds an active grant for the course at the instant (free previews do not count).
     *
     * @param learner the learner
     * @param course  the course
     * @param at      the instant
     * @return true if entitled
     */
    boolean hasAccess(UserId learner, CourseId course, Instant at);

    /**
     * The published courses the learner holds an active grant for at the instant, by id or by category.
     *
     * @param learner the learner
     * @param at      the instant
     * @return the course ids, sorted
     */
    List<CourseId> entitledCourses(UserId learner, Instant at);
}
