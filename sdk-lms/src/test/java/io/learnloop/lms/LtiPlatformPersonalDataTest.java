package io.learnloop.lms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.learnloop.core.privacy.ExportManifest;
import io.learnloop.core.privacy.ExportedSection;
import io.learnloop.core.testing.Staff;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.learnloop.lms.PlatformFixture.CLIENT_ID;
import static io.learnloop.lms.PlatformFixture.CONTEXT;
import static io.learnloop.lms.PlatformFixture.LEARNER;
import static io.learnloop.lms.PlatformFixture.LINK;
import static org.assertj.core.api.Assertions.assertThat;

/** What the LTI platform holds about a learner, in their export and after their erasure, on memory and on H2. */
class LtiPlatformPersonalDataTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer wm = new WireMockServer(options().dynamicPort());
    private PlatformFixture f;
    private RawStore raw;

    @AfterEach
    void stop() {
        wm.stop();
    }

    /** The learner launched the lab, the tool graded it, and a second launch is pending. Returns the pseudonym. */
    private String graded(RawStore.Kind kind) {
        wm.start();
        raw = RawStore.open(kind);
        f = new PlatformFixture(wm, raw.store);
        String subject = f.launchedClaims().getSubject();
        String column = f.platform.lineItemOf(CLIENT_ID, CONTEXT, LINK).orElseThrow().url();
        assertThat(f.ags("POST", column + "/scores", f.accessToken(LtiPlatform.SCOPE_SCORE), AgsTypes.SCORE,
                PlatformFixture.score(subject, 8, 10, "Completed", "FullyGraded", f.clock.instant())).status())
                .isEqualTo(204);
        f.launchLab();
        return subject;
    }

    @ParameterizedTest
    @EnumSource(RawStore.Kind.class)
    void export_whenToolGradedTheLearner_writesPseudonymAndResult(RawStore.Kind kind) throws IOException {
        String subject = graded(kind);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportManifest manifest = f.learnloop.personalData().export(Staff.ADMIN, LEARNER, out);

        assertThat(manifest.sections()).contains(
                new ExportedSection("lti-platform-subjects", "lti-platform-subjects.json", 1),
                new ExportedSection("lti-platform-results", "lti-platform-results.json", 1));
        Map<String, JsonNode> files = entries(out.toByteArray());
        assertThat(files.get("lti-platform-subjects.json").get(0).path("subject").asText()).isEqualTo(subject);
        assertThat(files.get("lti-platform-results.json").get(0).path("scoreGiven").asDouble()).isEqualTo(8.0);
    }

    @ParameterizedTest
    @EnumSource(RawStore.Kind.class)
    void erase_whenToolGradedTheLearner_leavesNoRowWithTheirIdOrPseudonym(RawStore.Kind kind) {
        String subject = graded(kind);
        assertThat(raw.holding(subject)).isNotEmpty();
        assertThat(raw.holding(LEARNER.value())).isNotEmpty();

        f.learnloop.personalData().erase(Staff.ADMIN, LEARNER, null);

        assertThat(raw.holding(subject)).isEmpty();
        assertThat(raw.holding(LEARNER.value())).isEmpty();
        assertThat(raw.holding("ltip_result")).anyMatch(l -> l.contains("\"learner\":\"erased-"));
        String lineItem = f.platform.lineItemOf(CLIENT_ID, CONTEXT, LINK).orElseThrow().id();
        assertThat(f.platform.result(lineItem, LEARNER)).isEmpty();
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
