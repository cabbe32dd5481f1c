package io.learnloop.jdbc;

import io.learnloop.core.identity.TenantId;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.SortKeys;
import io.learnloop.core.store.Store;
import io.learnloop.core.store.Versioned;

import java.util.List;
import java.util.Optional;

/**
 * Two record types for tests of the JDBC write path, a payment with every kind of key and a note with none, and the
 * reads the tests check them with.
 */
final class KeyedRecords {
    /** A payment: an index, a sorted index and two unique keys. */
    record Payment(String id, String orderId, String learner, long amountMinor, String reference) {
        Payment withLearner(String l) {
            return new Payment(id, orderId, l, amountMinor, reference);
        }

        Payment withReference(String r) {
            return new Payment(id, orderId, learner, amountMinor, r);
        }
    }

    /** A note: no keys. */
    record Note(String id, String text) {
    }

    static final AggregateType<Payment> PAYMENTS = AggregateType
            .builder("payment", Payment.class, Payment::id)
            .index("order", Payment::orderId)
            .sortedIndex("byLearner", Payment::learner, p -> SortKeys.number(p.amountMinor()))
            .unique("idempotency", p -> "pay:" + p.orderId())
            .unique("reference", Payment::reference)
            .build();
    static final AggregateType<Note> NOTES = AggregateType.builder("note", Note.class, Note::id).build();
    static final TenantId TENANT = TenantId.of("shop");

    private final Store store;

    KeyedRecords(Store store) {
        this.store = store;
    }

    Optional<Versioned<Payment>> unique(String name, String key) {
        return store.read(TENANT, uow -> uow.findUnique(PAYMENTS, name, key));
    }

    List<Versioned<Payment>> by(String index, String key) {
        return store.read(TENANT, uow -> uow.findBy(PAYMENTS, index, key));
    }

    Versioned<Payment> payment(String id) {
        return store.read(TENANT, uow -> uow.get(PAYMENTS, id));
    }

    Optional<Versioned<Note>> note(String id) {
        return store.read(TENANT, uow -> uow.find(NOTES, id));
    }

    long count(AggregateType<?> type) {
        return store.read(TENANT, uow -> uow.count(type));
    }
}
