package io.learnloop.jdbc.internal;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Borrows connections and runs short transactions of the store's own (outbox claims, jobs).
 *
 * <p>Thread-safe: holds only the data source and the dialect's statements.
 */
final class Database {
    /** Work on a connection that may throw {@link SQLException}. */
    @FunctionalInterface
    interface ConnectionWork<R> {
        R run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    private final Sql sql;

    Database(DataSource dataSource, Sql sql) {
        this.dataSource = dataSource;
        this.sql = sql;
    }

    Connection connect(String doing) {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw SqlErrors.map(e, doing + " (opening a connection)");
        } catch (RuntimeException e) {
            // Pools report start-up failures unchecked (HikariCP's PoolInitializationException wraps the driver's).
            throw SqlErrors.mapUnchecked(e, doing + " (opening a connection)");
        }
    }

    /** Runs work in one transaction: commits when it returns, rolls back when anything throws. */
    <R> R transaction(String doing, ConnectionWork<R> work) {
        try (Connection c = connect(doing)) {
            return inTransaction(c, doing, work);
        } catch (SQLException e) {
            throw SqlErrors.map(e, doing);
        }
    }

    <R> R inTransaction(Connection c, String doing, ConnectionWork<R> work) throws SQLException {
        sql.beginTransaction(c);
        boolean autoCommit = c.getAutoCommit();
        if (autoCommit) {
            c.setAutoCommit(false);
        }
        try {
            R result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException e) {
            rollbackQuietly(c, e);
            throw SqlErrors.map(e, doing);
        } catch (RuntimeException | Error e) {
            rollbackQuietly(c, e);
            throw e;
        } finally {
            if (autoCommit) {
                restoreAutoCommit(c);
            }
        }
    }

    /** Runs work with auto-commit, for single statements and reads. */
    <R> R autoCommit(String doing, ConnectionWork<R> work) {
        try (Connection c = connect(doing)) {
            return work.run(c);
        } catch (SQLException e) {
            throw SqlErrors.map(e, doing);
        }
    }

    static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void restoreAutoCommit(Connection c) {
        try {
            c.setAutoCommit(true);
        } catch (SQLException ignored) {
            // the connection is broken; closing it returns it to the pool, which discards it
        }
    }
}
