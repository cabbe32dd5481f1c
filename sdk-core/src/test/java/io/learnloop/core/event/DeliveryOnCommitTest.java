package io.learnloop.core.event;

import io.learnloop.core.Learnloop;
import io.learnloop.core.identity.IdGenerator;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Whether a committing call delivers its events itself, or leaves them to the host's relay. */
class DeliveryOnCommitTest {

    @Test
    void transact_whenDeliveryOnCommitIsOff_leavesTheEventsForDeliverEvents() {
        List<String> seen = new CopyOnWriteArrayList<>();
        Learnloop learnloop = Learnloop.builder().idGenerator(IdGenerator.sequential("id"))
                .listener(event -> seen.add(event.aggregateId()))
                .deliverEventsOnCommit(false)
                .build();

        publish(learnloop, "n-1");
        publish(learnloop, "n-2");

        assertThat(seen).isEmpty();
        assertThat(learnloop.deliverEvents()).isGreaterThanOrEqualTo(2);
        assertThat(seen).contains("n-1", "n-2");
        assertThat(learnloop.deliverEvents()).isZero();
    }

    @Test
    void transact_byDefault_deliversBeforeItReturns() {
        List<String> seen = new CopyOnWriteArrayList<>();
        Learnloop learnloop = Learnloop.builder().idGenerator(IdGenerator.sequential("id"))
                .listener(event -> seen.add(event.aggregateId()))
                .build();

        publish(learnloop, "n-1");

        assertThat(seen).containsExactly("n-1");
    }

    private static void publish(Learnloop learnloop, String id) {
        learnloop.context().transact(uow -> {
            uow.publish(learnloop.context().event("noted", id, Map.of()));
            return null;
        });
    }
}
