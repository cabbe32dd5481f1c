package io.learnloop.core.internal.ledger;

import io.learnloop.core.store.UnitOfWork;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ledger accounts this instance has seen committed, so a posting need not read an account's record to learn
 * that it exists: records of accounts are never deleted, so once seen, an account exists for good. Only a read of a
 * committed record is remembered (an insert may still roll back). Bounded: past {@value #MAX} accounts it starts
 * again, which costs one read per account.
 *
 * <p>Thread-safe.
 */
final class KnownAccounts {
    private static final int MAX = 50_000;

    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    /**
     * Records an account the first time it moves, unless it is known to exist.
     *
     * @param uow     the unit of work of the posting
     * @param account the account's record as it would be made now
     */
    void ensure(UnitOfWork uow, KnownAccount account) {
        if (seen.contains(account.id())) {
            return;
        }
        if (uow.find(LedgerTypes.ACCOUNT, account.id()).isPresent()) {
            if (seen.size() >= MAX) {
                seen.clear();
            }
            seen.add(account.id());
        } else {
            uow.insert(LedgerTypes.ACCOUNT, account);
        }
    }
}
