package io.learnloop.lms;

import io.learnloop.core.identity.Actor;
import io.learnloop.core.privacy.ExportManifest;
import io.learnloop.core.privacy.ExportedSection;
import io.learnloop.core.testing.Staff;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A learner's cmi5 records (registration, sessions, statements, state and profile documents) are in their export and
 * gone after their erasure, while another learner's stay.
 */
class Cmi5PersonalDataTest {
    @ParameterizedTest
    @EnumSource(RawStore.Kind.class)
    void export_whenLearnerRanAnAu_holdsEverySection(RawStore.Kind kind) throws IOException {
        try (Cmi5Fixture f = new Cmi5Fixture(kind)) {
            run(f, Cmi5Fixture.LEARNER.value());

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ExportManifest manifest = f.learnloop.personalData().export(Staff.ADMIN, Cmi5Fixture.LEARNER, out);

            // launched, initialized, terminated; LMS.LaunchData and the learner preferences
            assertThat(manifest.sections()).contains(
                    new ExportedSection("cmi5-registrations", "cmi5-registrations.json", 1),
                    new ExportedSection("cmi5-sessions", "cmi5-sessions.json", 1),
                    new ExportedSection("cmi5-statements", "cmi5-statements.json", 3),
                    new ExportedSection("cmi5-documents", "cmi5-documents.json", 2));
        }
    }

    @ParameterizedTest
    @EnumSource(RawStore.Kind.class)
    void erase_whenLearnerRanAnAu_leavesNothingOfThemAndKeepsOthers(RawStore.Kind kind) {
        try (Cmi5Fixture f = new Cmi5Fixture(kind)) {
            run(f, Cmi5Fixture.LEARNER.value());
            run(f, Cmi5Fixture.OUTSIDER.value());
            assertThat(f.raw.holding(Cmi5Fixture.LEARNER.value()).stream().filter(l -> l.contains("cmi5_")))
                    .isNotEmpty();

            f.learnloop.personalData().erase(Staff.ADMIN, Cmi5Fixture.LEARNER, null);

            assertThat(f.raw.holding(Cmi5Fixture.LEARNER.value()).stream().filter(l -> l.contains("cmi5_")))
                    .isEmpty();
            assertThat(statements(f, Cmi5Fixture.OUTSIDER.value())).isEqualTo(3L);
        }
    }

    /** The learner launches the rocks AU (importing it again changes nothing), which runs and keeps preferences. */
    private static void run(Cmi5Fixture f, String learner) {
        f.importStructure();
        f.grantAccess(io.learnloop.core.identity.UserId.of(learner));
        SimulatedAu au = new SimulatedAu(f.lms.launch(Actor.learner(learner), Cmi5LaunchRequest.normal(f.rocks))
                .url());
        au.fetchToken();
        au.readLaunchData();
        f.clock.advance(Duration.ofSeconds(1));
        assertThat(au.post(au.statement("initialized", null, false)).code()).isEqualTo(200);
        assertThat(au.post(au.statement("terminated", Map.of("duration", "PT1M"), false)).code()).isEqualTo(200);
        assertThat(au.xapi("PUT", "agents/profile", Map.of("profileId", "cmi5LearnerPreferences", "agent", au.actor),
                "{\"languagePreference\":\"en-US\",\"audioPreference\":\"off\"}").code()).isEqualTo(204);
    }

    private static long statements(Cmi5Fixture f, String learner) {
        ExportManifest manifest = f.learnloop.personalData().export(Staff.ADMIN,
                io.learnloop.core.identity.UserId.of(learner), new ByteArrayOutputStream());
        return manifest.sections().stream().filter(s -> s.name().equals("cmi5-statements")).findFirst()
                .orElseThrow().records();
    }
}
