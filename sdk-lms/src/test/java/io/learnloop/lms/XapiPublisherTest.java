package io.learnloop.lms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.learnloop.core.access.GrantRequest;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.event.DomainEvent;
import io.learnloop.core.event.EventTypes;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.learning.WatchReport;
import io.learnloop.core.learning.WatchedSegment;
import io.learnloop.core.store.Store;
import io.learnloop.core.testing.Catalogue;
import io.learnloop.core.testing.TrustedAccess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class XapiPublisherTest {
    private static final Actor CREATOR = Actor.of("creator-1", Role.CREATOR);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LEARNER = "learner-7";

    private final FakeLrs lrs = new FakeLrs();
    private final List<AutoCloseable> closing = new ArrayList<>();
    @TempDir
    Path dir;

    @AfterEach
    void stop() throws Exception {
        lrs.shutdown();
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    private Store store(XapiFixture.Kind kind) {
        Store store = kind.open(dir);
        if (store instanceof AutoCloseable c) {
            closing.add(c);
        }
        return store;
    }

    private XapiFixture fixture(XapiFixture.Kind kind) {
        return new XapiFixture(store(kind), lrs.endpoint("main"));
    }

    private static Map<String, String> lesson(String n) {
        return Map.of("learnerId", LEARNER, "lessonId", "lesson-" + n, "courseId", "course-1");
    }

    private DomainEvent lessonCompleted(XapiFixture f, String n) {
        return f.publish(EventTypes.LESSON_COMPLETED, "progress-" + n, lesson(n));
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The statements in every POST the LRS received (accepted or not). */
    private List<JsonNode> posted() {
        List<JsonNode> out = new ArrayList<>();
        for (LoggedRequest r : lrs.server().findAll(postRequestedFor(urlPathEqualTo("/xapi/statements")))) {
            json(r.getBodyAsString()).forEach(out::add);
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(XapiFixture.Kind.class)
    void courseCompletion_whenLearnerFinishesTheCourse_sendsCompletedStatementsForLessonAndCourse(
            XapiFixture.Kind kind) {
        XapiFixture f = fixture(kind);
        Course course = Catalogue.published(f.learnloop, CREATOR, "Statistics 101");
        UserId learner = new UserId(LEARNER);
        new TrustedAccess(f.learnloop).grant(GrantRequest.purchase(learner, OrderId.of("o-1"), "line-1",
                List.of(course.id()), f.clock.instant(), null));
        LessonId lesson = course.published().lessons().get(0).id();

        f.learnloop.progress().report(new WatchReport(learner, lesson, "player-1", f.clock.instant(),
                List.of(new WatchedSegment(0, 1, 1.0))));
        f.clock.advance(Duration.ofMinutes(11));
        f.learnloop.progress().report(new WatchReport(learner, lesson, "player-1", f.clock.instant(),
                List.of(new WatchedSegment(0, 600, 1.0))));
        f.learnloop.deliverEvents();

        assertThat(lrs.statements()).hasSize(2);
        for (LoggedRequest r : lrs.server().findAll(anyRequestedFor(urlPathEqualTo("/xapi/statements")))) {
            assertThat(r.getHeader("X-Experience-API-Version")).isEqualTo("1.0.3");
            assertThat(r.getHeader("Authorization")).startsWith("Basic ");
        }
        List<JsonNode> statements = new ArrayList<>(lrs.statements().values());
        String courseIri = XapiFixture.BASE + "courses/" + course.id().value();
        // Both happened at the same instant, so the queue may hold them in either order.
        statements.sort(java.util.Comparator.comparing(s -> -s.at("/object/id").asText().length()));
        JsonNode lessonDone = statements.get(0);
        assertThat(lessonDone.at("/verb/id").asText()).isEqualTo(XapiVocabulary.COMPLETED);
        assertThat(lessonDone.at("/object/id").asText()).isEqualTo(courseIri + "/lessons/" + lesson.value());
        assertThat(lessonDone.at("/object/definition/type").asText()).isEqualTo(XapiVocabulary.LESSON);
        assertThat(lessonDone.at("/context/contextActivities/parent/0/id").asText()).isEqualTo(courseIri);
        JsonNode courseDone = statements.get(1);
        assertThat(courseDone.at("/object/id").asText()).isEqualTo(courseIri);
        assertThat(courseDone.at("/result/completion").asBoolean()).isTrue();
        for (JsonNode s : statements) {
            assertThat(s.at("/actor/account/homePage").asText()).isEqualTo(XapiFixture.HOME);
            assertThat(s.at("/actor/account/name").asText()).isEqualTo(LEARNER);
            assertThat(s.at("/actor").has("mbox")).isFalse();
            assertThat(s.get("timestamp").asText()).isEqualTo("2026-12-07T09:11:00.000Z");
            assertThat(UUID.fromString(s.get("id").asText()).version()).isEqualTo(5);
        }
        assertThat(f.xapi.pendingCount("main", 10)).isZero();
    }

    @Test
    void quizGraded_whenAttemptMissesThePassMark_sendsFailedWithScaledAndRawScore() {
        XapiFixture f = fixture(XapiFixture.Kind.MEMORY);

        f.publish(EventTypes.QUIZ_GRADED, "attempt-1", Map.of("learnerId", LEARNER, "quizId", "quiz-1",
                "courseId", "course-1", "attemptId", "attempt-1", "percent", "62.5", "passed", "false"));

        JsonNode s = lrs.statements().values().iterator().next();
        assertThat(s.at("/verb/id").asText()).isEqualTo(XapiVocabulary.FAILED);
        assertThat(s.at("/object/id").asText()).isEqualTo(XapiFixture.BASE + "quizzes/quiz-1");
        assertThat(s.at("/object/definition/type").asText()).isEqualTo(XapiVocabulary.ASSESSMENT);
        assertThat(s.at("/result/score/scaled").decimalValue()).isEqualByComparingTo("0.625");
        assertThat(s.at("/result/score/raw").decimalValue()).isEqualByComparingTo("62.5");
        assertThat(s.at("/result/score/max").asInt()).isEqualTo(100);
        assertThat(s.at("/result/success").asBoolean()).isFalse();
    }

    @Test
    void commerceAndCertificateEvents_whenPublished_becomeTheirDocumentedVerbs() {
        XapiFixture f = fixture(XapiFixture.Kind.MEMORY);

        f.publish(EventTypes.ORDER_PAID, "order-1", Map.of("orderId", "order-1", "learner", LEARNER,
                "status", "PAID", "total", "4900", "currency", "EUR"));
        f.publish(EventTypes.ORDER_PARTIALLY_REFUNDED, "order-1", Map.of("orderId", "order-1", "learner", LEARNER,
                "total", "4900", "currency", "EUR", "refundAmount", "1000"));
        f.publish(EventTypes.CERTIFICATE_ISSUED, "cert-1", Map.of("learnerId", LEARNER, "courseId", "course-1",
                "credentialId", "urn:uuid:1"));
        f.publish(EventTypes.CERTIFICATE_REVOKED, "cert-1", Map.of("learnerId", LEARNER, "courseId", "course-1",
                "credentialId", "urn:uuid:1", "reason", "plagiarism"));
        f.publish(EventTypes.REVIEW_SUBMITTED, "review-1", Map.of("learnerId", LEARNER));

        List<JsonNode> s = new ArrayList<>(lrs.statements().values());
        assertThat(s).extracting(n -> n.at("/verb/id").asText()).containsExactly(XapiVocabulary.PURCHASED,
                XapiVocabulary.REFUNDED, XapiVocabulary.EARNED, XapiVocabulary.REVOKED);
        assertThat(s.get(0).at("/object/id").asText()).isEqualTo(XapiFixture.BASE + "orders/order-1");
        assertThat(s.get(0).at("/result/extensions").get(XapiVocabulary.AMOUNT_MINOR).asLong()).isEqualTo(4900);
        assertThat(s.get(1).at("/result/extensions").get(XapiVocabulary.AMOUNT_MINOR).asLong()).isEqualTo(1000);
        assertThat(s.get(1).at("/result/extensions").get(XapiVocabulary.CURRENCY).asText()).isEqualTo("EUR");
        assertThat(s.get(2).at("/object/id").asText()).isEqualTo(XapiFixture.BASE + "certificates/cert-1");
    }

    @Test
    void outboxListener_whenTheSameEventArrivesTwice_queuesAndSendsOneStatement() {
        XapiFixture f = fixture(XapiFixture.Kind.MEMORY);
        DomainEvent event = lessonCompleted(f, "1");

        f.xapi.outboxListener().onEvent(event);
        f.learnloop.deliverEvents();

        assertThat(lrs.statements()).hasSize(1);
        assertThat(lrs.postSizes()).containsExactly(1);
    }

    @Test
    void statements_whenSeveralLrsAreConfigured_goToEachUnderItsOwnId() {
        FakeLrs second = new FakeLrs();
        try {
            XapiFixture f = new XapiFixture(store(XapiFixture.Kind.MEMORY), lrs.endpoint("a"), second.endpoint("b"));

            lessonCompleted(f, "1");

            String a = lrs.statements().keySet().iterator().next();
            String b = second.statements().keySet().iterator().next();
            assertThat(a).isNotEqualTo(b);
            assertThat(lrs.statements().get(a).get("verb")).isEqualTo(second.statements().get(b).get("verb"));
        } finally {
            second.shutdown();
        }
    }

    @ParameterizedTest
    @EnumSource(XapiFixture.Kind.class)
    void send_whenLrsAnswers503ThroughEveryRetry_keepsTheStatementQueuedAndSendsItAfterTheLease(
            XapiFixture.Kind kind) {
        XapiFixture f = fixture(kind);
        lrs.down(true);

        lessonCompleted(f, "1");

        assertThat(f.sleeps).hasSize(XapiFixture.ATTEMPTS - 1);
        assertThat(f.xapi.pendingCount("main", 10)).isEqualTo(1);
        assertThat(lrs.statements()).isEmpty();

        lrs.down(false);
        f.afterLease();
        f.learnloop.deliverEvents();

        assertThat(lrs.statements()).hasSize(1);
        assertThat(f.xapi.pendingCount("main", 10)).isZero();
        f.afterLease();
        f.learnloop.deliverEvents();
        assertThat(lrs.postSizes()).containsExactly(1);
    }

    @Test
    void sendPending_whenLrsStaysDown_throwsTypedRetryableErrorWithTheStatus() {
        XapiFixture f = fixture(XapiFixture.Kind.MEMORY);
        lrs.down(true);
        lessonCompleted(f, "1");

        assertThatThrownBy(() -> f.xapi.sendPending("main")).isInstanceOfSatisfying(XapiException.class, e -> {
            assertThat(e.problem()).isEqualTo(XapiException.Problem.LRS_UNAVAILABLE);
            assertThat(e.httpStatus()).isEqualTo(503);
            assertThat(e.isRetryable()).isTrue();
        });
        assertThat(f.xapi.pendingCount("main", 10)).isEqualTo(1);
    }

    @Test
    void send_whenLrsAnswersTooLateOnce_retriesThroughThePolicyAndStoresOnce() {
        XapiFixture f = fixture(XapiFixture.Kind.MEMORY);
        lrs.delayNext(1500);

        lessonCompleted(f, "1");

        assertThat(f.sleeps).hasSize(1);
        assertThat(lrs.statements()).hasSize(1);
        assertThat(f.xapi.pendingCount("main", 10)).isZero();
    }

    @Test
    void sendPending_whenEveryAttemptTimesOut_throwsUnavailableWithoutStatusAndKeepsTheQueue() {
        XapiFixture f = fixture(XapiFixture.Kind.MEMORY);
        lrs.down(true);
        lessonCompleted(f, "1");
        lrs.down(false);
        for (int i = 0; i < XapiFixture.ATTEMPTS; i++) {
            lrs.delayNext(1500);
        }

        assertThatThrownBy(() -> f.xapi.sendPending("main")).isInstanceOfSatisfying(XapiException.class, e -> {
            assertThat(e.problem()).isEqualTo(XapiException.Problem.LRS_UNAVAILABLE);
            assertThat(e.httpStatus()).isZero();
        });
        assertThat(f.xapi.pendingCount("main", 10)).isEqualTo(1);
        assertThat(f.xapi.sendPending("main")).isEqualTo(1);
    }

    @Test
    void sendPending_whenLrsRefusesTheCredentials_throwsUnauthorizedAndKeepsTheQueue() {
        XapiFixture f = fixture(XapiFixture.Kind.MEMORY);
        lrs.down(true);
        lessonCompleted(f, "1");
        lrs.down(false);
        lrs.failNext(401);

        assertThatThrownBy(() -> f.xapi.sendPending("main")).isInstanceOfSatisfying(XapiException.class, e ->
                assertThat(e.problem()).isEqualTo(XapiException.Problem.LRS_UNAUTHORIZED));
        assertThat(f.xapi.pendingCount("main", 10)).isEqualTo(1);
    }

    @Test
    void sendPending_whenStatementsQueuedWhileLrsWasDown_sendsThemOldestFirstInBatches() {
        XapiFixture f = new XapiFixture(store(XapiFixture.Kind.MEMORY), new io.learnloop.core.testing.MutableClock(
                XapiFixture.START), b -> b.batchSize(2), lrs.endpoint("main"));
        lrs.down(true);
        for (int i = 1; i <= 5; i++) {
            lessonCompleted(f, Integer.toString(i));
            f.clock.advance(Duration.ofSeconds(1));
        }
        lrs.down(false);

        assertThat(f.xapi.sendPending("main")).isEqualTo(5);

        assertThat(lrs.postSizes()).containsExactly(2, 2, 1);
        assertThat(lrs.statements().values()).extracting(s -> s.at("/object/id").asText()).containsExactly(
                lessonIri(1), lessonIri(2), lessonIri(3), lessonIri(4), lessonIri(5));
    }

    private static String lessonIri(int n) {
        return XapiFixture.BASE + "courses/course-1/lessons/lesson-" + n;
    }

    @Test
    void sendPending_whenLrsHoldsADifferentStatementUnderTheId_recordsATypedConflictAndSendsTheRest() {
        XapiFixture f = fixture(XapiFixture.Kind.MEMORY);
        lrs.down(true);
        lessonCompleted(f, "1");
        lessonCompleted(f, "2");
        String first = f.ofType("xapi.statements_due").get(0).get("statement");
        lrs.preload("{\"id\":\"" + first + "\",\"actor\":{\"mbox\":\"mailto:someone@example.com\"},"
                + "\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/attempted\"},"
                + "\"object\":{\"id\":\"https://elsewhere.example.com/x\"}}");
        lrs.down(false);

        assertThat(f.xapi.sendPending("main")).isEqualTo(1);

        assertThat(lrs.statements().get(first).at("/actor/mbox").asText()).isEqualTo("mailto:someone@example.com");
        assertThat(lrs.statements()).hasSize(2);
        List<DomainEvent> refused = f.ofType("xapi.statement_refused");
        assertThat(refused).hasSize(1);
        assertThat(refused.get(0).get("problem")).isEqualTo("CONFLICT");
        assertThat(refused.get(0).get("statement")).isEqualTo(first);
        assertThat(refused.get(0).get("httpStatus")).isEqualTo("409");
        assertThat(f.xapi.pendingCount("main", 10)).isZero();
    }

    @Test
    void sendPending_whenLrsAlreadyHoldsTheSameStatementAndAnswers409_countsItSentWithoutARefusal() {
        XapiFixture f = fixture(XapiFixture.Kind.MEMORY);
        lrs.down(true);
        lessonCompleted(f, "1");
        // An earlier send that the LRS stored, whose answer was lost.
        lrs.preload(posted().get(0).toString());
        lrs.answerConflictToIdenticalResends(true);
        lrs.down(false);

        assertThat(f.xapi.sendPending("main")).isEqualTo(1);

        assertThat(lrs.statements()).hasSize(1);
        assertThat(f.ofType("xapi.statement_refused")).isEmpty();
        assertThat(f.xapi.pendingCount("main", 10)).isZero();
    }

    @Test
    void sendPending_whenLrsRejectsOneStatementOfABatch_marksItRejectedAndStoresTheOthers() {
        XapiFixture f = fixture(XapiFixture.Kind.MEMORY);
        lrs.down(true);
        lessonCompleted(f, "1");
        f.publish(EventTypes.QUIZ_GRADED, "attempt-1", Map.of("learnerId", LEARNER, "quizId", "quiz-1",
                "courseId", "course-1", "attemptId", "attempt-1", "percent", "20", "passed", "false"));
        lessonCompleted(f, "2");
        lrs.down(false);
        lrs.rejectVerb(XapiVocabulary.FAILED);

        assertThat(f.xapi.sendPending("main")).isEqualTo(2);

        assertThat(lrs.statements().values()).extracting(s -> s.at("/verb/id").asText())
                .containsExactly(XapiVocabulary.COMPLETED, XapiVocabulary.COMPLETED);
        List<DomainEvent> refused = f.ofType("xapi.statement_refused");
        assertThat(refused).extracting(e -> e.get("problem")).containsExactly("LRS_REJECTED");
        assertThat(refused.get(0).get("httpStatus")).isEqualTo("400");
        assertThat(f.xapi.pendingCount("main", 10)).isZero();
        assertThat(f.xapi.sendPending("main")).isZero();
    }

    @ParameterizedTest
    @EnumSource(XapiFixture.Kind.class)
    void twoInstances_whenSharingOneStoreAndRelayingAgain_sendEveryEventAsOneStatementOnce(XapiFixture.Kind kind)
            throws Exception {
        Store store = store(kind);
        io.learnloop.core.testing.MutableClock clock = new io.learnloop.core.testing.MutableClock(XapiFixture.START);
        XapiFixture a = new XapiFixture(store, clock, b -> b.batchSize(3), lrs.endpoint("main"));
        XapiFixture b = new XapiFixture(store, clock, b2 -> b2.batchSize(3), lrs.endpoint("main"));
        lrs.down(true);
        List<DomainEvent> learning = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            learning.add(lessonCompleted(a, Integer.toString(i)));
        }
        assertThat(a.xapi.pendingCount("main", 100)).isEqualTo(8);
        lrs.down(false);
        clock.advance(Duration.ofMinutes(1));

        // Both instances relay at once, the learning events reach the second instance as well, and both drain.
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<?>> runs = new ArrayList<>();
            for (XapiFixture f : List.of(a, b)) {
                runs.add(pool.submit(() -> {
                    go.await();
                    learning.forEach(e -> f.xapi.outboxListener().onEvent(e));
                    f.learnloop.deliverEvents();
                    f.xapi.sendPending("main");
                    return null;
                }));
            }
            go.countDown();
            for (java.util.concurrent.Future<?> run : runs) {
                run.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        clock.advance(Duration.ofMinutes(1));
        a.learnloop.deliverEvents();
        b.learnloop.deliverEvents();

        assertThat(lrs.statements()).hasSize(8);
        Map<String, java.util.Set<String>> idsByLesson = new java.util.HashMap<>();
        for (JsonNode s : posted()) {
            idsByLesson.computeIfAbsent(s.at("/object/id").asText(), k -> new java.util.HashSet<>())
                    .add(s.get("id").asText());
        }
        assertThat(idsByLesson).hasSize(8).allSatisfy((lesson, ids) -> assertThat(ids).hasSize(1));
        assertThat(a.xapi.pendingCount("main", 100)).isZero();
        assertThat(b.xapi.pendingCount("main", 100)).isZero();
    }

    @Test
    void outboxListener_whenTheStatementIsInvalid_refusesItNamingTheFieldAndQueuesNothing() {
        XapiFixture f = new XapiFixture(store(XapiFixture.Kind.MEMORY), new io.learnloop.core.testing.MutableClock(
                XapiFixture.START), b -> b.actorName(learner -> " "), lrs.endpoint("main"));
        DomainEvent event = new DomainEvent("event-1", io.learnloop.core.identity.TenantId.DEFAULT,
                EventTypes.LESSON_COMPLETED, "progress-1", XapiFixture.START, lesson("1"));

        assertThatThrownBy(() -> f.xapi.outboxListener().onEvent(event)).isInstanceOfSatisfying(
                XapiException.class, e -> {
                    assertThat(e.problem()).isEqualTo(XapiException.Problem.INVALID_STATEMENT);
                    assertThat(e.field()).isEqualTo("actor.account.name");
                });
        assertThat(f.xapi.pendingCount("main", 10)).isZero();
        assertThat(lrs.statements()).isEmpty();
    }

    @Test
    void sendPending_whenTheLrsIsNotConfigured_throwsUnknownLrs() {
        XapiFixture f = fixture(XapiFixture.Kind.MEMORY);

        assertThatThrownBy(() -> f.xapi.sendPending("other")).isInstanceOfSatisfying(XapiException.class, e ->
                assertThat(e.problem()).isEqualTo(XapiException.Problem.UNKNOWN_LRS));
    }
}
