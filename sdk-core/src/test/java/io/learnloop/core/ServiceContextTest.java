package io.learnloop.core;

import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.Versioned;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceContextTest {
    public record Counter(String id, long value) {
    }

    private static final AggregateType<Counter> COUNTER =
            AggregateType.builder("test_counter", Counter.class, Counter::id).build();

    @Test
    void transactRetrying_whenManyWritersBumpOneRecord_keepsEveryBump() throws Exception {
        ServiceContext ctx = Learnloop.builder().build().context();
        ctx.transact(uow -> uow.insert(COUNTER, new Counter("c", 0)));
        int threads = 16;
        int bumps = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < bumps; i++) {
                        ctx.transactRetrying(uow -> {
                            Versioned<Counter> v = uow.get(COUNTER, "c");
                            return uow.update(COUNTER, new Counter("c", v.value().value() + 1), v.version());
                        });
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        long value = ctx.read(uow -> uow.get(COUNTER, "c").value().value());
        assertThat(value).isEqualTo((long) threads * bumps);
    }
}
