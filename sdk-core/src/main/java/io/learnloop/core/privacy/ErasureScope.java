package io.learnloop.core.privacy;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.identity.UserId;

import java.util.Iterator;

/**
 * What an erasure step may read about the facade whose data is erased: its context, and the learner's orders, by
 * which modules (payments) file their own records.
 *
 * <p>Thread-safe: implementations are.
 */
public interface ErasureScope {
    /**
     * The context of the facade whose data is erased: its store, tenant, clock and ids.
     *
     * @return the context
     */
    ServiceContext context();

    /**
     * The ids of every order the learner placed, read a page at a time as iterated. Order ids do not identify the
     * learner, so they stay the same after the erasure; sdk-core's own steps, which run last, rewrite the orders.
     *
     * @param learner the learner
     * @return the order ids
     */
    Iterator<OrderId> ordersOf(UserId learner);
}
