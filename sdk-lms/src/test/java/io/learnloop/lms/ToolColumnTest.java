package io.learnloop.lms;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.learning.WatchReport;
import io.learnloop.core.learning.WatchedSegment;
import io.learnloop.core.testing.Catalogue;
import io.learnloop.core.testing.Staff;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tool's own gradebook column: a launch that offers the line items service but names no line item makes the tool
 * create the link's column (AGS 2.0 section 3.2) once, when the first score is posted to it, even when two learners
 * launch at the same time; no launch waits for it, and a score is kept until the column can be made.
 */
class ToolColumnTest {
    private static final Actor CREATOR = Actor.of("creator-1", Role.CREATOR);
    private static final String CONTAINER = "/lms/lineitems";
    private static final String CREATED = "/lms/lineitems/99";
    private static final String MEDIA_TYPE = "application/vnd.ims.lis.v2.lineitem+json";
    private static final String CONTAINER_TYPE = "application/vnd.ims.lis.v2.lineitemcontainer+json";

    private final WireMockServer wm = new WireMockServer(options().dynamicPort());
    private LtiFixture f;
    private Course course;

    @BeforeEach
    void start() {
        wm.start();
        f = new LtiFixture(wm);
        course = Catalogue.published(f.learnloop, CREATOR, "Statistics 101");
        f.tool.recordLicence(Staff.ADMIN, new LicenceRequest(FakePlatform.ISSUER, FakePlatform.DEPLOYMENT_ID,
                List.of(course.id()), 10, f.clock.instant(), null, "PO-1"));
        wm.stubFor(post(urlEqualTo("/lms/token")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"token-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
        wm.stubFor(post(urlEqualTo(CREATED + "/scores")).willReturn(aResponse().withStatus(200)));
        containerAnswers(201, 0);
        containerLists("[]");
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    /** The platform's answer to a line item POST, after a delay (so that concurrent launches overlap). */
    private void containerAnswers(int status, int delayMillis) {
        wm.stubFor(post(urlEqualTo(CONTAINER)).willReturn(aResponse().withStatus(status).withFixedDelay(delayMillis)
                .withHeader("Content-Type", MEDIA_TYPE)
                .withBody("{\"id\":\"" + f.platform.base() + CREATED + "\",\"scoreMaximum\":100,"
                        + "\"label\":\"Statistics 101\",\"resourceLinkId\":\"link-1\",\"tag\":\"learnloop\"}")));
    }

    /** The platform's answer to a GET of the container filtered by the link and our tag. */
    private void containerLists(String items) {
        wm.stubFor(get(urlPathEqualTo(CONTAINER)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", CONTAINER_TYPE).withBody(items)));
    }

    private String item(String path, String tag) {
        return "{\"id\":\"" + f.platform.base() + path + "\",\"scoreMaximum\":100,\"label\":\"Statistics 101\","
                + "\"resourceLinkId\":\"link-1\",\"tag\":\"" + tag + "\"}";
    }

    /** A launch of link-1 whose AGS claim has the line items container and both scopes, but no line item. */
    private LaunchResult launchWithoutColumn(String subject) {
        return launchWithoutColumn(f, subject);
    }

    private LaunchResult launchWithoutColumn(LtiFixture instance, String subject) {
        return launch(instance, subject, Map.of("lineitems", instance.platform.base() + CONTAINER,
                "scope", List.of(AgsEndpoint.SCORE_SCOPE, "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem")));
    }

    private LaunchResult launch(LtiFixture instance, String subject, Map<String, Object> ags) {
        LoginRedirect redirect = instance.login();
        String token = FakePlatform.sign(instance.platformKey, FakePlatform.resourceLink(LtiFixture.nonce(redirect),
                        instance.clock.instant(), subject, Map.of("learnloop_course", course.id().value()))
                .claim("https://purl.imsglobal.org/spec/lti-ags/claim/endpoint", ags)
                .build());
        return instance.tool.launch(token, redirect.state());
    }

    private void completeCourse(UserId learner) {
        completeCourse(f, learner);
    }

    private void completeCourse(LtiFixture instance, UserId learner) {
        LessonId lesson = course.published().lessons().get(0).id();
        instance.learnloop.progress().report(new WatchReport(learner, lesson, "player-1", instance.clock.instant(),
                List.of(new WatchedSegment(0, 1, 1.0))));
        instance.clock.advance(Duration.ofMinutes(11));
        instance.learnloop.progress().report(new WatchReport(learner, lesson, "player-1", instance.clock.instant(),
                List.of(new WatchedSegment(0, 600, 1.0))));
    }

    @Test
    void scorePost_whenTheLaunchNamedNoLineItem_createsTheColumnWithTheLineItemMediaTypeAndPostsToIt() {
        UserId learner = launchWithoutColumn("user-17").launch().learner();
        wm.verify(0, postRequestedFor(urlEqualTo(CONTAINER)));

        completeCourse(learner);

        wm.verify(1, postRequestedFor(urlEqualTo(CONTAINER))
                .withHeader("Content-Type", equalTo(MEDIA_TYPE))
                .withHeader("Accept", equalTo(MEDIA_TYPE))
                .withHeader("Authorization", equalTo("Bearer token-1"))
                .withRequestBody(equalToJson("{\"scoreMaximum\":100,\"label\":\"Statistics 101\","
                        + "\"resourceLinkId\":\"link-1\",\"resourceId\":\"" + course.id().value() + "\","
                        + "\"tag\":\"learnloop\"}")));
        wm.verify(postRequestedFor(urlEqualTo("/lms/token")).withRequestBody(
                com.github.tomakehurst.wiremock.client.WireMock.containing("scope=https%3A%2F%2Fpurl.imsglobal.org"
                        + "%2Fspec%2Flti-ags%2Fscope%2Flineitem")));
        wm.verify(1, postRequestedFor(urlEqualTo(CREATED + "/scores"))
                .withRequestBody(equalToJson("{\"userId\":\"user-17\",\"scoreGiven\":100,\"scoreMaximum\":100,"
                        + "\"activityProgress\":\"Completed\",\"gradingProgress\":\"FullyGraded\"}", true, true)));
        assertThat(f.tool.scoresOf(learner, 10)).singleElement()
                .satisfies(s -> assertThat(s.lineItem()).isEqualTo(f.platform.base() + CREATED));
    }

    @Test
    void launch_whenTwoLearnersLaunchTheLinkAtOnce_createsOneColumnForBoth() throws Exception {
        containerAnswers(201, 700);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<LaunchResult>> launches = new ArrayList<>();
            for (String subject : List.of("user-17", "user-18")) {
                Callable<LaunchResult> launch = () -> {
                    go.await();
                    return launchWithoutColumn(subject);
                };
                launches.add(pool.submit(launch));
            }
            go.countDown();
            List<UserId> learners = new ArrayList<>();
            for (Future<LaunchResult> launch : launches) {
                LaunchResult result = launch.get(30, TimeUnit.SECONDS);
                assertThat(result.allowed()).isTrue();
                learners.add(result.launch().learner());
            }

            learners.forEach(this::completeCourse);
            wm.verify(1, postRequestedFor(urlEqualTo(CONTAINER)));
            wm.verify(2, postRequestedFor(urlEqualTo(CREATED + "/scores")));
            // a later launch and its score find the column and create none
            completeCourse(launchWithoutColumn("user-19").launch().learner());
            wm.verify(1, postRequestedFor(urlEqualTo(CONTAINER)));
            wm.verify(3, postRequestedFor(urlEqualTo(CREATED + "/scores")));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void launch_whenThePlatformIsSlowToCreateTheColumn_neverWaitsForIt() throws Exception {
        containerAnswers(201, 6000);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // two first launches of the link at once: neither creates the column nor waits for the other
            Future<LaunchResult> first = pool.submit(() -> launchWithoutColumn("user-17"));
            Future<LaunchResult> second = pool.submit(() -> launchWithoutColumn("user-18"));
            assertThat(first.get(3, TimeUnit.SECONDS).allowed()).isTrue();
            assertThat(second.get(3, TimeUnit.SECONDS).allowed()).isTrue();

            // the first score creates the column, and the platform takes six seconds to answer
            UserId learner = first.get().launch().learner();
            Future<?> creating = pool.submit(() -> completeCourse(learner));
            awaitColumnRequest(creating);
            Future<LaunchResult> third = pool.submit(() -> launchWithoutColumn("user-19"));

            assertThat(third.get(3, TimeUnit.SECONDS).allowed()).isTrue();
            assertThat(creating.isDone()).isFalse();
            creating.get(30, TimeUnit.SECONDS);
            completeCourse(second.get().launch().learner());
            completeCourse(third.get().launch().learner());
            wm.verify(1, postRequestedFor(urlEqualTo(CONTAINER)));
            wm.verify(3, postRequestedFor(urlEqualTo(CREATED + "/scores")));
        } finally {
            pool.shutdownNow();
        }
    }

    /** Waits until the platform has been asked for the column, while the delivery asking for it is still running. */
    private void awaitColumnRequest(Future<?> creating) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (wm.findAll(postRequestedFor(urlEqualTo(CONTAINER))).isEmpty()) {
            assertThat(creating.isDone()).as("the score delivery ended before asking for the column").isFalse();
            assertThat(System.nanoTime()).as("the column was not asked for in time").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    @Test
    void scorePost_whenThePlatformCannotCreateTheColumnYet_keepsTheScoreAndPostsItOnceItCan() {
        containerAnswers(503, 0);
        LaunchResult first = launchWithoutColumn("user-17");
        assertThat(first.allowed()).isTrue();
        UserId learner = first.launch().learner();

        completeCourse(learner);

        wm.verify(0, postRequestedFor(urlEqualTo(CREATED + "/scores")));
        assertThat(f.tool.scoresOf(learner, 10)).singleElement().satisfies(s -> {
            assertThat(s.status()).isEqualTo(ScorePost.Status.PENDING);
            assertThat(s.lineItem()).isNull();
        });

        containerAnswers(201, 0);
        // past the outbox's lease (30 s) but not the time after which a claim counts as abandoned: the failed
        // delivery dropped its claim on the column
        f.clock.advance(Duration.ofSeconds(40));
        f.learnloop.deliverEvents();

        wm.verify(1, postRequestedFor(urlEqualTo(CREATED + "/scores")));
        assertThat(f.tool.scoresOf(learner, 10)).singleElement().satisfies(s -> {
            assertThat(s.status()).isEqualTo(ScorePost.Status.POSTED);
            assertThat(s.lineItem()).isEqualTo(f.platform.base() + CREATED);
        });
    }

    @Test
    void scorePost_whenThePlatformRefusesToCreateTheColumn_isRefusedAndTheNextScoreAsksAgain() {
        containerAnswers(403, 0);
        UserId first = launchWithoutColumn("user-17").launch().learner();

        completeCourse(first);

        assertThat(f.tool.scoresOf(first, 10)).singleElement().satisfies(s -> {
            assertThat(s.status()).isEqualTo(ScorePost.Status.REFUSED);
            assertThat(s.problem()).contains("gradebook column").contains("403");
        });
        containerAnswers(201, 0);
        completeCourse(launchWithoutColumn("user-18").launch().learner());
        wm.verify(1, postRequestedFor(urlEqualTo(CREATED + "/scores")));
    }
    @Test
    void launch_whenALearnerRelaunchesAfterTheColumnWasCreated_postsOneScorePerCompletion() {
        UserId first = launchWithoutColumn("user-17").launch().learner();
        completeCourse(launchWithoutColumn("user-18").launch().learner()); // creates the column
        wm.verify(1, postRequestedFor(urlEqualTo(CONTAINER)));

        // relaunched once as before and once naming the column, as platforms do after it was made (AGS 3.2)
        assertThat(launchWithoutColumn("user-17").allowed()).isTrue();
        assertThat(launch(f, "user-17", Map.of("lineitem", f.platform.base() + CREATED, "lineitems",
                f.platform.base() + CONTAINER, "scope", List.of(AgsEndpoint.SCORE_SCOPE))).allowed()).isTrue();
        completeCourse(first);

        wm.verify(2, postRequestedFor(urlEqualTo(CREATED + "/scores")));
        wm.verify(1, postRequestedFor(urlEqualTo(CREATED + "/scores"))
                .withRequestBody(equalToJson("{\"userId\":\"user-17\"}", true, true)));
        assertThat(f.tool.scoresOf(first, 10)).singleElement()
                .satisfies(s -> assertThat(s.status()).isEqualTo(ScorePost.Status.POSTED));
    }

    @Test
    void scorePost_whenTheContainerHasTheLinksTaggedColumn_adoptsItAndCreatesNone() {
        containerLists("[" + item("/lms/lineitems/7", "other-tool") + "," + item(CREATED, "learnloop") + "]");
        UserId learner = launchWithoutColumn("user-17").launch().learner();

        completeCourse(learner);

        wm.verify(getRequestedFor(urlPathEqualTo(CONTAINER))
                .withQueryParam("resource_link_id", equalTo("link-1"))
                .withQueryParam("tag", equalTo("learnloop"))
                .withHeader("Accept", equalTo(CONTAINER_TYPE))
                .withHeader("Authorization", equalTo("Bearer token-1")));
        wm.verify(0, postRequestedFor(urlEqualTo(CONTAINER)));
        wm.verify(1, postRequestedFor(urlEqualTo(CREATED + "/scores")));
        assertThat(f.tool.scoresOf(learner, 10)).singleElement()
                .satisfies(s -> assertThat(s.lineItem()).isEqualTo(f.platform.base() + CREATED));
    }

    @Test
    void scorePost_whenThePlatformMadeTheColumnButItsAnswerWasLost_adoptsItOnTheNextAttempt() {
        // the platform makes the column and the connection drops before its answer; from then on it lists it
        wm.stubFor(post(urlEqualTo(CONTAINER)).inScenario("lost").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("made"));
        wm.stubFor(get(urlPathEqualTo(CONTAINER)).inScenario("lost").whenScenarioStateIs("made")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", CONTAINER_TYPE)
                        .withBody("[" + item(CREATED, "learnloop") + "]")));
        UserId learner = launchWithoutColumn("user-17").launch().learner();

        completeCourse(learner);
        assertThat(f.tool.scoresOf(learner, 10)).singleElement()
                .satisfies(s -> assertThat(s.status()).isEqualTo(ScorePost.Status.PENDING));
        f.clock.advance(Duration.ofSeconds(40));
        f.learnloop.deliverEvents();

        wm.verify(1, postRequestedFor(urlEqualTo(CONTAINER)));
        wm.verify(1, postRequestedFor(urlEqualTo(CREATED + "/scores")));
        assertThat(f.tool.scoresOf(learner, 10)).singleElement()
                .satisfies(s -> assertThat(s.status()).isEqualTo(ScorePost.Status.POSTED));
    }

    @Test
    void scorePost_whenAnotherInstanceStoredTheColumnDuringASlowCreation_keepsTheStoredOneAndDeletesTheDuplicate()
            throws Exception {
        String duplicate = "/lms/lineitems/98";
        // the first creation is answered after three seconds, the second at once
        wm.stubFor(post(urlEqualTo(CONTAINER)).inScenario("two").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(201).withFixedDelay(3000).withHeader("Content-Type", MEDIA_TYPE)
                        .withBody(item(duplicate, "learnloop"))).willSetStateTo("second"));
        wm.stubFor(post(urlEqualTo(CONTAINER)).inScenario("two").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", MEDIA_TYPE)
                        .withBody(item(CREATED, "learnloop"))));
        wm.stubFor(delete(urlEqualTo(duplicate)).willReturn(aResponse().withStatus(204)));
        wm.stubFor(post(urlEqualTo(duplicate + "/scores")).willReturn(aResponse().withStatus(200)));
        LtiFixture other = new LtiFixture(wm, f.store);
        UserId first = launchWithoutColumn("user-17").launch().learner();
        UserId second = launchWithoutColumn(other, "user-18").launch().learner();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> slow = pool.submit(() -> completeCourse(first));
            awaitColumnRequest(slow);
            // the other instance's clock is past the time a claim is taken over
            other.clock.advance(Duration.ofHours(1));
            completeCourse(other, second);
            slow.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        wm.verify(2, postRequestedFor(urlEqualTo(CONTAINER)));
        wm.verify(1, deleteRequestedFor(urlEqualTo(duplicate)));
        wm.verify(0, postRequestedFor(urlEqualTo(duplicate + "/scores")));
        for (UserId learner : List.of(first, second)) {
            assertThat(f.tool.scoresOf(learner, 10)).singleElement().satisfies(s -> {
                assertThat(s.status()).isEqualTo(ScorePost.Status.POSTED);
                assertThat(s.lineItem()).isEqualTo(f.platform.base() + CREATED);
            });
        }
    }
}
