package io.learnloop.jdbc.internal;

import io.learnloop.core.error.ValidationException;
import io.learnloop.core.identity.TenantId;
import io.learnloop.jdbc.ScheduledJob;
import io.learnloop.jdbc.ScheduledJobs;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Scheduled jobs in {@code learnloop_job}, claimed like outbox events: candidates are locked with
 * {@code FOR UPDATE SKIP LOCKED} on PostgreSQL and MySQL, and the claiming UPDATE re-checks that the job is still
 * free.
 *
 * <p>Thread-safe: holds only the database handle.
 */
final class JobTable implements ScheduledJobs {
    private final Database db;
    private final Sql sql;
    private final Clock clock;

    JobTable(Database db, Sql sql, Clock clock) {
        this.db = db;
        this.sql = sql;
        this.clock = clock;
    }

    @Override
    public boolean schedule(TenantId tenant, String queue, String key, Instant dueAt, String payload) {
        check(tenant, queue, key);
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(payload, "payload");
        return db.autoCommit("scheduling job " + queue + "/" + key, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.insertJob)) {
                ps.setString(1, tenant.value());
                ps.setString(2, queue);
                ps.setString(3, key);
                ps.setObject(4, sql.timestamp(dueAt));
                ps.setString(5, payload);
                ps.setObject(6, sql.timestamp(clock.instant()));
                return ps.executeUpdate() == 1;
            } catch (SQLException e) {
                if (SqlErrors.isUniqueViolation(e)) {
                    return false;
                }
                throw e;
            }
        });
    }

    @Override
    public List<ScheduledJob> claimDue(TenantId tenant, String queue, String worker, int limit, Instant now,
                                       Duration lease) {
        check(tenant, queue, worker);
        if (limit <= 0) {
            throw ValidationException.of("limit", "must be positive");
        }
        Instant until = now.plus(lease);
        return db.transaction("claiming jobs of " + queue, c -> {
            List<String> keys = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql.claimJobCandidates)) {
                ps.setString(1, tenant.value());
                ps.setString(2, queue);
                ps.setObject(3, sql.timestamp(now));
                ps.setObject(4, sql.timestamp(now));
                ps.setInt(5, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        keys.add(rs.getString(1));
                    }
                }
            }
            List<ScheduledJob> claimed = new ArrayList<>();
            try (PreparedStatement claim = c.prepareStatement("UPDATE learnloop_job SET claimed_by = ?, lease_until = ?, "
                    + "attempts = attempts + 1 WHERE tenant = ? AND queue = ? AND job_key = ? AND done_at IS NULL "
                    + "AND (claimed_by IS NULL OR lease_until < ?)");
                 PreparedStatement read = c.prepareStatement("SELECT due_at, payload, attempts FROM learnloop_job "
                         + "WHERE tenant = ? AND queue = ? AND job_key = ?")) {
                for (String key : keys) {
                    claim.setString(1, worker);
                    claim.setObject(2, sql.timestamp(until));
                    claim.setString(3, tenant.value());
                    claim.setString(4, queue);
                    claim.setString(5, key);
                    claim.setObject(6, sql.timestamp(now));
                    if (claim.executeUpdate() != 1) {
                        continue;
                    }
                    read.setString(1, tenant.value());
                    read.setString(2, queue);
                    read.setString(3, key);
                    try (ResultSet rs = read.executeQuery()) {
                        rs.next();
                        claimed.add(new ScheduledJob(queue, key, sql.instant(rs, 1),
                                rs.getString(2), rs.getInt(3)));
                    }
                }
            }
            return claimed;
        });
    }

    @Override
    public void complete(TenantId tenant, String queue, String key, Instant now) {
        check(tenant, queue, key);
        db.autoCommit("completing job " + queue + "/" + key, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE learnloop_job SET done_at = ?, claimed_by = NULL, "
                    + "lease_until = NULL WHERE tenant = ? AND queue = ? AND job_key = ?")) {
                ps.setObject(1, sql.timestamp(now));
                ps.setString(2, tenant.value());
                ps.setString(3, queue);
                ps.setString(4, key);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void retryAt(TenantId tenant, String queue, String key, Instant dueAt) {
        check(tenant, queue, key);
        db.autoCommit("rescheduling job " + queue + "/" + key, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE learnloop_job SET due_at = ?, claimed_by = NULL, "
                    + "lease_until = NULL WHERE tenant = ? AND queue = ? AND job_key = ? AND done_at IS NULL")) {
                ps.setObject(1, sql.timestamp(dueAt));
                ps.setString(2, tenant.value());
                ps.setString(3, queue);
                ps.setString(4, key);
                return ps.executeUpdate();
            }
        });
    }

    private static void check(TenantId tenant, String queue, String key) {
        Objects.requireNonNull(tenant, "tenant");
        if (queue == null || queue.isEmpty() || queue.length() > 64) {
            throw ValidationException.of("queue", "must be 1 to 64 characters");
        }
        if (key == null || key.isEmpty() || key.length() > 255) {
            throw ValidationException.of("key", "must be 1 to 255 characters");
        }
    }
}
