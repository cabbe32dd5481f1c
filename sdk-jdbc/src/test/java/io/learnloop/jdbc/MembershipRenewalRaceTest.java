package io.learnloop.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.learnloop.core.Learnloop;
import io.learnloop.core.access.AccessService;
import io.learnloop.core.access.Grant;
import io.learnloop.core.access.GrantId;
import io.learnloop.core.access.GrantRequest;
import io.learnloop.core.commerce.MembershipPeriod;
import io.learnloop.core.commerce.OfferId;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.TenantId;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.testing.RenewalRace;
import io.learnloop.core.testing.TrustedAccess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Paid membership periods placed by the ledger on a database shared by two host instances (two pools, two stores,
 * two facades): different orders of one learner and plan settled at the same instant by eight threads come out back
 * to back, replays keep their line's grant, plans stack apart, refunds keep the timeline consistent.
 */
class MembershipRenewalRaceTest {
    private static final Instant PAID = Instant.parse("2026-03-05T08:00:00Z");
    private static final TenantId TENANT = TenantId.of("school");
    private static final UserId LENA = UserId.of("lena");
    private static final OfferId PRO = OfferId.of("plan-pro");
    private static final OfferId LITE = OfferId.of("plan-lite");
    private static final List<String> CATEGORIES = List.of("programming");

    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<Learnloop> hosts = new ArrayList<>();

    private void start(Dialect dialect) {
        HikariDataSource first = TestDatabases.newDatabase(dialect, 6);
        JdbcStores.migrate(first, dialect);
        HikariDataSource second = TestDatabases.hikari(first.getJdbcUrl(), first.getUsername(), first.getPassword(),
                6);
        for (HikariDataSource pool : List.of(first, second)) {
            JdbcStore store = JdbcStores.open(pool, dialect);
            open.add(store);
            open.add(pool);
            Learnloop learnloop = Learnloop.builder().store(store).tenant(TENANT)
                    .clock(Clock.fixed(PAID, ZoneOffset.UTC))
                    .idGenerator(IdGenerator.sequential("host" + hosts.size())).build();
            hosts.add(learnloop);
        }
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private Grant pay(String order, Instant paidAt) {
        return new TrustedAccess(hosts.get(0)).grant(GrantRequest.paidPeriod(LENA, OrderId.of(order), "line-1", PRO, List.of(),
                CATEGORIES, paidAt, MembershipPeriod.MONTH));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void grant_when8ThreadsOnTwoHostsSettle200DifferentOrdersAtOneInstant_placesThemBackToBack(Dialect dialect)
            throws Exception {
        start(dialect);
        RenewalRace race = new RenewalRace(LENA, List.of(PRO), List.of(), CATEGORIES, PAID, MembershipPeriod.MONTH,
                8, 25);

        Map<OrderId, Set<GrantId>> returned = race.run(hosts, "o");

        race.assertPlaced(returned, hosts.get(1).access().grantsOf(LENA));
        Instant last = race.endOfPeriods(200);
        // a replay on the other host, much later, still gets the line's grant
        Grant again = new TrustedAccess(hosts.get(1)).grant(GrantRequest.paidPeriod(LENA, RenewalRace.orderOf("o", 3, 7), "line-1",
                PRO, List.of(), CATEGORIES, PAID.plus(Duration.ofDays(400)), MembershipPeriod.MONTH));
        assertThat(returned.get(again.order())).containsExactly(again.id());
        assertThat(pay("o-next", PAID).startsAt()).isEqualTo(last);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void grant_whenTwoPlansAreSettledAtOnce_stacksEachPlanOnItsOwnPeriods(Dialect dialect) throws Exception {
        start(dialect);
        RenewalRace race = new RenewalRace(LENA, List.of(PRO, LITE), List.of(), CATEGORIES, PAID,
                MembershipPeriod.QUARTER, 8, 10);

        Map<OrderId, Set<GrantId>> returned = race.run(hosts, "o");

        race.assertPlaced(returned, hosts.get(0).access().grantsOf(LENA));
        assertThat(race.ordersOf(PRO)).isEqualTo(40);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void revokeRefund_whenMiddleThenLastPeriodRefunded_laterPeriodsKeepDatesAndTheNextStacksOnWhatIsLive(
            Dialect dialect) {
        start(dialect);
        Grant first = pay("o-1", PAID);
        Grant middle = pay("o-2", PAID);
        Grant last = pay("o-3", PAID);

        new TrustedAccess(hosts.get(1)).revokeRefund(middle.order(), "line-1", "refund-2");

        assertThat(hosts.get(0).access().grantById(last.id())).isEqualTo(last);
        Grant fourth = pay("o-4", PAID);
        assertThat(fourth.startsAt()).isEqualTo(last.endsAt());

        new TrustedAccess(hosts.get(1)).revokeRefund(fourth.order(), "line-1", "refund-4");

        assertThat(pay("o-5", PAID).startsAt()).isEqualTo(last.endsAt());
        hosts.get(1).access().revokeChargeback(io.learnloop.core.testing.Staff.FINANCE, OrderId.of("o-5"), "dispute-5");
        hosts.get(1).access().revokeChargeback(io.learnloop.core.testing.Staff.FINANCE, last.order(), "dispute-3");
        assertThat(pay("o-6", PAID).startsAt()).isEqualTo(first.endsAt());
    }
}
