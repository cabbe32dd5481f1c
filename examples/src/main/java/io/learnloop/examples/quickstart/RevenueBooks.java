package io.learnloop.examples.quickstart;

import io.learnloop.core.commerce.Order;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.ledger.RevenueParties;
import io.learnloop.core.ledger.RevenuePolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The host's revenue terms, which the settlement applies to the ledger: who earns from each order line. A course line
 * pays its authors by their revenue shares; a membership line pays the authors of every course the plan covers, each
 * course weighing the same ({@link RevenueParties#courseAuthors}); a learner who came through another learner's
 * referral link pays that affiliate (and the affiliate's own referrer) their commission first.
 *
 * <p>Thread-safe: the referral records are a concurrent map.
 */
public final class RevenueBooks {
    /** Platform fee 30%, level-1 affiliate 10%, level-2 affiliate 5%. */
    public static final RevenuePolicy POLICY = new RevenuePolicy(3000, 1000, 500);

    private final Map<UserId, UserId> referredBy = new ConcurrentHashMap<>();

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
     * The parties the facade is built with.
     *
     * @return course authors by their shares, and the referral chain
     */
    public RevenueParties parties() {
        return RevenueParties.courseAuthors(this::affiliatesOf);
    }

    /**
     * The affiliate chain of an order: who referred its learner, and who referred that referrer.
     *
     * @param order the order
     * @return the chain, nearest first
     */
    public List<UserId> affiliatesOf(Order order) {
        List<UserId> chain = new ArrayList<>();
        UserId referrer = referredBy.get(order.learner());
        if (referrer != null) {
            chain.add(referrer);
            UserId second = referredBy.get(referrer);
            if (second != null && !second.equals(order.learner())) {
                chain.add(second);
            }
        }
        return chain;
    }
}
