package io.learnloop.jdbc;

import io.learnloop.core.store.Store;


/**
 * A {@link Store} on a SQL database (PostgreSQL, MySQL/MariaDB or H2), opened with {@link JdbcStores}. Every unit
 * of work is one database transaction; updates are compare-and-set on the version column; unique keys are enforced
 * by the database's primary key, so they hold across every host instance sharing the database; outbox events are
 * claimed with row locks, so relays on several hosts deliver each event once.
 *
 * <p>Thread-safe: every call borrows its own connection from the data source.
 */
public interface JdbcStore extends Store, AutoCloseable {
    /**
     * The database dialect.
     *
     * @return the dialect
     */
    Dialect dialect();

    /**
     * Scheduled work (reconciliation, expiry) that host instances claim with leases, kept in this database.
     *
     * @return the jobs of this store
     */
    ScheduledJobs jobs();

    /**
     * Releases what the store owns: the connection pool of an embedded database. A store over a host's
     * {@code DataSource} leaves the data source open; the host closes its own pool.
     */
    @Override
    void close();
}
