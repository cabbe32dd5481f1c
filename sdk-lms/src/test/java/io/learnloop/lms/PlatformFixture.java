package io.learnloop.lms;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.learnloop.core.Learnloop;
import io.learnloop.core.catalog.Chapter;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseDetails;
import io.learnloop.core.catalog.CourseLevel;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.catalog.LessonSpec;
import io.learnloop.core.catalog.LessonType;
import io.learnloop.core.credential.SigningKey;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.store.Store;
import io.learnloop.core.testing.Catalogue;
import io.learnloop.core.testing.MutableClock;
import io.learnloop.core.testing.Staff;
import io.learnloop.http.RetryPolicy;
import io.learnloop.http.SharedHttpClient;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * One Learnloop facade acting as an LTI platform, with an external tool registered (its JWKS served by WireMock, its
 * key held here so the test can sign what the tool would), a course whose live lesson the tool's scores complete, and
 * a clock the test moves.
 */
final class PlatformFixture {
    static final String ISSUER = "https://learn.example.com";
    static final String AUTH_URL = ISSUER + "/lti/authorize";
    static final String TOKEN_URL = ISSUER + "/lti/token";
    static final String AGS_URL = ISSUER + "/lti/ags";
    static final String DL_RETURN_URL = ISSUER + "/lti/deep-links";
    static final String CLIENT_ID = "lab-tool";
    static final String DEPLOYMENT_ID = "deployment-1";
    static final String TOOL = "https://lab.example.org";
    static final String TOOL_REDIRECT = TOOL + "/launch";
    static final String TOOL_JWKS_PATH = "/tool/jwks";
    static final String CONTEXT = "section-7";
    static final String LINK = "link-1";
    static final UserId LEARNER = UserId.of("learner-1");
    static final Instant START = Instant.parse("2026-12-07T09:00:00Z");
    static final Actor CREATOR = Actor.of("creator-1", Role.CREATOR);

    // Generated once: 2048-bit keys take a while, and no test changes them.
    static final RSAKey TOOL_KEY = FakePlatform.newKey("tool-key-1");
    private static final KeyPair PLATFORM_PAIR = LtiFixture.keyPair();
    static final ToolKeys PLATFORM_KEYS = ToolKeys.of(SigningKey.of("platform-key-1", PLATFORM_PAIR));

    final MutableClock clock = new MutableClock(START);
    final WireMockServer wm;
    final Learnloop learnloop;
    final LtiPlatform platform;
    final Course course;
    final LessonId lab;
    private int jti;

    PlatformFixture(WireMockServer wm, Store store) {
        this.wm = wm;
        Learnloop.Builder builder = Learnloop.builder().store(store).clock(clock)
                .personalDataEraser(LtiPlatforms.personalDataEraser());
        LtiPlatforms.personalDataSources().forEach(builder::personalDataSource);
        this.learnloop = builder.build();
        SharedHttpClient http = SharedHttpClient.builder().sleeper(d -> { })
                .retryPolicy(RetryPolicy.defaults().withMaxAttempts(1)).build();
        this.platform = LtiPlatforms.platform(learnloop, LtiPlatformConfig.builder(http, ISSUER, () -> PLATFORM_KEYS)
                .endpoints(AUTH_URL, TOKEN_URL, AGS_URL, DL_RETURN_URL).build());
        platform.registerTool(Staff.ADMIN, tool(LtiPlatform.AGS_SCOPES));
        platform.registerDeployment(Staff.ADMIN, CLIENT_ID, DEPLOYMENT_ID);
        serveToolJwks(TOOL_KEY);
        this.course = liveCourse(learnloop);
        this.lab = course.published().lessons().get(0).id();
    }

    ExternalTool tool(List<String> scopes) {
        return new ExternalTool(CLIENT_ID, "Virtual lab", TOOL + "/login", TOOL_REDIRECT, List.of(TOOL_REDIRECT),
                "http://localhost:" + wm.port() + TOOL_JWKS_PATH, TOOL + "/deep-link", scopes);
    }

    /** A course whose one lesson is a live lab: a lesson of kind OTHER, completed by an explicit "done". */
    static Course liveCourse(Learnloop learnloop) {
        var catalog = learnloop.catalog();
        Course c = catalog.createCourse(CREATOR, new CourseDetails("Chemistry lab", "Experiments", "Run experiments",
                "en", "science", List.of("lab"), CourseLevel.BEGINNER, "media://cover/lab"));
        Chapter ch = catalog.addChapter(CREATOR, c.id(), "Titration");
        catalog.addLesson(CREATOR, c.id(), ch.id(), new LessonSpec("Titration lab", LessonType.LIVE,
                Duration.ofMinutes(45), false, "lti://lab-tool/titration"));
        catalog.submit(CREATOR, c.id());
        return catalog.approve(Catalogue.REVIEWER, c.id());
    }

    void serveToolJwks(RSAKey... keys) {
        String json = new JWKSet(Arrays.stream(keys).map(k -> (com.nimbusds.jose.jwk.JWK) k.toPublicJWK()).toList())
                .toString();
        wm.stubFor(get(urlEqualTo(TOOL_JWKS_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(json)));
    }

    void failToolJwks(int status) {
        wm.stubFor(get(urlEqualTo(TOOL_JWKS_PATH)).willReturn(aResponse().withStatus(status)));
    }

    /** A resource link launch of the learner, with a gradebook column of 10 points that completes the lab. */
    LaunchStart launchLab() {
        return platform.launch(ToolLaunch.resourceLink(CLIENT_ID, DEPLOYMENT_ID, LEARNER, CONTEXT, LINK)
                .contextTitle("Chemistry, section 7").resourceLinkTitle("Titration lab").gradebookColumn(10, lab)
                .custom("experiment", "titration").build());
    }

    /** The authentication request a tool sends after the login initiation, as LTI 1.3 prescribes. */
    static Map<String, String> authRequest(LaunchStart start, String nonce) {
        Map<String, String> login = FakePlatform.query(start.url());
        Map<String, String> p = new LinkedHashMap<>();
        p.put("scope", "openid");
        p.put("response_type", "id_token");
        p.put("response_mode", "form_post");
        p.put("prompt", "none");
        p.put("client_id", login.get("client_id"));
        p.put("redirect_uri", TOOL_REDIRECT);
        p.put("login_hint", login.get("login_hint"));
        p.put("lti_message_hint", login.get("lti_message_hint"));
        p.put("state", "tool-state-" + nonce);
        p.put("nonce", nonce);
        return p;
    }

    /** Launches the lab and returns the verified claims of the id_token posted to the tool. */
    JWTClaimsSet launchedClaims() {
        LtiHttpResponse page = platform.authorize(LEARNER, authRequest(launchLab(), "nonce-1"));
        return verifiedIdToken(formFields(page.body()).get("id_token"));
    }

    JWTClaimsSet verifiedIdToken(String idToken) {
        try {
            SignedJWT jwt = SignedJWT.parse(idToken);
            RSAKey key = JWKSet.parse(platform.jwks()).getKeyByKeyId(jwt.getHeader().getKeyID()).toRSAKey();
            if (!jwt.verify(new com.nimbusds.jose.crypto.RSASSAVerifier(key))) {
                throw new AssertionError("the id_token does not verify with the platform's JWKS");
            }
            return jwt.getJWTClaimsSet();
        } catch (ParseException | com.nimbusds.jose.JOSEException e) {
            throw new AssertionError(e);
        }
    }

    static Map<String, String> formFields(String html) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = Pattern.compile("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">").matcher(html);
        while (m.find()) {
            fields.put(unescape(m.group(1)), unescape(m.group(2)));
        }
        return fields;
    }

    static String formAction(String html) {
        Matcher m = Pattern.compile("<form method=\"post\" action=\"([^\"]*)\">").matcher(html);
        return m.find() ? unescape(m.group(1)) : null;
    }

    private static String unescape(String s) {
        return s.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    /** A client assertion as the tool signs it (RFC 7523). */
    JWTClaimsSet.Builder assertionClaims() {
        Instant now = clock.instant();
        return new JWTClaimsSet.Builder().issuer(CLIENT_ID).subject(CLIENT_ID).audience(TOKEN_URL)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60))).jwtID("jti-" + (++jti));
    }

    static Map<String, String> tokenForm(String assertion, String scope) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
        form.put("client_assertion", assertion);
        form.put("scope", scope);
        return form;
    }

    /** An access token for the scopes, obtained as the tool would. */
    String accessToken(String scope) {
        LtiHttpResponse r = platform.token(tokenForm(FakePlatform.sign(TOOL_KEY, assertionClaims().build()), scope));
        if (r.status() != 200) {
            throw new AssertionError("token endpoint answered " + r.status() + ": " + r.body());
        }
        try {
            return (String) com.nimbusds.jose.util.JSONObjectUtils.parse(r.body()).get("access_token");
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }

    LtiHttpResponse ags(String method, String url, String token, String mediaType, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        if (mediaType != null) {
            headers.put("Content-Type", mediaType);
        }
        String target = url.substring(ISSUER.length());
        return platform.ags(method, target, headers, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
    }

    static String score(String userId, double given, double max, String activity, String grading, Instant at) {
        return "{\"userId\":\"" + userId + "\",\"scoreGiven\":" + given + ",\"scoreMaximum\":" + max
                + ",\"activityProgress\":\"" + activity + "\",\"gradingProgress\":\"" + grading
                + "\",\"timestamp\":\"" + at + "\",\"comment\":\"well done\"}";
    }
}
