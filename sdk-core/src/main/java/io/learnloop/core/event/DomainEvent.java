package io.learnloop.core.event;

import io.learnloop.core.error.Validator;
import io.learnloop.core.identity.TenantId;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Something that happened in the domain, written to the outbox in the same transaction as the change, and delivered
 * to listeners at least once. Listeners dedupe on {@link #id()}.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id          unique event id, for dedupe
 * @param tenant      the tenant it happened in
 * @param type        the event type, for example {@code "order.paid"} (see {@link EventTypes})
 * @param aggregateId the id of the aggregate that changed
 * @param occurredAt  when it happened, from the facade's clock
 * @param data        the event's attributes (copied, sorted by key)
 */
public record DomainEvent(String id, TenantId tenant, String type, String aggregateId, Instant occurredAt,
                          Map<String, String> data) {
    /**
     * Validates and copies.
     *
     * @param id          the id
     * @param tenant      the tenant
     * @param type        the type
     * @param aggregateId the aggregate id
     * @param occurredAt  when
     * @param data        attributes
     */
    public DomainEvent {
        new Validator()
                .notBlank("event.id", id, 128)
                .notNull("event.tenant", tenant)
                .notBlank("event.type", type, 64)
                .notBlank("event.aggregateId", aggregateId, 128)
                .notNull("event.occurredAt", occurredAt)
                .throwIfInvalid();
        data = data == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(data));
    }

    /**
     * Reads one attribute.
     *
     * @param key the attribute name
     * @return the value, or null
     */
    public String get(String key) {
        return data.get(key);
    }
}
