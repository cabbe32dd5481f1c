package io.learnloop.core.catalog;

import io.learnloop.core.error.ConflictException;
import io.learnloop.core.event.EventTypes;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogConcurrencyTest {
    private static final int THREADS = 16;

    /** Runs one action per thread, all released together; returns each outcome (result or exception). */
    static <T> List<Object> race(IntFunction<T> action) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch ready = new CountDownLatch(THREADS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                int n = i;
                Callable<T> task = () -> {
                    ready.countDown();
                    go.await();
                    return action.apply(n);
                };
                futures.add(pool.submit(task));
            }
            ready.await();
            go.countDown();
            List<Object> outcomes = new ArrayList<>();
            for (Future<T> fu : futures) {
                try {
                    outcomes.add(fu.get(30, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    outcomes.add(e.getCause());
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new AssertionError("a racing thread hung", e);
                }
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void approve_when16ReviewersRace_exactlyOnePublishesAndTheOthersConflict() throws Exception {
        CatalogFixture f = new CatalogFixture();
        Course c = f.draft("Race");
        f.catalog.submit(CatalogFixture.CREATOR, c.id());

        List<Object> outcomes = race(i -> f.catalog.approve(Actor.of("reviewer-" + i, Role.REVIEWER), c.id()));

        assertThat(outcomes).filteredOn(o -> o instanceof Course).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o instanceof ConflictException).hasSize(THREADS - 1);
        Course after = f.catalog.course(c.id());
        assertThat(after.status()).isEqualTo(CourseStatus.PUBLISHED);
        assertThat(after.reviews()).hasSize(1);
        assertThat(f.catalog.history(c.id())).hasSize(1);
        assertThat(f.eventTypes()).filteredOn(EventTypes.COURSE_PUBLISHED::equals).hasSize(1);
    }

    @Test
    void unlist_when16ThreadsRace_exactlyOneWins() throws Exception {
        CatalogFixture f = new CatalogFixture();
        Course c = f.published("Race");

        List<Object> outcomes = race(i -> f.catalog.unlist(CatalogFixture.ADMIN, c.id()));

        assertThat(outcomes).filteredOn(o -> o instanceof Course).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o instanceof ConflictException).hasSize(THREADS - 1);
        assertThat(f.eventTypes()).filteredOn(EventTypes.COURSE_UNLISTED::equals).hasSize(1);
    }
}
