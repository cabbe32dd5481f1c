package io.learnloop.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.learnloop.core.JobRun;
import io.learnloop.core.Learnloop;
import io.learnloop.core.access.Grant;
import io.learnloop.core.access.GrantRequest;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.commerce.OfferId;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.event.DomainEvent;
import io.learnloop.core.event.EventTypes;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.TenantId;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.testing.Catalogue;
import io.learnloop.core.testing.MutableClock;
import io.learnloop.core.testing.Staff;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduled jobs on a database two host instances share: each grant's end is announced once, and delivered
 * outbox events are pruned once their retention has passed.
 */
class ScheduledWorkJdbcTest {
    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

    private static long outboxRows(HikariDataSource pool, TenantId tenant) throws SQLException {
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM learnloop_outbox WHERE tenant = ?")) {
            ps.setString(1, tenant.value());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void runScheduledJobs_whenTwoHostsShareTheDatabase_announceEachEndOnceAndPruneOldEvents(Dialect dialect)
            throws Exception {
        TenantId tenant = TenantId.of("jobs-" + dialect.name().toLowerCase(java.util.Locale.ROOT));
        MutableClock clock = new MutableClock(T0);
        List<DomainEvent> events = new CopyOnWriteArrayList<>();
        try (HikariDataSource pool = TestDatabases.newDatabase(dialect, 8)) {
            JdbcStores.migrate(pool, dialect);
            try (JdbcStore store = JdbcStores.open(pool, dialect)) {
                List<Learnloop> hosts = new ArrayList<>();
                for (int h = 0; h < 2; h++) {
                    hosts.add(Learnloop.builder().store(store).tenant(tenant).clock(clock)
                            .idGenerator(IdGenerator.sequential("h" + h)).listener(events::add)
                            .outboxRetention(Duration.ofDays(1)).build());
                }
                Learnloop first = hosts.get(0);
                Course java = Catalogue.published(first, Actor.of("ada", Role.CREATOR), "Java");
                List<Grant> periods = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    periods.add(first.access().grant(Staff.ADMIN, GrantRequest.membership(UserId.of("l-" + i),
                            OrderId.of("o-" + i), "line-1", OfferId.of("pro"), List.of(java.id()), List.of(), T0,
                            T0.plus(Duration.ofDays(1 + i)))));
                }
                long before = outboxRows(pool, tenant);
                assertThat(before).isPositive();

                clock.set(T0.plus(Duration.ofDays(30)));
                ExecutorService pool2 = Executors.newFixedThreadPool(2);
                int announced = 0;
                try {
                    List<Future<JobRun>> runs = new ArrayList<>();
                    for (Learnloop h : hosts) {
                        runs.add(pool2.submit(h::runScheduledJobs));
                    }
                    for (Future<JobRun> r : runs) {
                        announced += r.get(60, TimeUnit.SECONDS).grantsExpired();
                    }
                } finally {
                    pool2.shutdownNow();
                }

                assertThat(announced).isEqualTo(periods.size());
                assertThat(events.stream().filter(e -> e.type().equals(EventTypes.ACCESS_EXPIRED))
                        .map(e -> e.get("grant")).toList()).hasSize(periods.size()).doesNotHaveDuplicates();
                // the events delivered at T0 are older than the retention; today's pruning ran once, on one host
                assertThat(outboxRows(pool, tenant)).isLessThan(before);
                JobRun later = first.runScheduledJobs();
                assertThat(later.eventsPruned()).isZero();
                clock.set(T0.plus(Duration.ofDays(32)));
                assertThat(first.runScheduledJobs().eventsPruned()).isPositive();
                assertThat(outboxRows(pool, tenant)).isZero();
            }
        }
    }
}
