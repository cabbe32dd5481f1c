package io.learnloop.payment.internal.payout;

import io.learnloop.core.Page;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.privacy.ErasureScope;
import io.learnloop.core.privacy.PersonalDataSource;
import io.learnloop.core.store.IndexRange;
import io.learnloop.core.store.Pages;

import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The {@code payouts} section of a person's export: the payouts made to them as a creator or affiliate, oldest first,
 * read a page at a time. They hold the payee's id, amounts and the provider's transfer id, never the provider account
 * (the host hands it over per payout). Erasure keeps them: like the ledger they are the books.
 *
 * <p>Thread-safe: stateless.
 */
public final class PayoutSection implements PersonalDataSource {
    private static final int PAGE = 100;

    @Override
    public String section() {
        return "payouts";
    }

    @Override
    public Iterator<?> records(ErasureScope scope, UserId learner) {
        return new Iterator<Object>() {
            private Iterator<PayoutAttempt> current = Collections.emptyIterator();
            private String cursor;
            private boolean done;

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && !done) {
                    Page<PayoutAttempt> page = scope.context().read(uow -> Pages.page(uow, PayoutTypes.PAYOUT,
                            PayoutTypes.BY_PAYEE, learner.value(), IndexRange.first(PAGE), cursor, a -> a));
                    current = page.items().iterator();
                    cursor = page.nextCursor();
                    done = cursor == null;
                }
                return current.hasNext();
            }

            @Override
            public Object next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    @Override
    public String toString() {
        return "PayoutSection";
    }
}
