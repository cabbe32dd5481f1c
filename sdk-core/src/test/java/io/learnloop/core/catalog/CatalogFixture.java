package io.learnloop.core.catalog;

import io.learnloop.core.Learnloop;
import io.learnloop.core.event.DomainEvent;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.Role;
import io.learnloop.core.store.Store;
import io.learnloop.core.store.Stores;
import io.learnloop.core.testing.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A facade on a fresh in-memory store with a hand-moved clock, recorded events and a cast of actors. */
public final class CatalogFixture {
    public static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    public static final Actor CREATOR = Actor.of("ada", Role.CREATOR);
    public static final Actor CO_AUTHOR = Actor.of("grace", Role.CREATOR, Role.REVIEWER);
    public static final Actor OTHER_CREATOR = Actor.of("linus", Role.CREATOR);
    public static final Actor REVIEWER = Actor.of("rita", Role.REVIEWER);
    public static final Actor REVIEWER_2 = Actor.of("ravi", Role.REVIEWER);
    public static final Actor ADMIN = Actor.of("root", Role.ADMIN);
    public static final Actor LEARNER = Actor.learner("lena");

    @SuppressWarnings("exports") // test fixtures share the clock from the test-only testing package
    public final MutableClock clock = new MutableClock(START);
    public final List<DomainEvent> events = new CopyOnWriteArrayList<>();
    public final Store store = Stores.inMemory();
    public final Learnloop learnloop;
    public final CatalogService catalog;

    public CatalogFixture() {
        this(1);
    }

    public CatalogFixture(int approvals) {
        learnloop = Learnloop.builder().store(store).clock(clock).idGenerator(IdGenerator.sequential("id"))
                .courseApprovals(approvals).listener(events::add).build();
        catalog = learnloop.catalog();
    }

    public static CourseDetails details(String title) {
        return new CourseDetails(title, "A subtitle", "A description", "en", "programming",
                List.of("java", "sdk"), CourseLevel.BEGINNER, "media://cover/1");
    }

    public static LessonSpec lesson(String title, boolean preview) {
        return new LessonSpec(title, LessonType.VIDEO, Duration.ofMinutes(12), preview, "media://video/" + title);
    }

    /** A draft with one chapter holding a preview lesson and a paid lesson. */
    public Course draft(String title) {
        Course c = catalog.createCourse(CREATOR, details(title));
        Chapter ch = catalog.addChapter(CREATOR, c.id(), "Basics");
        catalog.addLesson(CREATOR, c.id(), ch.id(), lesson("intro", true));
        catalog.addLesson(CREATOR, c.id(), ch.id(), lesson("deep-dive", false));
        return catalog.course(c.id());
    }

    /** A course published at version 1 after one approval (the fixture must need one). */
    public Course published(String title) {
        Course c = draft(title);
        catalog.submit(CREATOR, c.id());
        return catalog.approve(REVIEWER, c.id());
    }

    public List<String> eventTypes() {
        return events.stream().map(DomainEvent::type).toList();
    }

    public void advance(Duration d) {
        clock.advance(d);
    }
}
