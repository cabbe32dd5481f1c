package io.learnloop.core.privacy;

import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.error.NotFoundException;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.internal.store.MemoryStoreContents;
import io.learnloop.core.store.Store;
import io.learnloop.core.store.Stores;
import io.learnloop.core.testing.ErasureScenario;
import io.learnloop.core.testing.MutableClock;
import io.learnloop.core.testing.Staff;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Erasure's refusals and its recovery from a stop midway, on the in-memory store. */
class PersonalDataErasureTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T08:00:00Z"));
    private final Store store = Stores.inMemory();

    /** A module's step that fails the first {@code failures} times it runs, as a crash midway would. */
    private static final class FlakyStep implements PersonalDataEraser {
        private final AtomicInteger failures;
        private final List<UserId> erased = new ArrayList<>();
        private final String blocker;

        FlakyStep(int failures, String blocker) {
            this.failures = new AtomicInteger(failures);
            this.blocker = blocker;
        }

        @Override
        public String step() {
            return "module-records";
        }

        @Override
        public Optional<String> blocker(ErasureScope scope, UserId learner) {
            return Optional.ofNullable(blocker);
        }

        @Override
        public boolean holds(ErasureScope scope, UserId learner) {
            return true;
        }

        @Override
        public void erase(Erasure erasure) {
            if (failures.getAndDecrement() > 0) {
                throw new IllegalStateException("connection lost");
            }
            erased.add(erasure.learner());
        }
    }

    private ErasureScenario scenario(PersonalDataEraser step) {
        return new ErasureScenario(store, clock, b -> b.personalDataEraser(step));
    }

    @Test
    void erase_whenLearnerIsUnknown_throwsNotFoundAndWritesNothing() {
        ErasureScenario s = new ErasureScenario(store, clock, null);
        List<String> before = MemoryStoreContents.of(store);

        assertThatThrownBy(() -> s.learnloop.personalData().erase(Staff.ADMIN, UserId.of("nobody"), null))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("nobody");

        assertThat(MemoryStoreContents.of(store)).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void erase_whenAnotherLearnerAsks_isForbidden() {
        ErasureScenario s = new ErasureScenario(store, clock, null);

        assertThatThrownBy(() -> s.learnloop.personalData().erase(Actor.learner(s.tom.id().value()), s.lena.id(),
                null)).isInstanceOf(ForbiddenException.class).hasMessageContaining("only the learner");
    }

    @Test
    void erase_whenTheLearnerAsksThemselves_leavesNoTraceOfThemAsActor() {
        ErasureScenario s = new ErasureScenario(store, clock, null);

        s.learnloop.personalData().erase(Actor.learner(s.lena.id().value()), s.lena.id(), "leaving");

        assertThat(MemoryStoreContents.of(store)).noneMatch(line -> line.contains(s.lena.id().value()));
        assertThat(s.learnloop.auditLog().entries(Staff.ADMIN, null, 1).items()).singleElement()
                .satisfies(e -> {
                    assertThat(e.action()).isEqualTo(AuditAction.ERASED);
                    assertThat(e.subject().value()).startsWith("erased-");
                    assertThat(e.actor()).isEqualTo(e.subject());
                });
    }

    @Test
    void erase_whenAStepReportsARefundInFlight_throwsErasureBlockedAndErasesNothing() {
        ErasureScenario s = scenario(new FlakyStep(0, "refund r-9 of order o-1 awaits the provider"));
        List<String> before = MemoryStoreContents.of(store);

        assertThatThrownBy(() -> s.learnloop.personalData().erase(Staff.ADMIN, s.lena.id(), null))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.ERASURE_BLOCKED);
                    assertThat(e.getMessage()).contains("refund r-9").contains("Nothing was erased");
                });

        assertThat(MemoryStoreContents.of(store)).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void erase_whenAStepFailedMidway_refusesExportsUntilAskedAgainAndThenResumes() {
        FlakyStep step = new FlakyStep(1, null);
        ErasureScenario s = scenario(step);

        assertThatThrownBy(() -> s.learnloop.personalData().erase(Staff.ADMIN, s.lena.id(), null))
                .hasMessageContaining("connection lost");

        assertThatThrownBy(() -> s.learnloop.personalData().export(Staff.ADMIN, s.lena.id(),
                new ByteArrayOutputStream())).isInstanceOfSatisfying(ConflictException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.ERASURE_IN_PROGRESS));
        ErasureOutcome resumed = s.learnloop.personalData().erase(Staff.ADMIN, s.lena.id(), null);

        assertThat(resumed.alreadyErased()).isFalse();
        assertThat(resumed.stepsRun()).first().isEqualTo("module-records");
        assertThat(step.erased).containsExactly(s.lena.id());
        assertThat(MemoryStoreContents.of(store)).noneMatch(line -> line.contains(s.lena.id().value()));
        assertThat(s.learnloop.personalData().erase(Staff.ADMIN, s.lena.id(), null).alreadyErased()).isTrue();
    }

    @Test
    void erase_whenAnotherIdStartsWithTheLearnersId_leavesThatIdAlone() {
        ErasureScenario s = new ErasureScenario(store, clock, null);
        UserId longer = UserId.of(s.lena.id().value() + "-2");
        s.learnloop.consents().record(Actor.learner(longer.value()), longer,
                ConsentDecision.grant(ConsentPurpose.TERMS, "v1", "signup"));

        s.learnloop.personalData().erase(Staff.ADMIN, s.lena.id(), null);

        assertThat(s.learnloop.consents().current(Staff.ADMIN, longer).latest()).isNotEmpty();
        assertThat(MemoryStoreContents.of(store)).anyMatch(line -> line.contains(longer.value()));
    }
}
