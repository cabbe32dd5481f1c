package io.learnloop.jdbc.internal;

import io.learnloop.core.error.LearnloopException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.event.DomainEvent;
import io.learnloop.core.identity.TenantId;
import io.learnloop.core.json.LearnloopJson;
import io.learnloop.core.store.UnitOfWork;
import io.learnloop.core.store.IndexRange;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.error.Validator;
import io.learnloop.jdbc.Dialect;
import io.learnloop.jdbc.JdbcStore;
import io.learnloop.jdbc.ScheduledJobs;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The JDBC store: one database transaction per unit of work, the outbox claimed with row locks.
 *
 * <p>Thread-safe: holds only immutable configuration; each call borrows its own connection.
 */
public final class JdbcStoreImpl implements JdbcStore {
    private static final int REWRITE_BATCH = 500;
    /** Event ids marked delivered per statement. */
    private static final int MARK_CHUNK = 256;

    private final Database db;
    private final Sql sql;
    private final Clock clock;
    private final Runnable onClose;
    private final JobTable jobs;
    private final String description;

    /**
     * Opens a store over a migrated database.
     *
     * @param dataSource the database
     * @param dialect    its dialect
     * @param clock      the clock for the bookkeeping timestamps
     * @param onClose    what {@link #close()} releases
     * @param description how {@link #toString()} names the database (no secrets)
     */
    public JdbcStoreImpl(DataSource dataSource, Dialect dialect, Clock clock, Runnable onClose, String description) {
        this.sql = Sql.of(Objects.requireNonNull(dialect, "dialect"));
        this.db = new Database(Objects.requireNonNull(dataSource, "dataSource"), sql);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.onClose = onClose;
        this.jobs = new JobTable(db, sql, clock);
        this.description = description;
    }

    @Override
    public <R> R transact(TenantId tenant, Function<UnitOfWork, R> work) {
        Objects.requireNonNull(work, "work");
        String doing = "running a unit of work for tenant " + tenant;
        try (Connection c = db.connect(doing)) {
            return db.inTransaction(c, doing, conn -> {
                JdbcUnitOfWork uow = new JdbcUnitOfWork(conn, sql, tenant, clock.instant(), false);
                R result = work.apply(uow);
                LearnloopException broken = uow.broken();
                if (broken != null) {
                    // The work caught a failure that aborted the database transaction; nothing of it can be kept.
                    throw broken;
                }
                uow.flush();
                return result;
            });
        } catch (SQLException e) {
            throw SqlErrors.map(e, doing);
        }
    }

    @Override
    public String reindex(TenantId tenant, AggregateType<?> type, String afterId, int limit) {
        new Validator().notNull("tenant", tenant).notNull("type", type)
                .check(limit >= 1 && limit <= IndexRange.MAX_LIMIT, "limit", "must be 1 to " + IndexRange.MAX_LIMIT
                        + " (was " + limit + ")").throwIfInvalid();
        return transact(tenant, uow -> ((JdbcUnitOfWork) uow).reindex(type, afterId, limit));
    }

    @Override
    public <R> R read(TenantId tenant, Function<UnitOfWork, R> work) {
        Objects.requireNonNull(work, "work");
        return db.autoCommit("reading for tenant " + tenant,
                c -> work.apply(new JdbcUnitOfWork(c, sql, tenant, clock.instant(), true)));
    }

    @Override
    public List<DomainEvent> claimOutbox(TenantId tenant, String relay, int limit, Instant now, Duration lease) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(relay, "relay");
        if (limit <= 0) {
            throw ValidationException.of("limit", "must be positive");
        }
        Instant until = now.plus(lease);
        if (sql.postgres()) {
            return claimInOneStatement(tenant, relay, limit, now, until);
        }
        return db.transaction("claiming outbox events", c -> {
            // The candidates and their bodies in one read (locked on PostgreSQL and MySQL, which skip rows another
            // relay holds), then every claim in one batch.
            List<Long> candidates = new ArrayList<>();
            List<String> bodies = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql.claimCandidates)) {
                ps.setString(1, tenant.value());
                ps.setObject(2, sql.timestamp(now));
                ps.setString(3, relay);
                ps.setInt(4, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        candidates.add(rs.getLong(1));
                        bodies.add(rs.getString(2));
                    }
                }
            }
            if (candidates.isEmpty()) {
                return List.of();
            }
            int[] counts;
            try (PreparedStatement claim = c.prepareStatement("UPDATE learnloop_outbox SET claimed_by = ?, lease_until = ? "
                    + "WHERE seq = ? AND delivered_at IS NULL AND (claimed_by IS NULL OR lease_until < ? OR claimed_by = ?)")) {
                for (long seq : candidates) {
                    claim.setString(1, relay);
                    claim.setObject(2, sql.timestamp(until));
                    claim.setLong(3, seq);
                    claim.setObject(4, sql.timestamp(now));
                    claim.setString(5, relay);
                    claim.addBatch();
                }
                counts = claim.executeBatch();
            }
            List<DomainEvent> claimed = new ArrayList<>(candidates.size());
            for (int i = 0; i < counts.length; i++) {
                // The condition is checked again by each update: on H2 another claimer may have taken the row since
                // it was read. A driver that reports no count ran the update on a row this transaction has locked.
                if (counts[i] == 1 || counts[i] == java.sql.Statement.SUCCESS_NO_INFO) {
                    claimed.add(LearnloopJson.fromJson(bodies.get(i), DomainEvent.class));
                }
            }
            return claimed;
        });
    }

    /**
     * PostgreSQL claims in one auto-committed statement: the candidates locked (skipping rows another relay holds),
     * claimed and returned by one UPDATE, so a claim costs one round trip and one commit rather than three calls.
     */
    private List<DomainEvent> claimInOneStatement(TenantId tenant, String relay, int limit, Instant now,
                                                  Instant until) {
        return db.autoCommit("claiming outbox events", c -> {
            List<long[]> order = new ArrayList<>();
            List<String> bodies = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql.claimReturning)) {
                ps.setString(1, tenant.value());
                ps.setObject(2, sql.timestamp(now));
                ps.setString(3, relay);
                ps.setInt(4, limit);
                ps.setString(5, relay);
                ps.setObject(6, sql.timestamp(until));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        order.add(new long[] {rs.getLong(1), bodies.size()});
                        bodies.add(rs.getString(2));
                    }
                }
            }
            // RETURNING gives no order; the relay hands events out oldest first
            order.sort(java.util.Comparator.comparingLong(o -> o[0]));
            List<DomainEvent> claimed = new ArrayList<>(order.size());
            for (long[] o : order) {
                claimed.add(LearnloopJson.fromJson(bodies.get((int) o[1]), DomainEvent.class));
            }
            return claimed;
        });
    }

    @Override
    public void markDelivered(TenantId tenant, List<String> eventIds, Instant deliveredAt) {
        Objects.requireNonNull(tenant, "tenant");
        if (eventIds.isEmpty()) {
            return;
        }
        Instant now = Objects.requireNonNull(deliveredAt, "deliveredAt");
        // One auto-committed statement per chunk of ids: each row is marked on its own terms (a row another relay
        // marked first is passed over), so the chunks need no transaction around them.
        for (int from = 0; from < eventIds.size(); from += MARK_CHUNK) {
            List<String> part = eventIds.subList(from, Math.min(eventIds.size(), from + MARK_CHUNK));
            db.autoCommit("marking outbox events delivered", c -> {
                try (PreparedStatement ps = c.prepareStatement("UPDATE learnloop_outbox SET delivered_at = ?, "
                        + "claimed_by = NULL, lease_until = NULL WHERE tenant = ? AND event_id IN ("
                        + String.join(", ", java.util.Collections.nCopies(part.size(), "?"))
                        + ") AND delivered_at IS NULL")) {
                    ps.setObject(1, sql.timestamp(now));
                    ps.setString(2, tenant.value());
                    for (int i = 0; i < part.size(); i++) {
                        ps.setString(3 + i, part.get(i));
                    }
                    return ps.executeUpdate();
                }
            });
        }
    }

    @Override
    public Dialect dialect() {
        return sql.dialect;
    }

    @Override
    public ScheduledJobs jobs() {
        return jobs;
    }

    @Override
    public int pruneDelivered(TenantId tenant, Instant deliveredBefore, int limit) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(deliveredBefore, "deliveredBefore");
        return db.autoCommit("pruning delivered outbox events", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.pruneDelivered(Math.max(1, limit)))) {
                ps.setString(1, tenant.value());
                ps.setObject(2, sql.timestamp(deliveredBefore));
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public int rewriteOutbox(TenantId tenant, java.util.function.UnaryOperator<DomainEvent> rewrite) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(rewrite, "rewrite");
        int rewritten = 0;
        long after = Long.MIN_VALUE;
        while (true) {
            long from = after;
            long[] last = {from};
            int[] count = {0};
            int changed = db.transaction("rewriting outbox events", c -> {
                List<Long> seqs = new ArrayList<>();
                List<DomainEvent> replacements = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT seq, body FROM learnloop_outbox WHERE tenant = ? "
                        + "AND seq > ? ORDER BY seq" + sql.limit("?"))) {
                    ps.setString(1, tenant.value());
                    ps.setLong(2, from);
                    ps.setInt(3, REWRITE_BATCH);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            long seq = rs.getLong(1);
                            DomainEvent before = LearnloopJson.fromJson(rs.getString(2), DomainEvent.class);
                            DomainEvent event = rewrite.apply(before);
                            last[0] = seq;
                            count[0]++;
                            if (event != before && !event.equals(before)) {
                                if (!event.id().equals(before.id())) {
                                    throw new IllegalArgumentException("A rewritten outbox event must keep its id");
                                }
                                seqs.add(seq);
                                replacements.add(event);
                            }
                        }
                    }
                }
                if (seqs.isEmpty()) {
                    return 0;
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE learnloop_outbox SET event_type = ?, "
                        + "aggregate_id = ?, body = " + sql.json + " WHERE seq = ?")) {
                    for (int i = 0; i < seqs.size(); i++) {
                        DomainEvent e = replacements.get(i);
                        ps.setString(1, e.type());
                        ps.setString(2, e.aggregateId());
                        ps.setString(3, LearnloopJson.toCompactJson(e));
                        ps.setLong(4, seqs.get(i));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                return seqs.size();
            });
            rewritten += changed;
            if (count[0] < REWRITE_BATCH) {
                return rewritten;
            }
            after = last[0];
        }
    }

    @Override
    public void close() {
        onClose.run();
    }

    @Override
    public String toString() {
        return "JdbcStore[" + sql.dialect + ", " + description + "]";
    }
}
