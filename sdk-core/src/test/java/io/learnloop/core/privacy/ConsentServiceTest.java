package io.learnloop.core.privacy;

import io.learnloop.core.Learnloop;
import io.learnloop.core.Page;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.testing.MutableClock;
import io.learnloop.core.testing.Staff;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsentServiceTest {
    private static final UserId LENA = UserId.of("lena");
    private static final Actor LENA_ACTS = Actor.learner("lena");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T08:00:00Z"));
    private final Learnloop learnloop = Learnloop.builder().clock(clock).idGenerator(IdGenerator.sequential("id"))
            .build();

    @Test
    void allows_whenNeverDecided_allowsOnlyOptOutPurposes() {
        assertThat(learnloop.consents().allows(LENA, ConsentPurpose.PERSONALISATION)).isTrue();
        assertThat(learnloop.consents().allows(LENA, ConsentPurpose.ANALYTICS)).isTrue();
        assertThat(learnloop.consents().allows(LENA, ConsentPurpose.MARKETING)).isFalse();
        assertThat(learnloop.consents().allows(LENA, ConsentPurpose.DATA_TRANSFER)).isFalse();
        assertThat(learnloop.consents().allows(LENA, ConsentPurpose.TERMS)).isFalse();
    }

    @Test
    void record_whenLearnerWithdraws_latestDecisionWinsAndHistoryKeepsBoth() {
        learnloop.consents().record(LENA_ACTS, LENA, ConsentDecision.grant(ConsentPurpose.MARKETING, "v1", "signup"));
        clock.advance(Duration.ofDays(3));
        learnloop.consents().record(LENA_ACTS, LENA, ConsentDecision.refuse(ConsentPurpose.PERSONALISATION, "v1",
                "settings"));
        clock.advance(Duration.ofDays(3));
        learnloop.consents().record(LENA_ACTS, LENA, ConsentDecision.refuse(ConsentPurpose.MARKETING, "v2",
                "settings"));

        Consents now = learnloop.consents().current(LENA_ACTS, LENA);
        assertThat(now.allows(ConsentPurpose.MARKETING)).isFalse();
        assertThat(now.allows(ConsentPurpose.PERSONALISATION)).isFalse();
        assertThat(now.latest(ConsentPurpose.MARKETING)).get().satisfies(r -> {
            assertThat(r.decision().version()).isEqualTo("v2");
            assertThat(r.recordedAt()).isEqualTo(Instant.parse("2026-05-07T08:00:00Z"));
        });
        assertThat(learnloop.consents().allows(LENA, ConsentPurpose.PERSONALISATION)).isFalse();

        Page<ConsentRecord> first = learnloop.consents().history(LENA_ACTS, LENA, null, 2);
        assertThat(first.items()).extracting(r -> r.decision().source()).containsExactly("settings", "settings");
        Page<ConsentRecord> rest = learnloop.consents().history(LENA_ACTS, LENA, first.nextCursor(), 2);
        assertThat(rest.items()).extracting(r -> r.decision().granted()).containsExactly(true);
        assertThat(rest.nextCursor()).isNull();
    }

    @Test
    void record_whenAnotherLearnerActs_isForbiddenAndRecordsNothing() {
        assertThatThrownBy(() -> learnloop.consents().record(Actor.learner("mallory"), LENA,
                ConsentDecision.grant(ConsentPurpose.MARKETING, "v1", "forged")))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("only the learner");
        assertThatThrownBy(() -> learnloop.consents().current(Actor.learner("mallory"), LENA))
                .isInstanceOf(ForbiddenException.class);

        assertThat(learnloop.consents().history(Staff.ADMIN, LENA, null, 10).items()).isEmpty();
        assertThat(learnloop.consents().allows(LENA, ConsentPurpose.MARKETING)).isFalse();
    }

    @Test
    void record_whenAdminActsOnRequest_isAuditedWithBothNames() {
        learnloop.consents().record(Staff.ADMIN, LENA, ConsentDecision.refuse(ConsentPurpose.ANALYTICS, "v3",
                "written request #88"));

        assertThat(learnloop.auditLog().about(Staff.ADMIN, LENA, null, 10).items()).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo(AuditAction.CONSENT_RECORDED);
            assertThat(e.actor()).isEqualTo(Staff.ADMIN.id());
            assertThat(e.target()).contains("ANALYTICS refused");
        });
        assertThat(learnloop.consents().history(LENA_ACTS, LENA, null, 10).items()).singleElement()
                .satisfies(r -> assertThat(r.recordedBy()).isEqualTo(Staff.ADMIN.id()));
    }

    @Test
    void decision_whenVersionOrSourceMissing_namesTheFields() {
        assertThatThrownBy(() -> ConsentDecision.grant(ConsentPurpose.TERMS, " ", null))
                .isInstanceOf(ValidationException.class).hasMessageContaining("version").hasMessageContaining("source");
    }

    @Test
    void history_whenLimitOutOfRange_isRejected() {
        assertThatThrownBy(() -> learnloop.consents().history(LENA_ACTS, LENA, null, 0))
                .isInstanceOf(ValidationException.class).hasMessageContaining("limit");
    }
}
