package io.learnloop.jdbc.internal;

import io.learnloop.core.event.DomainEvent;
import io.learnloop.core.identity.TenantId;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The events a unit of work published, held until it is about to commit and then written to the outbox in one batch.
 * Nothing in a unit of work reads the outbox, so holding them back changes nothing the work can see.
 *
 * <p>An event id published again is ignored, in the unit of work and against the outbox alike: the first one stays.
 *
 * <p>Not thread-safe: owned by one unit of work.
 */
final class OutboxQueue {
    /** An event with its document, serialized when published so a bad event fails the call that published it. */
    private record Queued(DomainEvent event, String body) {
    }

    private final Map<String, Queued> events = new LinkedHashMap<>();

    void add(DomainEvent event, String body) {
        events.putIfAbsent(event.id(), new Queued(event, body));
    }

    int size() {
        return events.size();
    }

    /**
     * Writes the queued events and empties the queue.
     *
     * @throws SQLException if the database fails
     */
    void write(Connection connection, Sql sql, TenantId tenant) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement(sql.insertEvent)) {
            for (Queued q : events.values()) {
                bind(ps, sql, tenant, q);
                ps.addBatch();
            }
            try {
                ps.executeBatch();
            } catch (BatchUpdateException e) {
                // Only PostgreSQL skips a taken event id by itself (ON CONFLICT). Elsewhere a failed insert undoes only
                // itself, so the events go in again one by one and those already there are passed over.
                if (sql.postgres() || !takenKey(e)) {
                    throw e;
                }
                insertOneByOne(ps, sql, tenant);
            }
        }
        events.clear();
    }

    private void insertOneByOne(PreparedStatement ps, Sql sql, TenantId tenant) throws SQLException {
        ps.clearBatch();
        for (Queued q : events.values()) {
            bind(ps, sql, tenant, q);
            try {
                ps.executeUpdate();
            } catch (SQLException e) {
                if (!SqlErrors.isUniqueViolation(e)) {
                    throw e;
                }
            }
        }
    }

    /** Whether a batch failed on a taken key; drivers report it on the batch, its cause or its next exception. */
    private static boolean takenKey(BatchUpdateException e) {
        return SqlErrors.isUniqueViolation(e)
                || (e.getCause() instanceof SQLException cause && SqlErrors.isUniqueViolation(cause))
                || (e.getNextException() != null && SqlErrors.isUniqueViolation(e.getNextException()));
    }

    private static void bind(PreparedStatement ps, Sql sql, TenantId tenant, Queued q) throws SQLException {
        ps.setString(1, tenant.value());
        ps.setString(2, q.event().id());
        ps.setString(3, q.event().type());
        ps.setString(4, q.event().aggregateId());
        ps.setObject(5, sql.timestamp(q.event().occurredAt()));
        ps.setString(6, q.body());
    }
}
