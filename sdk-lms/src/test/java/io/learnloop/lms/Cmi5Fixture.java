package io.learnloop.lms;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.learnloop.core.Learnloop;
import io.learnloop.core.access.GrantRequest;
import io.learnloop.core.catalog.Chapter;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseDetails;
import io.learnloop.core.catalog.CourseLevel;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.catalog.LessonSpec;
import io.learnloop.core.catalog.LessonType;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.testing.Catalogue;
import io.learnloop.core.testing.MutableClock;
import io.learnloop.core.testing.Staff;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Learnloop facade acting as a cmi5 LMS, served over real HTTP by the JDK's server the way a host mounts it: the
 * learning record store under {@code /cmi5/lrs/}, the fetch URL at {@code /cmi5/fetch}, and the AUs' content under
 * {@code /content/}. The course has two live lessons, bound to two AUs of a cmi5 structure: "rocks" (moveOn
 * CompletedAndPassed, masteryScore 0.8) inside a block, and "intro" (moveOn NotApplicable). The store is in memory,
 * H2 or PostgreSQL; {@link #cmi5Lines()} reads the first two raw.
 */
final class Cmi5Fixture implements AutoCloseable {
    static final String COURSE_ID = "https://content.example.com/geology";
    static final String BLOCK_ID = "https://content.example.com/geology/blocks/materials";
    static final String ROCKS = "https://content.example.com/geology/aus/rocks";
    static final String INTRO = "https://content.example.com/geology/aus/intro";
    static final String HOME_PAGE = "https://learn.example.com/learners";
    static final UserId LEARNER = UserId.of("learner-1");
    static final UserId OUTSIDER = UserId.of("learner-2");
    static final Actor CREATOR = Actor.of("creator-1", Role.CREATOR);
    static final Instant START = Instant.parse("2026-12-07T09:00:00Z");

    final MutableClock clock = new MutableClock(START);
    final RawStore raw;
    final Learnloop learnloop;
    final Cmi5Lms lms;
    final HttpServer server;
    final String base;
    final Course course;
    final LessonId rocks;
    final LessonId intro;

    Cmi5Fixture(RawStore.Kind kind) {
        this(RawStore.open(kind), null);
    }

    /** On a store named by the tests' parameter: memory, h2 or postgres (which the raw lines do not read). */
    static Cmi5Fixture on(String store) {
        return switch (store) {
            case "memory" -> new Cmi5Fixture(RawStore.Kind.MEMORY);
            case "h2" -> new Cmi5Fixture(RawStore.Kind.H2);
            case "postgres" -> new Cmi5Fixture(null, EmbeddedPostgresStore.open());
            default -> throw new IllegalArgumentException(store);
        };
    }

    private Cmi5Fixture(RawStore raw, io.learnloop.core.store.Store other) {
        this.raw = raw;
        Learnloop.Builder builder = Learnloop.builder().store(raw != null ? raw.store : other).clock(clock)
                .personalDataEraser(Cmi5.personalDataEraser());
        Cmi5.personalDataSources().forEach(builder::personalDataSource);
        this.learnloop = builder.build();
        try {
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.base = "http://127.0.0.1:" + server.getAddress().getPort();
        this.lms = Cmi5.lms(learnloop, Cmi5Config.builder(base + "/cmi5/lrs/", base + "/cmi5/fetch", HOME_PAGE,
                "https://learn.example.com/cmi5").build());
        var catalog = learnloop.catalog();
        Course c = catalog.createCourse(CREATOR, new CourseDetails("Geology", "Rocks", "Earth sciences", "en",
                "science", List.of("geology"), CourseLevel.BEGINNER, "media://cover/geology"));
        Chapter ch = catalog.addChapter(CREATOR, c.id(), "Materials");
        catalog.addLesson(CREATOR, c.id(), ch.id(), new LessonSpec("Rock cycle", LessonType.LIVE,
                Duration.ofMinutes(30), false, "cmi5://rocks"));
        catalog.addLesson(CREATOR, c.id(), ch.id(), new LessonSpec("Introduction", LessonType.LIVE,
                Duration.ofMinutes(5), false, "cmi5://intro"));
        catalog.submit(CREATOR, c.id());
        this.course = catalog.approve(Catalogue.REVIEWER, c.id());
        this.rocks = course.published().lessons().get(0).id();
        this.intro = course.published().lessons().get(1).id();
        mount();
        server.start();
    }

    /** The host's routes: each request copied into the framework-neutral handlers and the answer copied back. */
    private void mount() {
        server.createContext("/cmi5/lrs/", ex -> {
            Map<String, String> headers = new LinkedHashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k, v.get(0)));
            reply(ex, lms.lrs(ex.getRequestMethod(), target(ex), headers, ex.getRequestBody().readAllBytes()));
        });
        server.createContext("/cmi5/fetch", ex -> {
            ex.getRequestBody().readAllBytes();
            reply(ex, lms.fetch(ex.getRequestMethod(), target(ex)));
        });
        server.createContext("/content/", ex -> send(ex, 200, Map.of("Content-Type", "text/html; charset=utf-8"),
                "<!DOCTYPE html><html><body>AU " + ex.getRequestURI().getPath() + "</body></html>"));
    }

    private static String target(HttpExchange ex) {
        return ex.getRequestURI().getRawPath()
                + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery());
    }

    private static void reply(HttpExchange ex, Cmi5HttpResponse r) throws IOException {
        send(ex, r.status(), r.headers(), r.body());
    }

    private static void send(HttpExchange ex, int status, Map<String, String> headers, String body)
            throws IOException {
        headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The course structure, with the AUs' content on this server (the rocks AU's URL has a query of its own). */
    String structure() {
        return """
                <?xml version="1.0" encoding="utf-8"?>
                <courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
                  <course id="%s">
                    <title><langstring lang="en-US">Geology</langstring></title>
                    <description><langstring lang="en-US">Rocks and more</langstring></description>
                  </course>
                  <block id="%s">
                    <title><langstring lang="en-US">Geologic materials</langstring></title>
                    <description><langstring lang="en-US">Rock</langstring></description>
                    <au id="%s" activityType="http://adlnet.gov/expapi/activities/lesson" launchMethod="OwnWindow"
                        moveOn="CompletedAndPassed" masteryScore="0.8">
                      <title><langstring lang="en-US"> Rock and rock cycle </langstring></title>
                      <description><langstring lang="en-US">Igneous, sedimentary, metamorphic</langstring></description>
                      <url>
                        %s/content/rocks/index.html?lang=en
                      </url>
                      <launchParameters>{"speed":3}</launchParameters>
                      <entitlementKey>xyz-123-9999</entitlementKey>
                    </au>
                  </block>
                  <au id="%s">
                    <title><langstring lang="en-US">Introduction</langstring></title>
                    <description><langstring lang="en-US">Read first</langstring></description>
                    <url>%s/content/intro/index.html</url>
                  </au>
                </courseStructure>
                """.formatted(COURSE_ID, BLOCK_ID, ROCKS, base, INTRO, base);
    }

    Map<String, LessonId> bindings() {
        return Map.of(ROCKS, rocks, INTRO, intro);
    }

    Cmi5Course importStructure() {
        return lms.importCourse(Staff.ADMIN, new Cmi5Import(course.id(), structure(), bindings()));
    }

    /** Gives the learner the course through a manual grant, as support would. */
    void grantAccess(UserId learner) {
        learnloop.access().grant(Staff.ADMIN, GrantRequest.manual(learner, List.of(course.id()), "ticket-"
                + learner.value(), clock.instant(), null));
    }

    /** Every stored cmi5 record, as raw lines. */
    List<String> cmi5Lines() {
        return raw.lines().stream().filter(l -> l.contains("cmi5_")).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
