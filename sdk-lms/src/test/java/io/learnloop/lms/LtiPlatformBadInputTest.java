package io.learnloop.lms;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import io.learnloop.core.store.Stores;
import io.learnloop.core.testing.Staff;
import io.learnloop.lms.LtiException.Problem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.learnloop.lms.PlatformFixture.CLIENT_ID;
import static io.learnloop.lms.PlatformFixture.CONTEXT;
import static io.learnloop.lms.PlatformFixture.LEARNER;
import static io.learnloop.lms.PlatformFixture.LINK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the LTI platform refuses: forged, expired, replayed or misaddressed tokens, unknown tools and deployments,
 * unregistered redirect URIs, reused login hints, missing scopes and stale scores. Each refusal is typed, and nothing
 * is granted, stored or lost.
 */
class LtiPlatformBadInputTest {
    private static final RSAKey OTHER_KEY = FakePlatform.newKey("tool-key-1");

    private final WireMockServer wm = new WireMockServer(options().dynamicPort());
    private PlatformFixture f;

    @BeforeEach
    void start() {
        wm.start();
        f = new PlatformFixture(wm, Stores.inMemory());
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    // ---- authorization endpoint

    @Test
    void authorize_whenClientUnknown_answers400WithoutRedirectAndKeepsHint() {
        LaunchStart start = f.launchLab();
        Map<String, String> request = PlatformFixture.authRequest(start, "n1");
        request.put("client_id", "someone-else");

        LtiHttpResponse r = f.platform.authorize(LEARNER, request);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.problem()).isEqualTo(Problem.UNKNOWN_CLIENT);
        assertThat(r.body()).doesNotContain("<form");
        // Nothing was used up: the real tool's request still succeeds.
        assertThat(f.platform.authorize(LEARNER, PlatformFixture.authRequest(start, "n1")).problem()).isNull();
    }

    @Test
    void authorize_whenRedirectUriNotRegistered_answers400WithoutRedirect() {
        Map<String, String> request = PlatformFixture.authRequest(f.launchLab(), "n1");
        request.put("redirect_uri", "https://evil.example.net/steal");

        LtiHttpResponse r = f.platform.authorize(LEARNER, request);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.problem()).isEqualTo(Problem.INVALID_REDIRECT_URI);
        assertThat(r.body()).doesNotContain("evil.example.net/steal\"").doesNotContain("id_token");
    }

    @Test
    void authorize_whenLoginHintReused_postsErrorAndNoSecondIdToken() {
        LaunchStart start = f.launchLab();
        assertThat(f.platform.authorize(LEARNER, PlatformFixture.authRequest(start, "n1")).problem()).isNull();

        LtiHttpResponse again = f.platform.authorize(LEARNER, PlatformFixture.authRequest(start, "n2"));

        assertThat(again.problem()).isEqualTo(Problem.LOGIN_HINT_REPLAYED);
        Map<String, String> fields = PlatformFixture.formFields(again.body());
        assertThat(fields).containsEntry("error", "invalid_request").containsEntry("state", "tool-state-n2")
                .doesNotContainKey("id_token");
        assertThat(PlatformFixture.formAction(again.body())).isEqualTo(PlatformFixture.TOOL_REDIRECT);
    }

    @Test
    void authorize_whenLoginHintExpired_postsErrorAndNoIdToken() {
        LaunchStart start = f.launchLab();
        f.clock.advance(Duration.ofMinutes(5));

        LtiHttpResponse r = f.platform.authorize(LEARNER, PlatformFixture.authRequest(start, "n1"));

        assertThat(r.problem()).isEqualTo(Problem.LOGIN_HINT_EXPIRED);
        assertThat(PlatformFixture.formFields(r.body())).doesNotContainKey("id_token");
        assertThat(f.platform.lineItemOf(CLIENT_ID, CONTEXT, LINK)).isEmpty();
    }

    @Test
    void authorize_whenAnotherUserIsSignedIn_refusesWithLoginRequiredAndUsesHintUp() {
        LaunchStart start = f.launchLab();

        LtiHttpResponse r = f.platform.authorize(io.learnloop.core.identity.UserId.of("intruder"),
                PlatformFixture.authRequest(start, "n1"));

        assertThat(r.problem()).isEqualTo(Problem.LOGIN_REQUIRED);
        assertThat(PlatformFixture.formFields(r.body())).containsEntry("error", "login_required")
                .doesNotContainKey("id_token");
        assertThat(f.platform.authorize(LEARNER, PlatformFixture.authRequest(start, "n1")).problem())
                .isEqualTo(Problem.LOGIN_HINT_REPLAYED);
    }

    @Test
    void authorize_whenMessageHintBelongsToAnotherLaunch_refusesIt() {
        LaunchStart first = f.launchLab();
        LaunchStart second = f.launchLab();
        Map<String, String> request = PlatformFixture.authRequest(first, "n1");
        request.put("lti_message_hint", FakePlatform.query(second.url()).get("lti_message_hint"));

        assertThat(f.platform.authorize(LEARNER, request).problem()).isEqualTo(Problem.UNKNOWN_LOGIN_HINT);
    }

    @Test
    void authorize_whenNotAnLti13Request_namesEveryWrongParameter() {
        Map<String, String> request = PlatformFixture.authRequest(f.launchLab(), "n1");
        request.put("response_mode", "query");
        request.put("prompt", "login");
        request.remove("nonce");

        LtiHttpResponse r = f.platform.authorize(LEARNER, request);

        assertThat(r.problem()).isEqualTo(Problem.INVALID_REQUEST);
        assertThat(PlatformFixture.formFields(r.body()).get("error_description")).contains("response_mode")
                .contains("prompt").contains("nonce");
    }

    @Test
    void launch_whenToolOrDeploymentUnknown_throwsTyped() {
        assertThatThrownBy(() -> f.platform.launch(ToolLaunch.resourceLink("nobody", PlatformFixture.DEPLOYMENT_ID,
                LEARNER, CONTEXT, LINK).build()))
                .isInstanceOfSatisfying(LtiException.class, e -> assertThat(e.problem()).isEqualTo(Problem.UNKNOWN_CLIENT));
        assertThatThrownBy(() -> f.platform.launch(ToolLaunch.resourceLink(CLIENT_ID, "deployment-9", LEARNER,
                CONTEXT, LINK).build()))
                .isInstanceOfSatisfying(LtiException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.UNKNOWN_DEPLOYMENT));
    }

    // ---- token endpoint

    private LtiHttpResponse token(JWTClaimsSet claims, RSAKey key, String scope) {
        return f.platform.token(PlatformFixture.tokenForm(FakePlatform.sign(key, claims), scope));
    }

    @Test
    void token_whenAssertionJtiReplayed_refusesSecondToken() {
        JWTClaimsSet claims = f.assertionClaims().build();
        assertThat(token(claims, PlatformFixture.TOOL_KEY, LtiPlatform.SCOPE_SCORE).status()).isEqualTo(200);

        LtiHttpResponse again = token(claims, PlatformFixture.TOOL_KEY, LtiPlatform.SCOPE_SCORE);

        assertThat(again.status()).isEqualTo(401);
        assertThat(again.problem()).isEqualTo(Problem.TOKEN_REPLAYED);
        assertThat(again.body()).contains("\"error\":\"invalid_client\"").doesNotContain("access_token");
    }

    @Test
    void token_whenAssertionForged_refusesIt() {
        LtiHttpResponse r = token(f.assertionClaims().build(), OTHER_KEY, LtiPlatform.SCOPE_SCORE);

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.problem()).isEqualTo(Problem.BAD_SIGNATURE);
    }

    @Test
    void token_whenAssertionExpired_refusesIt() {
        Instant past = f.clock.instant().minus(Duration.ofMinutes(10));
        LtiHttpResponse r = token(f.assertionClaims().issueTime(Date.from(past))
                .expirationTime(Date.from(past.plusSeconds(60))).build(), PlatformFixture.TOOL_KEY, LtiPlatform.SCOPE_SCORE);

        assertThat(r.problem()).isEqualTo(Problem.EXPIRED_TOKEN);
        assertThat(r.status()).isEqualTo(401);
    }

    @Test
    void token_whenAssertionMeantForAnotherServer_refusesIt() {
        LtiHttpResponse r = token(f.assertionClaims().audience("https://other.example.com/token").build(),
                PlatformFixture.TOOL_KEY, LtiPlatform.SCOPE_SCORE);

        assertThat(r.problem()).isEqualTo(Problem.WRONG_AUDIENCE);
    }

    @Test
    void token_whenClientUnknown_refusesIt() {
        LtiHttpResponse r = token(f.assertionClaims().issuer("stranger").subject("stranger").build(),
                PlatformFixture.TOOL_KEY, LtiPlatform.SCOPE_SCORE);

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.problem()).isEqualTo(Problem.UNKNOWN_CLIENT);
    }

    @Test
    void token_whenToolJwksCannotBeFetched_answers503AndIssuesNothing() {
        f.failToolJwks(500);

        LtiHttpResponse r = token(f.assertionClaims().build(), PlatformFixture.TOOL_KEY, LtiPlatform.SCOPE_SCORE);

        assertThat(r.status()).isEqualTo(503);
        assertThat(r.problem()).isEqualTo(Problem.JWKS_UNAVAILABLE);
    }

    @Test
    void token_whenScopeNotGrantedToTool_answersInvalidScope() {
        f.platform.registerTool(Staff.ADMIN, f.tool(List.of(LtiPlatform.SCOPE_LINE_ITEM_READ)));

        LtiHttpResponse r = token(f.assertionClaims().build(), PlatformFixture.TOOL_KEY, LtiPlatform.SCOPE_SCORE);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("\"error\":\"invalid_scope\"");
    }

    @Test
    void token_whenGrantTypeIsNotClientCredentials_answersUnsupportedGrantType() {
        Map<String, String> form = new LinkedHashMap<>(PlatformFixture.tokenForm("x", LtiPlatform.SCOPE_SCORE));
        form.put("grant_type", "password");

        assertThat(f.platform.token(form).body()).contains("\"error\":\"unsupported_grant_type\"");
    }

    // ---- scores

    private String subject() {
        return f.launchedClaims().getSubject();
    }

    private LtiHttpResponse postScore(String token, String userId, Instant at) {
        LineItem column = f.platform.lineItemOf(CLIENT_ID, CONTEXT, LINK).orElseThrow();
        return f.ags("POST", column.url() + "/scores", token, AgsTypes.SCORE,
                PlatformFixture.score(userId, 9, 10, "Completed", "FullyGraded", at));
    }

    @Test
    void score_whenTokenLacksScoreScope_answers403AndRecordsNothing() {
        String subject = subject();
        String token = f.accessToken(LtiPlatform.SCOPE_LINE_ITEM_READ);

        LtiHttpResponse r = postScore(token, subject, f.clock.instant());

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.problem()).isEqualTo(Problem.INSUFFICIENT_SCOPE);
        assertThat(r.contentType()).isEqualTo("application/problem+json");
        assertThat(r.headers().get("WWW-Authenticate")).contains("insufficient_scope");
        String lineItem = f.platform.lineItemOf(CLIENT_ID, CONTEXT, LINK).orElseThrow().id();
        assertThat(f.platform.result(lineItem, LEARNER)).isEmpty();
        assertThat(f.learnloop.progress().lessonProgress(LEARNER, f.lab)).isEmpty();
    }

    @Test
    void score_whenTimestampDoesNotIncrease_answers409AndKeepsFirstScore() {
        String subject = subject();
        String token = f.accessToken(LtiPlatform.SCOPE_SCORE);
        Instant first = f.clock.instant();
        assertThat(postScore(token, subject, first).status()).isEqualTo(204);
        LineItem column = f.platform.lineItemOf(CLIENT_ID, CONTEXT, LINK).orElseThrow();

        LtiHttpResponse same = f.ags("POST", column.url() + "/scores", token, AgsTypes.SCORE,
                PlatformFixture.score(subject, 2, 10, "Completed", "FullyGraded", first));
        LtiHttpResponse older = f.ags("POST", column.url() + "/scores", token, AgsTypes.SCORE,
                PlatformFixture.score(subject, 2, 10, "Completed", "FullyGraded", first.minusSeconds(1)));

        assertThat(same.status()).isEqualTo(409);
        assertThat(same.problem()).isEqualTo(Problem.STALE_SCORE);
        assertThat(older.problem()).isEqualTo(Problem.STALE_SCORE);
        assertThat(f.platform.result(column.id(), LEARNER).orElseThrow().scoreGiven()).isEqualTo(9.0);
    }

    @Test
    void score_whenNoOrUnknownOrExpiredBearer_answers401() {
        String subject = subject();
        String token = f.accessToken(LtiPlatform.SCOPE_SCORE);

        assertThat(postScore(null, subject, f.clock.instant()).status()).isEqualTo(401);
        assertThat(postScore("made-up", subject, f.clock.instant()).problem()).isEqualTo(Problem.INVALID_ACCESS_TOKEN);
        f.clock.advance(Duration.ofHours(1));
        LtiHttpResponse expired = postScore(token, subject, f.clock.instant());
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.headers().get("WWW-Authenticate")).contains("invalid_token");
        assertThat(f.learnloop.progress().lessonProgress(LEARNER, f.lab)).isEmpty();
    }

    @Test
    void score_whenUserWasNeverLaunched_answers400AndRecordsNothing() {
        subject();
        LtiHttpResponse r = postScore(f.accessToken(LtiPlatform.SCOPE_SCORE), "someone-unknown", f.clock.instant());

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.problem()).isEqualTo(Problem.INVALID_REQUEST);
        assertThat(f.learnloop.progress().lessonProgress(LEARNER, f.lab)).isEmpty();
    }

    @Test
    void score_whenBodyIsNotAScore_namesEveryBadField() {
        String subject = subject();
        LineItem column = f.platform.lineItemOf(CLIENT_ID, CONTEXT, LINK).orElseThrow();

        LtiHttpResponse r = f.ags("POST", column.url() + "/scores", f.accessToken(LtiPlatform.SCOPE_SCORE),
                AgsTypes.SCORE, "{\"userId\":\"" + subject + "\",\"scoreGiven\":-1,\"activityProgress\":\"Done\"}");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("scoreGiven").contains("activityProgress").contains("gradingProgress")
                .contains("timestamp");
    }

    @Test
    void lineItem_whenAnotherToolAsks_answers404() {
        subject();
        String lineItem = f.platform.lineItemOf(CLIENT_ID, CONTEXT, LINK).orElseThrow().url();
        f.platform.registerTool(Staff.ADMIN, new ExternalTool("other-tool", "Other", PlatformFixture.TOOL + "/login",
                PlatformFixture.TOOL_REDIRECT, List.of(PlatformFixture.TOOL_REDIRECT),
                "http://localhost:" + wm.port() + PlatformFixture.TOOL_JWKS_PATH, null, LtiPlatform.AGS_SCOPES));
        LtiHttpResponse tokenResponse = token(f.assertionClaims().issuer("other-tool").subject("other-tool").build(),
                PlatformFixture.TOOL_KEY, LtiPlatform.SCOPE_LINE_ITEM);
        String otherToken = tokenResponse.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");

        LtiHttpResponse r = f.ags("GET", lineItem, otherToken, null, null);

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.problem()).isEqualTo(Problem.UNKNOWN_LINE_ITEM);
    }

    // ---- Deep Linking responses

    private String deepLinkingData() {
        LaunchStart start = f.platform.launch(ToolLaunch.deepLinking(CLIENT_ID, PlatformFixture.DEPLOYMENT_ID, LEARNER,
                CONTEXT).build());
        JWTClaimsSet request = f.verifiedIdToken(PlatformFixture.formFields(f.platform.authorize(LEARNER,
                PlatformFixture.authRequest(start, "dl")).body()).get("id_token"));
        Map<?, ?> settings = (Map<?, ?>) request.getClaim(
                "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings");
        return (String) settings.get("data");
    }

    private void assertRefused(String jwt, Problem problem) {
        assertThatThrownBy(() -> f.platform.deepLinkingReturn(jwt)).isInstanceOfSatisfying(LtiException.class,
                e -> assertThat(e.problem()).isEqualTo(problem));
    }

    @Test
    void deepLinkingReturn_whenForged_refusesAndStoresNothing() {
        String data = deepLinkingData();

        assertRefused(FakePlatform.sign(OTHER_KEY, DeepLinks.response(f, data, "n1").build()), Problem.BAD_SIGNATURE);

        // The request is still open: the genuine response is accepted afterwards, with its items.
        assertThat(f.platform.deepLinkingReturn(FakePlatform.sign(PlatformFixture.TOOL_KEY,
                DeepLinks.response(f, data, "n1").build())).items()).hasSize(2);
    }

    @Test
    void deepLinkingReturn_whenExpired_refusesIt() {
        String data = deepLinkingData();
        JWTClaimsSet claims = DeepLinks.response(f, data, "n1").build();
        f.clock.advance(Duration.ofMinutes(10));

        assertRefused(FakePlatform.sign(PlatformFixture.TOOL_KEY, claims), Problem.EXPIRED_TOKEN);
    }

    @Test
    void deepLinkingReturn_whenReplayed_refusesSecondAndStoresOnce() {
        String data = deepLinkingData();
        String jwt = FakePlatform.sign(PlatformFixture.TOOL_KEY, DeepLinks.response(f, data, "n1").build());
        DeepLinkingReturn first = f.platform.deepLinkingReturn(jwt);

        assertRefused(jwt, Problem.STATE_REPLAYED);
        assertThat(f.platform.lineItem(first.items().get(0).lineItemId())).isPresent();
    }

    @Test
    void deepLinkingReturn_whenMeantForAnotherPlatform_refusesIt() {
        String data = deepLinkingData();

        assertRefused(FakePlatform.sign(PlatformFixture.TOOL_KEY, DeepLinks.response(f, data, "n1")
                .audience("https://other-lms.example.edu").build()), Problem.WRONG_AUDIENCE);
    }

    @Test
    void deepLinkingReturn_whenDeploymentUnknownOrDataNotIssued_refusesIt() {
        String data = deepLinkingData();

        assertRefused(FakePlatform.sign(PlatformFixture.TOOL_KEY, DeepLinks.response(f, data, "n1")
                .claim("https://purl.imsglobal.org/spec/lti/claim/deployment_id", "deployment-9").build()),
                Problem.UNKNOWN_DEPLOYMENT);
        assertRefused(FakePlatform.sign(PlatformFixture.TOOL_KEY, DeepLinks.response(f, "made-up", "n2").build()),
                Problem.UNKNOWN_STATE);
    }

    @Test
    void deepLinkingReturn_whenIssuerIsUnknownTool_refusesIt() {
        String data = deepLinkingData();

        assertRefused(FakePlatform.sign(PlatformFixture.TOOL_KEY, DeepLinks.response(f, data, "n1").issuer("stranger")
                .build()), Problem.UNKNOWN_CLIENT);
    }
}
