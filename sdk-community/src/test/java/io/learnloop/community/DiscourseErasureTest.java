package io.learnloop.community;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.learnloop.core.Learnloop;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.privacy.ErasureOutcome;
import io.learnloop.core.privacy.ErasureState;
import io.learnloop.core.privacy.ExportManifest;
import io.learnloop.core.privacy.ExportedSection;
import io.learnloop.core.privacy.PersonalDataSource;
import io.learnloop.core.testing.MutableClock;
import io.learnloop.http.RetryPolicy;
import io.learnloop.http.SharedHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.learnloop.community.Json.arr;
import static io.learnloop.community.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Erasing a learner whose community is on Discourse: Discourse is asked to anonymise the account, found by its
 * DiscourseConnect external id ({@code GET /u/by-external/{external_id}.json}, then
 * {@code PUT /admin/users/{id}/anonymize.json}, as admin/users_controller.rb and routes.rb of discourse/discourse
 * have them), and the local links go; a Discourse that is down stops the erasure, which resumes when asked again.
 */
class DiscourseErasureTest {
    private static final String KEY = "admin-api-key-6a1f";
    private static final String SECRET = "connect-secret-for-tests";
    private static final UserId KIM = UserId.of("3f2a9c1e-7b4d-4e5f-9a8b-1c2d3e4f5a6b");
    private static final String KIMS_NAME = DiscourseUsernames.of(KIM);
    private static final String LOOKUP = "/u/by-external/" + KIM.value() + ".json";
    private static final String ANONYMIZE = "/admin/users/42/anonymize.json";
    private static final String REASON = "suspended for spamming kim's links";
    private static final Actor ADMIN = Actor.of("root", Role.ADMIN);

    private final WireMockServer wm = new WireMockServer(options().dynamicPort());
    private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
    private TestStores.Opened opened;
    private Learnloop learnloop;

    private void start(TestStores kind) {
        wm.start();
        ok(get(urlEqualTo("/site.json")), DiscourseFixtures.site());
        ok(post(urlEqualTo("/admin/users/sync_sso")), obj("id", 42, "username", KIMS_NAME, "active", true,
                "admin", false, "moderator", false, "trust_level", 1));
        ok(get(urlEqualTo(LOOKUP)), account());
        ok(put(urlEqualTo("/admin/users/42/suspend.json")), obj("suspension", obj("suspend_reason", REASON,
                "suspended_till", "2026-03-09T10:00:00.000Z", "suspended_at", DiscourseFixtures.CREATED)));
        DiscourseConfig config = DiscourseConfig.builder("http://localhost:" + wm.port(), KEY).connectSecret(SECRET)
                .http(SharedHttpClient.builder().sleeper(sleeps::add)
                        .retryPolicy(RetryPolicy.defaults().withMaxAttempts(3))
                        .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)).build()).build();
        opened = kind.open();
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        Learnloop.Builder builder = Learnloop.builder().store(opened.store()).clock(clock)
                .idGenerator(IdGenerator.randomUuids())
                .personalDataEraser(Communities.discoursePersonalDataEraser(config));
        for (PersonalDataSource source : Communities.discoursePersonalDataSources()) {
            builder.personalDataSource(source);
        }
        learnloop = builder.build();
        Community community = Communities.discourse(learnloop.context(),
                CommunityOptions.builder((user, course) -> true).build(), config);
        community.syncMember(new CommunityUser(KIM, "kim@example.com", "Kim"));
        community.suspend(Actor.of("mod", Role.MODERATOR), KIM, clock.instant().plus(Duration.ofDays(8)), REASON);
        wm.resetRequests();
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    /** The user as users#show serialises it for an admin: {@code {"user": {...}}}. */
    private static Map<String, Object> account() {
        return obj("user", obj("id", 42, "username", KIMS_NAME, "name", "Kim", "avatar_template", "/a.png",
                "external_id", KIM.value(), "admin", false, "moderator", false, "trust_level", 1));
    }

    private void ok(MappingBuilder request, Object body) {
        wm.stubFor(request.withHeader("Api-Key", equalTo(KEY)).withHeader("Accept", equalTo("application/json"))
                .willReturn(json(200, body)));
    }

    private static ResponseDefinitionBuilder json(int status, Object body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(Json.write(body));
    }

    private void anonymizeAnswers(ResponseDefinitionBuilder answer) {
        wm.stubFor(put(urlEqualTo(ANONYMIZE)).withHeader("Api-Key", equalTo(KEY))
                .withHeader("Api-Username", equalTo("system")).withHeader("Accept", equalTo("application/json"))
                .willReturn(answer));
    }

    private static ResponseDefinitionBuilder anonymised() {
        return json(200, obj("success", "OK", "username", "anon58213671"));
    }

    private static ResponseDefinitionBuilder notFound() {
        return json(404, obj("errors", arr("The requested URL or resource could not be found."),
                "error_type", "not_found"));
    }

    private int count(RequestPatternBuilder request) {
        return wm.countRequestsMatching(request.build()).getCount();
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void erase_whenDiscourseKnowsTheLearner_anonymisesTheAccountAndLeavesNoLinkToThem(TestStores kind) {
        start(kind);
        anonymizeAnswers(anonymised());
        assertThat(opened.holding(KIMS_NAME)).isNotEmpty();

        ErasureOutcome outcome = learnloop.personalData().erase(ADMIN, KIM, null);

        assertThat(outcome.state()).isEqualTo(ErasureState.DONE);
        assertThat(outcome.stepsRun()).contains("discourse");
        assertThat(count(putRequestedFor(urlEqualTo(ANONYMIZE)).withHeader("Api-Key", equalTo(KEY))
                .withHeader("Api-Username", equalTo("system")))).isEqualTo(1);
        assertThat(count(getRequestedFor(urlEqualTo(LOOKUP)).withHeader("Api-Username", equalTo("system"))))
                .isEqualTo(1);
        assertThat(opened.holding(KIM.value())).isEmpty();
        assertThat(opened.holding(KIMS_NAME)).isEmpty();
        assertThat(opened.holding(REASON)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void export_whenTheBackendIsDiscourse_writesTheLocalLinksOfTheLearner(TestStores kind) {
        start(kind);

        ExportManifest manifest = learnloop.personalData().export(ADMIN, KIM, new ByteArrayOutputStream());

        Map<String, Long> counts = manifest.sections().stream().filter(s -> s.name().startsWith("discourse-"))
                .collect(Collectors.toMap(ExportedSection::name, ExportedSection::records, (a, b) -> a,
                        LinkedHashMap::new));
        assertThat(counts).containsExactly(Map.entry("discourse-user", 1L), Map.entry("discourse-invitations", 0L),
                Map.entry("discourse-suspensions", 1L));
    }

    @Test
    void erase_whenDiscourseFailsOnceThenAnswers_finishesThroughTheSharedRetries() {
        start(TestStores.MEMORY);
        wm.stubFor(get(urlEqualTo(LOOKUP)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(503, obj("errors", arr("Service Unavailable")))).willSetStateTo("up"));
        wm.stubFor(get(urlEqualTo(LOOKUP)).inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(json(200, account())));
        anonymizeAnswers(anonymised());
        sleeps.clear();

        ErasureOutcome outcome = learnloop.personalData().erase(ADMIN, KIM, null);

        assertThat(outcome.state()).isEqualTo(ErasureState.DONE);
        assertThat(sleeps).hasSize(1);
        assertThat(count(getRequestedFor(urlEqualTo(LOOKUP)))).isEqualTo(2);
        assertThat(count(putRequestedFor(urlEqualTo(ANONYMIZE)))).isEqualTo(1);
    }

    @Test
    void erase_whenDiscourseIsDown_failsWithTheRemoteErrorAndResumesWhenAskedAgain() {
        start(TestStores.MEMORY);
        anonymizeAnswers(json(502, obj("errors", arr("Bad Gateway"))));

        assertThatThrownBy(() -> learnloop.personalData().erase(ADMIN, KIM, null))
                .isInstanceOfSatisfying(RemoteServerException.class, e -> {
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e.httpStatus()).isEqualTo(502);
                });
        assertThat(count(putRequestedFor(urlEqualTo(ANONYMIZE)))).isEqualTo(3);
        assertThat(opened.holding(KIMS_NAME)).isNotEmpty();
        assertThatThrownBy(() -> learnloop.personalData().export(ADMIN, KIM, new ByteArrayOutputStream()))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.ERASURE_IN_PROGRESS));

        anonymizeAnswers(anonymised());
        ErasureOutcome resumed = learnloop.personalData().erase(ADMIN, KIM, null);

        assertThat(resumed.state()).isEqualTo(ErasureState.DONE);
        assertThat(resumed.alreadyErased()).isFalse();
        assertThat(count(putRequestedFor(urlEqualTo(ANONYMIZE)))).isEqualTo(4);
        assertThat(opened.holding(KIM.value())).isEmpty();
        assertThat(opened.holding(KIMS_NAME)).isEmpty();
    }

    @Test
    void erase_whenDiscourseDoesNotKnowTheLearner_countsTheAccountAsDone() {
        start(TestStores.MEMORY);
        wm.stubFor(get(urlEqualTo(LOOKUP)).willReturn(notFound()));

        ErasureOutcome outcome = learnloop.personalData().erase(ADMIN, KIM, null);

        assertThat(outcome.state()).isEqualTo(ErasureState.DONE);
        assertThat(count(putRequestedFor(urlEqualTo(ANONYMIZE)))).isZero();
        assertThat(opened.holding(KIM.value())).isEmpty();
    }

    @Test
    void erase_whenDiscourseRefusesToAnonymiseAStaffAccount_failsForbiddenSayingWhatToDo() {
        start(TestStores.MEMORY);
        anonymizeAnswers(json(403, obj("errors", arr("You are not permitted to view the requested resource."),
                "error_type", "invalid_access")));

        assertThatThrownBy(() -> learnloop.personalData().erase(ADMIN, KIM, null))
                .isInstanceOf(RemoteForbiddenException.class)
                .hasMessageContaining("revoke the account's admin and moderator rights");
    }
}
