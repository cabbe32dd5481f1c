package io.learnloop.lms;

import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.testing.Staff;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the fetch URL and the learning record store refuse, each with the status the cmi5 and xAPI specifications
 * give, and that a refusal stores nothing and completes nothing.
 */
class Cmi5LrsBadInputTest {
    private static final Actor LEARNER = Actor.learner(Cmi5Fixture.LEARNER.value());

    private Cmi5Fixture f;

    @BeforeEach
    void open() {
        f = new Cmi5Fixture(RawStore.Kind.MEMORY);
        f.importStructure();
        f.grantAccess(Cmi5Fixture.LEARNER);
    }

    @AfterEach
    void close() {
        f.close();
    }

    /** A launched AU that fetched its token and read its launch data. */
    private SimulatedAu started() {
        SimulatedAu au = new SimulatedAu(f.lms.launch(LEARNER, Cmi5LaunchRequest.normal(f.rocks)).url());
        assertThat(au.fetchToken().code()).isEqualTo(200);
        assertThat(au.readLaunchData().code()).isEqualTo(200);
        f.clock.advance(Duration.ofSeconds(1));
        return au;
    }

    private SimulatedAu initialized() {
        SimulatedAu au = started();
        assertThat(au.post(au.statement("initialized", null, false)).code()).isEqualTo(200);
        f.clock.advance(Duration.ofSeconds(1));
        return au;
    }

    @Test
    void fetch_whenPostedTwice_answersCmi5ErrorCode1AndNoSecondToken() {
        SimulatedAu au = started();
        String first = au.token;

        SimulatedAu.Answer again = au.fetchToken();

        assertThat(again.code()).isEqualTo(200);
        assertThat(again.json()).containsEntry("error-code", "1").containsKey("error-text")
                .doesNotContainKey("auth-token");
        assertThat(au.token).isEqualTo(first);
        assertThat(f.cmi5Lines().stream().filter(l -> l.contains("\"kind\":\"auth\""))).hasSize(1);
    }

    @Test
    void fetch_whenKeyWasNeverIssued_answersCmi5ErrorCode2() {
        Cmi5HttpResponse r = f.lms.fetch("POST", "/cmi5/fetch?k=forged");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("\"error-code\":\"2\"");
        assertThat(r.problem()).isEqualTo(Cmi5Exception.Problem.FETCH_INVALID);
        assertThat(f.lms.fetch("POST", "/cmi5/fetch?k=a&k=b").body()).contains("\"error-code\":\"2\"");
        assertThat(f.lms.fetch("POST", "/cmi5/fetch").body()).contains("\"error-code\":\"2\"");
    }

    @Test
    void fetch_whenGet_isRefusedSoNoCacheKeepsTheToken() {
        SimulatedAu au = new SimulatedAu(f.lms.launch(LEARNER, Cmi5LaunchRequest.normal(f.rocks)).url());
        String target = au.fetch.substring(f.base.length());

        assertThat(f.lms.fetch("GET", target).status()).isEqualTo(405);
        assertThat(au.fetchToken().code()).isEqualTo(200);
        assertThat(au.token).isNotNull();
    }

    @Test
    void fetch_whenLaunchExpired_answersCmi5ErrorCode1() {
        SimulatedAu au = new SimulatedAu(f.lms.launch(LEARNER, Cmi5LaunchRequest.normal(f.rocks)).url());
        f.clock.advance(Duration.ofMinutes(6));

        assertThat(au.fetchToken().json()).containsEntry("error-code", "1");
        assertThat(au.token).isNull();
    }

    @Test
    void pruneExpired_whenSessionsEnded_deletesTheirCredentialsOnly() {
        SimulatedAu au = started();
        assertThat(f.lms.pruneExpired(100)).isZero();
        assertThat(au.post(au.statement("initialized", null, false)).code()).isEqualTo(200);

        f.clock.advance(Duration.ofHours(9));

        assertThat(f.lms.pruneExpired(100)).isEqualTo(2);
        assertThat(f.cmi5Lines().stream().filter(l -> l.startsWith("cmi5_credential "))).isEmpty();
        assertThat(f.cmi5Lines().stream().filter(l -> l.contains("initialized"))).isNotEmpty();
        assertThat(au.post(au.statement("terminated", Map.of("duration", "PT1M"), false)).code()).isEqualTo(401);
    }

    @Test
    void lrs_whenVersionHeaderIsMissingOrUnsupported_answers400() {
        SimulatedAu au = started();
        Map<String, String> q = Map.of("stateId", "LMS.LaunchData", "activityId", au.activityId, "agent", au.actor,
                "registration", au.registration);

        SimulatedAu.Answer missing = au.xapi("GET", "activities/state", q, null, null, au.token);
        SimulatedAu.Answer newer = au.xapi("GET", "activities/state", q, null, "2.0.0", au.token);

        assertThat(missing.code()).isEqualTo(400);
        assertThat(missing.version()).isEqualTo("1.0.3");
        assertThat(missing.body()).contains("X-Experience-API-Version");
        assertThat(newer.code()).isEqualTo(400);
        assertThat(f.lms.lrs("GET", "/cmi5/lrs/statements?registration=%zz", Map.of("X-Experience-API-Version",
                "1.0.3", "Authorization", "Basic " + au.token), new byte[0]).status()).isEqualTo(400);
        assertThat(au.xapi("GET", "about", Map.of(), null, null, null).code()).isEqualTo(200);
    }

    @Test
    void lrs_whenTokenIsWrongOrMissing_answers401() {
        SimulatedAu au = started();
        Map<String, Object> statement = au.statement("initialized", null, false);
        String body = com.nimbusds.jose.util.JSONObjectUtils.toJSONString(statement);

        assertThat(au.xapi("POST", "statements", Map.of(), body, "1.0.3", "bm90OnRoZXRva2Vu").code()).isEqualTo(401);
        assertThat(au.xapi("POST", "statements", Map.of(), body, "1.0.3", null).code()).isEqualTo(401);
        assertThat(f.cmi5Lines().stream().filter(l -> l.contains("initialized"))).isEmpty();
    }

    @Test
    void lrs_whenSessionExpired_answers401() {
        SimulatedAu au = started();
        f.clock.advance(Duration.ofHours(9));

        assertThat(au.post(au.statement("initialized", null, false)).code()).isEqualTo(401);
    }

    @Test
    void statement_whenFirstIsNotInitialized_isRejectedAndNothingIsStored() {
        SimulatedAu au = started();
        int before = f.cmi5Lines().size();

        SimulatedAu.Answer r = au.post(au.statement("completed", Map.of("completion", true, "duration", "PT1M"),
                true));

        assertThat(r.code()).isEqualTo(400);
        assertThat(r.body()).contains("initialized");
        assertThat(f.cmi5Lines()).hasSize(before);
        assertThat(f.lms.progress(LEARNER, Cmi5Fixture.LEARNER, f.rocks).orElseThrow().completed()).isFalse();
    }

    @Test
    void statement_whenIdIsReusedWithOtherContent_answers409AndTheSameContentIsANoOp() {
        SimulatedAu au = started();
        Map<String, Object> init = au.statement("initialized", null, false);
        assertThat(au.post(init).code()).isEqualTo(200);

        assertThat(au.post(init).code()).isEqualTo(200);
        Map<String, Object> other = new java.util.LinkedHashMap<>(init);
        other.put("timestamp", "2026-12-07T09:02:00.000Z");
        SimulatedAu.Answer conflict = au.xapi("PUT", "statements", Map.of("statementId", (String) init.get("id")),
                com.nimbusds.jose.util.JSONObjectUtils.toJSONString(other));

        assertThat(conflict.code()).isEqualTo(409);
        assertThat(EndToEnd.verbs(au)).containsExactly("launched", "initialized");
    }

    @Test
    void passed_whenScoreIsBelowMasteryScore_isRejectedAndCompletesNothing() {
        SimulatedAu au = initialized();
        assertThat(au.post(au.statement("completed", Map.of("completion", true, "duration", "PT5M"), true)).code())
                .isEqualTo(200);

        SimulatedAu.Answer r = au.post(au.statement("passed", Map.of("success", true, "duration", "PT6M", "score",
                Map.of("scaled", 0.5)), true));

        assertThat(r.code()).isEqualTo(400);
        assertThat(r.body()).contains("masteryScore");
        assertThat(f.learnloop.progress().lessonProgress(Cmi5Fixture.LEARNER, f.rocks)).isEmpty();
        assertThat(f.lms.progress(Staff.ADMIN, Cmi5Fixture.LEARNER, f.rocks).orElseThrow().satisfied()).isFalse();
    }

    @Test
    void failed_whenBelowMasteryScore_isRecordedButCompletesNothing() {
        SimulatedAu au = initialized();

        assertThat(au.post(au.statement("failed", Map.of("success", false, "duration", "PT6M", "score",
                Map.of("scaled", 0.5)), true)).code()).isEqualTo(200);
        assertThat(au.post(au.statement("completed", Map.of("completion", true, "duration", "PT7M"), true)).code())
                .isEqualTo(200);

        Cmi5Progress p = f.lms.progress(LEARNER, Cmi5Fixture.LEARNER, f.rocks).orElseThrow();
        assertThat(p.failed()).isTrue();
        assertThat(p.completed()).isTrue();
        assertThat(p.satisfied()).isFalse();
        assertThat(f.learnloop.progress().lessonProgress(Cmi5Fixture.LEARNER, f.rocks)).isEmpty();
    }

    @Test
    void statement_whenResultBreaksCmi5Rules_isRejected() {
        SimulatedAu au = initialized();

        assertThat(au.post(au.statement("completed", Map.of("completion", true, "duration", "PT1M"), false))
                .body()).contains("moveon");
        assertThat(au.post(au.statement("completed", Map.of("completion", true), true)).body())
                .contains("duration");
        assertThat(au.post(au.statement("passed", Map.of("success", false, "duration", "PT1M"), true)).code())
                .isEqualTo(400);
        assertThat(EndToEnd.verbs(au)).containsExactly("launched", "initialized");
    }

    @Test
    void statement_whenCmi5AllowedUsesTheCompletedVerb_isRecordedButCountsForNothing() {
        SimulatedAu au = initialized();
        Map<String, Object> allowed = au.statement("completed", null, false);
        SimulatedAu.map(SimulatedAu.map(allowed.get("context")).get("contextActivities")).remove("category");

        assertThat(au.post(allowed).code()).isEqualTo(200);
        assertThat(f.lms.progress(LEARNER, Cmi5Fixture.LEARNER, f.rocks).orElseThrow().completed()).isFalse();
        assertThat(au.post(au.statement("completed", Map.of("completion", true, "duration", "PT2M"), true)).code())
                .isEqualTo(200);
        assertThat(f.lms.progress(LEARNER, Cmi5Fixture.LEARNER, f.rocks).orElseThrow().completed()).isTrue();
    }

    @Test
    void statement_whenBrowseModeSendsPassed_isRejected() {
        SimulatedAu au = new SimulatedAu(f.lms.launch(LEARNER, new Cmi5LaunchRequest(f.rocks, Cmi5LaunchMode.Browse,
                null)).url());
        au.fetchToken();
        au.readLaunchData();
        assertThat(au.launchData).containsEntry("launchMode", "Browse");
        assertThat(au.post(au.statement("initialized", null, false)).code()).isEqualTo(200);

        SimulatedAu.Answer r = au.post(au.statement("passed", Map.of("success", true, "duration", "PT1M"), true));

        assertThat(r.code()).isEqualTo(400);
        assertThat(r.body()).contains("Browse");
    }

    @Test
    void statement_whenAfterTerminated_isRejected() {
        SimulatedAu au = initialized();
        assertThat(au.post(au.statement("terminated", Map.of("duration", "PT1M"), false)).code()).isEqualTo(200);

        SimulatedAu.Answer r = au.post(au.statement("completed", Map.of("completion", true, "duration", "PT1M"),
                true));

        assertThat(r.code()).isEqualTo(400);
        assertThat(r.body()).contains("terminated");
    }

    @Test
    void statement_whenActorIsAnotherLearner_answers403() {
        SimulatedAu au = started();
        Map<String, Object> s = au.statement("initialized", null, false);
        s.put("actor", Map.of("objectType", "Agent", "account", Map.of("homePage", Cmi5Fixture.HOME_PAGE, "name",
                Cmi5Fixture.OUTSIDER.value())));

        assertThat(au.post(s).code()).isEqualTo(403);
    }

    @Test
    void statement_whenSessionIdIsNotTheLaunchedOne_answers403() {
        SimulatedAu au = started();
        Map<String, Object> s = au.statement("initialized", null, false);
        SimulatedAu.map(SimulatedAu.map(s.get("context")).get("extensions")).put(SimulatedAu.SESSION, "another");

        assertThat(au.post(s).code()).isEqualTo(403);
    }

    @Test
    void statement_whenVoiding_answers403() {
        SimulatedAu au = initialized();
        Map<String, Object> s = au.statement("initialized", null, false);
        s.put("verb", Map.of("id", "http://adlnet.gov/expapi/verbs/voided"));
        s.put("object", Map.of("objectType", "StatementRef", "id", java.util.UUID.randomUUID().toString()));

        assertThat(au.post(s).code()).isEqualTo(403);
    }

    @Test
    void launchData_whenAuWritesOrDeletesIt_answers403() {
        SimulatedAu au = started();
        Map<String, String> q = Map.of("stateId", "LMS.LaunchData", "activityId", au.activityId, "agent", au.actor,
                "registration", au.registration);

        assertThat(au.xapi("PUT", "activities/state", q, "{\"launchMode\":\"Review\"}").code()).isEqualTo(403);
        assertThat(au.xapi("DELETE", "activities/state", q, null).code()).isEqualTo(403);
        assertThat(au.readLaunchData().code()).isEqualTo(200);
        assertThat(au.launchData).containsEntry("launchMode", "Normal");
    }

    @Test
    void state_whenAuKeepsItsOwnDocument_storesMergesAndDeletesIt() {
        SimulatedAu au = started();
        Map<String, String> q = Map.of("stateId", "bookmark", "activityId", au.activityId, "agent", au.actor,
                "registration", au.registration);

        assertThat(au.xapi("PUT", "activities/state", q, "{\"page\":3}").code()).isEqualTo(204);
        assertThat(au.xapi("POST", "activities/state", q, "{\"zoom\":2}").code()).isEqualTo(204);
        assertThat(au.xapi("GET", "activities/state", q, null).json()).isEqualTo(Map.of("page", 3L, "zoom", 2L));
        assertThat(au.xapi("DELETE", "activities/state", q, null).code()).isEqualTo(204);
        assertThat(au.xapi("GET", "activities/state", q, null).code()).isEqualTo(404);
    }

    @Test
    void state_whenAnotherAgentOrActivityIsNamed_answers403() {
        SimulatedAu au = started();
        String other = "{\"objectType\":\"Agent\",\"account\":{\"homePage\":\"" + Cmi5Fixture.HOME_PAGE
                + "\",\"name\":\"learner-2\"}}";

        assertThat(au.xapi("GET", "activities/state", Map.of("stateId", "LMS.LaunchData", "activityId",
                au.activityId, "agent", other, "registration", au.registration), null).code()).isEqualTo(403);
        assertThat(au.xapi("GET", "activities/state", Map.of("stateId", "LMS.LaunchData", "activityId",
                "https://elsewhere.example.com/au", "agent", au.actor), null).code()).isEqualTo(403);
    }

    @Test
    void statements_whenAnotherRegistrationIsQueried_answers403() {
        SimulatedAu au = started();

        assertThat(au.xapi("GET", "statements", Map.of("registration", java.util.UUID.randomUUID().toString()),
                null).code()).isEqualTo(403);
        assertThat(au.xapi("GET", "statements", Map.of("verb", "http://adlnet.gov/expapi/verbs/passed"), null)
                .code()).isEqualTo(400);
    }

    @ParameterizedTest
    @EnumSource(RawStore.Kind.class)
    void launch_whenLearnerHasNoAccess_isRefusedAndStoresNothing(RawStore.Kind kind) {
        try (Cmi5Fixture g = new Cmi5Fixture(kind)) {
            g.importStructure();
            List<String> before = g.cmi5Lines();

            assertThatThrownBy(() -> g.lms.launch(Actor.learner(Cmi5Fixture.OUTSIDER.value()),
                    Cmi5LaunchRequest.normal(g.rocks))).isInstanceOfSatisfying(Cmi5Exception.class, e -> {
                        assertThat(e.problem()).isEqualTo(Cmi5Exception.Problem.NO_ACCESS);
                        assertThat(e.code()).isEqualTo(io.learnloop.core.error.ErrorCode.FORBIDDEN);
                    });
            assertThat(g.cmi5Lines()).isEqualTo(before);
        }
    }

    @Test
    void launch_whenLessonIsBoundToNoAu_isRefused() {
        f.close();
        f = new Cmi5Fixture(RawStore.Kind.MEMORY);
        f.grantAccess(Cmi5Fixture.LEARNER);

        assertThatThrownBy(() -> f.lms.launch(LEARNER, Cmi5LaunchRequest.normal(f.rocks)))
                .isInstanceOfSatisfying(Cmi5Exception.class, e -> assertThat(e.problem())
                        .isEqualTo(Cmi5Exception.Problem.UNKNOWN_AU));
    }

    @Test
    void progress_whenAnotherLearnerAsks_isForbidden() {
        f.lms.launch(LEARNER, Cmi5LaunchRequest.normal(f.rocks));

        assertThatThrownBy(() -> f.lms.progress(Actor.learner(Cmi5Fixture.OUTSIDER.value()), Cmi5Fixture.LEARNER,
                f.rocks)).isInstanceOf(ForbiddenException.class);
        assertThat(f.lms.progress(LEARNER, Cmi5Fixture.LEARNER, f.rocks)).isPresent();
    }

    /** Reads the registration's verbs through the LRS, as the AU sees them. */
    private static final class EndToEnd {
        static List<String> verbs(SimulatedAu au) {
            return Cmi5EndToEndTest.statements(au).stream().map(s -> (String) SimulatedAu.map(s.get("verb"))
                    .get("id")).map(id -> id.substring(id.lastIndexOf('/') + 1)).toList();
        }
    }
}
