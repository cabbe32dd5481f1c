package io.learnloop.lms;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.learning.LessonProgress;
import io.learnloop.core.store.Store;
import io.learnloop.core.store.Stores;
import io.learnloop.core.testing.Staff;
import io.learnloop.jdbc.JdbcStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.learnloop.lms.PlatformFixture.CLIENT_ID;
import static io.learnloop.lms.PlatformFixture.CONTEXT;
import static io.learnloop.lms.PlatformFixture.LEARNER;
import static io.learnloop.lms.PlatformFixture.LINK;
import static io.learnloop.lms.PlatformFixture.TOOL_REDIRECT;
import static org.assertj.core.api.Assertions.assertThat;

/** Learnloop as an LTI 1.3 platform: launches, tokens, grades and Deep Linking, on the memory store and on H2. */
class LtiPlatformTest {
    enum Backend {
        MEMORY, H2;

        Store open(Path folder) {
            return this == MEMORY ? Stores.inMemory() : JdbcStores.embeddedH2(folder);
        }
    }

    private static final String LTI = "https://purl.imsglobal.org/spec/lti/claim/";

    @TempDir
    Path folder;
    private final WireMockServer wm = new WireMockServer(options().dynamicPort());
    private PlatformFixture f;

    private PlatformFixture start(Backend backend) {
        wm.start();
        f = new PlatformFixture(wm, backend.open(folder));
        return f;
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void authorize_whenLearnerLaunchesLab_postsSignedIdTokenWithEveryLtiClaim(Backend backend) {
        start(backend);
        LaunchStart start = f.launchLab();
        Map<String, String> login = FakePlatform.query(start.url());
        assertThat(start.url()).startsWith(PlatformFixture.TOOL + "/login?");
        assertThat(login).containsEntry("iss", PlatformFixture.ISSUER).containsEntry("client_id", CLIENT_ID)
                .containsEntry("lti_deployment_id", PlatformFixture.DEPLOYMENT_ID)
                .containsEntry("target_link_uri", TOOL_REDIRECT).containsKeys("login_hint", "lti_message_hint");

        LtiHttpResponse page = f.platform.authorize(LEARNER, PlatformFixture.authRequest(start, "nonce-1"));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.problem()).isNull();
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.headers()).containsEntry("Cache-Control", "no-store");
        assertThat(PlatformFixture.formAction(page.body())).isEqualTo(TOOL_REDIRECT);
        Map<String, String> fields = PlatformFixture.formFields(page.body());
        assertThat(fields).containsEntry("state", "tool-state-nonce-1");
        JWTClaimsSet claims = f.verifiedIdToken(fields.get("id_token"));
        assertThat(claims.getIssuer()).isEqualTo(PlatformFixture.ISSUER);
        assertThat(claims.getAudience()).containsExactly(CLIENT_ID);
        assertThat(claims.getClaim("azp")).isEqualTo(CLIENT_ID);
        assertThat(claims.getClaim("nonce")).isEqualTo("nonce-1");
        assertThat(claims.getSubject()).isNotBlank().isNotEqualTo(LEARNER.value());
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(PlatformFixture.START.plus(Duration.ofMinutes(5)));
        assertThat(claims.getClaim(LTI + "message_type")).isEqualTo("LtiResourceLinkRequest");
        assertThat(claims.getClaim(LTI + "version")).isEqualTo("1.3.0");
        assertThat(claims.getClaim(LTI + "deployment_id")).isEqualTo(PlatformFixture.DEPLOYMENT_ID);
        assertThat(claims.getClaim(LTI + "target_link_uri")).isEqualTo(TOOL_REDIRECT);
        assertThat(claims.getClaim(LTI + "resource_link")).isEqualTo(Map.of("id", LINK, "title", "Titration lab"));
        assertThat(claims.getClaim(LTI + "roles")).isEqualTo(List.of(LtiPlatform.ROLE_LEARNER));
        Map<?, ?> context = (Map<?, ?>) claims.getClaim(LTI + "context");
        assertThat(context.get("id")).isEqualTo(CONTEXT);
        assertThat(context.get("title")).isEqualTo("Chemistry, section 7");
        assertThat(claims.getClaim(LTI + "custom")).isEqualTo(Map.of("experiment", "titration"));
        LineItem column = f.platform.lineItemOf(CLIENT_ID, CONTEXT, LINK).orElseThrow();
        assertThat(column.scoreMaximum()).isEqualTo(10);
        assertThat(column.lesson()).isEqualTo(f.lab);
        assertThat(claims.getClaim("https://purl.imsglobal.org/spec/lti-ags/claim/endpoint")).isEqualTo(Map.<String, Object>of(
                "scope", LtiPlatform.AGS_SCOPES,
                "lineitems", PlatformFixture.AGS_URL + "/contexts/" + CONTEXT + "/lineitems",
                "lineitem", column.url()));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void ags_whenToolPostsCompletedFullyGradedScore_completesLessonAndKeepsResult(Backend backend) {
        start(backend);
        String subject = f.launchedClaims().getSubject();
        LineItem column = f.platform.lineItemOf(CLIENT_ID, CONTEXT, LINK).orElseThrow();
        String token = f.accessToken(LtiPlatform.SCOPE_SCORE);
        f.clock.advance(Duration.ofMinutes(20));
        Instant gradedAt = f.clock.instant();

        LtiHttpResponse posted = f.ags("POST", column.url() + "/scores", token, "application/vnd.ims.lis.v1.score+json",
                PlatformFixture.score(subject, 8, 10, "Completed", "FullyGraded", gradedAt));

        assertThat(posted.status()).isEqualTo(204);
        AgsResult result = f.platform.result(column.id(), LEARNER).orElseThrow();
        assertThat(result.scoreGiven()).isEqualTo(8.0);
        assertThat(result.scoreMaximum()).isEqualTo(10.0);
        assertThat(result.userId()).isEqualTo(subject);
        assertThat(result.gradingProgress()).isEqualTo("FullyGraded");
        assertThat(result.timestamp()).isEqualTo(gradedAt);
        LessonProgress progress = f.learnloop.progress().lessonProgress(LEARNER, f.lab).orElseThrow();
        assertThat(progress.completed()).isTrue();
        assertThat(f.learnloop.progress().courseCompletion(LEARNER, f.course.id()).completed()).isTrue();
        assertThat(f.learnloop.learningReports().learner(Staff.ADMIN, LEARNER).lessonsCompleted()).isEqualTo(1);
    }

    @Test
    void ags_whenScoreIsPending_keepsResultWithoutCompletingLesson() {
        start(Backend.MEMORY);
        String subject = f.launchedClaims().getSubject();
        LineItem column = f.platform.lineItemOf(CLIENT_ID, CONTEXT, LINK).orElseThrow();
        String token = f.accessToken(LtiPlatform.SCOPE_SCORE);

        LtiHttpResponse posted = f.ags("POST", column.url() + "/scores", token, "application/vnd.ims.lis.v1.score+json",
                PlatformFixture.score(subject, 3, 10, "Submitted", "PendingManual", f.clock.instant()));

        assertThat(posted.status()).isEqualTo(204);
        assertThat(f.platform.result(column.id(), LEARNER).orElseThrow().gradingProgress()).isEqualTo("PendingManual");
        assertThat(f.learnloop.progress().lessonProgress(LEARNER, f.lab)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void ags_whenToolManagesLineItems_createsListsReadsUpdatesAndDeletesThem(Backend backend) throws ParseException {
        start(backend);
        String subject = f.launchedClaims().getSubject();
        String token = f.accessToken(LtiPlatform.SCOPE_LINE_ITEM + " " + LtiPlatform.SCOPE_RESULT_READ + " "
                + LtiPlatform.SCOPE_SCORE);
        String container = PlatformFixture.AGS_URL + "/contexts/" + CONTEXT + "/lineitems";

        LtiHttpResponse created = f.ags("POST", container, token, AgsTypes.LINE_ITEM,
                "{\"label\":\"Quiz 2\",\"scoreMaximum\":20,\"resourceId\":\"quiz-2\",\"tag\":\"quiz\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.contentType()).isEqualTo(AgsTypes.LINE_ITEM);
        String url = (String) JSONObjectUtils.parse(created.body()).get("id");
        assertThat(created.headers()).containsEntry("Location", url);

        LtiHttpResponse listed = f.ags("GET", container + "?tag=quiz", token, null, null);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.contentType()).isEqualTo(AgsTypes.CONTAINER);
        assertThat(listed.body()).contains("\"label\":\"Quiz 2\"").doesNotContain("Titration lab");
        LtiHttpResponse all = f.ags("GET", container + "?limit=1", token, null, null);
        assertThat(all.headers().get("Link")).contains("rel=\"next\"");

        LtiHttpResponse updated = f.ags("PUT", url, token, AgsTypes.LINE_ITEM,
                "{\"label\":\"Quiz 2 (retake)\",\"scoreMaximum\":25}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(f.ags("GET", url, token, null, null).body()).contains("\"label\":\"Quiz 2 (retake)\"")
                .contains("\"scoreMaximum\":25");

        assertThat(f.ags("POST", url + "/scores", token, "application/vnd.ims.lis.v1.score+json",
                PlatformFixture.score(subject, 5, 10, "Completed", "FullyGraded", f.clock.instant())).status())
                .isEqualTo(204);
        LtiHttpResponse results = f.ags("GET", url + "/results", token, null, null);
        assertThat(results.status()).isEqualTo(200);
        assertThat(results.contentType()).isEqualTo(AgsTypes.RESULTS);
        assertThat(results.body()).contains("\"userId\":\"" + subject + "\"").contains("\"resultScore\":12.5")
                .contains("\"resultMaximum\":25");
        // A column the tool made itself completes no Learnloop lesson.
        assertThat(f.learnloop.progress().lessonProgress(LEARNER, f.lab)).isEmpty();

        assertThat(f.ags("DELETE", url, token, null, null).status()).isEqualTo(204);
        assertThat(f.ags("GET", url, token, null, null).status()).isEqualTo(404);
        String id = url.substring(url.lastIndexOf('/') + 1);
        assertThat(f.platform.result(id, LEARNER)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void deepLinkingReturn_whenToolReturnsItems_storesThemAndCreatesTheirLineItems(Backend backend) {
        start(backend);
        LaunchStart start = f.platform.launch(ToolLaunch.deepLinking(CLIENT_ID, PlatformFixture.DEPLOYMENT_ID,
                LEARNER, CONTEXT).build());
        assertThat(FakePlatform.query(start.url())).containsEntry("target_link_uri", PlatformFixture.TOOL + "/deep-link");
        Map<String, String> auth = PlatformFixture.authRequest(start, "nonce-dl");
        JWTClaimsSet request = f.verifiedIdToken(PlatformFixture.formFields(
                f.platform.authorize(LEARNER, auth).body()).get("id_token"));
        assertThat(request.getClaim(LTI + "message_type")).isEqualTo("LtiDeepLinkingRequest");
        assertThat(request.getClaim(LTI + "roles")).isEqualTo(List.of(LtiPlatform.ROLE_INSTRUCTOR));
        Map<?, ?> settings = (Map<?, ?>) request.getClaim("https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings");
        assertThat(settings.get("deep_link_return_url")).isEqualTo(PlatformFixture.DL_RETURN_URL);
        assertThat(settings.get("accept_types")).isEqualTo(List.of("ltiResourceLink"));

        DeepLinkingReturn returned = f.platform.deepLinkingReturn(FakePlatform.sign(PlatformFixture.TOOL_KEY,
                DeepLinks.response(f, (String) settings.get("data"), "nonce-r1").build()));

        assertThat(returned.clientId()).isEqualTo(CLIENT_ID);
        assertThat(returned.contextId()).isEqualTo(CONTEXT);
        assertThat(returned.message()).isEqualTo("Two experiments placed");
        assertThat(returned.items()).hasSize(2);
        assertThat(returned.items().get(0).title()).isEqualTo("Titration");
        assertThat(returned.items().get(0).custom()).containsEntry("experiment", "titration");
        assertThat(returned.items().get(0).lineItemId()).isNotNull();
        assertThat(returned.items().get(1).lineItemId()).isNull();
        LineItem column = f.platform.lineItem(returned.items().get(0).lineItemId()).orElseThrow();
        assertThat(column.label()).isEqualTo("Titration score");
        assertThat(column.scoreMaximum()).isEqualTo(50);
        assertThat(column.contextId()).isEqualTo(CONTEXT);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void ags_whenToolAddsAColumnToALinkThatCompletesALesson_aFullyGradedScoreOnItCompletesTheLesson(Backend backend)
            throws ParseException {
        start(backend);
        String subject = f.launchedClaims().getSubject();
        String token = f.accessToken(LtiPlatform.SCOPE_LINE_ITEM + " " + LtiPlatform.SCOPE_SCORE);
        String container = PlatformFixture.AGS_URL + "/contexts/" + CONTEXT + "/lineitems";
        LtiHttpResponse other = f.ags("POST", container, token, AgsTypes.LINE_ITEM,
                "{\"label\":\"Other link\",\"scoreMaximum\":10,\"resourceLinkId\":\"link-without-lesson\"}");
        LtiHttpResponse created = f.ags("POST", container, token, AgsTypes.LINE_ITEM,
                "{\"label\":\"Lab report\",\"scoreMaximum\":20,\"resourceLinkId\":\"" + LINK + "\",\"tag\":\"report\"}");
        assertThat(created.status()).isEqualTo(201);
        String url = (String) JSONObjectUtils.parse(created.body()).get("id");
        String otherUrl = (String) JSONObjectUtils.parse(other.body()).get("id");
        assertThat(f.platform.lineItem(url.substring(url.lastIndexOf('/') + 1)).orElseThrow().lesson()).isEqualTo(f.lab);
        assertThat(f.platform.lineItem(otherUrl.substring(otherUrl.lastIndexOf('/') + 1)).orElseThrow().lesson()).isNull();

        assertThat(f.ags("POST", otherUrl + "/scores", token, "application/vnd.ims.lis.v1.score+json",
                PlatformFixture.score(subject, 10, 10, "Completed", "FullyGraded", f.clock.instant())).status())
                .isEqualTo(204);
        assertThat(f.learnloop.progress().lessonProgress(LEARNER, f.lab)).isEmpty();
        assertThat(f.ags("POST", url + "/scores", token, "application/vnd.ims.lis.v1.score+json",
                PlatformFixture.score(subject, 18, 20, "Completed", "FullyGraded", f.clock.instant())).status())
                .isEqualTo(204);

        assertThat(f.learnloop.progress().lessonProgress(LEARNER, f.lab).orElseThrow().completed()).isTrue();
        // a tool may not move its column to another link's lesson
        assertThat(f.ags("PUT", url, token, AgsTypes.LINE_ITEM, "{\"label\":\"Moved\",\"scoreMaximum\":20}")
                .status()).isEqualTo(200);
        assertThat(f.platform.lineItem(url.substring(url.lastIndexOf('/') + 1)).orElseThrow().lesson()).isEqualTo(f.lab);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void deepLinkingReturn_whenContentIsPlacedInALesson_aFullyGradedScoreOnItsColumnCompletesTheLesson(Backend backend) {
        start(backend);
        String subject = f.launchedClaims().getSubject();
        LaunchStart start = f.platform.launch(ToolLaunch.deepLinking(CLIENT_ID, PlatformFixture.DEPLOYMENT_ID,
                LEARNER, CONTEXT).placeIn(f.lab).build());
        JWTClaimsSet request = f.verifiedIdToken(PlatformFixture.formFields(f.platform.authorize(LEARNER,
                PlatformFixture.authRequest(start, "nonce-dl-lesson")).body()).get("id_token"));
        Map<?, ?> settings = (Map<?, ?>) request.getClaim("https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings");
        DeepLinkingReturn returned = f.platform.deepLinkingReturn(FakePlatform.sign(PlatformFixture.TOOL_KEY,
                DeepLinks.response(f, (String) settings.get("data"), "nonce-r-lesson").build()));
        LineItem column = f.platform.lineItem(returned.items().get(0).lineItemId()).orElseThrow();
        assertThat(column.lesson()).isEqualTo(f.lab);
        String token = f.accessToken(LtiPlatform.SCOPE_SCORE);

        assertThat(f.ags("POST", column.url() + "/scores", token, "application/vnd.ims.lis.v1.score+json",
                PlatformFixture.score(subject, 3, 10, "Submitted", "Pending", f.clock.instant())).status())
                .isEqualTo(204);
        assertThat(f.learnloop.progress().lessonProgress(LEARNER, f.lab)).isEmpty();
        f.clock.advance(Duration.ofMinutes(1));
        assertThat(f.ags("POST", column.url() + "/scores", token, "application/vnd.ims.lis.v1.score+json",
                PlatformFixture.score(subject, 45, 50, "Completed", "FullyGraded", f.clock.instant())).status())
                .isEqualTo(204);

        assertThat(f.learnloop.progress().lessonProgress(LEARNER, f.lab).orElseThrow().completed()).isTrue();
    }

    @Test
    void deepLinkingReturn_whenNotPlacedInALesson_itsColumnsCompleteNone() {
        start(Backend.MEMORY);
        LaunchStart start = f.platform.launch(ToolLaunch.deepLinking(CLIENT_ID, PlatformFixture.DEPLOYMENT_ID,
                LEARNER, CONTEXT).build());
        JWTClaimsSet request = f.verifiedIdToken(PlatformFixture.formFields(f.platform.authorize(LEARNER,
                PlatformFixture.authRequest(start, "nonce-dl-none")).body()).get("id_token"));
        Map<?, ?> settings = (Map<?, ?>) request.getClaim("https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings");
        DeepLinkingReturn returned = f.platform.deepLinkingReturn(FakePlatform.sign(PlatformFixture.TOOL_KEY,
                DeepLinks.response(f, (String) settings.get("data"), "nonce-r-none").build()));

        assertThat(f.platform.lineItem(returned.items().get(0).lineItemId()).orElseThrow().lesson()).isNull();
    }

    @Test
    void jwks_whenKeysRotate_signsWithNextKeyAndPublishesBothWithoutRestart() throws ParseException {
        start(Backend.MEMORY);
        java.util.concurrent.atomic.AtomicReference<ToolKeys> keys =
                new java.util.concurrent.atomic.AtomicReference<>(PlatformFixture.PLATFORM_KEYS);
        LtiPlatform rotating = LtiPlatforms.platform(f.learnloop, LtiPlatformConfig.builder(
                        io.learnloop.http.SharedHttpClient.builder().build(), PlatformFixture.ISSUER, keys::get)
                .endpoints(PlatformFixture.AUTH_URL, PlatformFixture.TOKEN_URL, PlatformFixture.AGS_URL,
                        PlatformFixture.DL_RETURN_URL).build());
        io.learnloop.core.credential.SigningKey next = io.learnloop.core.credential.SigningKey.of("platform-key-2",
                LtiFixture.keyPair());

        keys.set(keys.get().rotate(next));
        LtiHttpResponse page = rotating.authorize(LEARNER, PlatformFixture.authRequest(rotating.launch(
                ToolLaunch.resourceLink(CLIENT_ID, PlatformFixture.DEPLOYMENT_ID, LEARNER, CONTEXT, LINK).build()), "n"));

        String idToken = PlatformFixture.formFields(page.body()).get("id_token");
        assertThat(com.nimbusds.jwt.SignedJWT.parse(idToken).getHeader().getKeyID()).isEqualTo("platform-key-2");
        assertThat(com.nimbusds.jose.jwk.JWKSet.parse(rotating.jwks()).getKeys())
                .extracting(com.nimbusds.jose.jwk.JWK::getKeyID).containsExactly("platform-key-2", "platform-key-1");
        assertThat(rotating.jwks()).doesNotContain("\"d\"");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void pruneExpired_whenHintsAndTokensExpired_deletesThemAndKeepsLiveOnes(Backend backend) {
        start(backend);
        LaunchStart expiring = f.launchLab();
        f.accessToken(LtiPlatform.SCOPE_SCORE);
        f.clock.advance(Duration.ofHours(2));
        LaunchStart live = f.launchLab();

        assertThat(f.platform.pruneExpired(1)).isEqualTo(3);   // one hint, one used jti, one access token
        assertThat(f.platform.pruneExpired(100)).isZero();

        assertThat(f.platform.authorize(LEARNER, PlatformFixture.authRequest(expiring, "n1")).problem())
                .isEqualTo(LtiException.Problem.UNKNOWN_LOGIN_HINT);
        assertThat(f.platform.authorize(LEARNER, PlatformFixture.authRequest(live, "n2")).problem()).isNull();
    }

    @Test
    void launch_whenLessonGivenWithoutColumn_isRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ToolLaunch.resourceLink(CLIENT_ID, "d", LEARNER, CONTEXT,
                        LINK).gradebookColumn(0, LessonId.of("lesson-1")).build())
                .isInstanceOf(io.learnloop.core.error.ValidationException.class).hasMessageContaining("lesson");
    }
}
