package io.learnloop.core.commerce;

import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.error.Validator;
import io.learnloop.core.money.Money;

import java.util.HashSet;
import java.util.List;

/**
 * What a creator fills in to create an {@link Offer}. Use the factories {@link #course}, {@link #bundle} and
 * {@link #membership}; the constructor checks that the fields fit the kind.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param kind       what it sells
 * @param title      the title, 1 to {@value #MAX_TITLE} characters
 * @param price      the list price, not negative
 * @param courses    the courses (one for a course offer, 2 to {@value #MAX_BUNDLE} for a bundle, none for a plan)
 * @param membership the plan's terms (only for a membership)
 * @param outcome    the pay-per-outcome condition (only for a course offer with a positive price), or null for an
 *                   ordinary offer; the price is then what the learner pays at checkout (the deposit, for
 *                   {@link OutcomeKind#DEPOSIT_THEN_REST})
 */
public record OfferDraft(OfferKind kind, String title, Money price, List<CourseId> courses, MembershipTerms membership,
                         OutcomeCondition outcome) {
    /** The longest title accepted. */
    public static final int MAX_TITLE = 200;
    /** The most courses in one bundle. */
    public static final int MAX_BUNDLE = 100;

    /**
     * Validates every field at once and copies.
     *
     * @param kind       the kind
     * @param title      the title
     * @param price      the price
     * @param courses    the courses
     * @param membership the terms
     * @param outcome    the pay-per-outcome condition, or null
     */
    public OfferDraft {
        courses = courses == null ? List.of() : courses;
        Validator v = new Validator()
                .notNull("kind", kind)
                .notBlank("title", title, MAX_TITLE)
                .notNull("price", price)
                .check(price == null || !price.isNegative(), "price", "must not be negative (was " + price + ")")
                .check(courses.stream().noneMatch(java.util.Objects::isNull), "courses", "must not contain null")
                .check(new HashSet<>(courses).size() == courses.size(), "courses", "must not repeat a course");
        if (kind == OfferKind.COURSE) {
            v.check(courses.size() == 1, "courses", "a course offer sells exactly one course (was " + courses.size() + ")");
        } else if (kind == OfferKind.BUNDLE) {
            v.check(courses.size() >= 2 && courses.size() <= MAX_BUNDLE, "courses",
                    "a bundle sells 2 to " + MAX_BUNDLE + " courses (was " + courses.size() + ")");
        }
        if (kind == OfferKind.MEMBERSHIP) {
            v.notNull("membership", membership)
                    .check(courses.isEmpty(), "courses", "a membership lists its courses in its terms");
        } else {
            v.check(membership == null, "membership", "only a membership offer has plan terms");
        }
        if (outcome != null) {
            v.check(kind == OfferKind.COURSE, "outcome", "only a course offer can be sold by outcome (was " + kind + ")")
                    .check(price == null || price.isPositive(), "price", "a pay-per-outcome offer has a positive price"
                            + " (was " + price + ")")
                    .check(price == null || outcome.rest() == null || outcome.rest().currency()
                            .equals(price.currency()), "outcome.rest", "must be in the price's currency ("
                            + (price == null ? "" : price.currency().getCurrencyCode()) + ")");
        }
        v.throwIfInvalid();
        courses = List.copyOf(courses);
    }

    /**
     * An offer of one course.
     *
     * @param title  the title
     * @param price  the price
     * @param course the course
     * @return the draft
     */
    public static OfferDraft course(String title, Money price, CourseId course) {
        return new OfferDraft(OfferKind.COURSE, title, price, course == null ? java.util.Collections.singletonList(null)
                : List.of(course), null, null);
    }

    /**
     * A bundle of courses at one price.
     *
     * @param title   the title
     * @param price   the price
     * @param courses the courses
     * @return the draft
     */
    public static OfferDraft bundle(String title, Money price, List<CourseId> courses) {
        return new OfferDraft(OfferKind.BUNDLE, title, price, courses, null, null);
    }

    /**
     * A membership plan.
     *
     * @param title the title
     * @param price the price of one period
     * @param terms the terms
     * @return the draft
     */
    public static OfferDraft membership(String title, Money price, MembershipTerms terms) {
        return new OfferDraft(OfferKind.MEMBERSHIP, title, price, List.of(), terms, null);
    }

    /**
     * The same draft sold by outcome (按效果付费): its price then depends on whether the learner passes by the
     * condition's deadline.
     *
     * @param condition the condition
     * @return the changed draft
     * @throws io.learnloop.core.error.ValidationException if the draft is not a course offer with a positive price, or
     *                                                     the rest is in another currency
     */
    public OfferDraft withOutcome(OutcomeCondition condition) {
        new Validator().notNull("outcome", condition).throwIfInvalid();
        return new OfferDraft(kind, title, price, courses, membership, condition);
    }
}
