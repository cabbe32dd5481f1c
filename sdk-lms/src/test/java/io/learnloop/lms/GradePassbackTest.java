package io.learnloop.lms;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.learnloop.core.assessment.Answer;
import io.learnloop.core.assessment.Question;
import io.learnloop.core.assessment.Quiz;
import io.learnloop.core.assessment.QuizDraft;
import io.learnloop.core.assessment.QuizSettings;
import io.learnloop.core.assessment.QuestionView;
import io.learnloop.core.assessment.QuizView;
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

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GradePassbackTest {
    private static final Actor CREATOR = Actor.of("creator-1", Role.CREATOR);
    private static final String SCORES = "/lms/lineitems/42/lineitem/scores?type_id=7";

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
        scoresAnswer(200);
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    private void scoresAnswer(int status) {
        wm.stubFor(post(urlEqualTo(SCORES)).willReturn(aResponse().withStatus(status)));
    }

    /** Launches from a link with a gradebook column, as the learner with the given platform id. */
    private UserId launchWithColumn(String subject) {
        LoginRedirect redirect = f.login();
        String token = FakePlatform.sign(f.platformKey, FakePlatform.resourceLink(LtiFixture.nonce(redirect),
                        f.clock.instant(), subject, Map.of("learnloop_course", course.id().value()))
                .claim("https://purl.imsglobal.org/spec/lti-ags/claim/endpoint", Map.of(
                        "lineitems", f.platform.base() + "/lms/lineitems",
                        "lineitem", f.platform.base() + "/lms/lineitems/42/lineitem?type_id=7",
                        "scope", List.of(AgsEndpoint.SCORE_SCOPE,
                                "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem")))
                .build());
        LaunchResult result = f.tool.launch(token, redirect.state());
        assertThat(result.allowed()).isTrue();
        return result.launch().learner();
    }

    private void completeCourse(UserId learner) {
        LessonId lesson = course.published().lessons().get(0).id();
        // The first report only starts the device's clock; the second covers the watched minutes.
        f.learnloop.progress().report(new WatchReport(learner, lesson, "player-1", f.clock.instant(),
                List.of(new WatchedSegment(0, 1, 1.0))));
        f.clock.advance(Duration.ofMinutes(11));
        f.learnloop.progress().report(new WatchReport(learner, lesson, "player-1", f.clock.instant(),
                List.of(new WatchedSegment(0, 600, 1.0))));
    }

    @Test
    void erase_whenTheLearnerLaunchedAndWasGraded_leavesNeitherTheirIdNorThePlatformsUserId() {
        UserId learner = launchWithColumn("user-17");
        completeCourse(learner);
        f.learnloop.deliverEvents();
        java.util.function.Function<String, java.util.List<String>> holding = value ->
                io.learnloop.core.internal.store.MemoryStoreContents.of(f.store).stream()
                        .filter(l -> l.contains(value)).toList();
        assertThat(holding.apply("user-17")).isNotEmpty();

        f.learnloop.personalData().erase(Staff.ADMIN, learner, null);

        assertThat(holding.apply("user-17")).isEmpty();
        assertThat(holding.apply(learner.value())).isEmpty();
        assertThat(holding.apply("lti_seat")).anyMatch(l -> l.contains("\"learner\":\"erased-"));
    }

    @Test
    void courseCompletion_whenLaunchedFromAColumn_postsOneFullyGradedScore() {
        UserId learner = launchWithColumn("user-17");

        completeCourse(learner);
        f.learnloop.deliverEvents();

        List<LoggedRequest> posts = wm.findAll(postRequestedFor(urlEqualTo(SCORES)));
        assertThat(posts).hasSize(1);
        LoggedRequest score = posts.get(0);
        assertThat(score.getHeader("Authorization")).isEqualTo("Bearer token-1");
        assertThat(score.getHeader("Content-Type")).startsWith("application/vnd.ims.lis.v1.score+json");
        wm.verify(postRequestedFor(urlEqualTo(SCORES)).withRequestBody(equalToJson("{\"userId\":\"user-17\","
                + "\"scoreGiven\":100,\"scoreMaximum\":100,\"activityProgress\":\"Completed\","
                + "\"gradingProgress\":\"FullyGraded\",\"timestamp\":\"" + f.clock.instant() + "\"}")));
        assertThat(f.events).filteredOn(e -> e.type().equals("lti.score_due")).hasSize(1);
    }

    @Test
    void quizResult_whenGraded_postsItsPercentAndCompletionThenConfirmsIt() {
        UserId learner = launchWithColumn("user-17");
        Quiz quiz = f.learnloop.quizzes().create(CREATOR, new QuizDraft(course.id(), null, "Check", List.of(
                Question.trueFalse("q1", "Is a mean a statistic?", true, 1),
                Question.trueFalse("q2", "Is a sample the population?", false, 1)), QuizSettings.defaults()));
        QuizView attempt = f.learnloop.quizzes().start(learner, quiz.id());

        // The attempt shows its own keys for questions and options; answering "True" to both gets one right.
        Map<String, Answer> answers = attempt.questions().stream().collect(Collectors.toMap(QuestionView::key,
                q -> Answer.choose(q.options().stream().filter(o -> o.text().equals("True")).findFirst()
                        .orElseThrow().key())));
        f.learnloop.quizzes().submit(learner, attempt.attemptId(), answers);
        wm.verify(1, postRequestedFor(urlEqualTo(SCORES)).withRequestBody(equalToJson("{\"userId\":\"user-17\","
                + "\"scoreGiven\":50,\"scoreMaximum\":100,\"activityProgress\":\"Completed\","
                + "\"gradingProgress\":\"FullyGraded\",\"timestamp\":\"" + f.clock.instant() + "\"}")));

        completeCourse(learner);

        wm.verify(2, postRequestedFor(urlEqualTo(SCORES)));
        wm.verify(1, postRequestedFor(urlEqualTo(SCORES)).withRequestBody(equalToJson("{\"userId\":\"user-17\","
                + "\"scoreGiven\":50,\"scoreMaximum\":100,\"activityProgress\":\"Completed\","
                + "\"gradingProgress\":\"FullyGraded\",\"timestamp\":\"" + f.clock.instant() + "\"}")));
    }

    @Test
    void practiceGrade_whenFinal_postsItsPercentToTheColumn() {
        UserId learner = launchWithColumn("user-17");
        LessonId lesson = course.published().lessons().get(0).id();
        io.learnloop.core.practice.PracticeService practice = f.learnloop.practice();
        io.learnloop.core.practice.Assignment assignment = practice.createAssignment(CREATOR,
                new io.learnloop.core.practice.AssignmentDraft(lesson, "Essay", null,
                        io.learnloop.core.practice.Rubric.of(new io.learnloop.core.practice.Criterion("clarity",
                                "Clear", io.learnloop.core.practice.Rubric.FULL, 10)),
                        f.clock.instant().plus(Duration.ofDays(7)), null, 1, 0,
                        io.learnloop.core.practice.GradeWeights.peerOnly(), 6000, false));
        io.learnloop.core.practice.Submission work = practice.submit(Actor.learner(learner.value()),
                assignment.id(), io.learnloop.core.practice.SubmissionContent.text("My essay"));

        practice.override(CREATOR, work.id(), 9000, "graded by hand");
        f.learnloop.deliverEvents();

        wm.verify(postRequestedFor(urlEqualTo(SCORES)).withRequestBody(equalToJson("{\"userId\":\"user-17\","
                + "\"scoreGiven\":90.00,\"scoreMaximum\":100,\"activityProgress\":\"Completed\","
                + "\"gradingProgress\":\"FullyGraded\",\"timestamp\":\"${json-unit.any-string}\"}")));
    }

    @Test
    void tokenRequest_whenPostingAScore_usesClientCredentialsWithASignedClientAssertion()
            throws ParseException, JOSEException {
        completeCourse(launchWithColumn("user-17"));

        LoggedRequest tokenRequest = wm.findAll(postRequestedFor(urlEqualTo("/lms/token"))).get(0);
        Map<String, String> form = Arrays.stream(tokenRequest.getBodyAsString().split("&"))
                .map(p -> p.split("=", 2)).collect(Collectors.toMap(p -> p[0],
                        p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
        assertThat(form).containsEntry("grant_type", "client_credentials")
                .containsEntry("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                .containsEntry("scope", AgsEndpoint.SCORE_SCOPE);
        SignedJWT assertion = SignedJWT.parse(form.get("client_assertion"));
        assertThat(assertion.verify(new RSASSAVerifier((RSAPublicKey) f.toolKeys.active().publicKey()))).isTrue();
        assertThat(assertion.getHeader().getKeyID()).isEqualTo("tool-key-1");
        assertThat(assertion.getJWTClaimsSet().getIssuer()).isEqualTo(FakePlatform.CLIENT_ID);
        assertThat(assertion.getJWTClaimsSet().getSubject()).isEqualTo(FakePlatform.CLIENT_ID);
        assertThat(assertion.getJWTClaimsSet().getAudience()).containsExactly(f.platform.base() + "/lms/token");
        assertThat(assertion.getJWTClaimsSet().getJWTID()).isNotBlank();
        assertThat(assertion.getJWTClaimsSet().getExpirationTime().toInstant()).isAfter(f.clock.instant());
    }

    @Test
    void scorePost_whenPlatformFailsFirst_isPostedLaterThroughTheOutboxAndNeverTwice() {
        scoresAnswer(503);
        UserId learner = launchWithColumn("user-17");

        completeCourse(learner);
        wm.verify(1, postRequestedFor(urlEqualTo(SCORES)));

        scoresAnswer(200);
        f.clock.advance(Duration.ofMinutes(5));
        f.learnloop.deliverEvents();
        wm.verify(2, postRequestedFor(urlEqualTo(SCORES)));

        f.clock.advance(Duration.ofMinutes(5));
        f.learnloop.deliverEvents();
        wm.verify(2, postRequestedFor(urlEqualTo(SCORES)));
        assertThat(f.events).filteredOn(e -> e.type().equals("lti.score_due")).hasSize(2);
    }

    @Test
    void scoresOf_whenPlatformFailsThenAccepts_showsTheDeliveryPendingThenPosted() {
        scoresAnswer(503);
        UserId learner = launchWithColumn("user-17");
        completeCourse(learner);

        List<ScorePost> pending = f.tool.scoresOf(learner, 10);
        assertThat(pending).singleElement().satisfies(s -> {
            assertThat(s.status()).isEqualTo(ScorePost.Status.PENDING);
            assertThat(s.course()).isEqualTo(course.id().value());
            assertThat(s.issuer()).isEqualTo(FakePlatform.ISSUER);
            assertThat(s.scoreGiven()).isEqualByComparingTo("100");
            assertThat(s.gradingProgress()).isEqualTo("FullyGraded");
            assertThat(s.postedAt()).isNull();
        });

        scoresAnswer(200);
        f.clock.advance(Duration.ofMinutes(5));
        f.learnloop.deliverEvents();

        assertThat(f.tool.scoresOf(learner, 10)).singleElement().satisfies(s -> {
            assertThat(s.status()).isEqualTo(ScorePost.Status.POSTED);
            assertThat(s.postedAt()).isEqualTo(f.clock.instant());
        });
        assertThat(f.tool.scoresOf(UserId.of("someone-else"), 10)).isEmpty();
    }

    @Test
    void scoresOf_whenPlatformRefusesForGood_showsWhy() {
        scoresAnswer(422);
        UserId learner = launchWithColumn("user-17");
        completeCourse(learner);

        assertThat(f.tool.scoresOf(learner, 10)).singleElement().satisfies(s -> {
            assertThat(s.status()).isEqualTo(ScorePost.Status.REFUSED);
            assertThat(s.problem()).contains("422");
        });
        assertThatThrownBy(() -> f.tool.scoresOf(learner, 0))
                .isInstanceOf(io.learnloop.core.error.ValidationException.class);
    }

    @Test
    void scorePost_whenPlatformRefusesForGood_isMarkedRefusedAndNotRetried() {
        scoresAnswer(422);
        completeCourse(launchWithColumn("user-17"));

        f.clock.advance(Duration.ofMinutes(5));
        f.learnloop.deliverEvents();

        wm.verify(1, postRequestedFor(urlEqualTo(SCORES)));
        assertThat(f.events).filteredOn(e -> e.type().equals("lti.score_refused")).hasSize(1);
    }

    @Test
    void courseCompletion_whenLaunchedWithoutAColumn_postsNothing() {
        LoginRedirect redirect = f.login();
        UserId learner = f.tool.launch(f.token(redirect, "user-17", course.id().value()), redirect.state())
                .launch().learner();

        completeCourse(learner);

        wm.verify(0, postRequestedFor(urlEqualTo(SCORES)));
        wm.verify(0, postRequestedFor(urlEqualTo("/lms/token")));
    }

    @Test
    void scorePost_whenTokenIsCached_asksForOneTokenForSeveralScores() {
        completeCourse(launchWithColumn("user-17"));
        completeCourse(launchWithColumn("user-18"));

        wm.verify(2, postRequestedFor(urlEqualTo(SCORES)).withHeader("Authorization", equalTo("Bearer token-1")));
        wm.verify(1, postRequestedFor(urlEqualTo("/lms/token")));
    }
}
