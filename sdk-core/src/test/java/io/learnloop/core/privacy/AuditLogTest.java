package io.learnloop.core.privacy;

import io.learnloop.core.Learnloop;
import io.learnloop.core.Page;
import io.learnloop.core.access.GrantRequest;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.commerce.LineAmount;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.commerce.OfferDraft;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.PlaceOrder;
import io.learnloop.core.commerce.RefundRequest;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.money.Money;
import io.learnloop.core.settlement.PaymentConfirmation;
import io.learnloop.core.testing.Catalogue;
import io.learnloop.core.testing.MutableClock;
import io.learnloop.core.testing.Staff;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditLogTest {
    private static final Actor ADA = Actor.of("ada", Role.CREATOR);
    private static final UserId LENA = UserId.of("lena");
    private static final Actor AUDITOR = Actor.of("inspector", Role.AUDITOR);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T08:00:00Z"));
    private final Learnloop learnloop = Learnloop.builder().clock(clock).idGenerator(IdGenerator.sequential("id"))
            .build();

    @Test
    void refund_whenRepeatedWithTheSameKey_isAuditedOnce() {
        Course course = Catalogue.published(learnloop, ADA, "Bread");
        Offer offer = learnloop.commerce().createOffer(ADA, OfferDraft.course("Bread", Money.parse("49.00", "CNY"),
                course.id()));
        Order order = learnloop.commerce().placeOrder(Actor.learner(LENA.value()), PlaceOrder.of("k1", offer.id()));
        learnloop.settlement().settle(Staff.FINANCE, new PaymentConfirmation(order.id(), "bank-transfer", "t-1",
                order.total()));
        RefundRequest refund = new RefundRequest("r-1", List.of(LineAmount.of(1, order.total())), "changed my mind");

        learnloop.settlement().refund(Staff.FINANCE, order.id(), refund);
        clock.advance(Duration.ofMinutes(1));
        learnloop.settlement().refund(Staff.FINANCE, order.id(), refund);

        assertThat(learnloop.auditLog().about(AUDITOR, LENA, null, 10).items()).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo(AuditAction.REFUNDED);
            assertThat(e.actor()).isEqualTo(Staff.FINANCE.id());
            assertThat(e.target()).contains(order.id().value()).contains("r-1");
            assertThat(e.reason()).isEqualTo("changed my mind");
        });
    }

    @Test
    void grant_whenAdminGrantsByHand_isAuditedAndAPageReadsNewestFirst() {
        Course course = Catalogue.published(learnloop, ADA, "Bread");
        for (int i = 0; i < 3; i++) {
            learnloop.access().grant(Staff.ADMIN, GrantRequest.manual(UserId.of("l" + i), List.of(course.id()),
                    "goodwill " + i, clock.instant(), null));
            clock.advance(Duration.ofMinutes(1));
        }
        learnloop.auditLog().record(AUDITOR, AuditAction.ROLES_CHANGED, UserId.of("l1"), "roles", "now MODERATOR");

        Page<AuditEntry> first = learnloop.auditLog().entries(AUDITOR, null, 2);
        assertThat(first.items()).extracting(AuditEntry::action)
                .containsExactly(AuditAction.ROLES_CHANGED, AuditAction.GRANTED);
        Page<AuditEntry> rest = learnloop.auditLog().entries(AUDITOR, first.nextCursor(), 2);
        assertThat(rest.items()).extracting(AuditEntry::subject).containsExactly(UserId.of("l1"), UserId.of("l0"));
        assertThat(learnloop.auditLog().about(AUDITOR, UserId.of("l1"), null, 10).items()).hasSize(2);
    }

    @Test
    void entries_whenActorIsNeitherAuditorNorAdmin_isForbidden() {
        assertThatThrownBy(() -> learnloop.auditLog().entries(Staff.FINANCE, null, 10))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("AUDITOR");
        assertThatThrownBy(() -> learnloop.auditLog().record(Actor.learner("lena"), AuditAction.ERASED, LENA, null,
                null)).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void record_whenReasonTooLong_isRejectedAndNothingIsWritten() {
        assertThatThrownBy(() -> learnloop.auditLog().record(AUDITOR, AuditAction.ROLES_CHANGED, LENA, "roles",
                "x".repeat(AuditEntry.MAX_TEXT + 1))).isInstanceOf(ValidationException.class)
                .hasMessageContaining("reason");
        assertThat(learnloop.auditLog().entries(AUDITOR, null, 10).items()).isEmpty();
    }
}
