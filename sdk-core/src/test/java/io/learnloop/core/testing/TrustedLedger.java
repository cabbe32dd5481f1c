package io.learnloop.core.testing;

import io.learnloop.core.Learnloop;
import io.learnloop.core.internal.ledger.DefaultLedgerService;
import io.learnloop.core.internal.ledger.LedgerTypes;
import io.learnloop.core.ledger.JournalEntry;
import io.learnloop.core.ledger.LedgerAccount;
import io.learnloop.core.ledger.PaymentPosting;
import io.learnloop.core.ledger.RefundPosting;
import io.learnloop.core.store.Versioned;

import java.util.Currency;
import java.util.List;

/**
 * The revenue ledger's postings as the settlement makes them (each in its own retried transaction), for tests of the
 * ledger itself.
 */
public final class TrustedLedger {
    private final Learnloop learnloop;
    private final DefaultLedgerService ledger;

    /**
     * Wraps a facade's ledger.
     *
     * @param learnloop the facade
     */
    public TrustedLedger(Learnloop learnloop) {
        this.learnloop = learnloop;
        this.ledger = (DefaultLedgerService) learnloop.ledger();
    }

    /**
     * Posts a payment as a settlement does.
     *
     * @param posting the posting
     * @return the entry
     */
    public JournalEntry recordPayment(PaymentPosting posting) {
        return learnloop.context().transactRetrying(uow -> ledger.postPaymentWithin(uow, posting));
    }

    /**
     * Posts a refund as a refund's settlement does.
     *
     * @param posting the posting
     * @return the entry
     */
    public JournalEntry recordRefund(RefundPosting posting) {
        return learnloop.context().transactRetrying(uow -> ledger.postRefundWithin(uow, posting));
    }

    /**
     * Every entry that moved an account, oldest first (tests only: the API reads them a statement page at a time).
     *
     * @param account  the account
     * @param currency the currency
     * @return the entries
     */
    public List<JournalEntry> entriesOf(LedgerAccount account, Currency currency) {
        return learnloop.context().read(uow -> uow.findBy(LedgerTypes.ENTRY, LedgerTypes.BY_ACCOUNT,
                LedgerTypes.accountKey(account, currency))).stream().map(Versioned::value).toList();
    }
}
