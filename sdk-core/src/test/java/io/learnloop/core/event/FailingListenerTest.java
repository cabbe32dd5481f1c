package io.learnloop.core.event;

import io.learnloop.core.Learnloop;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.privacy.ConsentDecision;
import io.learnloop.core.privacy.ConsentPurpose;
import io.learnloop.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** A listener that fails is handed its event again after the lease, not at once and not for ever. */
class FailingListenerTest {

    @Test
    void deliverEvents_whenListenerWritesThenThrows_stopsAndDeliversAgainAfterTheLease() {
        MutableClock clock = new MutableClock(Instant.parse("2026-05-01T08:00:00Z"));
        AtomicReference<Learnloop> platform = new AtomicReference<>();
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger failuresLeft = new AtomicInteger(1);
        Learnloop learnloop = Learnloop.builder().clock(clock).idGenerator(IdGenerator.sequential("id"))
                .eventLease(Duration.ofSeconds(30))
                .listener(event -> {
                    if (!event.type().equals("noted")) {
                        return;
                    }
                    calls.incrementAndGet();
                    // a write that publishes nothing itself still announces pending work to the relay
                    platform.get().consents().record(Actor.learner("lena"), UserId.of("lena"),
                            ConsentDecision.grant(ConsentPurpose.MARKETING, "v" + calls.get(), "listener"));
                    if (failuresLeft.getAndDecrement() > 0) {
                        throw new IllegalStateException("downstream unavailable");
                    }
                })
                .build();
        platform.set(learnloop);

        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> learnloop.context().transact(uow -> {
            uow.publish(learnloop.context().event("noted", "n-1", java.util.Map.of()));
            return null;
        }));
        assertThat(calls).hasValue(1);

        clock.advance(Duration.ofSeconds(31));
        learnloop.deliverEvents();

        assertThat(calls).hasValue(2);
        learnloop.deliverEvents();
        assertThat(calls).hasValue(2);
    }
}
