package io.learnloop.payment.internal.pipeline;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.store.UnitOfWork;
import io.learnloop.core.store.Versioned;

import java.util.List;

/**
 * The payment attempts an order's checkouts made, as the store keeps them.
 *
 * <p>Thread-safe: immutable.
 */
final class Attempts {
    private final ServiceContext ctx;

    Attempts(ServiceContext ctx) {
        this.ctx = ctx;
    }

    /** An order's attempts (a handful: one per checkout that could not resume the last). */
    List<PaymentAttempt> of(OrderId order) {
        return ctx.read(uow -> uow.findBy(PaymentTypes.ATTEMPT, "order", order.value())).stream()
                .map(Versioned::value).toList();
    }

    PaymentAttempt insert(PaymentAttempt a) {
        return ctx.transact(uow -> uow.insert(PaymentTypes.ATTEMPT, a)).value();
    }

    PaymentAttempt find(String id) {
        return ctx.read(uow -> uow.find(PaymentTypes.ATTEMPT, id)).map(Versioned::value).orElse(null);
    }

    PaymentAttempt get(String id) {
        return ctx.read(uow -> uow.get(PaymentTypes.ATTEMPT, id)).value();
    }

    /** Saves the attempt's next state in its own transaction; a PAID attempt never steps back. */
    void save(PaymentAttempt next) {
        ctx.transact(uow -> {
            saveWithin(uow, next);
            return null;
        });
    }

    /** Saves the attempt's next state in the caller's unit of work; a PAID attempt never steps back. */
    static void saveWithin(UnitOfWork uow, PaymentAttempt next) {
        Versioned<PaymentAttempt> current = uow.get(PaymentTypes.ATTEMPT, next.id());
        if (current.value().state().equals(PaymentAttempt.PAID) && !next.state().equals(PaymentAttempt.PAID)) {
            return;
        }
        uow.update(PaymentTypes.ATTEMPT, next, current.version());
    }

    /** As {@link #save}, letting a concurrent delivery's change win. */
    void saveQuietly(PaymentAttempt next) {
        try {
            save(next);
        } catch (ConflictException e) {
            // a concurrent delivery moved the attempt; its state wins
        }
    }
}
