package io.learnloop.payment.internal.pipeline;

import io.learnloop.core.store.AggregateType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReceivedNotificationIdTest {
    @Test
    void idFor_whenEventIdIsOrdinary_isProviderColonEventId() {
        assertThat(ReceivedNotification.idFor("stripe", "evt_1")).isEqualTo("stripe:evt_1");
    }

    @Test
    void idFor_whenEventIdCannotBePartOfAnId_isAStableDigestNoOrdinaryIdCanEqual() {
        String hostile = "evt\u0001\n";
        String long_ = "e".repeat(AggregateType.MAX_ID_LENGTH);
        String hostileId = ReceivedNotification.idFor("stripe", hostile);
        String longId = ReceivedNotification.idFor("stripe", long_);

        assertThat(hostileId).startsWith("stripe:#").hasSize("stripe:#".length() + 64)
                .isEqualTo(ReceivedNotification.idFor("stripe", hostile))
                .isNotEqualTo(longId);
        assertThat(hostileId.chars().noneMatch(Character::isISOControl)).isTrue();
        // an event id that itself looks like a digest is digested too, so it cannot take another event's record
        String lookalike = hostileId.substring("stripe:".length());
        assertThat(ReceivedNotification.idFor("stripe", lookalike)).isNotEqualTo(hostileId).startsWith("stripe:#");
    }
}
