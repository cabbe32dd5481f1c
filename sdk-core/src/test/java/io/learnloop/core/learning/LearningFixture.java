package io.learnloop.core.learning;

import io.learnloop.core.Learnloop;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.event.DomainEvent;
import io.learnloop.core.event.EventListener;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.testing.MutableClock;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/** A facade with a test clock, sequential ids and a recorded event stream. */
public final class LearningFixture {
    public static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    @SuppressWarnings("exports") // test fixtures share the clock from the test-only testing package
    public final MutableClock clock = new MutableClock(START);
    public final List<DomainEvent> events = new CopyOnWriteArrayList<>();
    public final TestCatalog catalog = new TestCatalog();
    public final Learnloop learnloop;
    public final ServiceContext context;
    private final AtomicReference<EventListener> extra = new AtomicReference<>(e -> { });

    public LearningFixture() {
        learnloop = Learnloop.builder()
                .clock(clock)
                .idGenerator(IdGenerator.sequential("id"))
                .listener(events::add)
                .listener(e -> extra.get().onEvent(e))
                .build();
        context = learnloop.context();
    }

    /** Routes delivered events to a listener built after the facade (for example a service's own listener). */
    public void listen(EventListener listener) {
        extra.set(listener);
    }

    public List<DomainEvent> events(String type) {
        return events.stream().filter(e -> e.type().equals(type)).toList();
    }

    public ProgressService progress() {
        return ProgressService.create(context, catalog, ProgressPolicy.defaults());
    }
}
