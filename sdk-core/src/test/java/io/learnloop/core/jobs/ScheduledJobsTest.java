package io.learnloop.core.jobs;

import io.learnloop.core.JobRun;
import io.learnloop.core.Learnloop;
import io.learnloop.core.access.Grant;
import io.learnloop.core.access.GrantRequest;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.commerce.MembershipPeriod;
import io.learnloop.core.commerce.OfferId;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.event.DomainEvent;
import io.learnloop.core.event.EventTypes;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.store.Store;
import io.learnloop.core.store.Stores;
import io.learnloop.core.testing.Catalogue;
import io.learnloop.core.testing.MutableClock;
import io.learnloop.core.testing.Staff;
import io.learnloop.core.testing.TrustedAccess;
import org.junit.jupiter.api.Test;

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

/** The facade's scheduled jobs: the end of every time-limited grant is announced once, on any number of hosts. */
class ScheduledJobsTest {
    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    private static final UserId LENA = UserId.of("lena");
    private static final OfferId PRO = OfferId.of("pro");

    private final MutableClock clock = new MutableClock(T0);
    private final Store store = Stores.inMemory();
    private final List<DomainEvent> events = new CopyOnWriteArrayList<>();

    private Learnloop host(String name) {
        return Learnloop.builder().store(store).clock(clock).idGenerator(IdGenerator.sequential(name))
                .listener(events::add).build();
    }

    private List<DomainEvent> expired() {
        return events.stream().filter(e -> e.type().equals(EventTypes.ACCESS_EXPIRED)).toList();
    }

    @Test
    void runScheduledJobs_whenAMembershipPeriodEnds_announcesItOnceAndNotBefore() {
        Learnloop learnloop = host("a");
        Course java = Catalogue.published(learnloop, Actor.of("ada", Role.CREATOR), "Java");
        Grant period = new TrustedAccess(learnloop).grant(GrantRequest.paidPeriod(LENA, OrderId.of("o-1"), "line-1",
                PRO, List.of(java.id()), List.of("programming"), T0, MembershipPeriod.MONTH));
        Grant forever = new TrustedAccess(learnloop).grant(GrantRequest.purchase(LENA, OrderId.of("o-2"), "line-1",
                List.of(java.id()), T0, null));

        assertThat(learnloop.runScheduledJobs().grantsExpired()).isZero();
        clock.set(period.endsAt().minusSeconds(1));
        assertThat(learnloop.runScheduledJobs().grantsExpired()).isZero();
        assertThat(expired()).isEmpty();

        clock.set(period.endsAt().plus(Duration.ofMinutes(1)));
        JobRun run = learnloop.runScheduledJobs();
        JobRun again = learnloop.runScheduledJobs();

        assertThat(run.grantsExpired()).isEqualTo(1);
        assertThat(again.grantsExpired()).isZero();
        // one event per covered course and category, with the attributes of access.granted
        assertThat(expired()).hasSize(2).allSatisfy(e -> {
            assertThat(e.get("learner")).isEqualTo("lena");
            assertThat(e.get("grant")).isEqualTo(period.id().value());
            assertThat(e.get("source")).isEqualTo("MEMBERSHIP");
        });
        assertThat(expired()).extracting(e -> e.get("course") != null ? e.get("course") : e.get("category"))
                .containsExactlyInAnyOrder(java.id().value(), "programming");
        assertThat(expired()).noneMatch(e -> e.get("grant").equals(forever.id().value()));
    }

    @Test
    void runScheduledJobs_whenTheGrantWasRevokedBeforeItsEnd_announcesNothing() {
        Learnloop learnloop = host("a");
        Course java = Catalogue.published(learnloop, Actor.of("ada", Role.CREATOR), "Java");
        Grant period = new TrustedAccess(learnloop).grant(GrantRequest.paidPeriod(LENA, OrderId.of("o-1"), "line-1",
                PRO, List.of(java.id()), List.of(), T0, MembershipPeriod.MONTH));
        new TrustedAccess(learnloop).revokeRefund(OrderId.of("o-1"), "line-1", "refund-1");

        clock.set(period.endsAt().plusSeconds(1));

        assertThat(learnloop.runScheduledJobs().grantsExpired()).isZero();
        assertThat(expired()).isEmpty();
    }

    @Test
    void runScheduledJobs_whenEightHostsRunAtOnce_announcesEachEndOnce() throws Exception {
        Learnloop first = host("h0");
        Course java = Catalogue.published(first, Actor.of("ada", Role.CREATOR), "Java");
        List<Grant> periods = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            periods.add(first.access().grant(Staff.ADMIN, GrantRequest.membership(UserId.of("learner-" + i),
                    OrderId.of("o-" + i), "line-1", PRO, List.of(java.id()), List.of(), T0, T0.plus(Duration.ofDays(i + 1)))));
        }
        clock.set(T0.plus(Duration.ofDays(100)));
        List<Learnloop> hosts = new ArrayList<>();
        for (int h = 0; h < 8; h++) {
            hosts.add(host("h" + (h + 1)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<JobRun>> runs = new ArrayList<>();
            for (Learnloop h : hosts) {
                runs.add(pool.submit(h::runScheduledJobs));
            }
            int announced = 0;
            for (Future<JobRun> r : runs) {
                announced += r.get(60, TimeUnit.SECONDS).grantsExpired();
            }
            assertThat(announced).isEqualTo(periods.size());
        } finally {
            pool.shutdownNow();
        }
        assertThat(expired()).hasSize(periods.size());
        assertThat(expired()).extracting(e -> e.get("grant")).doesNotHaveDuplicates();
    }

    @Test
    void runScheduledJobs_whenAnotherHostReadTheQueueBeforeTheJobWasDone_doesNotRunItAgain() {
        // A store whose range reads of the job queue return the ids an earlier read of the index saw, each row read
        // as it is now: what a two-step read (index, then rows) sees when a job is completed between its steps.
        List<String> staleIds = new CopyOnWriteArrayList<>();
        Store stale = (Store) java.lang.reflect.Proxy.newProxyInstance(Store.class.getClassLoader(),
                new Class<?>[]{Store.class}, (proxy, method, args) -> {
                    if (method.getName().equals("read") || method.getName().equals("transact")) {
                        @SuppressWarnings("unchecked")
                        java.util.function.Function<io.learnloop.core.store.UnitOfWork, Object> work =
                                (java.util.function.Function<io.learnloop.core.store.UnitOfWork, Object>) args[1];
                        java.util.function.Function<io.learnloop.core.store.UnitOfWork, Object> wrapped =
                                uow -> work.apply(staleQueue(uow, staleIds));
                        return invoke(method, store, args[0], wrapped);
                    }
                    return invoke(method, store, args);
                });
        Learnloop a = Learnloop.builder().store(stale).clock(clock).idGenerator(IdGenerator.sequential("a"))
                .listener(events::add).build();
        Learnloop b = Learnloop.builder().store(stale).clock(clock).idGenerator(IdGenerator.sequential("b"))
                .listener(events::add).build();
        Course java = Catalogue.published(a, Actor.of("ada", Role.CREATOR), "Java");
        Grant period = a.access().grant(Staff.ADMIN, GrantRequest.membership(LENA, OrderId.of("o-1"), "line-1", PRO,
                List.of(java.id()), List.of(), T0, T0.plus(Duration.ofDays(1))));
        clock.set(T0.plus(Duration.ofDays(2)));
        staleIds.add("access.expiry:" + period.id().value());

        int announced = a.runScheduledJobs().grantsExpired() + b.runScheduledJobs().grantsExpired()
                + b.runScheduledJobs().grantsExpired();

        assertThat(announced).isEqualTo(1);
        assertThat(expired()).hasSize(1);
    }

    private static io.learnloop.core.store.UnitOfWork staleQueue(io.learnloop.core.store.UnitOfWork uow,
                                                                List<String> staleIds) {
        return (io.learnloop.core.store.UnitOfWork) java.lang.reflect.Proxy.newProxyInstance(
                io.learnloop.core.store.UnitOfWork.class.getClassLoader(),
                new Class<?>[]{io.learnloop.core.store.UnitOfWork.class}, (proxy, method, args) -> {
                    if (method.getName().equals("findRange")
                            && ((io.learnloop.core.store.AggregateType<?>) args[0]).name().equals("scheduled_job")
                            && args[2].equals("access.expiry") && !staleIds.isEmpty()) {
                        List<Object> rows = new ArrayList<>();
                        for (String id : staleIds) {
                            uow.find((io.learnloop.core.store.AggregateType<?>) args[0], id).ifPresent(rows::add);
                        }
                        return rows;
                    }
                    return invoke(method, uow, args);
                });
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object... args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
