package io.learnloop.core.ledger;

import io.learnloop.core.catalog.Author;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.OrderLine;
import io.learnloop.core.identity.UserId;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Who earns from one line of a settled order. The settlement asks it inside the transaction that pays the order,
 * with the line's courses as that transaction reads them, so it must not call the SDK itself.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface RevenueParties {
    /**
     * The creators with their weights, and the affiliate chain, of one line.
     *
     * @param order   the paid order
     * @param line    the line
     * @param courses the courses the line sells (for a membership: its listed courses and every course of its
     *                categories)
     * @return the parties
     */
    LineParties partiesOf(Order order, OrderLine line, List<Course> courses);

    /**
     * The usual split: each course of the line weighs the same, and within a course its authors (creator and
     * co-authors) share by their revenue shares; affiliates come from the host's referral records.
     *
     * @param affiliates the affiliate chain of an order's learner (who referred them, and who referred that
     *                   referrer), nearest first; an empty list for none. Must be thread-safe and must not call the
     *                   SDK.
     * @return the parties
     */
    static RevenueParties courseAuthors(Function<Order, List<UserId>> affiliates) {
        Objects.requireNonNull(affiliates, "affiliates");
        return (order, line, courses) -> {
            Map<UserId, Long> weights = new LinkedHashMap<>();
            for (Course c : courses) {
                long total = c.authors().stream().mapToLong(Author::revenueShare).sum();
                for (Author a : c.authors()) {
                    // every course weighs 1,000,000 whatever its authors' share units are
                    weights.merge(a.user(), a.revenueShare() * 1_000_000 / total, Long::sum);
                }
            }
            List<CreatorShare> creators = new ArrayList<>();
            weights.forEach((user, weight) -> creators.add(new CreatorShare(user, weight)));
            return new LineParties(creators, affiliates.apply(order));
        };
    }
}
