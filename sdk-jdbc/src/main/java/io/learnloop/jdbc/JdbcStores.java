package io.learnloop.jdbc;

import io.learnloop.jdbc.internal.DatabaseProduct;
import io.learnloop.jdbc.internal.EmbeddedH2;
import io.learnloop.jdbc.internal.JdbcStoreImpl;
import io.learnloop.jdbc.internal.Migrations;
import io.learnloop.jdbc.internal.MysqlStrictMode;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * Opens JDBC stores and migrates their schema.
 *
 * <pre>{@code
 * HikariDataSource pool = new HikariDataSource(config);      // the host's pool
 * JdbcStores.migrate(pool, Dialect.POSTGRESQL);               // when the host decides, e.g. at deploy time
 * JdbcStore store = JdbcStores.open(pool, Dialect.POSTGRESQL); // refuses a schema it does not match
 * Learnloop learnloop = Learnloop.builder().store(store).build();
 * }</pre>
 *
 * <p>Thread-safe: stateless.
 */
public final class JdbcStores {
    private JdbcStores() {
    }

    /**
     * Applies the pending schema migrations (SQL files under {@code db/learnloop/<dialect>/} in this module, history in
     * {@code learnloop_schema_history}). Safe to call on every start and from several instances at once: Flyway locks
     * the history table, and applied migrations are skipped.
     *
     * <p>The database is checked first: a dialect that does not match it is refused before any SQL runs.
     *
     * @param dataSource the database
     * @param dialect    its dialect
     * @return how many migrations were applied now
     * @throws io.learnloop.core.error.ValidationException on {@code dialect} if the database is not of that dialect
     *                                                     (the message names the one to use), or on
     *                                                     {@code dataSource} if the store does not run on it
     * @throws io.learnloop.core.error.LearnloopException  with {@code STORE_UNAVAILABLE} if the database cannot be
     *                                                     reached, a MySQL session is not in strict mode, or a
     *                                                     migration fails
     */
    public static int migrate(DataSource dataSource, Dialect dialect) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(dialect, "dialect");
        requireUsable(dataSource, dialect);
        return Migrations.migrate(dataSource, dialect, null);
    }

    /**
     * Applies the pending schema migrations in the dialect of the database ({@link Dialect#detect}), as
     * {@link #migrate(DataSource, Dialect)} does.
     *
     * @param dataSource the database
     * @return how many migrations were applied now
     * @throws io.learnloop.core.error.ValidationException on {@code dataSource} if the store does not run on it
     * @throws io.learnloop.core.error.LearnloopException  with {@code STORE_UNAVAILABLE} if the database cannot be
     *                                                     reached, a MySQL session is not in strict mode, or a
     *                                                     migration fails
     */
    public static int migrate(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        Dialect dialect = Dialect.detect(dataSource);
        requireUsable(dataSource, dialect);
        return Migrations.migrate(dataSource, dialect, null);
    }

    /**
     * Opens a store over a host's data source. It checks the connection and the schema first and never migrates.
     *
     * @param dataSource the database (any {@link DataSource}; HikariCP is the documented pool)
     * @param dialect    its dialect
     * @return the store
     * @throws io.learnloop.core.error.ValidationException on {@code dialect} if the database is not of that dialect
     *                                                     (the message names the one to use)
     * @throws io.learnloop.core.error.LearnloopException  with {@code STORE_UNAVAILABLE} if the database cannot be
     *                                                     reached, a MySQL session is not in strict mode, or its
     *                                                     schema is older or newer than this version knows (the
     *                                                     message names the migration)
     */
    public static JdbcStore open(DataSource dataSource, Dialect dialect) {
        return open(dataSource, dialect, Clock.systemUTC());
    }

    /**
     * Opens a store over a host's data source, with the clock for its bookkeeping timestamps (created, updated,
     * delivered; all UTC).
     *
     * @param dataSource the database
     * @param dialect    its dialect
     * @param clock      the clock
     * @return the store
     * @throws io.learnloop.core.error.ValidationException on {@code dialect} if the database is not of that dialect
     *                                                     (the message names the one to use)
     * @throws io.learnloop.core.error.LearnloopException  with {@code STORE_UNAVAILABLE} as {@link #open(DataSource,
     *                                                     Dialect)} says
     */
    public static JdbcStore open(DataSource dataSource, Dialect dialect, Clock clock) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(dialect, "dialect");
        requireUsable(dataSource, dialect);
        Migrations.check(dataSource, dialect);
        return new JdbcStoreImpl(dataSource, dialect, clock, () -> { }, dialect + " data source");
    }

    /** Refuses a database of another dialect, and a MySQL session that would cut too long values. */
    private static void requireUsable(DataSource dataSource, Dialect dialect) {
        DatabaseProduct.of(dataSource).requireDialect(dialect);
        if (dialect == Dialect.MYSQL) {
            MysqlStrictMode.require(dataSource);
        }
    }

    /**
     * The embedded default: an H2 file database named {@code learnloop} in {@code folder}, created if absent. Being
     * the default that needs nothing installed, it migrates its schema on open (unlike {@link #open}). Close the
     * store to close the database.
     *
     * @param folder the folder that holds the database files
     * @return the store
     * @throws io.learnloop.core.error.LearnloopException with {@code STORE_UNAVAILABLE} if the folder cannot be used,
     *                                                    H2 is not on the class path, or another process holds the
     *                                                    database open
     */
    public static JdbcStore embeddedH2(Path folder) {
        return EmbeddedH2.open(Objects.requireNonNull(folder, "folder"), Clock.systemUTC());
    }
}
