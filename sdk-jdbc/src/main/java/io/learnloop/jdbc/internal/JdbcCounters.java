package io.learnloop.jdbc.internal;

import io.learnloop.core.identity.TenantId;
import io.learnloop.core.store.Counter;
import io.learnloop.core.store.CounterKey;
import io.learnloop.core.store.PendingCounters;
import io.learnloop.jdbc.Dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The store's counters in {@code learnloop_counter}: one row per member, added to by an upsert at commit, in the
 * order {@link PendingCounters} gives, so two transactions adding to the same rows lock them in the same order.
 * PostgreSQL and MySQL take all of a commit's additions in one batch; H2, in process, updates and inserts row by row.
 *
 * <p>Thread-safe: stateless.
 */
final class JdbcCounters {
    private static final String UPDATE = "UPDATE learnloop_counter SET amount = amount + ? "
            + "WHERE tenant = ? AND family = ? AND grp = ? AND member = ?";
    private static final String INSERT = "INSERT INTO learnloop_counter (tenant, family, grp, member, amount) "
            + "VALUES (?, ?, ?, ?, ?)";

    private JdbcCounters() {
    }

    /**
     * Reads the committed members of a counter group after a bound, in member order.
     *
     * @param c      the connection
     * @param sql    the dialect's statements
     * @param tenant the tenant
     * @param family what is counted
     * @param group  whose count
     * @param after  exclusive lower bound, or null
     * @param limit  the most members
     * @return the members
     * @throws SQLException if the database fails
     */
    static List<Counter> read(Connection c, Sql sql, TenantId tenant, String family, String group, String after,
                              int limit) throws SQLException {
        String q = "SELECT member, amount FROM learnloop_counter WHERE tenant = ? AND family = ? AND grp = ?"
                + (after == null ? "" : " AND member > ?") + " ORDER BY member" + sql.limit(String.valueOf(limit));
        List<Counter> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(q)) {
            ps.setString(1, tenant.value());
            ps.setString(2, family);
            ps.setString(3, group);
            if (after != null) {
                ps.setString(4, after);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Counter(rs.getString(1), rs.getLong(2)));
                }
            }
        }
        return out;
    }

    /**
     * Applies a unit of work's additions, just before it commits.
     *
     * @param c       the connection
     * @param sql     the dialect's statements
     * @param tenant  the tenant
     * @param pending the additions
     * @throws SQLException if the database fails
     */
    static void flush(Connection c, Sql sql, TenantId tenant, PendingCounters pending) throws SQLException {
        Map<CounterKey, Long> additions = pending.inCommitOrder();
        if (additions.isEmpty()) {
            return;
        }
        if (sql.dialect == Dialect.H2) {
            flushRowByRow(c, tenant, additions);
            return;
        }
        String upsert = INSERT + (sql.dialect == Dialect.POSTGRESQL
                ? " ON CONFLICT (tenant, family, grp, member) DO UPDATE SET amount = learnloop_counter.amount + EXCLUDED.amount"
                // VALUES() is deprecated from MySQL 8.0.20 but still works there, and is the form MariaDB knows
                : " ON DUPLICATE KEY UPDATE amount = amount + VALUES(amount)");
        try (PreparedStatement ps = c.prepareStatement(upsert)) {
            for (Map.Entry<CounterKey, Long> e : additions.entrySet()) {
                CounterKey key = e.getKey();
                ps.setString(1, tenant.value());
                ps.setString(2, key.family());
                ps.setString(3, key.group());
                ps.setString(4, key.member());
                ps.setLong(5, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** H2 has no upsert that adds; a failed statement there undoes only itself, so a lost insert race is retried. */
    private static void flushRowByRow(Connection c, TenantId tenant, Map<CounterKey, Long> additions)
            throws SQLException {
        try (PreparedStatement update = c.prepareStatement(UPDATE); PreparedStatement insert = c.prepareStatement(INSERT)) {
            for (Map.Entry<CounterKey, Long> e : additions.entrySet()) {
                CounterKey key = e.getKey();
                update.setLong(1, e.getValue());
                update.setString(2, tenant.value());
                update.setString(3, key.family());
                update.setString(4, key.group());
                update.setString(5, key.member());
                if (update.executeUpdate() == 1) {
                    continue;
                }
                insert.setString(1, tenant.value());
                insert.setString(2, key.family());
                insert.setString(3, key.group());
                insert.setString(4, key.member());
                insert.setLong(5, e.getValue());
                try {
                    insert.executeUpdate();
                } catch (SQLException raced) {
                    if (!SqlErrors.isUniqueViolation(raced) || update.executeUpdate() != 1) {
                        throw raced;
                    }
                }
            }
        }
    }
}
