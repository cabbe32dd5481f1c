package io.learnloop.lms;

import com.github.tomakehurst.wiremock.WireMockServer;
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
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tool's own gradebook column: a launch that offers the line items service but names no line item makes the tool
 * create the link's column (AGS 2.0 section 3.2) once, even when two learners launch at the same time, and the scores
 * go to it.
 */
class ToolColumnTest {
    private static final Actor CREATOR = Actor.of("creator-1", Role.CREATOR);
    private static final String CONTAINER = "/lms/lineitems";
    private static final String CREATED = "/lms/lineitems/99";
    private static final String MEDIA_TYPE = "application/vnd.ims.lis.v2.lineitem+json";

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

    /** A launch of link-1 whose AGS claim has the line items container and both scopes, but no line item. */
    private LaunchResult launchWithoutColumn(String subject) {
        LoginRedirect redirect = f.login();
        String token = FakePlatform.sign(f.platformKey, FakePlatform.resourceLink(LtiFixture.nonce(redirect),
                        f.clock.instant(), subject, Map.of("learnloop_course", course.id().value()))
                .claim("https://purl.imsglobal.org/spec/lti-ags/claim/endpoint", Map.of(
                        "lineitems", f.platform.base() + CONTAINER,
                        "scope", List.of(AgsEndpoint.SCORE_SCOPE,
                                "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem")))
                .build());
        return f.tool.launch(token, redirect.state());
    }

    private void completeCourse(UserId learner) {
        LessonId lesson = course.published().lessons().get(0).id();
        f.learnloop.progress().report(new WatchReport(learner, lesson, "player-1", f.clock.instant(),
                List.of(new WatchedSegment(0, 1, 1.0))));
        f.clock.advance(Duration.ofMinutes(11));
        f.learnloop.progress().report(new WatchReport(learner, lesson, "player-1", f.clock.instant(),
                List.of(new WatchedSegment(0, 600, 1.0))));
    }

    @Test
    void launch_whenNoLineItemIsNamed_createsTheColumnWithTheLineItemMediaTypeAndPostsScoresToIt() {
        UserId learner = launchWithoutColumn("user-17").launch().learner();

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

        completeCourse(learner);

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

            wm.verify(1, postRequestedFor(urlEqualTo(CONTAINER)));
            learners.forEach(this::completeCourse);
            wm.verify(2, postRequestedFor(urlEqualTo(CREATED + "/scores")));
            // a later launch finds the column and creates none
            launchWithoutColumn("user-19");
            wm.verify(1, postRequestedFor(urlEqualTo(CONTAINER)));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void launch_whenThePlatformCannotCreateTheColumn_isStillLetInAndTheNextLaunchCreatesIt() {
        containerAnswers(503, 0);
        LaunchResult first = launchWithoutColumn("user-17");

        assertThat(first.allowed()).isTrue();
        completeCourse(first.launch().learner());
        assertThat(f.tool.scoresOf(first.launch().learner(), 10)).isEmpty();
        wm.verify(0, postRequestedFor(urlEqualTo(CREATED + "/scores")));

        containerAnswers(201, 0);
        UserId second = launchWithoutColumn("user-18").launch().learner();
        completeCourse(second);
        wm.verify(1, postRequestedFor(urlEqualTo(CREATED + "/scores")));
    }
}
