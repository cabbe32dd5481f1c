package io.learnloop.core.access;

import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.testing.TrustedAccess;
import io.learnloop.core.testing.Staff;
import io.learnloop.core.catalog.CatalogFixture;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.commerce.OfferId;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.error.NotFoundException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.event.DomainEvent;
import io.learnloop.core.event.EventTypes;
import io.learnloop.core.identity.UserId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static io.learnloop.core.catalog.CatalogFixture.ADMIN;
import static io.learnloop.core.catalog.CatalogFixture.LEARNER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GrantLedgerTest {
    private static final UserId LENA = UserId.of("lena");
    private static final OrderId ORDER = OrderId.of("order-7");

    private final CatalogFixture f = new CatalogFixture();
    private final AccessService access = f.learnloop.access();
    private final TrustedAccess trusted = new TrustedAccess(f.learnloop);
    private final Course java = f.published("Java");
    private final Course sql = f.published("SQL");

    private Instant now() {
        return f.clock.instant();
    }

    private GrantRequest line(String line, CourseId... courses) {
        return GrantRequest.purchase(LENA, ORDER, line, List.of(courses), now(), null);
    }

    private List<DomainEvent> events(String type) {
        return f.events.stream().filter(e -> e.type().equals(type)).toList();
    }

    @Test
    void grant_forABundleLine_emitsOneGrantedEventPerCourse() {
        Grant g = trusted.grant(line("line-1", java.id(), sql.id()));

        assertThat(g.source()).isEqualTo(GrantSource.PURCHASE);
        assertThat(g.sourceKey()).isEqualTo("purchase:order-7:line-1");
        assertThat(g.courses()).containsExactly(java.id(), sql.id());
        assertThat(events(EventTypes.ACCESS_GRANTED)).extracting(DomainEvent::data).containsExactly(
                Map.of("learner", "lena", "course", java.id().value(), "grant", g.id().value(),
                        "source", "PURCHASE"),
                Map.of("learner", "lena", "course", sql.id().value(), "grant", g.id().value(),
                        "source", "PURCHASE"));
    }

    @Test
    void grant_whenSamePurchaseLineArrivesTwice_yieldsOneGrant() {
        Grant first = trusted.grant(line("line-1", java.id()));
        f.advance(Duration.ofMinutes(5));

        Grant second = trusted.grant(line("line-1", java.id()));

        assertThat(second).isEqualTo(first);
        assertThat(access.grantsOf(LENA)).containsExactly(first);
        assertThat(events(EventTypes.ACCESS_GRANTED)).hasSize(1);
    }

    @Test
    void grant_whenSameLineNamesAnotherLearner_isADuplicateKeyConflict() {
        trusted.grant(line("line-1", java.id()));

        assertThatThrownBy(() -> trusted.grant(GrantRequest.purchase(UserId.of("mallory"), ORDER, "line-1",
                List.of(java.id()), now(), null)))
                .isInstanceOf(ConflictException.class)
                .satisfies(e -> assertThat(((ConflictException) e).code()).isEqualTo(ErrorCode.DUPLICATE_KEY));
        assertThat(access.grantsOf(UserId.of("mallory"))).isEmpty();
    }

    @Test
    void grant_when16ThreadsGrantTheSameLine_recordsExactlyOneGrant() throws Exception {
        List<Object> outcomes = race(() -> trusted.grant(line("line-1", java.id())));

        assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(Grant.class));
        assertThat(outcomes.stream().map(o -> ((Grant) o).id()).distinct()).hasSize(1);
        assertThat(access.grantsOf(LENA)).hasSize(1);
        assertThat(events(EventTypes.ACCESS_GRANTED)).hasSize(1);
    }

    @Test
    void grant_forUnknownCourse_isNotFoundAndStoresNothing() {
        assertThatThrownBy(() -> trusted.grant(line("line-1", java.id(), CourseId.of("ghost"))))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("ghost");
        assertThat(access.grantsOf(LENA)).isEmpty();
        assertThat(events(EventTypes.ACCESS_GRANTED)).isEmpty();
    }

    @Test
    void grant_manualWithoutAdmin_isForbidden() {
        GrantRequest manual = GrantRequest.manual(LENA, List.of(java.id()), "ticket-1", now(), null);

        assertThatThrownBy(() -> access.grant(Actor.of("ada", Role.CREATOR), manual))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("only an admin");
        assertThatThrownBy(() -> access.grant(LEARNER, manual)).isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("ADMIN");
        assertThat(access.grantsOf(LENA)).isEmpty();
    }

    @Test
    void grantRequest_withBadInput_namesEveryField() {
        Instant t = now();
        assertThat(fieldsOf(() -> new GrantRequest(null, GrantSource.PURCHASE, null, " ", OfferId.of("p"), "r",
                List.of(), List.of("c"), t, t.minusSeconds(1))))
                .containsExactly("learner", "endsAt", "order", "orderLine", "plan", "reference", "courses",
                        "categories");
        assertThat(fieldsOf(() -> GrantRequest.membership(LENA, OfferId.of("p"), List.of(), List.of(), t, null)))
                .containsExactly("courses", "endsAt");
        assertThat(fieldsOf(() -> GrantRequest.manual(LENA, List.of(java.id()), "x".repeat(201), t, null)))
                .containsExactly("reference");
        assertThat(fieldsOf(() -> GrantRequest.free(LENA, null, null))).containsExactly("startsAt", "courses");
        assertThat(fieldsOf(() -> access.decide(null, LessonId.of("l"), null))).containsExactly("learner", "at");
        assertThat(fieldsOf(() -> access.decideCourse(LENA, null, now()))).containsExactly("course");
        assertThat(fieldsOf(() -> access.grant(Staff.ADMIN, null))).containsExactly("request");
        assertThat(fieldsOf(() -> trusted.revokeRefund(ORDER, " ", "r"))).containsExactly("orderLine");
        assertThat(access.grantsOf(LENA)).isEmpty();
    }

    @Test
    void revokeRefund_revokesOnlyThatLineAndEmitsRevokedEvents() {
        trusted.grant(line("line-1", java.id()));
        Grant other = trusted.grant(line("line-2", sql.id()));
        f.advance(Duration.ofHours(1));

        List<Grant> revoked = trusted.revokeRefund(ORDER, "line-1", "refund-3");

        assertThat(revoked).singleElement().satisfies(g -> {
            assertThat(g.revocation().reason()).isEqualTo(RevocationReason.REFUND);
            assertThat(g.revocation().reference()).isEqualTo("refund-3");
            assertThat(g.revocation().revokedAt()).isEqualTo(now());
        });
        assertThat(access.grantById(other.id()).revocation()).isNull();
        assertThat(events(EventTypes.ACCESS_REVOKED)).singleElement().satisfies(e -> assertThat(e.data())
                .containsEntry("learner", "lena").containsEntry("course", java.id().value())
                .containsEntry("source", "PURCHASE").containsEntry("reason", "REFUND"));
        // The ledger keeps both grants.
        assertThat(access.grantsOf(LENA)).hasSize(2);
    }

    @Test
    void revokeRefund_whenRepeated_changesNothingMore() {
        trusted.grant(line("line-1", java.id()));
        List<Grant> first = trusted.revokeRefund(ORDER, "line-1", "refund-3");
        f.advance(Duration.ofHours(1));

        List<Grant> again = trusted.revokeRefund(ORDER, "line-1", "refund-3-retry");

        assertThat(again).isEqualTo(first);
        assertThat(events(EventTypes.ACCESS_REVOKED)).hasSize(1);
    }

    @Test
    void revokeRefund_when16ThreadsRace_revokesOnce() throws Exception {
        trusted.grant(line("line-1", java.id()));

        List<Object> outcomes = race(() -> trusted.revokeRefund(ORDER, "line-1", "refund-3"));

        assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(List.class));
        assertThat(events(EventTypes.ACCESS_REVOKED)).hasSize(1);
    }

    @Test
    void revokeChargeback_revokesEveryLineOfTheOrder() {
        trusted.grant(line("line-1", java.id()));
        trusted.grant(line("line-2", sql.id()));

        List<Grant> revoked = access.revokeChargeback(Staff.FINANCE, ORDER, "dispute-1");

        assertThat(revoked).hasSize(2).allSatisfy(g ->
                assertThat(g.revocation().reason()).isEqualTo(RevocationReason.CHARGEBACK));
        assertThat(access.entitledCourses(LENA, now())).isEmpty();
    }

    @Test
    void revoke_manually_needsAnAdminAndRecordsWho() {
        Grant g = trusted.grant(GrantRequest.free(LENA, java.id(), now()));

        assertThatThrownBy(() -> access.revoke(LEARNER, g.id(), "abuse")).isInstanceOf(ForbiddenException.class);
        Grant revoked = access.revoke(ADMIN, g.id(), "abuse");

        assertThat(revoked.revocation().revokedBy()).isEqualTo(ADMIN.id());
        assertThat(revoked.revocation().reason()).isEqualTo(RevocationReason.MANUAL);
        assertThat(access.revoke(ADMIN, g.id(), "again")).isEqualTo(revoked);
        assertThatThrownBy(() -> access.revoke(ADMIN, GrantId.of("nope"), "x")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void grant_membershipPerPeriod_isIdempotentPerPeriodStart() {
        Instant p1 = now();
        Instant p2 = p1.plus(Duration.ofDays(30));
        OfferId plan = OfferId.of("plan");
        Grant a = trusted.grant(GrantRequest.membership(LENA, plan, List.of(), List.of("programming"), p1, p2));
        Grant again = trusted.grant(GrantRequest.membership(LENA, plan, List.of(), List.of("programming"), p1, p2));
        Grant b = trusted.grant(GrantRequest.membership(LENA, plan, List.of(), List.of("programming"), p2,
                p2.plus(Duration.ofDays(30))));

        assertThat(again).isEqualTo(a);
        assertThat(b.id()).isNotEqualTo(a.id());
        assertThat(events(EventTypes.ACCESS_GRANTED)).hasSize(2)
                .allSatisfy(e -> assertThat(e.data()).containsEntry("category", "programming"));
    }

    private static List<String> fieldsOf(Runnable r) {
        try {
            r.run();
        } catch (ValidationException e) {
            return e.fields();
        }
        throw new AssertionError("expected a ValidationException");
    }

    private static List<Object> race(Supplier<?> action) throws Exception {
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return action.get();
                }));
            }
            go.countDown();
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> fu : futures) {
                try {
                    outcomes.add(fu.get(30, TimeUnit.SECONDS));
                } catch (java.util.concurrent.ExecutionException e) {
                    outcomes.add(e.getCause());
                }
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }
}
