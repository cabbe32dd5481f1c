package io.learnloop.benchmarks.jdbc;

import com.zaxxer.hikari.HikariDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * The raw-JDBC side of the scale run: the tables of {@link SettlementBenchmark.RawSettlement}, grown in step with the
 * platform (one order, one grant and three postings per paid order, inserted in batches) and indexed for the same
 * reads, so each operation of the platform has a hand-written query on the same database and at the same size.
 *
 * <p>Thread-safe as its pool is.
 */
final class ScaleBaseline {
    /** Grown rows take ids above this, so they never meet the ids the raw settlement hands out. */
    private static final long GROWN = 1_000_000_000L;
    private static final String[] ACCOUNTS = {"platform", "creator:ada", "clearing:sandbox"};
    private static final long[] AMOUNTS = {1980, 7920, -9900};

    private final HikariDataSource pool;
    private long grown;

    ScaleBaseline(HikariDataSource pool) throws SQLException {
        this.pool = pool;
        SettlementBenchmark.RawSettlement.createTables(pool);
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE INDEX raw_order_status ON raw_order (status, paid_at)");
            s.execute("CREATE INDEX raw_grant_course ON raw_grant (course, id)");
        }
    }

    /** Inserts the rows of orders up to {@code orders}, as the platform's order {@code i} holds them. */
    void growTo(long orders, ScalePlatform platform) throws SQLException {
        try (Connection c = pool.getConnection();
             PreparedStatement order = c.prepareStatement("INSERT INTO raw_order VALUES (?, ?, 'PAID', 9900, ?, ?, 2)");
             PreparedStatement grant = c.prepareStatement("INSERT INTO raw_grant VALUES (?, ?, ?, ?, 1)");
             PreparedStatement posting = c.prepareStatement("INSERT INTO raw_posting VALUES (?, ?, ?, ?)")) {
            c.setAutoCommit(false);
            for (; grown < orders; grown++) {
                long id = GROWN + grown;
                Timestamp at = Timestamp.from(ScalePlatform.T0.plus(ScalePlatform.STEP.multipliedBy(grown)));
                order.setLong(1, id);
                order.setString(2, "learner-" + platform.learnerOf(grown));
                order.setTimestamp(3, at);
                order.setString(4, "t-" + grown);
                order.addBatch();
                grant.setLong(1, id);
                grant.setString(2, "learner-" + platform.learnerOf(grown));
                grant.setString(3, "course-" + platform.courseOf(grown));
                grant.setLong(4, id);
                grant.addBatch();
                for (int a = 0; a < ACCOUNTS.length; a++) {
                    posting.setLong(1, id);
                    posting.setString(2, ACCOUNTS[a]);
                    posting.setLong(3, AMOUNTS[a]);
                    posting.setTimestamp(4, at);
                    posting.addBatch();
                }
                if (grown % 2000 == 1999) {
                    flush(c, order, grant, posting);
                }
            }
            flush(c, order, grant, posting);
        }
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("ANALYZE");
        }
    }

    private static void flush(Connection c, PreparedStatement... batches) throws SQLException {
        for (PreparedStatement b : batches) {
            b.executeBatch();
        }
        c.commit();
    }

    HikariDataSource pool() {
        return pool;
    }

    long grown() {
        return grown;
    }

    /** One order by its primary key. */
    boolean orderById(long i) throws SQLException {
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT learner, status, total, paid_at FROM raw_order "
                     + "WHERE id = ?")) {
            ps.setLong(1, GROWN + i);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The 50 most recently paid orders. */
    int paidOrdersPage() throws SQLException {
        return page("SELECT id, learner, total, paid_at FROM raw_order WHERE status = 'PAID' "
                + "ORDER BY paid_at DESC LIMIT 50");
    }

    /** The first 50 postings of the platform account. */
    int journalPage() throws SQLException {
        return page("SELECT entry_id, amount, posted_at FROM raw_posting WHERE account = 'platform' "
                + "ORDER BY posted_at LIMIT 50");
    }

    /** The first 50 postings of the platform account in one day. */
    int oneDayPage(Instant from, Instant to) throws SQLException {
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT entry_id, amount, posted_at FROM raw_posting "
                     + "WHERE account = 'platform' AND posted_at >= ? AND posted_at < ? ORDER BY posted_at LIMIT 50")) {
            ps.setTimestamp(1, Timestamp.from(from));
            ps.setTimestamp(2, Timestamp.from(to));
            return count(ps);
        }
    }

    /** The 50 most recent grants of a course. */
    int learnersPage(int course) throws SQLException {
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id, learner FROM raw_grant WHERE course = ? "
                     + "ORDER BY id DESC LIMIT 50")) {
            ps.setString(1, "course-" + course);
            return count(ps);
        }
    }

    private int page(String sql) throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            return count(ps);
        }
    }

    private static int count(PreparedStatement ps) throws SQLException {
        int n = 0;
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                n++;
            }
        }
        return n;
    }
}
