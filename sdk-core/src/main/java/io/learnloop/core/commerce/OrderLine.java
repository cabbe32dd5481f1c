package io.learnloop.core.commerce;

import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.money.Money;

import java.util.List;

/**
 * One line of an order: one offer, with its list price, the share of the order's discounts allocated to it, what
 * remains to pay ({@code net = listPrice - discount}), and how much of that was refunded.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param line       the line number, from 1
 * @param offerId    the offer bought
 * @param kind       what the offer sells
 * @param title      the offer's title when bought
 * @param courses    the courses the line sells (a snapshot of the offer; empty for a membership)
 * @param membership the plan's terms when bought, for a membership line (else null)
 * @param listPrice  the offer's price when bought
 * @param discount   the discounts allocated to this line
 * @param net        what the learner pays for the line
 * @param refunded   how much of {@code net} was refunded, never more than {@code net}
 * @param outcome    the line's pay-per-outcome condition and decision, or null for an ordinary line
 */
public record OrderLine(int line, OfferId offerId, OfferKind kind, String title, List<CourseId> courses,
                        MembershipTerms membership, Money listPrice, Money discount, Money net, Money refunded,
                        LineOutcome outcome) {
    /**
     * Copies the course list.
     *
     * @param line       the line number
     * @param offerId    the offer
     * @param kind       the kind
     * @param title      the title
     * @param courses    the courses
     * @param membership the terms
     * @param listPrice  list price
     * @param discount   discount
     * @param net        net
     * @param refunded   refunded
     * @param outcome    the outcome, or null
     */
    public OrderLine {
        courses = courses == null ? List.of() : List.copyOf(courses);
    }

    /**
     * What may still be refunded on this line.
     *
     * @return {@code net - refunded}
     */
    public Money refundable() {
        return net.minus(refunded);
    }

    /**
     * Whether the whole net amount was refunded.
     *
     * @return true if nothing is left to refund
     */
    public boolean fullyRefunded() {
        return refunded.equals(net);
    }

    /**
     * The same line with more refunded.
     *
     * @param amount the amount refunded now
     * @return the changed line
     */
    public OrderLine withRefund(Money amount) {
        return new OrderLine(line, offerId, kind, title, courses, membership, listPrice, discount, net,
                refunded.plus(amount), outcome);
    }

    /**
     * The same line with another outcome.
     *
     * @param next the outcome
     * @return the changed line
     */
    public OrderLine withOutcome(LineOutcome next) {
        return new OrderLine(line, offerId, kind, title, courses, membership, listPrice, discount, net, refunded, next);
    }
}
