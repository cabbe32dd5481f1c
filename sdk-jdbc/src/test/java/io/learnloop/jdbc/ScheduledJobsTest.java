package io.learnloop.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.learnloop.core.identity.TenantId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Scheduled work claimed with leases, on H2, PostgreSQL and MariaDB (the MySQL dialect). */
class ScheduledJobsTest {
    private static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final AtomicLong TENANTS = new AtomicLong();
    private static final Map<Dialect, HikariDataSource> POOLS = new EnumMap<>(Dialect.class);
    private static final Map<Dialect, JdbcStore> STORES = new EnumMap<>(Dialect.class);

    /** The dialect's store, opened on first use, so a dialect whose server is missing skips only its own tests. */
    private static synchronized JdbcStore store(Dialect dialect) {
        return STORES.computeIfAbsent(dialect, d -> {
            HikariDataSource pool = TestDatabases.newDatabase(d, 8);
            POOLS.put(d, pool);
            JdbcStores.migrate(pool, d);
            return JdbcStores.open(pool, d);
        });
    }

    @AfterAll
    static void close() {
        STORES.values().forEach(JdbcStore::close);
        POOLS.values().forEach(HikariDataSource::close);
    }

    private static TenantId tenant() {
        return TenantId.of("jobs-" + TENANTS.incrementAndGet());
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void schedule_whenKeyAlreadyScheduled_returnsFalseAndKeepsTheFirst(Dialect dialect) {
        ScheduledJobs jobs = store(dialect).jobs();
        TenantId tenant = tenant();

        assertThat(jobs.schedule(tenant, "expire", "grant-1", T0, "first")).isTrue();
        assertThat(jobs.schedule(tenant, "expire", "grant-1", T0.minusSeconds(60), "second")).isFalse();

        assertThat(jobs.claimDue(tenant, "expire", "w1", 10, T0, LEASE))
                .containsExactly(new ScheduledJob("expire", "grant-1", T0, "first", 1));
    }

    @Test
    void claimDue_whenThroughMysqlConnectorJ_readsTheInstantsBackExactly() {
        try (HikariDataSource pool = TestDatabases.newMysqlThroughConnectorJ(2);
             JdbcStore store = migratedAndOpen(pool)) {
            ScheduledJobs jobs = store.jobs();
            TenantId tenant = tenant();
            Instant due = T0.plusNanos(123_456_000);
            jobs.schedule(tenant, "expire", "grant-1", due, "p");

            assertThat(jobs.claimDue(tenant, "expire", "w1", 10, due.minusNanos(1_000), LEASE)).isEmpty();
            assertThat(jobs.claimDue(tenant, "expire", "w1", 10, due, LEASE))
                    .containsExactly(new ScheduledJob("expire", "grant-1", due, "p", 1));
        }
    }

    private static JdbcStore migratedAndOpen(HikariDataSource mysql) {
        JdbcStores.migrate(mysql, Dialect.MYSQL);
        return JdbcStores.open(mysql, Dialect.MYSQL);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void claimDue_whenLeaseHeldOrNotDue_handsOutOnlyFreeDueJobsEarliestFirst(Dialect dialect) {
        ScheduledJobs jobs = store(dialect).jobs();
        TenantId tenant = tenant();
        jobs.schedule(tenant, "reconcile", "b", T0.plusSeconds(10), "");
        jobs.schedule(tenant, "reconcile", "a", T0.plusSeconds(20), "");
        jobs.schedule(tenant, "reconcile", "later", T0.plusSeconds(3600), "");
        jobs.schedule(tenant, "other-queue", "x", T0, "");

        assertThat(jobs.claimDue(tenant, "reconcile", "w1", 10, T0.plusSeconds(30), LEASE))
                .extracting(ScheduledJob::key).containsExactly("b", "a");
        assertThat(jobs.claimDue(tenant, "reconcile", "w2", 10, T0.plusSeconds(60), LEASE)).isEmpty();
        jobs.complete(tenant, "reconcile", "b", T0.plusSeconds(61));

        List<ScheduledJob> afterLease = jobs.claimDue(tenant, "reconcile", "w2", 10, T0.plusSeconds(400), LEASE);
        assertThat(afterLease).extracting(ScheduledJob::key).containsExactly("a");
        assertThat(afterLease.get(0).attempts()).isEqualTo(2);
        jobs.retryAt(tenant, "reconcile", "a", T0.plusSeconds(500));
        assertThat(jobs.claimDue(tenant, "reconcile", "w3", 10, T0.plusSeconds(450), LEASE)).isEmpty();
        assertThat(jobs.claimDue(tenant, "reconcile", "w3", 10, T0.plusSeconds(500), LEASE))
                .extracting(ScheduledJob::key).containsExactly("a");
        assertThat(jobs.claimDue(tenant(), "reconcile", "w3", 10, T0.plusSeconds(99_999), LEASE)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void claimDue_whenWorkersClaimConcurrently_eachJobGoesToOneWorker(Dialect dialect) throws Exception {
        ScheduledJobs jobs = store(dialect).jobs();
        TenantId tenant = tenant();
        int count = 200;
        for (int i = 0; i < count; i++) {
            jobs.schedule(tenant, "expire", "job-" + i, T0, "");
        }
        List<String> claimed = Collections.synchronizedList(new ArrayList<>());
        ExecutorService workers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                String worker = "worker-" + w;
                done.add(workers.submit((Callable<Void>) () -> {
                    List<ScheduledJob> batch;
                    while (!(batch = jobs.claimDue(tenant, "expire", worker, 7, T0, LEASE)).isEmpty()) {
                        for (ScheduledJob job : batch) {
                            claimed.add(job.key());
                            jobs.complete(tenant, "expire", job.key(), T0);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            workers.shutdownNow();
        }

        assertThat(claimed).hasSize(count).doesNotHaveDuplicates();
    }
}
