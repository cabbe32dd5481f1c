package io.learnloop.lms;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.learnloop.core.access.Grant;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.error.RemoteException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.testing.Catalogue;
import io.learnloop.core.testing.Staff;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RosterTest {
    private static final Actor CREATOR = Actor.of("creator-1", Role.CREATOR);
    private static final String MEDIA = "application/vnd.ims.lti-nrps.v2.membershipcontainer+json";

    private final WireMockServer wm = new WireMockServer(options().dynamicPort());
    private LtiFixture f;
    private CourseId course;

    @BeforeEach
    void start() {
        wm.start();
        f = new LtiFixture(wm);
        course = Catalogue.publishedId(f.learnloop, CREATOR, "Statistics 101");
        wm.stubFor(post(urlEqualTo("/lms/token")).willReturn(aResponse().withStatus(200)
                .withBody("{\"access_token\":\"roster-token\",\"expires_in\":3600}")));
        wm.stubFor(get(urlEqualTo("/lms/memberships?rlid=1")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", MEDIA)
                .withHeader("Link", "<" + f.platform.base() + "/lms/memberships?rlid=1&p=2>; rel=\"next\"")
                .withBody("{\"id\":\"x\",\"context\":{\"id\":\"section-7\"},\"members\":["
                        + "{\"status\":\"Active\",\"name\":\"Ann\",\"user_id\":\"u-ann\",\"roles\":[\"http://purl.imsglobal.org/vocab/lis/v2/membership#Learner\"]},"
                        + "{\"status\":\"Active\",\"user_id\":\"u-bob\",\"roles\":[\"Learner\"]},"
                        + "{\"status\":\"Active\",\"user_id\":\"u-teacher\",\"roles\":[\"http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor\"]},"
                        + "{\"status\":\"Inactive\",\"user_id\":\"u-gone\",\"roles\":[\"Learner\"]},"
                        + "{\"status\":\"Active\",\"user_id\":\"u-late\",\"roles\":[\"Learner\"]}]}")));
        wm.stubFor(get(urlEqualTo("/lms/memberships?rlid=1&p=2")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", MEDIA).withBody("{\"members\":[]}")));
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    private LtiLaunch teacherLaunch() {
        LoginRedirect redirect = f.login();
        String token = FakePlatform.sign(f.platformKey, FakePlatform.resourceLink(LtiFixture.nonce(redirect),
                        f.clock.instant(), "u-teacher", Map.of("learnloop_course", course.value()))
                .claim("https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice", Map.of(
                        "context_memberships_url", f.platform.base() + "/lms/memberships?rlid=1",
                        "service_versions", List.of("2.0")))
                .claim("https://purl.imsglobal.org/spec/lti/claim/roles", List.of(LtiLaunch.INSTRUCTOR_ROLE))
                .build());
        return f.tool.launch(token, redirect.state()).launch();
    }

    @Test
    void roster_whenRead_followsTheNextLinkWithTheMembershipMediaTypeAndAToken() {
        LtiLaunch launch = teacherLaunch();

        RosterPage first = f.tool.roster(launch, null);
        RosterPage second = f.tool.roster(launch, first.nextPage());

        assertThat(first.members()).extracting(RosterMember::userId)
                .containsExactly("u-ann", "u-bob", "u-teacher", "u-gone", "u-late");
        assertThat(first.members().get(0).toString()).doesNotContain("Ann");
        assertThat(first.nextPage()).isEqualTo(f.platform.base() + "/lms/memberships?rlid=1&p=2");
        assertThat(second.members()).isEmpty();
        assertThat(second.nextPage()).isNull();
        wm.verify(getRequestedFor(urlEqualTo("/lms/memberships?rlid=1")).withHeader("Accept", equalTo(MEDIA))
                .withHeader("Authorization", equalTo("Bearer roster-token")));
        assertThat(wm.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlEqualTo("/lms/token")))
                .get(0).getBodyAsString()).contains("contextmembership.readonly");
    }

    @Test
    void provisionSeats_whenRosterHasMoreLearnersThanSeats_seatsActiveLearnersUntilFull() {
        SeatLicence licence = f.tool.recordLicence(Staff.ADMIN, new LicenceRequest(FakePlatform.ISSUER,
                FakePlatform.DEPLOYMENT_ID, List.of(course), 2, f.clock.instant(), null, "PO-9"));
        RosterPage page = f.tool.roster(teacherLaunch(), null);

        List<Grant> seats = f.tool.provisionSeats(Staff.ADMIN, licence.id(), page.members());

        assertThat(seats).hasSize(2).allSatisfy(g -> assertThat(g.reference()).isEqualTo(licence.grantReference()));
        assertThat(f.tool.licence(licence.id()).orElseThrow().taken()).isEqualTo(2);
        assertThat(f.tool.provisionSeats(Staff.ADMIN, licence.id(), page.members())).isEqualTo(seats);
        assertThat(f.tool.licence(licence.id()).orElseThrow().taken()).isEqualTo(2);

        LoginRedirect redirect = f.login();
        LaunchResult ann = f.tool.launch(f.token(redirect, "u-ann", course.value()), redirect.state());
        assertThat(ann.allowed()).isTrue();
        assertThat(ann.launch().learner()).isEqualTo(seats.get(0).learner());
        assertThat(f.tool.licence(licence.id()).orElseThrow().taken()).isEqualTo(2);
    }

    @Test
    void roster_whenRefusedOrMisused_throwsTypedErrors() {
        LtiLaunch launch = teacherLaunch();
        assertThatThrownBy(() -> f.tool.roster(launch, "https://elsewhere.example/members"))
                .isInstanceOf(ValidationException.class);
        wm.stubFor(get(urlEqualTo("/lms/memberships?rlid=1")).willReturn(aResponse().withStatus(403)));
        assertThatThrownBy(() -> f.tool.roster(launch, null)).isInstanceOfSatisfying(RemoteException.class,
                e -> assertThat(e.httpStatus()).isEqualTo(403));
        assertThatThrownBy(() -> f.tool.provisionSeats(CREATOR, "any", List.of()))
                .isInstanceOf(ForbiddenException.class);
    }
}
