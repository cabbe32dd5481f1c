package io.learnloop.lms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnloop.core.event.EventTypes;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.privacy.ErasureOutcome;
import io.learnloop.core.privacy.ExportManifest;
import io.learnloop.core.privacy.ExportedSection;
import io.learnloop.core.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A learner's xAPI statements in their export, and their erasure: queue rows deleted, what an LRS holds or may hold
 * voided, the SQL LRS actor delete where configured; on the memory store and on H2.
 */
class XapiPersonalDataTest {
    private static final Actor ADMIN = Actor.of("admin-1", Role.ADMIN);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LENA = "lena-42";
    private static final String OTHER = "omar-9";

    private final FakeLrs lrs = new FakeLrs();
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        lrs.shutdown();
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    private XapiFixture fixture(RawStore raw, LrsEndpoint endpoint) {
        if (raw.store instanceof AutoCloseable c) {
            closing.add(c);
        }
        return new XapiFixture(raw.store, new MutableClock(XapiFixture.START), UnaryOperator.identity(), endpoint);
    }

    private static void lessonCompleted(XapiFixture f, String learner, String n) {
        f.publish(EventTypes.LESSON_COMPLETED, "progress-" + learner.length() + "-" + n,
                Map.of("learnerId", learner, "lessonId", "lesson-" + n, "courseId", "course-1"));
    }

    /** Two statements about Lena sent, one queued while the LRS was down, one about another learner sent. */
    private List<String> history(XapiFixture f) {
        lessonCompleted(f, LENA, "1");
        lessonCompleted(f, LENA, "2");
        lessonCompleted(f, OTHER, "1");
        lrs.down(true);
        lessonCompleted(f, LENA, "3");
        lrs.down(false);
        List<String> lenas = new ArrayList<>();
        lrs.statements().forEach((id, s) -> {
            if (LENA.equals(s.path("actor").path("account").path("name").asText())) {
                lenas.add(id);
            }
        });
        assertThat(lenas).hasSize(2);
        assertThat(f.xapi.pendingCount("main", 10)).isEqualTo(1);
        return lenas;
    }

    private static Map<String, JsonNode> statementsOfVerb(FakeLrs lrs, String verb) {
        Map<String, JsonNode> out = new HashMap<>();
        lrs.statements().forEach((id, s) -> {
            if (verb.equals(s.path("verb").path("id").asText())) {
                out.put(id, s);
            }
        });
        return out;
    }

    @ParameterizedTest
    @EnumSource(RawStore.Kind.class)
    void export_whenStatementsAboutTheLearnerAreSentAndQueued_listsEachInLrsStatements(RawStore.Kind kind)
            throws IOException {
        XapiFixture f = fixture(RawStore.open(kind), lrs.endpoint("main"));
        history(f);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportManifest manifest = f.learnloop.personalData().export(ADMIN, UserId.of(LENA), out);

        assertThat(manifest.sections()).contains(new ExportedSection("lrs-statements", "lrs-statements.json", 3));
        JsonNode section = entries(out.toByteArray()).get("lrs-statements.json");
        assertThat(section).hasSize(3);
        assertThat(section.findValuesAsText("status")).containsExactlyInAnyOrder("SENT", "SENT", "PENDING");
        for (JsonNode s : section) {
            assertThat(s.path("lrs").asText()).isEqualTo("main");
            assertThat(s.path("statement").path("actor").path("account").path("name").asText()).isEqualTo(LENA);
        }
    }

    @ParameterizedTest
    @EnumSource(RawStore.Kind.class)
    void erase_whenStatementsWereSentAndQueued_voidsEachAndNoRowOrLaterSendNamesTheLearner(RawStore.Kind kind) {
        RawStore raw = RawStore.open(kind);
        XapiFixture f = fixture(raw, lrs.endpoint("main"));
        List<String> sent = history(f);
        String queued = pendingId(f);
        assertThat(raw.holding(LENA)).isNotEmpty();

        ErasureOutcome outcome = f.learnloop.personalData().erase(ADMIN, UserId.of(LENA), "asked by mail");

        assertThat(outcome.stepsRun()).contains("xapi");
        // each statement the LRS holds or may hold is voided, by one statement that names no learner
        assertThat(lrs.voided()).containsExactlyInAnyOrder(sent.get(0), sent.get(1), queued);
        Map<String, JsonNode> voiding = statementsOfVerb(lrs, FakeLrs.VOIDED);
        assertThat(voiding).hasSize(3);
        assertThat(voiding.values()).allSatisfy(v -> assertThat(v.toString()).doesNotContain(LENA));
        // whatever the LRS holds about her is voided (the queued statement too, if a send reached it before the
        // erasure); nothing about her is sent afterwards, even once the outbox hands its announcements out again
        assertThat(aboutLena(lrs)).isNotEmpty().allMatch(lrs.voided()::contains);
        List<String> held = aboutLena(lrs);
        f.afterLease();
        f.learnloop.deliverEvents();
        f.xapi.sendPending("main");
        assertThat(aboutLena(lrs)).isEqualTo(held);
        assertThat(f.xapi.pendingCount("main", 10)).isZero();
        // nothing in the store names her; the other learner's statement row is still there
        assertThat(raw.holding(LENA)).isEmpty();
        assertThat(raw.holding(OTHER)).isNotEmpty();
        assertThat(lrs.statements().values()).anyMatch(s -> OTHER.equals(s.path("actor").path("account")
                .path("name").asText()));
        assertThat(lrs.voided()).hasSize(3);
    }

    @ParameterizedTest
    @EnumSource(RawStore.Kind.class)
    void erase_whenTheLrsIsDown_failsTypedAndAskingAgainFinishesWithOneVoidingStatementEach(RawStore.Kind kind) {
        RawStore raw = RawStore.open(kind);
        XapiFixture f = fixture(raw, lrs.endpoint("main"));
        history(f);
        lrs.down(true);

        assertThatThrownBy(() -> f.learnloop.personalData().erase(ADMIN, UserId.of(LENA), null))
                .isInstanceOfSatisfying(XapiException.class, e -> {
                    assertThat(e.problem()).isEqualTo(XapiException.Problem.LRS_UNAVAILABLE);
                    assertThat(e.isRetryable()).isTrue();
                });
        assertThat(lrs.voided()).isEmpty();

        lrs.down(false);
        ErasureOutcome outcome = f.learnloop.personalData().erase(ADMIN, UserId.of(LENA), null);
        ErasureOutcome repeat = f.learnloop.personalData().erase(ADMIN, UserId.of(LENA), null);

        assertThat(outcome.alreadyErased()).isFalse();
        assertThat(outcome.stepsRun()).first().isEqualTo("xapi");
        assertThat(repeat.alreadyErased()).isTrue();
        assertThat(lrs.voided()).hasSize(3);
        assertThat(statementsOfVerb(lrs, FakeLrs.VOIDED)).hasSize(3);
        assertThat(raw.holding(LENA)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(RawStore.Kind.class)
    void erase_whenTheLrsIsSqlLrsWithActorDelete_deletesTheLearnersAccountThroughTheAdminApi(RawStore.Kind kind) {
        RawStore raw = RawStore.open(kind);
        LrsEndpoint endpoint = lrs.endpoint("main").withPurge(LrsPurge.sqlLrsDeleteActor(lrs.serverUrl(),
                FakeLrs.ADMIN, FakeLrs.ADMIN_PASSWORD));
        XapiFixture f = fixture(raw, endpoint);
        history(f);

        // as SQL LRS runs by default, the delete route is off: the erasure stops and says what to fix
        assertThatThrownBy(() -> f.learnloop.personalData().erase(ADMIN, UserId.of(LENA), null))
                .isInstanceOfSatisfying(XapiException.class, e -> {
                    assertThat(e.problem()).isEqualTo(XapiException.Problem.LRS_REJECTED);
                    assertThat(e.getMessage()).contains("LRSQL_ENABLE_ADMIN_DELETE_ACTOR");
                });
        lrs.enableDeleteActor(true);
        f.learnloop.personalData().erase(ADMIN, UserId.of(LENA), null);

        assertThat(lrs.deletedActors()).containsExactly("account::" + LENA + "@" + XapiFixture.HOME);
        assertThat(lrs.statements().values()).noneMatch(s -> s.toString().contains(LENA));
        assertThat(lrs.statements().values()).anyMatch(s -> s.toString().contains(OTHER));
        assertThat(raw.holding(LENA)).isEmpty();
        assertThat(endpoint.toString()).doesNotContain(FakeLrs.ADMIN_PASSWORD).doesNotContain(FakeLrs.SECRET);
    }

    private static List<String> aboutLena(FakeLrs lrs) {
        List<String> ids = new ArrayList<>();
        lrs.statements().forEach((id, s) -> {
            if (s.toString().contains(LENA)) {
                ids.add(id);
            }
        });
        ids.sort(null);
        return ids;
    }

    private static String pendingId(XapiFixture f) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        f.learnloop.personalData().export(ADMIN, UserId.of(LENA), out);
        try {
            for (JsonNode s : entries(out.toByteArray()).get("lrs-statements.json")) {
                if (s.path("status").asText().equals("PENDING")) {
                    return s.path("id").asText();
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new AssertionError("no pending statement");
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
