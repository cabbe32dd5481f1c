package io.learnloop.lms;

import io.learnloop.core.testing.Staff;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A learner launches a cmi5 AU and the AU runs against Learnloop over real HTTP, as it would in a browser: it opens
 * the launch URL, fetches its token, reads {@code LMS.LaunchData} and sends initialized, completed, passed and
 * terminated. The bound lesson must end complete, the course with it, and the LMS's own statements must be there.
 */
class Cmi5EndToEndTest {
    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2", "postgres"})
    void launch_whenAuReportsCompletedAndPassed_completesLessonAndCourse(String store) {
        try (Cmi5Fixture f = Cmi5Fixture.on(store)) {
            Cmi5Course imported = f.importStructure();
            f.grantAccess(Cmi5Fixture.LEARNER);

            Cmi5Launch launch = f.lms.launch(io.learnloop.core.identity.Actor.learner(Cmi5Fixture.LEARNER.value()),
                    new Cmi5LaunchRequest(f.rocks, Cmi5LaunchMode.Normal, "https://learn.example.com/courses/geo"));
            SimulatedAu au = new SimulatedAu(launch.url());

            assertThat(launch.url()).startsWith(f.base + "/content/rocks/index.html?lang=en&endpoint=");
            assertThat(launch.launchMethod()).isEqualTo("OwnWindow");
            assertThat(au.open().code()).isEqualTo(200);
            assertThat(au.endpoint).isEqualTo(f.base + "/cmi5/lrs/");
            assertThat(au.registration).isEqualTo(launch.registration());
            assertThat(au.activityId).isEqualTo(imported.aus().get(0).activityId()).isNotEqualTo(Cmi5Fixture.ROCKS);
            assertThat(SimulatedAu.deepCopy(au.actor)).isEqualTo(Map.of("objectType", "Agent", "account",
                    Map.of("homePage", Cmi5Fixture.HOME_PAGE, "name", Cmi5Fixture.LEARNER.value())));

            SimulatedAu.Answer fetched = au.fetchToken();
            assertThat(fetched.code()).isEqualTo(200);
            assertThat(fetched.contentType()).startsWith("application/json");
            assertThat(au.token).isNotBlank();

            SimulatedAu.Answer data = au.readLaunchData();
            assertThat(data.code()).isEqualTo(200);
            assertThat(data.version()).isEqualTo("1.0.3");
            assertThat(au.launchData).containsEntry("launchMode", "Normal").containsEntry("moveOn",
                    "CompletedAndPassed").containsEntry("masteryScore", 0.8).containsEntry("returnURL",
                    "https://learn.example.com/courses/geo").containsEntry("launchParameters", "{\"speed\":3}");
            Map<String, Object> template = SimulatedAu.map(au.launchData.get("contextTemplate"));
            assertThat(SimulatedAu.map(template.get("extensions"))).containsEntry(SimulatedAu.SESSION,
                    launch.sessionId());
            assertThat(SimulatedAu.map(template.get("contextActivities")).get("grouping"))
                    .isEqualTo(List.of(Map.of("id", Cmi5Fixture.ROCKS)));
            Map<String, Object> entitlement = SimulatedAu.map(au.launchData.get("entitlementKey"));
            assertThat(entitlement).containsEntry("courseStructure", "xyz-123-9999");
            assertThat(entitlement.get("alternate")).isEqualTo(f.learnloop.access()
                    .grantsOf(Cmi5Fixture.LEARNER).get(0).id().value());
            assertThat(au.xapi("GET", "agents/profile", Map.of("profileId", "cmi5LearnerPreferences", "agent",
                    au.actor), null).code()).isEqualTo(404);

            f.clock.advance(Duration.ofSeconds(5));
            assertThat(au.post(au.statement("initialized", null, false)).code()).isEqualTo(200);
            assertThat(f.learnloop.progress().lessonProgress(Cmi5Fixture.LEARNER, f.rocks)).isEmpty();
            f.clock.advance(Duration.ofMinutes(10));
            assertThat(au.post(au.statement("completed", Map.of("completion", true, "duration", "PT10M"), true))
                    .code()).isEqualTo(200);
            assertThat(f.learnloop.progress().lessonProgress(Cmi5Fixture.LEARNER, f.rocks)).isEmpty();
            f.clock.advance(Duration.ofMinutes(2));
            assertThat(au.post(au.statement("passed", Map.of("success", true, "duration", "PT12M", "score",
                    Map.of("scaled", 0.9)), true)).code()).isEqualTo(200);
            f.clock.advance(Duration.ofMinutes(1));
            assertThat(au.post(au.statement("terminated", Map.of("duration", "PT13M"), false)).code())
                    .isEqualTo(200);

            assertThat(f.learnloop.progress().lessonProgress(Cmi5Fixture.LEARNER, f.rocks).orElseThrow().completed())
                    .isTrue();
            // the NotApplicable AU was satisfied when the registration was made, so the whole course is done
            assertThat(f.learnloop.progress().lessonProgress(Cmi5Fixture.LEARNER, f.intro).orElseThrow().completed())
                    .isTrue();
            assertThat(f.learnloop.progress().courseCompletion(Cmi5Fixture.LEARNER, f.course.id()).completed())
                    .isTrue();
            Cmi5Progress progress = f.lms.progress(Staff.ADMIN, Cmi5Fixture.LEARNER, f.rocks).orElseThrow();
            assertThat(progress.completed()).isTrue();
            assertThat(progress.passed()).isTrue();
            assertThat(progress.satisfied()).isTrue();

            List<Map<String, Object>> statements = statements(au);
            assertThat(statements).extracting(s -> SimulatedAu.map(s.get("verb")).get("id")).containsExactly(
                    "http://adlnet.gov/expapi/verbs/launched", "http://adlnet.gov/expapi/verbs/initialized",
                    "http://adlnet.gov/expapi/verbs/completed", "http://adlnet.gov/expapi/verbs/passed", "https://w3id.org/xapi/adl/verbs/satisfied",
                    "https://w3id.org/xapi/adl/verbs/satisfied", "http://adlnet.gov/expapi/verbs/terminated");
            Map<String, Object> launched = statements.get(0);
            Map<String, Object> extensions = SimulatedAu.map(SimulatedAu.map(launched.get("context"))
                    .get("extensions"));
            assertThat(extensions).containsEntry(SimulatedAu.SESSION, launch.sessionId())
                    .containsEntry("https://w3id.org/xapi/cmi5/context/extensions/launchmode", "Normal")
                    .containsEntry("https://w3id.org/xapi/cmi5/context/extensions/moveon", "CompletedAndPassed")
                    .containsEntry("https://w3id.org/xapi/cmi5/context/extensions/masteryscore", 0.8);
            assertThat(statements.get(4).get("object")).isEqualTo(Map.of("objectType", "Activity", "id",
                    imported.blocks().get(0).lmsId(), "definition", Map.of("type",
                            "https://w3id.org/xapi/cmi5/activitytype/block")));
            assertThat(statements.get(5).get("object")).isEqualTo(Map.of("objectType", "Activity", "id",
                    imported.lmsId(), "definition", Map.of("type", "https://w3id.org/xapi/cmi5/activitytype/course")));
            assertThat(imported.lmsId()).isNotEqualTo(Cmi5Fixture.COURSE_ID);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2", "postgres"})
    void launch_whenLaunchedAgain_reusesRegistrationAndAbandonsUnterminatedSession(String store) {
        try (Cmi5Fixture f = Cmi5Fixture.on(store)) {
            f.importStructure();
            f.grantAccess(Cmi5Fixture.LEARNER);
            var learner = io.learnloop.core.identity.Actor.learner(Cmi5Fixture.LEARNER.value());
            Cmi5Launch first = f.lms.launch(learner, Cmi5LaunchRequest.normal(f.rocks));
            SimulatedAu au = new SimulatedAu(first.url());
            au.fetchToken();
            au.readLaunchData();
            assertThat(au.post(au.statement("initialized", null, false)).code()).isEqualTo(200);
            f.clock.advance(Duration.ofMinutes(3));

            Cmi5Launch second = f.lms.launch(learner, Cmi5LaunchRequest.normal(f.rocks));

            assertThat(second.registration()).isEqualTo(first.registration());
            assertThat(second.sessionId()).isNotEqualTo(first.sessionId());
            SimulatedAu.Answer late = au.post(au.statement("terminated", Map.of("duration", "PT1M"), false));
            assertThat(late.code()).isEqualTo(400);
            assertThat(late.body()).contains("abandoned");
            SimulatedAu again = new SimulatedAu(second.url());
            again.fetchToken();
            assertThat(statements(again)).extracting(s -> SimulatedAu.map(s.get("verb")).get("id"))
                    .contains("https://w3id.org/xapi/adl/verbs/abandoned");
        }
    }

    /** Every statement of the registration, oldest first, following the more links. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> statements(SimulatedAu au) {
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        SimulatedAu.Answer page = au.xapi("GET", "statements", Map.of("registration", au.registration, "ascending",
                "true", "limit", "3"), null);
        while (true) {
            assertThat(page.code()).as(page.body()).isEqualTo(200);
            Map<String, Object> body = page.json();
            out.addAll((List<Map<String, Object>>) body.get("statements"));
            String more = (String) body.get("more");
            if (more == null || more.isEmpty()) {
                return out;
            }
            String query = more.substring(more.indexOf('?') + 1);
            Map<String, String> params = new java.util.LinkedHashMap<>();
            for (String pair : query.split("&")) {
                params.put(pair.substring(0, pair.indexOf('=')), java.net.URLDecoder.decode(
                        pair.substring(pair.indexOf('=') + 1), java.nio.charset.StandardCharsets.UTF_8));
            }
            page = au.xapi("GET", "statements", params, null);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2"})
    void statements_whenAccessIsRevokedAfterLaunch_satisfyTheAuButCompleteNoLessonUntilAccessReturns(String store) {
        try (Cmi5Fixture f = Cmi5Fixture.on(store)) {
            f.importStructure();
            f.grantAccess(Cmi5Fixture.LEARNER);
            var learner = io.learnloop.core.identity.Actor.learner(Cmi5Fixture.LEARNER.value());
            SimulatedAu au = new SimulatedAu(f.lms.launch(learner, Cmi5LaunchRequest.normal(f.rocks)).url());
            au.fetchToken();
            au.readLaunchData();
            assertThat(au.post(au.statement("initialized", null, false)).code()).isEqualTo(200);

            // refunded while the AU is open: its session and auth-token live on until they expire
            var grant = f.learnloop.access().grantsOf(Cmi5Fixture.LEARNER).get(0);
            f.learnloop.access().revoke(Staff.ADMIN, grant.id(), "refunded");
            assertThat(f.learnloop.access().decide(Cmi5Fixture.LEARNER, f.rocks, f.clock.instant()).allowed())
                    .isFalse();
            f.clock.advance(Duration.ofMinutes(10));
            assertThat(au.post(au.statement("completed", Map.of("completion", true, "duration", "PT10M"), true))
                    .code()).isEqualTo(200);
            assertThat(au.post(au.statement("passed", Map.of("success", true, "duration", "PT10M", "score",
                    Map.of("scaled", 0.9)), true)).code()).isEqualTo(200);

            // the statements are kept and satisfy the AU, but the lesson and the course are not completed
            assertThat(f.lms.progress(Staff.ADMIN, Cmi5Fixture.LEARNER, f.rocks).orElseThrow().satisfied()).isTrue();
            assertThat(f.learnloop.progress().lessonProgress(Cmi5Fixture.LEARNER, f.rocks)
                    .filter(p -> p.completed())).isEmpty();
            assertThat(f.learnloop.progress().courseCompletion(Cmi5Fixture.LEARNER, f.course.id()).completed())
                    .isFalse();

            // access given back: the next launch completes the satisfied AU's lesson, and the course with it
            f.learnloop.access().grant(Staff.ADMIN, io.learnloop.core.access.GrantRequest.manual(Cmi5Fixture.LEARNER,
                    List.of(f.course.id()), "ticket-access-back", f.clock.instant(), null));
            f.lms.launch(learner, Cmi5LaunchRequest.normal(f.rocks));
            assertThat(f.learnloop.progress().lessonProgress(Cmi5Fixture.LEARNER, f.rocks).orElseThrow().completed())
                    .isTrue();
            assertThat(f.learnloop.progress().courseCompletion(Cmi5Fixture.LEARNER, f.course.id()).completed())
                    .isTrue();
        }
    }
}
