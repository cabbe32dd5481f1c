package io.learnloop.jdbc.internal;

import io.learnloop.jdbc.Dialect;

/**
 * The statements of the JDBC store for one dialect. Everything not listed here is the same SQL on PostgreSQL and H2.
 *
 * <p>Thread-safe: immutable.
 */
final class Sql {
    static final String AGGREGATE = "learnloop_aggregate";

    final Dialect dialect;
    /** Placeholder for a JSON document parameter. */
    final String json;
    final String insertAggregate;
    final String updateAggregate;
    final String insertEvent;
    final String claimCandidates;
    final String insertJob;

    private Sql(Dialect dialect) {
        this.dialect = dialect;
        boolean pg = dialect == Dialect.POSTGRESQL;
        json = pg ? "CAST(? AS jsonb)" : "?";
        insertAggregate = "INSERT INTO learnloop_aggregate (tenant, type, id, version, body, created_at, updated_at) "
                + "VALUES (?, ?, ?, 1, " + json + ", ?, ?)";
        updateAggregate = "UPDATE learnloop_aggregate SET version = ?, body = " + json + ", updated_at = ? "
                + "WHERE tenant = ? AND type = ? AND id = ? AND version = ?";
        insertEvent = "INSERT INTO learnloop_outbox (tenant, event_id, event_type, aggregate_id, occurred_at, body) "
                + "VALUES (?, ?, ?, ?, ?, " + json + ")" + (pg ? " ON CONFLICT (tenant, event_id) DO NOTHING" : "");
        // PostgreSQL: relays on several hosts skip each other's locked rows instead of queueing behind them. H2 runs in
        // one process; its conditional UPDATE below is what makes a claim exclusive there.
        claimCandidates = "SELECT seq FROM learnloop_outbox WHERE tenant = ? AND delivered_at IS NULL "
                + "AND (claimed_by IS NULL OR lease_until < ? OR claimed_by = ?) ORDER BY seq FETCH FIRST ? ROWS ONLY"
                + (pg ? " FOR UPDATE SKIP LOCKED" : "");
        insertJob = "INSERT INTO learnloop_job (tenant, queue, job_key, due_at, payload, attempts, created_at) "
                + "VALUES (?, ?, ?, ?, ?, 0, ?)" + (pg ? " ON CONFLICT (tenant, queue, job_key) DO NOTHING" : "");
    }

    static Sql of(Dialect dialect) {
        return new Sql(dialect);
    }

    boolean postgres() {
        return dialect == Dialect.POSTGRESQL;
    }
}
