package io.learnloop.benchmarks.jdbc;

import io.learnloop.core.JobRun;
import io.learnloop.jdbc.Dialect;
import io.learnloop.jdbc.JdbcStore;
import io.learnloop.jdbc.JdbcStores;
import org.h2.jdbcx.JdbcConnectionPool;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bytes per paid order: grows a platform by paid orders (placed, checked out, paid and settled by a provider
 * notification), lets the relay deliver the outbox, moves the clock past the outbox retention and runs the scheduled
 * jobs so delivered events are pruned, compacts the database, and measures every table and index. It does this after
 * each step of orders and prints what grew between the steps per order, so the fixed overheads of an empty platform
 * (catalogue, first pages of each index, the schema) cancel out.
 *
 * <p>Arguments: {@code [stores] [orders per step] [steps]}, default {@code POSTGRESQL,H2 1000 2}.
 */
public final class StorageReport {
    private static final Duration RETENTION = Duration.ofHours(1);

    private StorageReport() {
    }

    /**
     * Runs the report.
     *
     * @param args stores, orders per step, steps
     * @throws Exception if a database fails
     */
    public static void main(String[] args) throws Exception {
        String[] stores = (args.length > 0 ? args[0] : "POSTGRESQL,H2").split(",");
        int step = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        for (String kind : stores) {
            System.out.println("== " + kind + ": " + steps + " steps of " + step + " paid orders");
            try (Target target = Target.open(kind)) {
                run(target, step, steps);
            }
        }
    }

    private static void run(Target target, int step, int steps) throws SQLException {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        PaidOrders platform = new PaidOrders(target.store, clock, RETENTION);
        List<Map<String, Long>> snapshots = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        long started = System.nanoTime();
        for (int s = 0; s < steps; s++) {
            for (int i = 0; i < step; i++) {
                platform.payOne();
            }
            platform.learnloop.deliverEvents();
            // a new UTC day, so today's pruning job is due, and past the retention of every delivered event
            clock.advance(Duration.ofDays(1).plus(RETENTION));
            JobRun run = platform.learnloop.runScheduledJobs();
            target.compact();
            snapshots.add(target.dialect == Dialect.POSTGRESQL ? PostgresSizes.measure(target.dataSource)
                    : H2Sizes.measure(target.dataSource));
            sizes.add(platform.paid());
            System.out.printf("%,d paid orders, %,d outbox events pruned, %.0f s%n", platform.paid(), run.eventsPruned(),
                    (System.nanoTime() - started) / 1e9);
        }
        print(snapshots, sizes);
        if (target.dialect == Dialect.POSTGRESQL) {
            printSamples(target.dataSource);
        }
    }

    /** One stored document of each type, to see what its bytes are spent on. */
    private static void printSamples(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT DISTINCT ON (type) type, body::text FROM learnloop_aggregate "
                     + "ORDER BY type, seq DESC")) {
            while (rs.next()) {
                System.out.println("sample " + rs.getString(1) + ": " + rs.getString(2));
            }
        }
    }

    private static void print(List<Map<String, Long>> snapshots, List<Integer> sizes) {
        Map<String, Long> last = snapshots.get(snapshots.size() - 1);
        Map<String, Long> before = snapshots.size() > 1 ? snapshots.get(snapshots.size() - 2) : Map.of();
        int orders = sizes.get(sizes.size() - 1) - (snapshots.size() > 1 ? sizes.get(sizes.size() - 2) : 0);
        StringBuilder header = new StringBuilder(String.format("%-70s", "measure"));
        for (int n : sizes) {
            header.append(String.format(" %14s", "at " + n));
        }
        System.out.println(header.append(String.format(" %12s", "per order")));
        for (String key : last.keySet()) {
            StringBuilder line = new StringBuilder(String.format("%-70s", key));
            for (Map<String, Long> s : snapshots) {
                line.append(String.format(" %,14d", s.getOrDefault(key, 0L)));
            }
            double perOrder = (last.get(key) - before.getOrDefault(key, 0L)) / (double) orders;
            System.out.println(line.append(String.format(" %,12.1f", perOrder)));
        }
    }

    /** The database under measurement and a plain connection pool to it. */
    private static final class Target implements AutoCloseable {
        final JdbcStore store;
        final DataSource dataSource;
        final Dialect dialect;
        private final Closer resources;

        private Target(JdbcStore store, DataSource dataSource, Dialect dialect, Closer resources) {
            this.store = store;
            this.dataSource = dataSource;
            this.dialect = dialect;
            this.resources = resources;
        }

        static Target open(String kind) throws Exception {
            if ("POSTGRESQL".equals(kind)) {
                BenchDatabase db = BenchDatabase.open(kind, 4);
                return new Target((JdbcStore) db.store, db.pool, Dialect.POSTGRESQL, db::close);
            }
            if (!"H2".equals(kind)) {
                throw new IllegalArgumentException("no store " + kind);
            }
            Path folder = Files.createTempDirectory("learnloop-storage-h2");
            JdbcConnectionPool pool = JdbcConnectionPool.create("jdbc:h2:file:" + folder.resolve("learnloop"), "sa", "");
            JdbcStores.migrate(pool, Dialect.H2);
            JdbcStore store = JdbcStores.open(pool, Dialect.H2);
            return new Target(store, pool, Dialect.H2, () -> {
                store.close();
                pool.dispose();
                try (var files = Files.walk(folder)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            });
        }

        /** Rewrites PostgreSQL's tables so dead rows and half-empty pages left by updates do not count. */
        void compact() throws SQLException {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                if (dialect == Dialect.POSTGRESQL) {
                    c.setAutoCommit(true);
                    s.execute("VACUUM FULL");
                    s.execute("ANALYZE");
                } else {
                    s.execute("CHECKPOINT SYNC");
                }
            }
        }

        @Override
        public void close() throws IOException {
            resources.close();
        }
    }

    /** What closes a target's database. */
    @FunctionalInterface
    private interface Closer {
        void close() throws IOException;
    }

    /** Reads rows of (name, value) into a map, each name prefixed. */
    static void collect(Connection c, String sql, String prefix, Map<String, Long> into) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                into.put(prefix + rs.getString(1), rs.getLong(2));
            }
        }
    }

    /** The sizes PostgreSQL reports, in bytes, and row counts of the store's tables. */
    private static final class PostgresSizes {
        private static final String TABLES = "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname LIKE 'learnloop%' ";

        static Map<String, Long> measure(DataSource ds) throws SQLException {
            Map<String, Long> m = new LinkedHashMap<>();
            try (Connection c = ds.getConnection()) {
                collect(c, "SELECT 'bytes, every learnloop table with indexes and TOAST', "
                        + "sum(pg_total_relation_size(c.oid)) " + TABLES, "", m);
                collect(c, "SELECT c.relname, pg_total_relation_size(c.oid) " + TABLES + "ORDER BY 1",
                        "table total: ", m);
                collect(c, "SELECT c.relname, pg_relation_size(c.oid) " + TABLES + "ORDER BY 1", "table heap: ", m);
                collect(c, "SELECT c.relname, pg_table_size(c.oid) - pg_relation_size(c.oid) " + TABLES
                        + "ORDER BY 1", "table TOAST and maps: ", m);
                collect(c, "SELECT c.relname, pg_indexes_size(c.oid) " + TABLES + "ORDER BY 1", "table indexes: ", m);
                collect(c, "SELECT i.relname, pg_relation_size(i.oid) FROM pg_index x JOIN pg_class i "
                        + "ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid "
                        + "WHERE c.relname LIKE 'learnloop%' ORDER BY 1", "index: ", m);
                collect(c, "SELECT type, count(*) FROM learnloop_aggregate GROUP BY type ORDER BY 1",
                        "aggregate rows: ", m);
                collect(c, "SELECT type, sum(pg_column_size(body)) FROM learnloop_aggregate GROUP BY type ORDER BY 1",
                        "aggregate body bytes (stored, after compression): ", m);
                collect(c, "SELECT type, sum(octet_length(body::text)) FROM learnloop_aggregate GROUP BY type "
                        + "ORDER BY 1", "aggregate body bytes as JSON text: ", m);
                collect(c, "SELECT type || '.' || index_name || CASE WHEN strpos(position_key, chr(1)) = 0 THEN '' "
                        + "ELSE ' (sorted)' END, count(*) FROM learnloop_index_entry GROUP BY 1 ORDER BY 1",
                        "index entry rows: ", m);
                collect(c, "SELECT type || '.' || index_name, sum(pg_column_size(e.*)) FROM learnloop_index_entry e "
                        + "GROUP BY 1 ORDER BY 1", "index entry row bytes: ", m);
                collect(c, "SELECT type || '.' || key_name, count(*) FROM learnloop_unique_key GROUP BY 1 ORDER BY 1",
                        "unique key rows: ", m);
                collect(c, "SELECT CASE WHEN delivered_at IS NULL THEN 'pending' ELSE 'delivered' END, count(*) "
                        + "FROM learnloop_outbox GROUP BY 1 ORDER BY 1", "outbox rows: ", m);
                collect(c, "SELECT queue || CASE WHEN done_at IS NULL THEN ' open' ELSE ' done' END, count(*) "
                        + "FROM learnloop_job GROUP BY 1 ORDER BY 1", "job rows: ", m);
            }
            return m;
        }
    }

    /**
     * What H2 reports: its estimate of each table's space, which leaves out the documents (kept as large objects), so
     * only the row counts and document lengths compare with PostgreSQL.
     */
    private static final class H2Sizes {
        static Map<String, Long> measure(DataSource ds) throws SQLException {
            Map<String, Long> m = new LinkedHashMap<>();
            String tables = "FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_TYPE = 'BASE TABLE' "
                    + "AND TABLE_NAME LIKE 'LEARNLOOP%'";
            try (Connection c = ds.getConnection()) {
                collect(c, "SELECT 'bytes, every learnloop table (H2 DISK_SPACE_USED, without large objects)', "
                        + "SUM(DISK_SPACE_USED('PUBLIC.' || TABLE_NAME)) " + tables, "", m);
                collect(c, "SELECT TABLE_NAME, DISK_SPACE_USED('PUBLIC.' || TABLE_NAME) " + tables + " ORDER BY 1",
                        "table: ", m);
                collect(c, "SELECT type, COUNT(*) FROM learnloop_aggregate GROUP BY type ORDER BY 1",
                        "aggregate rows: ", m);
                collect(c, "SELECT type, SUM(OCTET_LENGTH(body)) FROM learnloop_aggregate GROUP BY type ORDER BY 1",
                        "aggregate body bytes as JSON text: ", m);
                collect(c, "SELECT type || '.' || index_name, COUNT(*) FROM learnloop_index_entry GROUP BY type, "
                        + "index_name ORDER BY 1",
                        "index entry rows: ", m);
                collect(c, "SELECT type || '.' || key_name, COUNT(*) FROM learnloop_unique_key GROUP BY type, key_name "
                        + "ORDER BY 1",
                        "unique key rows: ", m);
                collect(c, "SELECT 'all', COUNT(*) FROM learnloop_outbox", "outbox rows: ", m);
            }
            return m;
        }
    }
}
