package io.learnloop.lms;

import io.learnloop.core.Learnloop;
import io.learnloop.core.event.DomainEvent;
import io.learnloop.core.event.EventListener;
import io.learnloop.core.store.Store;
import io.learnloop.core.store.Stores;
import io.learnloop.core.testing.MutableClock;
import io.learnloop.http.RetryPolicy;
import io.learnloop.http.SharedHttpClient;
import io.learnloop.jdbc.JdbcStores;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/** One Learnloop facade with an xAPI publisher, a clock the test moves and a sleeper that only records. */
final class XapiFixture {
    static final Instant START = Instant.parse("2026-12-07T09:00:00Z");
    static final String HOME = "https://courses.example.com";
    static final String BASE = "https://courses.example.com/xapi/";
    static final int ATTEMPTS = 3;

    /** The stores the queue is tested on. */
    enum Kind {
        MEMORY, H2;

        Store open(Path folder) {
            return this == MEMORY ? Stores.inMemory() : JdbcStores.embeddedH2(folder);
        }
    }

    final MutableClock clock;
    final Learnloop learnloop;
    final XapiPublisher xapi;
    final List<DomainEvent> events = new CopyOnWriteArrayList<>();
    final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

    XapiFixture(Store store, MutableClock clock, UnaryOperator<XapiConfig.Builder> config, LrsEndpoint... lrs) {
        this.clock = clock;
        AtomicReference<EventListener> listener = new AtomicReference<>();
        SharedHttpClient http = SharedHttpClient.builder().sleeper(sleeps::add)
                .timeouts(Duration.ofSeconds(2), Duration.ofMillis(400))
                .retryPolicy(RetryPolicy.defaults().withMaxAttempts(ATTEMPTS)).build();
        XapiConfig.Builder b = XapiConfig.builder(http, HOME, BASE);
        for (LrsEndpoint e : lrs) {
            b.lrs(e);
        }
        XapiConfig xapiConfig = config.apply(b).build();
        this.learnloop = Learnloop.builder().store(store).clock(clock).listener(event -> {
            events.add(event);
            EventListener x = listener.get();
            if (x != null) {
                x.onEvent(event);
            }
        }).retentionPruner(Xapi.retentionPruner(xapiConfig))
                .personalDataSource(Xapi.personalDataSource(xapiConfig))
                .personalDataEraser(Xapi.personalDataEraser(xapiConfig)).build();
        this.xapi = Xapi.publisher(learnloop, xapiConfig);
        listener.set(xapi.outboxListener());
    }

    XapiFixture(Store store, LrsEndpoint... lrs) {
        this(store, new MutableClock(START), b -> b, lrs);
    }

    /** Publishes a domain event as a core service would: in a transaction, through the outbox. */
    DomainEvent publish(String type, String aggregateId, Map<String, String> data) {
        var context = learnloop.context();
        return context.transact(uow -> {
            DomainEvent e = context.event(type, aggregateId, data);
            uow.publish(e);
            return e;
        });
    }

    /** Moves past the outbox lease, so events whose listener failed are handed out again. */
    void afterLease() {
        clock.advance(Duration.ofMinutes(1));
    }

    List<DomainEvent> ofType(String type) {
        return events.stream().filter(e -> e.type().equals(type)).toList();
    }
}
