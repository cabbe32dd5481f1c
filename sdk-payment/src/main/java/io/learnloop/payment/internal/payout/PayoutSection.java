package io.learnloop.payment.internal.payout;

import io.learnloop.core.identity.UserId;
import io.learnloop.core.internal.paging.KeysetRecords;
import io.learnloop.core.privacy.ErasureScope;
import io.learnloop.core.privacy.PersonalDataSource;

import java.util.Iterator;

/**
 * The {@code payouts} section of a person's export: the payouts made to them as a creator or affiliate, oldest first,
 * read a page at a time. They hold the payee's id, amounts and the provider's transfer id, never the provider account
 * (the host hands it over per payout). Erasure keeps them: like the ledger they are the books.
 *
 * <p>Thread-safe: stateless.
 */
public final class PayoutSection implements PersonalDataSource {
    @Override
    public String section() {
        return "payouts";
    }

    @Override
    public Iterator<?> records(ErasureScope scope, UserId learner) {
        return KeysetRecords.under(scope.context(), PayoutTypes.PAYOUT, PayoutTypes.BY_PAYEE, learner.value());
    }

    @Override
    public String toString() {
        return "PayoutSection";
    }
}
