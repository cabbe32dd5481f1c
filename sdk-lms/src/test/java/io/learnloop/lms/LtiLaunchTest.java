package io.learnloop.lms;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.learnloop.core.access.AccessReason;
import io.learnloop.core.access.GrantRequest;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.testing.Catalogue;
import io.learnloop.core.testing.Staff;
import io.learnloop.lms.LtiException.Problem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LtiLaunchTest {
    private static final Actor CREATOR = Actor.of("creator-1", Role.CREATOR);

    private final WireMockServer wm = new WireMockServer(options().dynamicPort());
    private LtiFixture f;
    private CourseId course;

    @BeforeEach
    void start() {
        wm.start();
        f = new LtiFixture(wm);
        course = Catalogue.publishedId(f.learnloop, CREATOR, "Statistics 101");
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    private static void assertProblem(Executable call, Problem problem) {
        assertThatThrownBy(call::execute).isInstanceOfSatisfying(LtiException.class,
                e -> assertThat(e.problem()).as(e.getMessage()).isEqualTo(problem));
    }

    private JWTClaimsSet.Builder claims(LoginRedirect redirect) {
        return FakePlatform.resourceLink(LtiFixture.nonce(redirect), f.clock.instant(), "user-17",
                Map.of("learnloop_course", course.value()));
    }

    private String signed(JWTClaimsSet.Builder claims) {
        return FakePlatform.sign(f.platformKey, claims.build());
    }

    @Test
    void initiateLogin_whenPlatformIsRegistered_redirectsWithStateAndNonce() {
        LoginRedirect redirect = f.login();

        Map<String, String> q = FakePlatform.query(redirect.url());
        assertThat(redirect.url()).startsWith(f.platform.base() + "/lms/auth?");
        assertThat(q).containsEntry("scope", "openid").containsEntry("response_type", "id_token")
                .containsEntry("response_mode", "form_post").containsEntry("prompt", "none")
                .containsEntry("client_id", FakePlatform.CLIENT_ID).containsEntry("redirect_uri", LtiFixture.REDIRECT_URI)
                .containsEntry("login_hint", "hint-42").containsEntry("lti_message_hint", "msg-hint")
                .containsEntry("state", redirect.state());
        assertThat(q.get("nonce")).hasSizeGreaterThanOrEqualTo(40).isNotEqualTo(redirect.state());
        assertThat(redirect.expiresAt()).isEqualTo(LtiFixture.START.plus(Duration.ofMinutes(10)));
        assertThat(f.login().state()).isNotEqualTo(redirect.state());
    }

    @Test
    void initiateLogin_whenIssuerIsUnknown_throwsUnknownIssuer() {
        assertProblem(() -> f.tool.initiateLogin(new LoginInitiation("https://evil.example", "h",
                LtiFixture.REDIRECT_URI, null, null, null)), Problem.UNKNOWN_ISSUER);
    }

    @Test
    void initiateLogin_whenClientOrDeploymentIsUnknown_throwsTypedNotFound() {
        assertProblem(() -> f.tool.initiateLogin(new LoginInitiation(FakePlatform.ISSUER, "h",
                LtiFixture.REDIRECT_URI, null, "other-client", null)), Problem.UNKNOWN_CLIENT);
        assertThatThrownBy(() -> f.tool.initiateLogin(new LoginInitiation(FakePlatform.ISSUER, "h",
                LtiFixture.REDIRECT_URI, null, FakePlatform.CLIENT_ID, "deployment-9")))
                .isInstanceOfSatisfying(LtiException.class, e -> {
                    assertThat(e.problem()).isEqualTo(Problem.UNKNOWN_DEPLOYMENT);
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                });
    }

    @Test
    void initiateLogin_whenParametersAreMissingOrTargetIsForeign_throwsInvalidRequest() {
        assertProblem(() -> f.tool.initiateLogin(LoginInitiation.fromParameters(Map.of("iss", FakePlatform.ISSUER))),
                Problem.INVALID_REQUEST);
        assertProblem(() -> f.tool.initiateLogin(new LoginInitiation(FakePlatform.ISSUER, "h",
                "https://phishing.example/launch", null, null, null)), Problem.INVALID_REQUEST);
    }

    @Test
    void launch_whenTokenIsValid_mapsSubjectToLearnerAndAsksTheAccessLedger() {
        LoginRedirect redirect = f.login();

        LaunchResult result = f.tool.launch(signed(claims(redirect)), redirect.state());

        LtiLaunch launch = result.launch();
        assertThat(launch.messageType()).isEqualTo(LtiMessageType.RESOURCE_LINK);
        assertThat(launch.issuer()).isEqualTo(FakePlatform.ISSUER);
        assertThat(launch.deploymentId()).isEqualTo(FakePlatform.DEPLOYMENT_ID);
        assertThat(launch.subject()).isEqualTo("user-17");
        assertThat(launch.resourceLinkId()).isEqualTo("link-1");
        assertThat(launch.contextId()).isEqualTo("section-7");
        assertThat(launch.roles()).containsExactly(LtiLaunch.LEARNER_ROLE);
        assertThat(result.decision().reason()).isEqualTo(AccessReason.NOT_ENTITLED);
        assertThat(result.allowed()).isFalse();

        f.learnloop.access().grant(Staff.ADMIN, GrantRequest.manual(launch.learner(), List.of(course), "ticket-1",
                f.clock.instant(), null));
        LoginRedirect again = f.login();
        LaunchResult second = f.tool.launch(signed(claims(again)), again.state());
        assertThat(second.launch().learner()).isEqualTo(launch.learner());
        assertThat(second.allowed()).isTrue();
        assertThat(second.decision().reason()).isEqualTo(AccessReason.GRANTED);
    }

    @Test
    void launch_whenSameSubjectComesFromAnotherIssuerOrSameEmail_mapsToAnotherLearner() {
        LoginRedirect first = f.login();
        LtiLaunch a = f.tool.launch(signed(claims(first)), first.state()).launch();
        LoginRedirect second = f.login();
        LtiLaunch b = f.tool.launch(signed(claims(second).subject("user-18")), second.state()).launch();

        assertThat(b.learner()).isNotEqualTo(a.learner());
    }

    @Test
    void launch_whenStateIsUsedTwice_throwsReplayed() {
        LoginRedirect redirect = f.login();
        String token = signed(claims(redirect));
        f.tool.launch(token, redirect.state());

        assertProblem(() -> f.tool.launch(token, redirect.state()), Problem.STATE_REPLAYED);
    }

    @Test
    void launch_whenTokenIsReplayedWithAFreshState_throwsNonceMismatch() {
        LoginRedirect redirect = f.login();
        String token = signed(claims(redirect));
        f.tool.launch(token, redirect.state());

        LoginRedirect fresh = f.login();
        assertProblem(() -> f.tool.launch(token, fresh.state()), Problem.NONCE_MISMATCH);
    }

    @Test
    void launch_whenStateIsUnknownOrExpired_throwsTypedError() {
        LoginRedirect redirect = f.login();
        String token = signed(claims(redirect));
        assertProblem(() -> f.tool.launch(token, "made-up-state"), Problem.UNKNOWN_STATE);
        assertProblem(() -> f.tool.launch(token, null), Problem.UNKNOWN_STATE);

        f.clock.advance(Duration.ofMinutes(10));
        assertProblem(() -> f.tool.launch(token, redirect.state()), Problem.STATE_EXPIRED);
    }

    @Test
    void pruneLoginStates_whenStatesExpired_deletesThemOldestFirstAndKeepsLiveOnes() {
        LoginRedirect used = f.login();
        f.tool.launch(signed(claims(used)), used.state());
        f.login();
        f.clock.advance(Duration.ofMinutes(5));
        LoginRedirect live = f.login();
        f.clock.advance(Duration.ofMinutes(6));

        assertThat(f.tool.pruneLoginStates(1)).isEqualTo(1);
        assertThat(f.tool.pruneLoginStates(100)).isEqualTo(1);
        assertThat(f.tool.pruneLoginStates(100)).isZero();
        assertThat(f.tool.launch(signed(claims(live)), live.state()).launch().subject()).isEqualTo("user-17");
        assertProblem(() -> f.tool.launch(signed(claims(used)), used.state()), Problem.UNKNOWN_STATE);
        assertThatThrownBy(() -> f.tool.pruneLoginStates(0))
                .isInstanceOf(io.learnloop.core.error.ValidationException.class);
    }

    @Test
    void launch_whenStateWasIssuedByAnotherInstanceOnTheSameStore_succeeds() {
        LtiFixture other = new LtiFixture(wm, f.store);
        LoginRedirect redirect = other.login();

        String token = FakePlatform.sign(other.platformKey, claims(redirect).build());

        LaunchResult result = f.tool.launch(token, redirect.state());

        assertThat(result.launch().subject()).isEqualTo("user-17");
        assertProblem(() -> other.tool.launch(token, redirect.state()), Problem.STATE_REPLAYED);
    }

    @Test
    void launch_whenSignatureIsForgedWithTheSameKeyId_throwsBadSignature() {
        RSAKey attacker = FakePlatform.newKey("platform-key-1");
        LoginRedirect redirect = f.login();

        assertProblem(() -> f.tool.launch(FakePlatform.sign(attacker, claims(redirect).build()), redirect.state()),
                Problem.BAD_SIGNATURE);
    }

    @Test
    void launch_whenPayloadIsAltered_throwsBadSignature() {
        LoginRedirect redirect = f.login();
        String[] parts = signed(claims(redirect)).split("\\.");
        String altered = FakePlatform.sign(FakePlatform.newKey("x"), claims(redirect).subject("admin").build())
                .split("\\.")[1];

        assertProblem(() -> f.tool.launch(parts[0] + "." + altered + "." + parts[2], redirect.state()),
                Problem.BAD_SIGNATURE);
    }

    @Test
    void launch_whenSignedWithHmacOrUnsigned_throwsTypedError() throws JOSEException {
        LoginRedirect redirect = f.login();
        SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims(redirect).build());
        hmac.sign(new MACSigner(new byte[32]));
        assertProblem(() -> f.tool.launch(hmac.serialize(), redirect.state()), Problem.UNSUPPORTED_ALGORITHM);

        LoginRedirect second = f.login();
        String unsigned = new com.nimbusds.jwt.PlainJWT(claims(second).build()).serialize();
        assertProblem(() -> f.tool.launch(unsigned, second.state()), Problem.MALFORMED_TOKEN);
        LoginRedirect third = f.login();
        assertProblem(() -> f.tool.launch("not-a-jwt", third.state()), Problem.MALFORMED_TOKEN);
    }

    @Test
    void launch_whenExpiredBeyondSkew_throwsExpiredToken() {
        LoginRedirect redirect = f.login();
        JWTClaimsSet.Builder c = claims(redirect).issueTime(Date.from(f.clock.instant().minusSeconds(600)))
                .expirationTime(Date.from(f.clock.instant().minusSeconds(61)));

        assertProblem(() -> f.tool.launch(signed(c), redirect.state()), Problem.EXPIRED_TOKEN);
    }

    @Test
    void launch_whenFacadeClockIsAheadButProtocolClockIsReal_judgesTokenTimesByTheProtocolClock() {
        // a host whose facade runs on a shifted clock (a demo clock, two hours ahead) over the same store
        io.learnloop.core.testing.MutableClock ahead = new io.learnloop.core.testing.MutableClock(
                f.clock.instant().plus(Duration.ofHours(2)));
        io.learnloop.core.Learnloop shifted = io.learnloop.core.Learnloop.builder().store(f.store).clock(ahead).build();
        io.learnloop.http.SharedHttpClient http = io.learnloop.http.SharedHttpClient.builder().build();
        LtiTool real = LtiTools.tool(shifted, LtiToolConfig.builder(http, LtiFixture.REDIRECT_URI, f.toolKeys)
                .protocolClock(f.clock).build());
        LtiTool naive = LtiTools.tool(shifted, LtiToolConfig.builder(http, LtiFixture.REDIRECT_URI, f.toolKeys).build());
        LoginInitiation login = new LoginInitiation(FakePlatform.ISSUER, "hint-42", LtiFixture.REDIRECT_URI, "msg-hint",
                FakePlatform.CLIENT_ID, FakePlatform.DEPLOYMENT_ID);

        LoginRedirect first = real.initiateLogin(login);
        assertThat(real.launch(signed(claims(first)), first.state()).launch().subject()).isEqualTo("user-17");
        LoginRedirect second = naive.initiateLogin(login);
        assertProblem(() -> naive.launch(signed(claims(second)), second.state()), Problem.EXPIRED_TOKEN);
    }

    @Test
    void launch_whenExpiredWithinSkew_isAccepted() {
        LoginRedirect redirect = f.login();
        JWTClaimsSet.Builder c = claims(redirect).issueTime(Date.from(f.clock.instant().minusSeconds(600)))
                .expirationTime(Date.from(f.clock.instant().minusSeconds(59)));

        assertThat(f.tool.launch(signed(c), redirect.state()).launch().subject()).isEqualTo("user-17");
    }

    @Test
    void launch_whenIssuedInTheFuture_throwsIssuedInFuture() {
        LoginRedirect redirect = f.login();
        JWTClaimsSet.Builder c = claims(redirect).issueTime(Date.from(f.clock.instant().plusSeconds(120)))
                .expirationTime(Date.from(f.clock.instant().plusSeconds(600)));

        assertProblem(() -> f.tool.launch(signed(c), redirect.state()), Problem.ISSUED_IN_FUTURE);
    }

    @Test
    void launch_whenMeantForAnotherTool_throwsWrongAudience() {
        LoginRedirect redirect = f.login();
        assertProblem(() -> f.tool.launch(signed(claims(redirect).audience("other-tool")), redirect.state()),
                Problem.WRONG_AUDIENCE);
    }

    @Test
    void launch_whenSeveralAudiencesAndNoOrWrongAzp_throwsWrongAuthorizedParty() {
        LoginRedirect redirect = f.login();
        assertProblem(() -> f.tool.launch(signed(claims(redirect).audience(List.of(FakePlatform.CLIENT_ID, "other"))),
                redirect.state()), Problem.WRONG_AUTHORIZED_PARTY);
        LoginRedirect second = f.login();
        assertProblem(() -> f.tool.launch(signed(claims(second).claim("azp", "other")), second.state()),
                Problem.WRONG_AUTHORIZED_PARTY);
        LoginRedirect third = f.login();
        String ok = signed(claims(third).audience(List.of(FakePlatform.CLIENT_ID, "other"))
                .claim("azp", FakePlatform.CLIENT_ID));
        assertThat(f.tool.launch(ok, third.state()).launch().clientId()).isEqualTo(FakePlatform.CLIENT_ID);
    }

    @Test
    void launch_whenIssuerDiffersFromTheLogin_throwsUnknownIssuerOrMismatch() {
        LoginRedirect redirect = f.login();
        assertProblem(() -> f.tool.launch(signed(claims(redirect).issuer("https://evil.example")), redirect.state()),
                Problem.UNKNOWN_ISSUER);

        f.tool.registerPlatform(Staff.ADMIN, new PlatformRegistration("https://other-lms.example", "c",
                f.platform.base() + "/a", f.platform.base() + "/t", f.platform.base() + FakePlatform.JWKS_PATH));
        LoginRedirect second = f.login();
        assertProblem(() -> f.tool.launch(signed(claims(second).issuer("https://other-lms.example")), second.state()),
                Problem.ISSUER_MISMATCH);
    }

    @Test
    void launch_whenDeploymentIsUnknownOrMissing_throwsTypedError() {
        LoginRedirect redirect = f.login();
        assertProblem(() -> f.tool.launch(signed(claims(redirect)
                .claim("https://purl.imsglobal.org/spec/lti/claim/deployment_id", "deployment-9")), redirect.state()),
                Problem.UNKNOWN_DEPLOYMENT);

        LoginRedirect unnamed = f.tool.initiateLogin(new LoginInitiation(FakePlatform.ISSUER, "h",
                LtiFixture.REDIRECT_URI, null, null, null));
        assertProblem(() -> f.tool.launch(signed(claims(unnamed)
                .claim("https://purl.imsglobal.org/spec/lti/claim/deployment_id", "deployment-9")), unnamed.state()),
                Problem.UNKNOWN_DEPLOYMENT);
        LoginRedirect third = f.login();
        assertProblem(() -> f.tool.launch(signed(claims(third)
                .claim("https://purl.imsglobal.org/spec/lti/claim/deployment_id", null)), third.state()),
                Problem.MISSING_CLAIM);
    }

    @Test
    void launch_whenMessageTypeOrVersionIsWrong_throwsTypedError() {
        LoginRedirect redirect = f.login();
        assertProblem(() -> f.tool.launch(signed(claims(redirect)
                .claim("https://purl.imsglobal.org/spec/lti/claim/message_type", "LtiSubmissionReviewRequest")),
                redirect.state()), Problem.UNSUPPORTED_MESSAGE_TYPE);
        LoginRedirect second = f.login();
        assertProblem(() -> f.tool.launch(signed(claims(second)
                .claim("https://purl.imsglobal.org/spec/lti/claim/version", "1.1")), second.state()),
                Problem.UNSUPPORTED_VERSION);
    }

    @Test
    void launch_whenRequiredClaimsAreMissing_throwsMissingClaim() {
        for (String claim : List.of("nonce", "sub", "https://purl.imsglobal.org/spec/lti/claim/roles",
                "https://purl.imsglobal.org/spec/lti/claim/resource_link",
                "https://purl.imsglobal.org/spec/lti/claim/target_link_uri", "exp", "iat")) {
            LoginRedirect redirect = f.login();
            Problem expected = claim.equals("nonce") ? Problem.NONCE_MISMATCH : Problem.MISSING_CLAIM;
            assertProblem(() -> f.tool.launch(signed(claims(redirect).claim(claim, null)), redirect.state()), expected);
        }
    }

    @Test
    void launch_whenLinkNamesNoCourse_throwsMissingClaim() {
        LoginRedirect redirect = f.login();
        assertProblem(() -> f.tool.launch(signed(claims(redirect)
                .claim("https://purl.imsglobal.org/spec/lti/claim/custom", Map.of())), redirect.state()),
                Problem.MISSING_CLAIM);
    }

    @Test
    void launch_whenPlatformRotatedItsKey_refreshesTheJwksOnce() {
        LoginRedirect redirect = f.login();
        f.tool.launch(signed(claims(redirect)), redirect.state());
        RSAKey next = FakePlatform.newKey("platform-key-2");
        f.platform.serveJwks(f.platformKey, next);
        f.clock.advance(Duration.ofMinutes(1));

        LoginRedirect second = f.login();
        LaunchResult result = f.tool.launch(FakePlatform.sign(next, claims(second).build()), second.state());

        assertThat(result.launch().subject()).isEqualTo("user-17");
        wm.verify(2, getRequestedFor(urlEqualTo(FakePlatform.JWKS_PATH)));
    }

    @Test
    void launch_whenKidIsUnknown_refreshesAtMostOncePerInterval() {
        LoginRedirect warm = f.login();
        f.tool.launch(signed(claims(warm)), warm.state());
        f.clock.advance(Duration.ofMinutes(1));
        RSAKey stranger = FakePlatform.newKey("made-up-kid");
        for (int i = 0; i < 3; i++) {
            LoginRedirect redirect = f.login();
            assertProblem(() -> f.tool.launch(FakePlatform.sign(stranger, claims(redirect).build()), redirect.state()),
                    Problem.UNKNOWN_KEY);
        }
        wm.verify(2, getRequestedFor(urlEqualTo(FakePlatform.JWKS_PATH)));

        f.clock.advance(Duration.ofMinutes(1));
        LoginRedirect later = f.login();
        assertProblem(() -> f.tool.launch(FakePlatform.sign(stranger, claims(later).build()), later.state()),
                Problem.UNKNOWN_KEY);
        wm.verify(3, getRequestedFor(urlEqualTo(FakePlatform.JWKS_PATH)));
    }

    @Test
    void launch_whenJwksIsOlderThanMaxAge_fetchesItAgainAndKeepsCachedKeyIfThatFails() {
        LoginRedirect redirect = f.login();
        f.tool.launch(signed(claims(redirect)), redirect.state());
        f.clock.advance(Duration.ofHours(1));
        f.platform.failJwks(503);

        LoginRedirect second = f.login();
        assertThat(f.tool.launch(signed(claims(second)), second.state()).launch().subject()).isEqualTo("user-17");
        wm.verify(1 + 2, getRequestedFor(urlEqualTo(FakePlatform.JWKS_PATH)));
    }

    @Test
    void launch_whenJwksCannotBeFetched_throwsJwksUnavailable() {
        f.platform.failJwks(500);
        LoginRedirect redirect = f.login();

        assertThatThrownBy(() -> f.tool.launch(signed(claims(redirect)), redirect.state()))
                .isInstanceOfSatisfying(LtiException.class, e -> {
                    assertThat(e.problem()).isEqualTo(Problem.JWKS_UNAVAILABLE);
                    assertThat(e.code()).isEqualTo(ErrorCode.REMOTE_FAILURE);
                });
        assertThat(f.sleeps).hasSize(1);

        LoginRedirect second = f.login();
        assertProblem(() -> f.tool.launch(signed(claims(second)), second.state()), Problem.JWKS_UNAVAILABLE);
        wm.verify(2, getRequestedFor(urlEqualTo(FakePlatform.JWKS_PATH)));
    }

    @Test
    void launch_whenJwksIsNotAKeySet_throwsJwksUnavailable() {
        wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlEqualTo(FakePlatform.JWKS_PATH))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(200)
                        .withBody("<html>login</html>")));
        LoginRedirect redirect = f.login();

        assertProblem(() -> f.tool.launch(signed(claims(redirect)), redirect.state()), Problem.JWKS_UNAVAILABLE);
    }

    @Test
    void launch_whenRefused_grantsNothing() {
        LoginRedirect redirect = f.login();
        LaunchResult ok = f.tool.launch(signed(claims(redirect)), redirect.state());
        LoginRedirect second = f.login();
        assertProblem(() -> f.tool.launch(signed(claims(second).audience("x")), second.state()), Problem.WRONG_AUDIENCE);

        assertThat(f.learnloop.access().grantsOf(ok.launch().learner())).isEmpty();
    }
}
