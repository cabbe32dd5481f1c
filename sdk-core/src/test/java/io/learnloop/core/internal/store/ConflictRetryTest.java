package io.learnloop.core.internal.store;

import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConflictRetryTest {

    @Test
    void onConflict_whenTheWorkLosesManyRacesThenWins_returnsItsResult() {
        AtomicInteger runs = new AtomicInteger();
        String result = ConflictRetry.onConflict(() -> {
            int run = runs.incrementAndGet();
            if (run < 40) {
                throw new ConflictException(run % 2 == 0 ? ErrorCode.VERSION_CONFLICT : ErrorCode.DUPLICATE_KEY, "lost");
            }
            return "won on " + run;
        });
        assertThat(result).isEqualTo("won on 40");
    }

    @Test
    void onConflict_whenTheWorkAlwaysLoses_throwsTheLastConflictAfterAllAttempts() {
        AtomicInteger runs = new AtomicInteger();
        assertThatThrownBy(() -> ConflictRetry.onConflict(() -> {
            throw new ConflictException(ErrorCode.VERSION_CONFLICT, "lost " + runs.incrementAndGet());
        })).isInstanceOf(ConflictException.class).hasMessage("lost " + ConflictRetry.ATTEMPTS);
        assertThat(runs).hasValue(ConflictRetry.ATTEMPTS);
    }

    @Test
    void onConflict_whenTheConflictIsNotARace_throwsAtOnce() {
        AtomicInteger runs = new AtomicInteger();
        assertThatThrownBy(() -> ConflictRetry.onConflict(() -> {
            runs.incrementAndGet();
            throw new ConflictException(ErrorCode.INVALID_STATE, "closed");
        })).isInstanceOf(ConflictException.class).hasMessage("closed");
        assertThat(runs).hasValue(1);
    }
}
