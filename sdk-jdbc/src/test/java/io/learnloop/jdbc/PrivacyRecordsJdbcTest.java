package io.learnloop.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.learnloop.core.Learnloop;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.TenantId;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.privacy.AuditAction;
import io.learnloop.core.privacy.AuditEntry;
import io.learnloop.core.privacy.ConsentDecision;
import io.learnloop.core.privacy.ConsentPurpose;
import io.learnloop.core.privacy.Consents;
import io.learnloop.core.testing.MutableClock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Consent and the audit log read back from every database as they were recorded, the newest first. */
class PrivacyRecordsJdbcTest {

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void consents_whenRecordedOnTheDatabase_readBackPerPurposeAndAuditedNewestFirst(Dialect dialect) {
        MutableClock clock = new MutableClock(Instant.parse("2026-06-01T08:00:00Z"));
        UserId lena = UserId.of("lena");
        Actor auditor = Actor.of("inspector", Role.AUDITOR);
        try (HikariDataSource pool = TestDatabases.newDatabase(dialect, 2)) {
            JdbcStores.migrate(pool, dialect);
            try (JdbcStore store = JdbcStores.open(pool, dialect)) {
                Learnloop learnloop = Learnloop.builder().store(store).tenant(TenantId.of("privacy")).clock(clock)
                        .idGenerator(IdGenerator.sequential("p")).build();
                learnloop.consents().record(Actor.learner("lena"), lena,
                        ConsentDecision.grant(ConsentPurpose.TERMS, "2026-03", "signup"));
                clock.advance(Duration.ofHours(1));
                learnloop.consents().record(Actor.learner("lena"), lena,
                        ConsentDecision.refuse(ConsentPurpose.PERSONALISATION, "v1", "settings"));

                Consents now = learnloop.consents().current(Actor.learner("lena"), lena);
                assertThat(now.allows(ConsentPurpose.TERMS)).isTrue();
                assertThat(now.allows(ConsentPurpose.PERSONALISATION)).isFalse();
                assertThat(now.latest(ConsentPurpose.TERMS)).get()
                        .satisfies(r -> assertThat(r.decision().version()).isEqualTo("2026-03"));
                assertThat(learnloop.auditLog().entries(auditor, null, 10).items()).extracting(AuditEntry::target)
                        .containsExactly("PERSONALISATION refused (v1)", "TERMS granted (2026-03)");
                assertThat(learnloop.auditLog().about(auditor, lena, null, 10).items())
                        .extracting(AuditEntry::action).containsOnly(AuditAction.CONSENT_RECORDED);
            }
        }
    }
}
