package io.learnloop.lms;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.error.NotFoundException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.testing.Catalogue;
import io.learnloop.lms.LtiException.Problem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeepLinkingTest {
    private static final Actor CREATOR = Actor.of("creator-1", Role.CREATOR);
    private static final String RETURN_URL = "https://lms.example.edu/deep_links/return";

    private final WireMockServer wm = new WireMockServer(options().dynamicPort());
    private LtiFixture f;
    private Course course;

    @BeforeEach
    void start() {
        wm.start();
        f = new LtiFixture(wm);
        course = Catalogue.published(f.learnloop, CREATOR, "Statistics 101");
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    private JWTClaimsSet.Builder deepLinkingClaims(LoginRedirect redirect, String role, boolean multiple) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("deep_link_return_url", RETURN_URL);
        settings.put("accept_types", List.of("ltiResourceLink", "link"));
        settings.put("accept_presentation_document_targets", List.of("iframe", "window"));
        settings.put("accept_multiple", multiple);
        settings.put("data", "opaque-7");
        return FakePlatform.resourceLink(LtiFixture.nonce(redirect), f.clock.instant(), "teacher-1", Map.of())
                .claim("https://purl.imsglobal.org/spec/lti/claim/message_type", "LtiDeepLinkingRequest")
                .claim("https://purl.imsglobal.org/spec/lti/claim/resource_link", null)
                .claim("https://purl.imsglobal.org/spec/lti/claim/roles", List.of(role))
                .claim("https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings", settings);
    }

    private LtiLaunch deepLinkingLaunch(String role, boolean multiple) {
        LoginRedirect redirect = f.login();
        LaunchResult result = f.tool.launch(FakePlatform.sign(f.platformKey,
                deepLinkingClaims(redirect, role, multiple).build()), redirect.state());
        assertThat(result.decision()).isNull();
        return result.launch();
    }

    @Test
    void deepLinkingResponse_whenTeacherPicksItems_signsOneResourceLinkEachWithColumnWhereAsked()
            throws ParseException, JOSEException {
        LtiLaunch launch = deepLinkingLaunch(LtiLaunch.INSTRUCTOR_ROLE, true);
        assertThat(launch.deepLinking().returnUrl()).isEqualTo(RETURN_URL);
        LessonId lesson = course.published().lessons().get(0).id();

        DeepLinkingResponse response = f.tool.deepLinkingResponse(launch, List.of(
                ContentItem.course(course.id(), "Statistics 101").withGradebookColumn(),
                ContentItem.lesson(course.id(), lesson, "First lesson")));

        assertThat(response.returnUrl()).isEqualTo(RETURN_URL);
        assertThat(response.toString()).doesNotContain(response.jwt());
        SignedJWT jwt = SignedJWT.parse(response.formFields().get("JWT"));
        assertThat(jwt.verify(new RSASSAVerifier((RSAPublicKey) f.toolKeys.active().publicKey()))).isTrue();
        assertThat(jwt.getHeader().getKeyID()).isEqualTo("tool-key-1");
        JWTClaimsSet c = jwt.getJWTClaimsSet();
        assertThat(c.getIssuer()).isEqualTo(FakePlatform.CLIENT_ID);
        assertThat(c.getSubject()).isEqualTo(FakePlatform.CLIENT_ID);
        assertThat(c.getAudience()).containsExactly(FakePlatform.ISSUER);
        assertThat(c.getStringClaim("nonce")).isNotBlank();
        assertThat(c.getExpirationTime()).isAfter(c.getIssueTime());
        assertThat(c.getStringClaim("https://purl.imsglobal.org/spec/lti/claim/message_type"))
                .isEqualTo("LtiDeepLinkingResponse");
        assertThat(c.getStringClaim("https://purl.imsglobal.org/spec/lti/claim/version")).isEqualTo("1.3.0");
        assertThat(c.getStringClaim("https://purl.imsglobal.org/spec/lti/claim/deployment_id"))
                .isEqualTo(FakePlatform.DEPLOYMENT_ID);
        assertThat(c.getStringClaim("https://purl.imsglobal.org/spec/lti-dl/claim/data")).isEqualTo("opaque-7");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) c.getClaim(
                "https://purl.imsglobal.org/spec/lti-dl/claim/content_items");
        assertThat(items).hasSize(2);
        assertThat(items.get(0)).containsEntry("type", "ltiResourceLink").containsEntry("title", "Statistics 101")
                .containsEntry("url", LtiFixture.REDIRECT_URI)
                .containsEntry("custom", Map.of("learnloop_course", course.id().value()));
        assertThat(items.get(0).get("lineItem")).isEqualTo(Map.of("scoreMaximum", 100L, "label", "Statistics 101",
                "resourceId", course.id().value(), "tag", "learnloop"));
        assertThat(items.get(1)).containsEntry("custom", Map.of("learnloop_course", course.id().value(),
                "learnloop_lesson", lesson.value())).doesNotContainKey("lineItem");
    }

    @Test
    void launch_whenLinkPlacedByDeepLinkingNamesALesson_decidesAccessToThatLesson() {
        LessonId lesson = course.published().lessons().get(0).id();
        LoginRedirect redirect = f.login();
        LaunchResult result = f.tool.launch(FakePlatform.sign(f.platformKey, FakePlatform.resourceLink(
                LtiFixture.nonce(redirect), f.clock.instant(), "user-1", Map.of("learnloop_course", course.id().value(),
                        "learnloop_lesson", lesson.value())).build()), redirect.state());

        assertThat(result.decision().lesson()).isEqualTo(lesson);
        assertThat(result.decision().course()).isEqualTo(course.id());
    }

    @Test
    void deepLinkingResponse_whenCalledWrongly_refusesWithTypedErrors() {
        LtiLaunch learner = deepLinkingLaunch(LtiLaunch.LEARNER_ROLE, true);
        assertThatThrownBy(() -> f.tool.deepLinkingResponse(learner, List.of(ContentItem.course(course.id(), "x"))))
                .isInstanceOf(ForbiddenException.class);

        LtiLaunch single = deepLinkingLaunch(LtiLaunch.INSTRUCTOR_ROLE, false);
        assertThatThrownBy(() -> f.tool.deepLinkingResponse(single, List.of(ContentItem.course(course.id(), "a"),
                ContentItem.course(course.id(), "b")))).isInstanceOf(ValidationException.class)
                .hasMessageContaining("one item");
        assertThatThrownBy(() -> f.tool.deepLinkingResponse(single, List.of(ContentItem.course(CourseId.of("nope"),
                "a")))).isInstanceOf(NotFoundException.class);
        assertThat(f.tool.deepLinkingResponse(single, List.of()).jwt()).isNotBlank();

        LoginRedirect noColumns = f.login();
        LtiLaunch withoutColumns = f.tool.launch(FakePlatform.sign(f.platformKey, deepLinkingClaims(noColumns,
                LtiLaunch.INSTRUCTOR_ROLE, true).claim("https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings",
                Map.of("deep_link_return_url", RETURN_URL, "accept_types", List.of("ltiResourceLink"),
                        "accept_lineitem", false)).build()), noColumns.state()).launch();
        assertThatThrownBy(() -> f.tool.deepLinkingResponse(withoutColumns, List.of(ContentItem.course(course.id(),
                "a").withGradebookColumn()))).isInstanceOf(ValidationException.class).hasMessageContaining("accept_lineitem");
        assertThat(f.tool.deepLinkingResponse(withoutColumns, List.of(ContentItem.course(course.id(), "a"))).jwt())
                .isNotBlank();

        LoginRedirect redirect = f.login();
        LtiLaunch resourceLink = f.tool.launch(f.token(redirect, "u", course.id().value()), redirect.state()).launch();
        assertThatThrownBy(() -> f.tool.deepLinkingResponse(resourceLink, List.of()))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void launch_whenDeepLinkingRequestHasNoReturnUrl_throwsMissingClaim() {
        LoginRedirect redirect = f.login();
        String token = FakePlatform.sign(f.platformKey, deepLinkingClaims(redirect, LtiLaunch.INSTRUCTOR_ROLE, true)
                .claim("https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings", Map.of()).build());

        assertThatThrownBy(() -> f.tool.launch(token, redirect.state())).isInstanceOfSatisfying(LtiException.class,
                e -> assertThat(e.problem()).isEqualTo(Problem.MISSING_CLAIM));
    }
}
