package io.learnloop.jdbc.internal;

import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.jdbc.Dialect;
import io.learnloop.jdbc.JdbcStore;
import org.h2.jdbcx.JdbcConnectionPool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The embedded default: an H2 file database in a folder the host names, behind H2's own small connection pool.
 *
 * <p>Thread-safe: stateless.
 */
public final class EmbeddedH2 {
    /** Connections the embedded pool keeps; H2 serves them in-process. */
    private static final int POOL_SIZE = 16;

    private EmbeddedH2() {
    }

    /**
     * Opens (creating and migrating on first use) the database {@code learnloop} in {@code folder}.
     *
     * @param folder the folder
     * @param clock  the clock for bookkeeping timestamps
     * @return the store; closing it closes the database
     */
    public static JdbcStore open(Path folder, Clock clock) {
        Path dir = folder.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new LearnloopException(ErrorCode.STORE_UNAVAILABLE, "Cannot create the embedded database folder "
                    + dir + ": " + e.getMessage() + ". Name a folder the application may write to.", e);
        }
        JdbcConnectionPool pool;
        try {
            // LOCK_TIMEOUT: writers queue on a row lock for up to 10 s before the store reports a conflict.
            pool = JdbcConnectionPool.create("jdbc:h2:file:" + dir.resolve("learnloop") + ";LOCK_TIMEOUT=10000", "sa", "");
        } catch (NoClassDefFoundError e) {
            throw new LearnloopException(ErrorCode.STORE_UNAVAILABLE, "The embedded store needs the H2 driver: add the "
                    + "dependency com.h2database:h2 to the application.", e);
        }
        pool.setMaxConnections(POOL_SIZE);
        try {
            Migrations.migrate(pool, Dialect.H2, null);
            Migrations.check(pool, Dialect.H2);
        } catch (RuntimeException e) {
            pool.dispose();
            throw e;
        }
        return new JdbcStoreImpl(pool, Dialect.H2, clock, pool::dispose, "embedded H2 in " + dir);
    }
}
