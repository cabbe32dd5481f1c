package io.learnloop.core.access;

import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.commerce.MembershipPeriod;
import io.learnloop.core.commerce.OfferId;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.error.Validator;
import io.learnloop.core.identity.UserId;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What to grant: a learner, a source and what it covers, from {@code startsAt} until {@code endsAt}. Build one with
 * {@link #purchase}, {@link #paidPeriod}, {@link #membership}, {@link #free} or {@link #manual}. Granting is
 * idempotent per source: the same purchase line, paid membership line, membership period, free enrolment or manual
 * reference yields one grant (see {@link #sourceKey()}).
 *
 * <p>A membership period paid by an order line names that order and line, like a purchase, so that
 * the refund of its line ({@code Settlement.refund}) and {@link AccessService#revokeChargeback} end it when the payment is returned.
 *
 * <p>A request made with {@link #paidPeriod} carries a {@code period} instead of fixed dates: the ledger places it
 * when it records it, in the same store transaction, at {@link MembershipPeriods#nextStart} of the learner's periods
 * of the plan as they are at that moment. Every change to a learner's periods of one plan (a grant, a revocation)
 * also changes one per-learner-and-plan record with a compare-and-set, so two different order lines granted at the
 * same instant, on two threads or two hosts sharing a database, cannot both be placed after the same period: the
 * later one retries and starts where the first one ends. The paid days never overlap.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param learner    the learner
 * @param source     the kind of source
 * @param order      the paid order: required for {@link GrantSource#PURCHASE}, optional for
 *                   {@link GrantSource#MEMBERSHIP} (the order that paid for the period), absent otherwise
 * @param orderLine  the order line's id, at most 128 characters: present exactly when {@code order} is
 * @param plan       the membership plan's offer ({@link GrantSource#MEMBERSHIP} only)
 * @param reference  why an admin grants it, 1 to 200 characters ({@link GrantSource#MANUAL} only)
 * @param courses    the courses covered (copied, duplicates dropped)
 * @param categories the categories covered ({@link GrantSource#MEMBERSHIP} only; copied)
 * @param startsAt   from when it counts; for a request with a {@code period}, the payment time: the earliest start
 * @param endsAt     until when it counts (exclusive), or null if it does not end; required for memberships; for a
 *                   request with a {@code period}, {@code period.endOf(startsAt)} (derived when null)
 * @param period     the length of a paid membership period that the ledger places after the learner's latest live
 *                   period of the plan ({@link GrantSource#MEMBERSHIP} paid by an order line only), or null when
 *                   {@code startsAt} and {@code endsAt} are the dates to grant
 */
public record GrantRequest(UserId learner, GrantSource source, OrderId order, String orderLine, OfferId plan,
                           String reference, List<CourseId> courses, List<String> categories, Instant startsAt,
                           Instant endsAt, MembershipPeriod period) {
    /** The longest reference accepted. */
    public static final int MAX_REFERENCE = 200;
    /** The most courses one grant covers. */
    public static final int MAX_COURSES = 100;
    /** The most categories one grant covers. */
    public static final int MAX_CATEGORIES = 50;

    /**
     * Validates every field at once, following the rules of the source.
     *
     * @param learner    the learner
     * @param source     the source
     * @param order      the order
     * @param orderLine  the order line
     * @param plan       the plan
     * @param reference  the reference
     * @param courses    the courses
     * @param categories the categories
     * @param startsAt   the start
     * @param endsAt     the end
     * @param period     the period to place, or null
     * @throws io.learnloop.core.error.ValidationException naming every bad field
     */
    public GrantRequest {
        if (period != null && startsAt != null && endsAt == null) {
            endsAt = period.endOf(startsAt);
        }
        Validator v = new Validator().notNull("learner", learner).notNull("source", source)
                .notNull("startsAt", startsAt)
                .check(endsAt == null || startsAt == null || endsAt.isAfter(startsAt), "endsAt",
                        "must be after startsAt (" + startsAt + "), was " + endsAt)
                .check(courses == null || courses.stream().noneMatch(java.util.Objects::isNull), "courses", "must not contain null")
                .check(courses == null || courses.size() <= MAX_COURSES, "courses",
                        "must hold at most " + MAX_COURSES + " courses")
                .check(categories == null || categories.size() <= MAX_CATEGORIES, "categories",
                        "must hold at most " + MAX_CATEGORIES + " categories");
        LinkedHashSet<CourseId> distinct = new LinkedHashSet<>();
        if (courses != null) {
            courses.stream().filter(java.util.Objects::nonNull).forEach(distinct::add);
        }
        courses = List.copyOf(distinct);
        LinkedHashSet<String> cats = new LinkedHashSet<>();
        if (categories != null) {
            for (int i = 0; i < categories.size(); i++) {
                String c = categories.get(i);
                v.notBlank("categories[" + i + "]", c, 100);
                if (c != null && !c.isBlank()) {
                    cats.add(c.strip());
                }
            }
        }
        categories = List.copyOf(cats);
        if (source != null) {
            checkSource(v, source, order, orderLine, plan, reference, courses, categories, endsAt);
        }
        if (period != null) {
            checkPeriod(v, source, order, startsAt, endsAt, period);
        }
        v.throwIfInvalid();
    }

    /**
     * A request with fixed dates (no {@code period}).
     *
     * @param learner    the learner
     * @param source     the source
     * @param order      the order
     * @param orderLine  the order line
     * @param plan       the plan
     * @param reference  the reference
     * @param courses    the courses
     * @param categories the categories
     * @param startsAt   the start
     * @param endsAt     the end
     * @throws io.learnloop.core.error.ValidationException naming every bad field
     */
    public GrantRequest(UserId learner, GrantSource source, OrderId order, String orderLine, OfferId plan,
                        String reference, List<CourseId> courses, List<String> categories, Instant startsAt,
                        Instant endsAt) {
        this(learner, source, order, orderLine, plan, reference, courses, categories, startsAt, endsAt, null);
    }

    private static void checkPeriod(Validator v, GrantSource source, OrderId order, Instant startsAt, Instant endsAt,
                                    MembershipPeriod period) {
        v.check(source == GrantSource.MEMBERSHIP, "period", "is only for memberships");
        // the start is chosen when the grant is recorded, so only the paying line can find the grant again
        v.check(source != GrantSource.MEMBERSHIP || order != null, "order",
                "is required for a membership placed by the ledger (one with a period)");
        if (startsAt != null && endsAt != null) {
            Instant end = period.endOf(startsAt);
            v.check(end.equals(endsAt), "endsAt", "must be the end of one " + period + " from startsAt (" + end
                    + ") when a period is given, was " + endsAt);
        }
    }

    private static void checkSource(Validator v, GrantSource source, OrderId order, String orderLine, OfferId plan,
                                    String reference, List<CourseId> courses, List<String> categories,
                                    Instant endsAt) {
        boolean purchase = source == GrantSource.PURCHASE;
        boolean membership = source == GrantSource.MEMBERSHIP;
        if (purchase) {
            v.notNull("order", order).notBlank("orderLine", orderLine, 128);
        } else if (membership) {
            // a membership paid by an order names its line, so a refund of that line can find it
            v.check(order != null || orderLine == null, "order", "is required when orderLine is given");
            if (order != null) {
                v.notBlank("orderLine", orderLine, 128);
            }
        } else {
            v.check(order == null, "order", "is only for purchases and memberships");
            v.check(orderLine == null, "orderLine", "is only for purchases and memberships");
        }
        v.check(membership ? plan != null : plan == null, "plan",
                membership ? "is required for a membership" : "is only for memberships");
        if (source == GrantSource.MANUAL) {
            v.notBlank("reference", reference, MAX_REFERENCE);
        } else {
            v.check(reference == null, "reference", "is only for manual grants");
        }
        if (membership) {
            v.check(!courses.isEmpty() || !categories.isEmpty(), "courses",
                    "a membership must cover at least one course or category");
            v.notNull("endsAt", endsAt);
        } else {
            v.notEmpty("courses", courses);
            v.check(categories.isEmpty(), "categories", "only memberships cover categories");
        }
    }

    /**
     * A grant for a paid order line.
     *
     * @param learner  the buyer
     * @param order    the order
     * @param line     the line's id
     * @param courses  the courses the line bought (one course, or a bundle's courses)
     * @param startsAt from when
     * @param endsAt   until when, or null for lifetime access
     * @return the request
     */
    public static GrantRequest purchase(UserId learner, OrderId order, String line, List<CourseId> courses,
                                        Instant startsAt, Instant endsAt) {
        return new GrantRequest(learner, GrantSource.PURCHASE, order, line, null, null, courses, List.of(),
                startsAt, endsAt);
    }

    /**
     * One period of a membership plan paid by an order line, placed by the ledger: when the grant is recorded, it
     * starts at {@link MembershipPeriods#nextStart} of the learner's periods of the plan (where the latest live one
     * ends, or at {@code paidAt} if none is live) and lasts one {@code period}. This is the form a payment flow uses:
     * paying early extends the membership, and two different order lines paid for the same learner and plan at the
     * same instant (two devices, two hosts) get back-to-back periods, never overlapping ones.
     *
     * <p>The grant names the order and line, so a full refund of the line ({@code Settlement.refund}) or a
     * chargeback of the order ({@link AccessService#revokeChargeback}) revokes it. Granting the same order line again
     * (a replayed settlement, at any later time) returns the grant already recorded for it, with its dates.
     *
     * @param learner    the member
     * @param order      the order that paid for the period
     * @param line       the order line's id
     * @param plan       the plan's offer
     * @param courses    the courses the plan covers
     * @param categories the categories the plan covers
     * @param paidAt     when the period was paid: its start if no period of the plan is live then
     * @param period     how long the period lasts
     * @return the request; its {@code startsAt} and {@code endsAt} are provisional until the ledger places it
     */
    public static GrantRequest paidPeriod(UserId learner, OrderId order, String line, OfferId plan,
                                          List<CourseId> courses, List<String> categories, Instant paidAt,
                                          MembershipPeriod period) {
        return new GrantRequest(learner, GrantSource.MEMBERSHIP, order, line, plan, null, courses, categories,
                paidAt, null, period);
    }

    /**
     * A grant for one period of a membership plan paid by an order line, with dates the caller chose. The grant
     * names the order and line, so a full refund of the line ({@code Settlement.refund}) or a chargeback of
     * the order ({@link AccessService#revokeChargeback}) revokes it, as for a purchase. The dates are granted as
     * given (for example to import periods paid before the SDK kept them); a payment flow uses {@link #paidPeriod}
     * instead, because a start computed beforehand from {@link MembershipPeriods#nextStart} can be taken by another
     * order paid at the same moment. One order line yields one period: granting a line that already has one (placed
     * by {@link #paidPeriod} or granted here with other dates) returns that period, whatever dates this request names.
     *
     * @param learner     the member
     * @param order       the order that paid for the period
     * @param line        the order line's id
     * @param plan        the plan's offer
     * @param courses     the courses the plan covers
     * @param categories  the categories the plan covers
     * @param periodStart the period's start
     * @param periodEnd   the period's end (exclusive)
     * @return the request
     */
    public static GrantRequest membership(UserId learner, OrderId order, String line, OfferId plan,
                                          List<CourseId> courses, List<String> categories, Instant periodStart,
                                          Instant periodEnd) {
        return new GrantRequest(learner, GrantSource.MEMBERSHIP, order, line, plan, null, courses, categories,
                periodStart, periodEnd);
    }

    /**
     * A grant for one period of a membership plan that no order line pays for (given by the host, for example a
     * plan paid outside the SDK). Refunds and chargebacks cannot find such a grant; revoke it with
     * {@link AccessService#revoke}. A payment flow uses {@link #paidPeriod} instead.
     *
     * @param learner     the member
     * @param plan        the plan's offer
     * @param courses     the courses the plan covers
     * @param categories  the categories the plan covers
     * @param periodStart the period's start
     * @param periodEnd   the period's end (exclusive)
     * @return the request
     */
    public static GrantRequest membership(UserId learner, OfferId plan, List<CourseId> courses,
                                          List<String> categories, Instant periodStart, Instant periodEnd) {
        return new GrantRequest(learner, GrantSource.MEMBERSHIP, null, null, plan, null, courses, categories,
                periodStart, periodEnd);
    }

    /**
     * A free enrolment.
     *
     * @param learner  the learner
     * @param course   the free course
     * @param startsAt from when
     * @return the request, without end
     */
    public static GrantRequest free(UserId learner, CourseId course, Instant startsAt) {
        return new GrantRequest(learner, GrantSource.FREE, null, null, null, null,
                course == null ? null : List.of(course), List.of(), startsAt, null);
    }

    /**
     * A manual grant by an admin.
     *
     * @param learner   the learner
     * @param courses   the courses
     * @param reference why (a ticket or campaign reference); one grant per learner and reference
     * @param startsAt  from when
     * @param endsAt    until when, or null
     * @return the request
     */
    public static GrantRequest manual(UserId learner, List<CourseId> courses, String reference, Instant startsAt,
                                      Instant endsAt) {
        return new GrantRequest(learner, GrantSource.MANUAL, null, null, null, reference, courses, List.of(),
                startsAt, endsAt);
    }

    /**
     * The idempotency key of this grant's source: one grant per purchase line, per learner and membership period
     * (and, for a period paid by an order, per paying order line), per learner and free course set, per learner and
     * manual reference. A membership period without an order keeps the key it always had, so grants stored before
     * memberships named their order keep their identity. For a request with a {@code period} this is the key of the
     * period as requested; the grant the ledger records carries the key of the period as placed (its actual start).
     *
     * @return the key
     */
    public String sourceKey() {
        return switch (source) {
            case PURCHASE -> "purchase:" + order.value() + ":" + orderLine;
            case MEMBERSHIP -> "membership:" + learner.value() + ":" + plan.value() + ":" + startsAt
                    + (order == null ? "" : ":order:" + order.value() + ":" + orderLine);
            case FREE -> "free:" + learner.value() + ":"
                    + courses.stream().map(CourseId::value).sorted().collect(Collectors.joining(","));
            case MANUAL -> "manual:" + learner.value() + ":" + reference;
        };
    }
}
