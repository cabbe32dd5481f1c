package io.learnloop.core.commerce;

import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.money.Money;

import java.time.Instant;
import java.util.List;

/**
 * Something for sale: one course, a bundle of courses, or a membership plan, at a list price.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id         the offer's id
 * @param owner      the creator who made it (only they or an admin may change it)
 * @param kind       what it sells
 * @param title      the title shown to buyers
 * @param price      the list price (never negative)
 * @param courses    the courses sold: one for {@link OfferKind#COURSE}, two or more for a bundle, none for a plan
 * @param membership the plan's terms, only for {@link OfferKind#MEMBERSHIP} (null otherwise)
 * @param active     whether it can be bought now
 * @param createdAt  when it was created
 * @param outcome    the pay-per-outcome condition, or null for an ordinary offer
 */
public record Offer(OfferId id, UserId owner, OfferKind kind, String title, Money price, List<CourseId> courses,
                    MembershipTerms membership, boolean active, Instant createdAt, OutcomeCondition outcome) {
    /**
     * Copies the course list.
     *
     * @param id         the id
     * @param owner      the owner
     * @param kind       the kind
     * @param title      the title
     * @param price      the price
     * @param courses    the courses
     * @param membership the plan's terms
     * @param active     whether on sale
     * @param createdAt  when created
     * @param outcome    the pay-per-outcome condition
     */
    public Offer {
        courses = courses == null ? List.of() : List.copyOf(courses);
    }

    /**
     * The same offer, put on or taken off sale.
     *
     * @param onSale whether it can be bought
     * @return the changed offer
     */
    public Offer withActive(boolean onSale) {
        return new Offer(id, owner, kind, title, price, courses, membership, onSale, createdAt, outcome);
    }

    /**
     * The pay-per-outcome terms a learner is shown, generated from this offer so that they cannot drift from what is
     * applied at the deadline.
     *
     * @return the terms, or null for an ordinary offer
     */
    public OutcomeTerms outcomeTerms() {
        return outcome == null ? null : OutcomeTerms.of(price, outcome);
    }
}
