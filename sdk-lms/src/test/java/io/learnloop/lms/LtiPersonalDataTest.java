package io.learnloop.lms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.learning.WatchReport;
import io.learnloop.core.learning.WatchedSegment;
import io.learnloop.core.privacy.ExportManifest;
import io.learnloop.core.privacy.ExportedSection;
import io.learnloop.core.testing.Catalogue;
import io.learnloop.core.testing.Staff;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/** What the LTI tool holds about a learner, in their export and after their erasure, on memory and on H2. */
class LtiPersonalDataTest {
    private static final Actor CREATOR = Actor.of("creator-1", Role.CREATOR);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUBJECT = "platform-user-17";

    private final WireMockServer wm = new WireMockServer(options().dynamicPort());
    private LtiFixture f;
    private RawStore raw;
    private Course course;

    @AfterEach
    void stop() throws Exception {
        wm.stop();
        if (raw != null && raw.store instanceof AutoCloseable c) {
            c.close();
        }
    }

    /** A learner launched from a gradebook column under a seat licence and completed the course. */
    private UserId graded(RawStore.Kind kind) {
        wm.start();
        raw = RawStore.open(kind);
        f = new LtiFixture(wm, raw.store);
        course = Catalogue.published(f.learnloop, CREATOR, "Statistics 101");
        f.tool.recordLicence(Staff.ADMIN, new LicenceRequest(FakePlatform.ISSUER, FakePlatform.DEPLOYMENT_ID,
                List.of(course.id()), 10, f.clock.instant(), null, "PO-1"));
        wm.stubFor(post(urlEqualTo("/lms/token")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"token-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
        wm.stubFor(post(urlEqualTo("/lms/lineitems/42/lineitem/scores?type_id=7"))
                .willReturn(aResponse().withStatus(200)));
        LoginRedirect redirect = f.login();
        String token = FakePlatform.sign(f.platformKey, FakePlatform.resourceLink(LtiFixture.nonce(redirect),
                        f.clock.instant(), SUBJECT, Map.of("learnloop_course", course.id().value()))
                .claim("https://purl.imsglobal.org/spec/lti-ags/claim/endpoint", Map.of(
                        "lineitems", f.platform.base() + "/lms/lineitems",
                        "lineitem", f.platform.base() + "/lms/lineitems/42/lineitem?type_id=7",
                        "scope", List.of(AgsEndpoint.SCORE_SCOPE)))
                .build());
        LaunchResult launched = f.tool.launch(token, redirect.state());
        assertThat(launched.allowed()).isTrue();
        assertThat(launched.seat()).isNotNull();
        UserId learner = launched.launch().learner();
        LessonId lesson = course.published().lessons().get(0).id();
        f.learnloop.progress().report(new WatchReport(learner, lesson, "player-1", f.clock.instant(),
                List.of(new WatchedSegment(0, 1, 1.0))));
        f.clock.advance(Duration.ofMinutes(11));
        f.learnloop.progress().report(new WatchReport(learner, lesson, "player-1", f.clock.instant(),
                List.of(new WatchedSegment(0, 600, 1.0))));
        f.learnloop.deliverEvents();
        return learner;
    }

    @ParameterizedTest
    @EnumSource(RawStore.Kind.class)
    void export_whenTheLearnerLaunchedTookASeatAndWasGraded_writesEachLtiSection(RawStore.Kind kind)
            throws IOException {
        UserId learner = graded(kind);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportManifest manifest = f.learnloop.personalData().export(Staff.ADMIN, learner, out);

        assertThat(manifest.sections()).contains(
                new ExportedSection("lti-users", "lti-users.json", 1),
                new ExportedSection("lti-launches", "lti-launches.json", 1),
                new ExportedSection("lti-scores", "lti-scores.json", 1),
                new ExportedSection("lti-seats", "lti-seats.json", 1));
        Map<String, JsonNode> files = entries(out.toByteArray());
        assertThat(files.get("lti-users.json").get(0).path("subject").asText()).isEqualTo(SUBJECT);
        assertThat(files.get("lti-launches.json").get(0).path("course").asText()).isEqualTo(course.id().value());
        assertThat(files.get("lti-scores.json").get(0).path("status").asText()).isEqualTo("POSTED");
        assertThat(files.get("lti-seats.json").get(0).path("learner").asText()).isEqualTo(learner.value());
    }

    @ParameterizedTest
    @EnumSource(RawStore.Kind.class)
    void erase_whenTheLearnerLaunchedTookASeatAndWasGraded_leavesNoRowWithTheirIdOrPlatformId(RawStore.Kind kind) {
        UserId learner = graded(kind);
        assertThat(raw.holding(SUBJECT)).isNotEmpty();
        assertThat(raw.holding(learner.value())).isNotEmpty();

        f.learnloop.personalData().erase(Staff.ADMIN, learner, null);

        assertThat(raw.holding(SUBJECT)).isEmpty();
        assertThat(raw.holding(learner.value())).isEmpty();
        assertThat(raw.holding("lti_seat")).anyMatch(l -> l.contains("\"learner\":\"erased-"));
    }

    private static Map<String, JsonNode> entries(byte[] zip) throws IOException {
        Map<String, JsonNode> out = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.put(e.getName(), JSON.readTree(in.readAllBytes()));
            }
        }
        return out;
    }
}
