package io.learnloop.jdbc.internal;

import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.jdbc.Dialect;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.resource.LoadableResource;
import org.flywaydb.core.api.output.MigrateResult;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The schema migrations of the JDBC store, run by Flyway with its history in {@code learnloop_schema_history}.
 * They run only when the host asks ({@link #migrate}); {@link #check} refuses a schema older or newer than this
 * version knows.
 *
 * <p>Thread-safe: stateless.
 */
public final class Migrations {
    /** The history table; separate from a host's own {@code flyway_schema_history}. */
    public static final String HISTORY_TABLE = "learnloop_schema_history";

    /** Every migration this version ships, oldest first; the folder under {@code db/learnloop/} is per dialect. */
    public static final List<String> FILES = List.of(
            "V1__aggregates_and_outbox.sql",
            "V2__scheduled_jobs.sql",
            "V3__sorted_indexes_and_pruning.sql",
            "V4__reporting_views.sql",
            "V5__counters.sql",
            "V6__compact_keys.sql");

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    private Migrations() {
    }

    /**
     * The resource folder of a dialect's migrations.
     *
     * @param dialect the dialect
     * @return the folder, for example {@code db/learnloop/postgresql}
     */
    public static String folder(Dialect dialect) {
        return "db/learnloop/" + dialect.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The newest schema version this code knows.
     *
     * @return the version, for example {@code "2"}
     */
    public static String latestVersion() {
        String last = FILES.get(FILES.size() - 1);
        return last.substring(1, last.indexOf("__"));
    }

    /**
     * Applies the pending migrations, up to {@code target} (null for all).
     *
     * @param dataSource the database
     * @param dialect    its dialect
     * @param target     the last version to apply, or null for the newest
     * @return how many migrations were applied
     */
    public static int migrate(DataSource dataSource, Dialect dialect, String target) {
        try {
            MigrateResult result = flyway(dataSource, dialect, target).migrate();
            LOG.info("Learnloop schema: {} migration(s) applied, now at version {}", result.migrationsExecuted,
                    result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion);
            return result.migrationsExecuted;
        } catch (FlywayException e) {
            throw failure("Migrating the Learnloop schema failed", e);
        }
    }

    /**
     * Throws unless the schema is exactly at the newest version this code knows.
     *
     * @param dataSource the database
     * @param dialect    its dialect
     */
    public static void check(DataSource dataSource, Dialect dialect) {
        MigrationInfo[] all;
        try {
            all = flyway(dataSource, dialect, null).info().all();
        } catch (FlywayException e) {
            throw failure("Reading the Learnloop schema version failed", e);
        }
        for (MigrationInfo m : all) {
            MigrationState state = m.getState();
            if (state == MigrationState.FAILED || state == MigrationState.FUTURE_FAILED) {
                throw new LearnloopException(ErrorCode.STORE_UNAVAILABLE, "The Learnloop schema migration "
                        + describe(m) + " failed half-way. Repair the database (see docs/persistence.md) before starting.");
            }
            if (state == MigrationState.FUTURE_SUCCESS) {
                throw new LearnloopException(ErrorCode.STORE_UNAVAILABLE, "The database schema is newer than this "
                        + "version of Learnloop: migration " + describe(m) + " is applied but unknown here (this "
                        + "version knows up to " + latestVersion() + "). Upgrade the application, or restore a database "
                        + "that matches it.");
            }
        }
        for (MigrationInfo m : all) {
            if (m.getState() == MigrationState.PENDING) {
                throw new LearnloopException(ErrorCode.STORE_UNAVAILABLE, "The database schema is older than this "
                        + "version of Learnloop: migration " + describe(m) + " is not applied. Run "
                        + "JdbcStores.migrate(dataSource, Dialect." + dialect + ") once, then start again.");
            }
        }
    }

    private static String describe(MigrationInfo m) {
        return "V" + m.getVersion() + " (" + m.getDescription() + ")";
    }

    private static Flyway flyway(DataSource dataSource, Dialect dialect, String target) {
        String folder = folder(dialect);
        List<LoadableResource> resources = FILES.stream()
                .<LoadableResource>map(f -> new MigrationResource(folder, f)).toList();
        ResourceProvider provider = new ResourceProvider() {
            @Override
            public LoadableResource getResource(String name) {
                return resources.stream().filter(r -> r.getFilename().equals(name) || r.getAbsolutePath().equals(name))
                        .findFirst().orElse(null);
            }

            @Override
            public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
                return resources.stream().filter(r -> r.getFilename().startsWith(prefix)
                        && Arrays.stream(suffixes).anyMatch(s -> r.getFilename().endsWith(s))).toList();
            }
        };
        var config = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .table(HISTORY_TABLE)
                .resourceProvider(provider)
                .javaMigrationClassProvider(List::<Class<? extends JavaMigration>>of)
                // The tables may share a schema with the host's own: start the history at 0 instead of refusing.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .validateOnMigrate(true)
                .cleanDisabled(true);
        if (target != null) {
            config = config.target(MigrationVersion.fromVersion(target));
        }
        return config.load();
    }

    private static LearnloopException failure(String what, FlywayException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException se) {
                return SqlErrors.map(se, what.toLowerCase(Locale.ROOT));
            }
        }
        return new LearnloopException(ErrorCode.STORE_UNAVAILABLE, what + ": " + e.getMessage(), e);
    }
}
