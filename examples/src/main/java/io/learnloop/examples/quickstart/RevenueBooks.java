package io.learnloop.examples.quickstart;

import io.learnloop.core.Learnloop;
import io.learnloop.core.catalog.Author;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.OrderLine;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.ledger.CreatorShare;
import io.learnloop.core.ledger.LineParties;
import io.learnloop.core.ledger.RevenuePolicy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The host's revenue terms, which the payment pipeline applies to the ledger: who earns from each order line. A course line pays its authors
 * by their revenue shares; a membership line pays the authors of every course the plan covers, each course weighing
 * the same; a learner who came through another learner's referral link pays that affiliate (and the affiliate's own
 * referrer) their commission first.
 *
 * <p>Not thread-safe: the referral map is the demo's.
 */
public final class RevenueBooks {
    /** Platform fee 30%, level-1 affiliate 10%, level-2 affiliate 5%. */
    public static final RevenuePolicy POLICY = new RevenuePolicy(3000, 1000, 500);

    private final Learnloop learnloop;
    private final Map<UserId, UserId> referredBy = new HashMap<>();

    /**
     * Creates the books.
     *
     * @param learnloop the facade
     */
    public RevenueBooks(Learnloop learnloop) {
        this.learnloop = learnloop;
    }

    /**
     * Records that a learner signed up through another user's referral link.
     *
     * @param learner  the new learner
     * @param referrer who referred them
     */
    public void referral(UserId learner, UserId referrer) {
        referredBy.put(learner, referrer);
    }

    /**
     * Who earns from one line of an order: the payment pipeline asks this when it posts a settled order.
     *
     * @param order the order
     * @param line  the line
     * @return the creators with their weights, and the affiliate chain
     */
    public LineParties parties(Order order, OrderLine line) {
        List<CourseId> courses = new ArrayList<>(line.courses());
        if (line.membership() != null) {
            courses.addAll(line.membership().courses());
            for (String category : line.membership().categories()) {
                for (Course c : learnloop.catalog().coursesInCategory(category)) {
                    if (!courses.contains(c.id())) {
                        courses.add(c.id());
                    }
                }
            }
        }
        Map<UserId, Long> weights = new LinkedHashMap<>();
        for (CourseId id : courses) {
            List<Author> authors = learnloop.catalog().course(id).authors();
            long total = authors.stream().mapToLong(Author::revenueShare).sum();
            for (Author a : authors) {
                // every course weighs 1,000,000 whatever its authors' share units are
                weights.merge(a.user(), a.revenueShare() * 1_000_000 / total, Long::sum);
            }
        }
        List<CreatorShare> creators = new ArrayList<>();
        weights.forEach((user, weight) -> creators.add(new CreatorShare(user, weight)));
        List<UserId> chain = new ArrayList<>();
        UserId referrer = referredBy.get(order.learner());
        if (referrer != null) {
            chain.add(referrer);
            UserId second = referredBy.get(referrer);
            if (second != null && !second.equals(order.learner())) {
                chain.add(second);
            }
        }
        return new LineParties(creators, chain);
    }
}
