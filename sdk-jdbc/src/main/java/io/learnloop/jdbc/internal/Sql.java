package io.learnloop.jdbc.internal;

import io.learnloop.jdbc.Dialect;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The statements of the JDBC store for one dialect, and the few ways the dialects differ beyond SQL text (timestamps,
 * isolation, what a failure does to the transaction). Everything not listed here is the same SQL on every dialect.
 *
 * <p>Thread-safe: immutable.
 */
final class Sql {
    static final String AGGREGATE = "learnloop_aggregate";

    /** The longest sort position (sort key, separator and id) the {@code position_key} column holds, in characters. */
    static final int MAX_POSITION = 1024;
    /**
     * On MySQL the position is kept as UTF-8 bytes, and the sorted index must stay within InnoDB's 3072-byte key
     * limit beside tenant, type, index name and key (768 bytes are left; 765, the width of an id, leaves a margin).
     * (The primary key of the index entries ends with the position.)
     */
    static final int MAX_POSITION_BYTES_MYSQL = 765;
    /** MySQL's DATETIME literal, to the microsecond. */
    private static final DateTimeFormatter MYSQL_DATETIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");
    /** Ids per IN list when reading an index's aggregates over a network. */
    private static final int IN_LIST = 100;

    final Dialect dialect;
    /** Placeholder for a JSON document parameter. */
    final String json;
    /** Inserts an aggregate's row; on PostgreSQL a taken id inserts no row instead of failing. */
    final String insertAggregate;
    /** Inserts a unique key; on PostgreSQL a taken key inserts no row instead of failing. */
    final String insertUniqueKey;
    final String updateAggregate;
    final String insertEvent;
    final String claimCandidates;
    /**
     * PostgreSQL only: claims the candidates and returns them in one statement (parameters: tenant, now, relay,
     * limit, relay, lease end).
     */
    final String claimReturning;
    final String insertJob;
    final String claimJobCandidates;
    /** Reads the aggregates an unsorted index entry names, in one statement. */
    final String lookupThroughIndex;
    /** Ids read per statement by {@code JdbcUnitOfWork}; in-process H2 pays no round trip for one each. */
    final int idsPerLookup;

    private Sql(Dialect dialect) {
        this.dialect = dialect;
        boolean pg = dialect == Dialect.POSTGRESQL;
        // PostgreSQL and MySQL: relays on several hosts skip each other's locked rows instead of queueing behind them.
        // H2 runs in one process; its conditional UPDATE after the select is what makes a claim exclusive there.
        String skipLocked = dialect == Dialect.H2 ? "" : " FOR UPDATE SKIP LOCKED";
        json = pg ? "CAST(? AS jsonb)" : "?";
        insertAggregate = "INSERT INTO learnloop_aggregate (tenant, type, id, version, body, created_at, updated_at) "
                + "VALUES (?, ?, ?, 1, " + json + ", ?, ?)" + (pg ? " ON CONFLICT (tenant, type, id) DO NOTHING" : "");
        insertUniqueKey = "INSERT INTO learnloop_unique_key (tenant, type, key_name, key_value, id) VALUES (?, ?, ?, ?, ?)"
                + (pg ? " ON CONFLICT (tenant, type, key_name, key_value) DO NOTHING" : "");
        updateAggregate = "UPDATE learnloop_aggregate SET version = ?, body = " + json + ", updated_at = ? "
                + "WHERE tenant = ? AND type = ? AND id = ? AND version = ?";
        // A failed statement aborts a PostgreSQL transaction, so there a taken key inserts nothing instead (and the row
        // count tells). Without ON CONFLICT (H2, MySQL) the duplicate's error is caught: it undoes only the statement
        // there. MySQL's INSERT IGNORE is not used because it would turn other errors (a too long value) into warnings.
        insertEvent = "INSERT INTO learnloop_outbox (tenant, event_id, event_type, aggregate_id, occurred_at, body) "
                + "VALUES (?, ?, ?, ?, ?, " + json + ")" + (pg ? " ON CONFLICT (tenant, event_id) DO NOTHING" : "");
        claimCandidates = "SELECT seq, body FROM learnloop_outbox WHERE tenant = ? AND delivered_at IS NULL "
                + "AND (claimed_by IS NULL OR lease_until < ? OR claimed_by = ?) ORDER BY seq" + limit("?")
                + skipLocked;
        // MATERIALIZED (PostgreSQL 12+) runs the locking sub-select once whatever the plan: were it re-scanned (as
        // the inner side of a nested loop, say), each scan would skip the rows the last one locked and claim others,
        // more than the limit in all.
        claimReturning = "WITH c AS MATERIALIZED (SELECT seq FROM learnloop_outbox WHERE tenant = ? "
                + "AND delivered_at IS NULL AND (claimed_by IS NULL OR lease_until < ? OR claimed_by = ?) ORDER BY seq"
                + limit("?") + skipLocked + ") UPDATE learnloop_outbox o SET claimed_by = ?, lease_until = ? FROM c "
                + "WHERE o.seq = c.seq RETURNING o.seq, o.body";
        insertJob = "INSERT INTO learnloop_job (tenant, queue, job_key, due_at, payload, attempts, created_at) "
                + "VALUES (?, ?, ?, ?, ?, 0, ?)" + (pg ? " ON CONFLICT (tenant, queue, job_key) DO NOTHING" : "");
        claimJobCandidates = "SELECT job_key FROM learnloop_job WHERE tenant = ? AND queue = ? AND done_at IS NULL "
                + "AND due_at <= ? AND (claimed_by IS NULL OR lease_until < ?) ORDER BY due_at, job_key" + limit("?")
                + skipLocked;
        // On PostgreSQL positions are compared byte-wise (COLLATE "C", so sorted positions page in code-point order)
        // while aggregate ids use the database's collation; naming that collation lets the join probe the aggregate's
        // primary key instead of hashing every aggregate of the type.
        lookupThroughIndex = "SELECT a.seq, a.version, a.body, a.id FROM learnloop_index_entry e "
                + "JOIN learnloop_aggregate a ON a.tenant = e.tenant AND a.type = e.type AND a.id = e.position_key"
                + (pg ? " COLLATE \"default\"" : "")
                + " WHERE e.tenant = ? AND e.type = ? AND e.index_name = ? AND e.index_key = ?";
        idsPerLookup = dialect == Dialect.H2 ? 1 : IN_LIST;
    }

    static Sql of(Dialect dialect) {
        return new Sql(dialect);
    }

    boolean postgres() {
        return dialect == Dialect.POSTGRESQL;
    }

    private boolean mysql() {
        return dialect == Dialect.MYSQL;
    }

    /**
     * The clause that keeps the first {@code rows} rows of an ordered select: MySQL has no {@code FETCH FIRST}
     * (MariaDB has it from 10.6 only), so it gets {@code LIMIT}.
     *
     * @param rows a number or {@code ?}
     * @return the clause, with a leading space
     */
    String limit(String rows) {
        return mysql() ? " LIMIT " + rows : " FETCH FIRST " + rows + " ROWS ONLY";
    }

    /**
     * The clause that skips rows and keeps a page; its parameters are the offset, then the page size, on every
     * dialect.
     *
     * @return the clause, with a leading space
     */
    String offsetLimit() {
        return mysql() ? " LIMIT ?, ?" : " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
    }

    /**
     * Deletes up to {@code limit} delivered events of a tenant, oldest first. MySQL can neither limit an IN subquery
     * nor select from the table it deletes from, but it limits a DELETE itself.
     *
     * @param limit the most rows to delete
     * @return the statement; parameters: tenant, delivered before
     */
    String pruneDelivered(int limit) {
        String oldest = "tenant = ? AND delivered_at IS NOT NULL AND delivered_at < ? ORDER BY delivered_at";
        return mysql() ? "DELETE FROM learnloop_outbox WHERE " + oldest + limit(String.valueOf(limit))
                : "DELETE FROM learnloop_outbox WHERE seq IN (SELECT seq FROM learnloop_outbox WHERE " + oldest
                + limit(String.valueOf(limit)) + ")";
    }

    /**
     * An instant as the parameter of a timestamp column, in UTC. MySQL's {@code DATETIME(6)} has no zone, so it gets
     * the UTC wall time, cut to the microseconds the column keeps, as a DATETIME literal: no driver shifts a string
     * by a time zone, and MySQL Connector/J drops the fraction of a {@code LocalDateTime} when it takes the server
     * for MySQL 5.5 (as it takes every MariaDB server).
     *
     * @param instant the instant
     * @return the parameter value
     */
    Object timestamp(Instant instant) {
        return mysql() ? MYSQL_DATETIME.format(LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS),
                ZoneOffset.UTC)) : instant.atOffset(ZoneOffset.UTC);
    }

    /**
     * Reads a timestamp column written by {@link #timestamp}.
     *
     * @param rs     the row
     * @param column the column's index
     * @return the instant, or null
     * @throws SQLException if the driver fails
     */
    Instant instant(ResultSet rs, int column) throws SQLException {
        if (mysql()) {
            LocalDateTime utc = rs.getObject(column, LocalDateTime.class);
            return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
        }
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /**
     * Whether a sorted index's position fits the {@code position_key} column.
     *
     * @param position the position
     * @return true if it fits
     */
    boolean fitsSortColumn(String position) {
        return position.length() <= MAX_POSITION && (!mysql()
                || position.getBytes(StandardCharsets.UTF_8).length <= MAX_POSITION_BYTES_MYSQL);
    }

    /**
     * How long a position may be, for a message.
     *
     * @return the limit in words
     */
    String sortColumnLimit() {
        return mysql() ? MAX_POSITION_BYTES_MYSQL + " bytes of UTF-8 on MySQL" : MAX_POSITION + " characters";
    }

    /**
     * Readies a borrowed connection for a transaction of the store's. InnoDB defaults to REPEATABLE READ, where a
     * transaction keeps reading the snapshot of its first read and locks gaps between keys; the store is built for
     * READ COMMITTED, the default of the other databases. The level is set only when the pool hands out another, so
     * a pool configured for READ COMMITTED costs nothing here (MySQL Connector/J needs
     * {@code useLocalSessionState=true} to answer the question without asking the server).
     *
     * @param c the connection, before its transaction starts
     * @throws SQLException if the driver fails
     */
    void beginTransaction(Connection c) throws SQLException {
        if (mysql() && c.getTransactionIsolation() != Connection.TRANSACTION_READ_COMMITTED) {
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        }
    }

    /**
     * Whether a failed statement took the whole transaction with it, so nothing the unit of work did can be kept
     * even if the work goes on. On PostgreSQL every failure does. On MySQL a deadlock rolls the whole transaction back
     * (its savepoints too), and a lock wait timeout does when the server runs with {@code innodb_rollback_on_timeout},
     * which the store cannot see, so it counts too. H2 rolls the transaction back on a deadlock (SQLSTATE 40001).
     * Other failures there undo only the statement.
     *
     * @param e the failure
     * @return true if the transaction can no longer commit what it did
     */
    boolean abortsTransaction(SQLException e) {
        return switch (dialect) {
            case POSTGRESQL -> true;
            case MYSQL -> SqlErrors.isCollision(e);
            case H2 -> "40001".equals(e.getSQLState());
        };
    }
}
