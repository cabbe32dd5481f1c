package io.learnloop.community;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.learnloop.core.Learnloop;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.store.Stores;
import io.learnloop.core.testing.MutableClock;
import io.learnloop.http.CallInterruptedException;
import io.learnloop.http.SharedHttpClient;
import io.learnloop.http.RetryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.learnloop.community.Json.arr;
import static io.learnloop.community.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Retries, rate limits, ambiguous POSTs and unexpected answers, against WireMock. */
class DiscourseReliabilityTest {
    private static final String KEY = "admin-api-key-6a1f";
    private static final Actor ANN = Actor.learner("ann");
    private static final Actor BOB = Actor.learner("bob");
    private static final String QUESTION = "How does the JIT decide what to inline?";

    private WireMockServer wm;
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private Community community;

    @BeforeEach
    void start() {
        wm = new WireMockServer(options().dynamicPort());
        wm.start();
        ok(get(urlEqualTo("/site.json")), DiscourseFixtures.site());
        DiscourseConfig config = DiscourseConfig.builder("http://localhost:" + wm.port(), KEY)
                .http(SharedHttpClient.builder().timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2))
                        .retryPolicy(RetryPolicy.defaults().withBackoff(Duration.ofMillis(200), Duration.ofSeconds(5))
                                .withMaxRetryAfter(Duration.ofSeconds(60)))
                        .sleeper(sleeps::add).build())
                .build();
        community = Communities.discourse(Learnloop.builder().store(Stores.inMemory())
                        .clock(new MutableClock(Instant.parse("2026-03-01T10:00:00Z")))
                        .idGenerator(IdGenerator.sequential("id")).build().context(),
                CommunityOptions.builder((user, course) -> true).build(), config);
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    private void ok(MappingBuilder request, Object body) {
        wm.stubFor(request.willReturn(json(200, body)));
    }

    private static ResponseDefinitionBuilder json(int status, Object body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(Json.write(body));
    }

    private static Map<String, Object> rateLimitBody(int seconds) {
        return obj("errors", arr("You’ve performed this action too many times. Please wait " + seconds
                + " seconds before trying again."), "error_type", "rate_limit",
                "extras", obj("wait_seconds", seconds, "time_left", seconds + " seconds"));
    }

    private Map<String, Object> op() {
        return DiscourseFixtures.post(1000, 100, 1, "ann", QUESTION, null, false, arr());
    }

    private void inSequence(String path, ResponseDefinitionBuilder first, ResponseDefinitionBuilder then) {
        wm.stubFor(get(urlEqualTo(path)).inScenario(path).whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("second").willReturn(first));
        wm.stubFor(get(urlEqualTo(path)).inScenario(path).whenScenarioStateIs("second").willReturn(then));
    }

    private int count(com.github.tomakehurst.wiremock.matching.RequestPatternBuilder pattern) {
        return wm.countRequestsMatching(pattern.build()).getCount();
    }

    @Test
    void get_when429ThenOk_waitsRetryAfterThroughSleeper() {
        inSequence("/posts/1000.json", json(429, rateLimitBody(7)).withHeader("Retry-After", "7")
                .withHeader("Discourse-Rate-Limit-Error-Code", "ip_10_secs_limit"), json(200, op()));

        Post post = community.post(ANN, "1000");

        assertThat(post.markdown()).isEqualTo(QUESTION);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
        assertThat(count(getRequestedFor(urlEqualTo("/posts/1000.json")))).isEqualTo(2);
    }

    @Test
    void post_when429WithoutRetryAfter_waitsWaitSecondsAndSendsOnce() {
        wm.stubFor(post(urlEqualTo("/posts.json")).inScenario("rl").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("free").willReturn(json(429, rateLimitBody(3))));
        wm.stubFor(post(urlEqualTo("/posts.json")).inScenario("rl").whenScenarioStateIs("free").willReturn(json(200, op())));

        Topic topic = community.createTopic(ANN, "7", "JIT inlining heuristics", QUESTION, true);

        assertThat(topic.id()).isEqualTo("100");
        assertThat(sleeps).containsExactly(Duration.ofSeconds(3));
        // A 429 means Discourse did not act, so the second send is the only create.
        assertThat(count(postRequestedFor(urlEqualTo("/posts.json")))).isEqualTo(2);
    }

    @Test
    void get_when429AsksLongerThanBound_throwsRateLimitedWithoutWaiting() {
        wm.stubFor(get(urlEqualTo("/posts/1000.json")).willReturn(json(429, rateLimitBody(3600))
                .withHeader("Retry-After", "3600")));

        assertThatThrownBy(() -> community.post(ANN, "1000")).isInstanceOfSatisfying(RateLimitedException.class, e -> {
            assertThat(e.retryAfter()).isEqualTo(Duration.ofHours(1));
            assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
            assertThat(e.httpStatus()).isEqualTo(429);
            assertThat(e.errorBody().errorType()).isEqualTo("rate_limit");
            assertThat(e.errorBody().extras()).containsEntry("wait_seconds", "3600");
        });
        assertThat(sleeps).isEmpty();
    }

    @Test
    void get_when503WithRetryAfterHttpDate_waitsUntilThatDateOnTheSdkClock() {
        inSequence("/posts/1000.json", json(503, obj()).withHeader("Retry-After", "Sun, 01 Mar 2026 10:00:05 GMT"),
                json(200, op()));

        assertThat(community.post(ANN, "1000").id()).isEqualTo("1000");
        assertThat(sleeps).containsExactly(Duration.ofSeconds(5));
    }

    @Test
    void get_whenInterruptedWhileWaitingToRetry_stopsWithTypedExceptionAndKeepsTheFlag() {
        wm.stubFor(get(urlEqualTo("/posts/1000.json")).willReturn(json(503, obj())));
        Community interrupted = Communities.discourse(Learnloop.builder().store(Stores.inMemory())
                        .clock(new MutableClock(Instant.parse("2026-03-01T10:00:00Z")))
                        .idGenerator(IdGenerator.sequential("id")).build().context(),
                CommunityOptions.builder((user, course) -> true).build(),
                DiscourseConfig.builder("http://localhost:" + wm.port(), KEY)
                        .http(SharedHttpClient.builder().sleeper(d -> Thread.currentThread().interrupt()).build()).build());
        try {
            assertThatThrownBy(() -> interrupted.post(ANN, "1000"))
                    .isInstanceOfSatisfying(CallInterruptedException.class, e -> {
                        assertThat(e.outcomeUnknown()).isFalse();
                        assertThat(e.getMessage()).contains("Discourse GET /posts/1000.json was interrupted");
                    });
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(count(getRequestedFor(urlEqualTo("/posts/1000.json")))).isEqualTo(1);
    }

    @Test
    void createTopic_whenPostTimesOutAfterSending_findsItByExternalIdInsteadOfPostingAgain() {
        wm.stubFor(post(urlEqualTo("/posts.json")).willReturn(json(200, op()).withFixedDelay(5000)));
        ok(get(urlPathMatching("/t/external_id/ll-.+\\.json")), DiscourseFixtures.topicView(100, 7,
                "JIT inlining heuristics", "ann", arr(DiscourseFixtures.streamPost(1000, 100, 1, "ann", QUESTION)), arr(1000)));

        Topic topic = community.createTopic(ANN, "7", "JIT inlining heuristics", QUESTION, true);

        assertThat(topic.id()).isEqualTo("100");
        assertThat(topic.author().value()).isEqualTo("ann");
        assertThat(count(postRequestedFor(urlEqualTo("/posts.json")))).isEqualTo(1);
        String sentExternalId = (String) Json.read(wm.findAll(postRequestedFor(urlEqualTo("/posts.json"))).get(0)
                .getBodyAsString()).get("external_id");
        assertThat(count(getRequestedFor(urlEqualTo("/t/external_id/" + sentExternalId + ".json")))).isEqualTo(1);
    }

    @Test
    void createTopic_whenPostTimesOutAndNothingWasCreated_reportsOutcomeUnknownWithoutResending() {
        wm.stubFor(post(urlEqualTo("/posts.json")).willReturn(json(200, op()).withFixedDelay(5000)));
        wm.stubFor(get(urlPathMatching("/t/external_id/.+")).willReturn(json(404,
                obj("errors", arr("The requested URL or resource could not be found."), "error_type", "not_found"))));

        assertThatThrownBy(() -> community.createTopic(ANN, "7", "JIT inlining heuristics", QUESTION, true))
                .isInstanceOfSatisfying(RemoteConnectionException.class, e -> {
                    assertThat(e.outcomeUnknown()).isTrue();
                    assertThat(e.isRetryable()).isFalse();
                    assertThat(e.getMessage()).contains("look it up before repeating");
                });
        assertThat(count(postRequestedFor(urlEqualTo("/posts.json")))).isEqualTo(1);
    }

    @Test
    void get_when500_isRetriedWithJitteredBackoff() {
        inSequence("/posts/1000.json", json(500, obj("errors", arr("Internal Server Error"))), json(200, op()));

        Post post = community.post(ANN, "1000");

        assertThat(post.id()).isEqualTo("1000");
        assertThat(count(getRequestedFor(urlEqualTo("/posts/1000.json")))).isEqualTo(2);
        assertThat(sleeps).hasSize(1);
        // the shared layer's full jitter: anywhere up to the first ceiling, 200 ms
        assertThat(sleeps.get(0)).isBetween(Duration.ZERO, Duration.ofMillis(200));
    }

    @Test
    void reply_when500_isNotRetried() {
        ok(get(urlEqualTo("/t/100.json")), DiscourseFixtures.topicView(100, 7, "JIT", "ann",
                arr(DiscourseFixtures.streamPost(1000, 100, 1, "ann", QUESTION)), arr(1000)));
        ok(get(urlEqualTo("/posts/1000.json")), op());
        wm.stubFor(post(urlEqualTo("/posts.json")).willReturn(json(500, obj("errors", arr("Internal Server Error")))));

        assertThatThrownBy(() -> community.reply(BOB, "100", "It looks at call frequency and size.", 1))
                .isInstanceOfSatisfying(RemoteServerException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(500);
                    assertThat(e.outcomeUnknown()).isTrue();
                    assertThat(e.isRetryable()).isFalse();
                });
        assertThat(count(postRequestedFor(urlEqualTo("/posts.json")))).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void put_when503Twice_retriesWithGrowingJitteredBackoff() {
        wm.stubFor(put(urlEqualTo("/notifications/mark-read.json")).inScenario("p").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("2").willReturn(json(503, obj())));
        wm.stubFor(put(urlEqualTo("/notifications/mark-read.json")).inScenario("p").whenScenarioStateIs("2")
                .willSetStateTo("3").willReturn(json(503, obj())));
        wm.stubFor(put(urlEqualTo("/notifications/mark-read.json")).inScenario("p").whenScenarioStateIs("3")
                .willReturn(json(200, obj("success", "OK"))));

        community.markRead(ANN, List.of("501"));

        assertThat(count(putRequestedFor(urlEqualTo("/notifications/mark-read.json")))).isEqualTo(3);
        assertThat(sleeps).hasSize(2);
        // full jitter under a doubling ceiling: 200 ms, then 400 ms
        assertThat(sleeps.get(0)).isBetween(Duration.ZERO, Duration.ofMillis(200));
        assertThat(sleeps.get(1)).isBetween(Duration.ZERO, Duration.ofMillis(400));
    }

    @Test
    void get_when503Persists_givesUpAfterMaxAttemptsAsRetryable() {
        wm.stubFor(get(urlEqualTo("/posts/1000.json")).willReturn(json(503, obj())));

        assertThatThrownBy(() -> community.post(ANN, "1000")).isInstanceOfSatisfying(RemoteServerException.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(503);
            assertThat(e.isRetryable()).isTrue();
            assertThat(e.outcomeUnknown()).isFalse();
        });
        assertThat(count(getRequestedFor(urlEqualTo("/posts/1000.json")))).isEqualTo(3);
    }

    @Test
    void get_whenConnectionResetThenOk_isRetried() {
        inSequence("/posts/1000.json", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), json(200, op()));

        assertThat(community.post(ANN, "1000").id()).isEqualTo("1000");
        assertThat(count(getRequestedFor(urlEqualTo("/posts/1000.json")))).isEqualTo(2);
    }

    @Test
    void post_whenConnectionReset_isNotSentAgain() {
        wm.stubFor(post(urlEqualTo("/posts.json")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        wm.stubFor(get(urlPathMatching("/t/external_id/.+")).willReturn(json(404, obj("errors", arr("Not found")))));

        assertThatThrownBy(() -> community.createTopic(ANN, "7", "JIT inlining heuristics", QUESTION, false))
                .isInstanceOfSatisfying(RemoteConnectionException.class, e -> assertThat(e.outcomeUnknown()).isTrue());
        assertThat(count(postRequestedFor(urlEqualTo("/posts.json")))).isEqualTo(1);
    }

    @Test
    void get_whenHtml200_raisesClearError() {
        wm.stubFor(get(urlEqualTo("/posts/1000.json")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html; charset=utf-8")
                .withBody("<!DOCTYPE html><html><head><title>Forum</title></head><body>Log in</body></html>")));

        assertThatThrownBy(() -> community.post(ANN, "1000")).isInstanceOfSatisfying(RemoteServerException.class, e -> {
            assertThat(e.getMessage()).contains("text/html instead of JSON").contains("GET /posts/1000.json");
            assertThat(e.httpStatus()).isEqualTo(200);
        });
    }

    @Test
    void createTopic_when422_raisesValidationWithDiscourseMessages() {
        wm.stubFor(post(urlEqualTo("/posts.json")).willReturn(json(422, obj("action", "create_post",
                "errors", arr("Title is too short (minimum is 15 characters)"), "error_type", "record_invalid"))));

        assertThatThrownBy(() -> community.createTopic(ANN, "7", "Short", QUESTION, false))
                .isInstanceOfSatisfying(RemoteValidationException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.httpStatus()).isEqualTo(422);
                    assertThat(e.providerCode()).isEqualTo("record_invalid");
                    assertThat(e.errorBody().errors()).containsExactly("Title is too short (minimum is 15 characters)");
                    assertThat(e.getMessage()).contains("Title is too short");
                });
        assertThat(count(postRequestedFor(urlEqualTo("/posts.json")))).isEqualTo(1);
    }

    @Test
    void get_when403_raisesForbiddenWithErrorType() {
        wm.stubFor(get(urlEqualTo("/t/100.json")).willReturn(json(403, obj(
                "errors", arr("You are not permitted to view the requested resource."), "error_type", "invalid_access"))));

        assertThatThrownBy(() -> community.topic(ANN, "100")).isInstanceOfSatisfying(RemoteForbiddenException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
            assertThat(e.httpStatus()).isEqualTo(403);
            assertThat(e.errorBody().errorType()).isEqualTo("invalid_access");
        });
        assertThat(sleeps).isEmpty();
    }

    @Test
    void config_whenPrinted_hidesKeyAndSecret() {
        DiscourseConfig config = DiscourseConfig.builder("https://forum.example.com/", KEY)
                .connectSecret("connect-secret-value").build();

        assertThat(config.toString()).doesNotContain(KEY).doesNotContain("connect-secret-value");
        assertThat(config.baseUrl()).isEqualTo("https://forum.example.com");
    }

    @Test
    void requests_whenSent_carryApiHeadersAndNoQueryKey() {
        ok(get(urlEqualTo("/posts/1000.json")), op());

        community.post(ANN, "1000");

        assertThat(count(getRequestedFor(urlEqualTo("/posts/1000.json")).withHeader("Api-Key", equalTo(KEY))
                .withHeader("Api-Username", equalTo("ann")).withHeader("Accept", equalTo("application/json"))))
                .isEqualTo(1);
        assertThat(wm.findAll(getRequestedFor(urlPathMatching("/.*")))).allSatisfy(r -> {
            assertThat(r.getUrl()).doesNotContain("api_key");
            assertThat(r.getHeader("Api-Key")).isEqualTo(KEY);
        });
    }
}
