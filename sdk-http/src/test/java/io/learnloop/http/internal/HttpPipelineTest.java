package io.learnloop.http.internal;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.RemoteException;
import io.learnloop.core.testing.MutableClock;
import io.learnloop.http.CallInterruptedException;
import io.learnloop.http.RetryPolicy;
import io.learnloop.http.SharedHttpClient;
import io.learnloop.http.Sleeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared retry, backoff, Retry-After, sleeper and pipeline rules, against WireMock; nothing really sleeps. */
class HttpPipelineTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final ResponseParser<Integer> STATUS = HttpResponse::status;

    private final WireMockServer wm = new WireMockServer(options().dynamicPort());
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final MutableClock clock = new MutableClock(NOW);

    @BeforeEach
    void start() {
        wm.start();
    }

    @AfterEach
    void stop() {
        // A test that leaves the flag set would make WireMock's own shutdown fail.
        Thread.interrupted();
        wm.stop();
    }

    private HttpPipeline pipeline(RetryPolicy policy, Sleeper sleeper) {
        return pipeline(policy, sleeper, RetryAdvisor.NONE, RequestSigner.NONE);
    }

    private HttpPipeline pipeline(RetryPolicy policy, Sleeper sleeper, RetryAdvisor advisor, RequestSigner signer) {
        // These tests are about retry decisions, not timeouts: a slow, busy machine must not turn a 503 into one.
        SharedHttpClient http = SharedHttpClient.builder().retryPolicy(policy).sleeper(sleeper)
                .timeouts(Duration.ofSeconds(30), Duration.ofSeconds(30)).build();
        return HttpPipeline.builder(http, "peer").clock(clock).advisor(advisor).signer(signer).build();
    }

    private HttpPipeline pipeline() {
        return pipeline(RetryPolicy.defaults(), sleeps::add);
    }

    private String url(String path) {
        return "http://localhost:" + wm.port() + path;
    }


    private void sequence(String method, String path, ResponseDefinitionBuilder first, ResponseDefinitionBuilder then) {
        MappingBuilder a = "GET".equals(method) ? get(urlEqualTo(path)) : post(urlEqualTo(path));
        MappingBuilder b = "GET".equals(method) ? get(urlEqualTo(path)) : post(urlEqualTo(path));
        wm.stubFor(a.inScenario(path).whenScenarioStateIs(Scenario.STARTED).willSetStateTo("2").willReturn(first));
        wm.stubFor(b.inScenario(path).whenScenarioStateIs("2").willReturn(then));
    }

    private int requests() {
        return wm.countRequestsMatching(anyRequestedFor(anyUrl()).build()).getCount();
    }

    private int requests(RequestPatternBuilder pattern) {
        return wm.countRequestsMatching(pattern.build()).getCount();
    }

    @Test
    void call_when429WithRetryAfterSeconds_waitsThatLongThenSucceeds() {
        sequence("GET", "/r", aResponse().withStatus(429).withHeader("Retry-After", "7"), aResponse().withStatus(200));

        int status = pipeline().call(HttpRequest.get(url("/r")).build(), STATUS);

        assertThat(status).isEqualTo(200);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
        assertThat(requests()).isEqualTo(2);
    }

    @Test
    void call_when503WithRetryAfterHttpDate_waitsUntilThatDateOnTheInjectedClock() {
        String in4s = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(4).atOffset(ZoneOffset.UTC));
        sequence("GET", "/r", aResponse().withStatus(503).withHeader("Retry-After", in4s), aResponse().withStatus(200));

        int status = pipeline().call(HttpRequest.get(url("/r")).build(), STATUS);

        assertThat(status).isEqualTo(200);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(4));
    }

    @Test
    void call_whenRetryAfterLongerThanTheBound_returnsTheResponseWithoutWaiting() {
        wm.stubFor(get(urlEqualTo("/r")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));

        int status = pipeline().call(HttpRequest.get(url("/r")).build(), STATUS);

        assertThat(status).isEqualTo(429);
        assertThat(sleeps).isEmpty();
        assertThat(requests()).isEqualTo(1);
    }

    @Test
    void call_when503WithoutRetryAfter_waitsAFullJitterBackoffWithinTheCeiling() {
        sequence("GET", "/r", aResponse().withStatus(503), aResponse().withStatus(200));

        pipeline().call(HttpRequest.get(url("/r")).build(), STATUS);

        assertThat(sleeps).hasSize(1);
        assertThat(sleeps.get(0)).isBetween(Duration.ZERO, Duration.ofMillis(500));
    }

    @Test
    void call_whenNonIdempotentPostWithoutKeyGets503_isNotRetried() {
        wm.stubFor(post(urlEqualTo("/r")).willReturn(aResponse().withStatus(503)));

        int status = pipeline().call(HttpRequest.post(url("/r")).json("{}").build(), STATUS);

        assertThat(status).isEqualTo(503);
        assertThat(requests()).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void call_whenNonIdempotentPostWithoutKeyGets429_isNotRetried() {
        wm.stubFor(post(urlEqualTo("/r")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")));

        int status = pipeline().call(HttpRequest.post(url("/r")).json("{}").build(), STATUS);

        assertThat(status).isEqualTo(429);
        assertThat(requests()).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void call_whenPostWithIdempotencyKeyGets503_isRetried() {
        sequence("POST", "/r", aResponse().withStatus(503), aResponse().withStatus(201));

        int status = pipeline().call(HttpRequest.post(url("/r")).header("Idempotency-Key", "k1").idempotent()
                .json("{}").build(), STATUS);

        assertThat(status).isEqualTo(201);
        assertThat(requests()).isEqualTo(2);
    }

    @Test
    void call_whenNonIdempotentPostConnectionReset_throwsOutcomeUnknownWithoutResending() {
        wm.stubFor(post(urlEqualTo("/r")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> pipeline().call(HttpRequest.post(url("/r")).json("{}").build(), STATUS))
                .isInstanceOfSatisfying(RemoteException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.REMOTE_FAILURE);
                    assertThat(e.outcomeUnknown()).isTrue();
                    assertThat(e.isRetryable()).isFalse();
                    assertThat(e.httpStatus()).isZero();
                    assertThat(e.getMessage()).startsWith("peer POST /r failed without a response")
                            .contains("look it up before repeating");
                });
        assertThat(requests()).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void call_whenConnectionRefused_retriesEvenAPostBecauseNothingWasSent() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        assertThatThrownBy(() -> pipeline().call(HttpRequest.post("http://localhost:" + closedPort + "/r").json("{}")
                .build(), STATUS)).isInstanceOfSatisfying(RemoteException.class, e -> {
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e.outcomeUnknown()).isFalse();
                    assertThat(e.getMessage()).contains("the request was not sent");
                });
        assertThat(sleeps).hasSize(2);
    }

    @Test
    void call_when503Persists_stopsAtTheAttemptLimitAndReturnsTheLastResponse() {
        wm.stubFor(get(urlEqualTo("/r")).willReturn(aResponse().withStatus(503)));

        int status = pipeline(RetryPolicy.defaults().withMaxAttempts(4), sleeps::add)
                .call(HttpRequest.get(url("/r")).build(), STATUS);

        assertThat(status).isEqualTo(503);
        assertThat(requests()).isEqualTo(4);
        assertThat(sleeps).hasSize(3);
    }

    @Test
    void call_whenWaitsWouldExceedTheTotalBound_stopsBeforeIt() {
        wm.stubFor(get(urlEqualTo("/r")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "6")));
        RetryPolicy policy = RetryPolicy.defaults().withMaxAttempts(10).withMaxTotalWait(Duration.ofSeconds(10));

        int status = pipeline(policy, sleeps::add).call(HttpRequest.get(url("/r")).build(), STATUS);

        assertThat(status).isEqualTo(429);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(6));
        assertThat(requests()).isEqualTo(2);
    }

    @Test
    void call_whenInterruptedWhileWaiting_stopsWithTypedExceptionAndKeepsTheFlag() {
        wm.stubFor(get(urlEqualTo("/r")).willReturn(aResponse().withStatus(503)));
        Sleeper interrupting = d -> Thread.currentThread().interrupt();

        assertThatThrownBy(() -> pipeline(RetryPolicy.defaults(), interrupting).call(HttpRequest.get(url("/r")).build(), STATUS))
                .isInstanceOfSatisfying(CallInterruptedException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.REMOTE_FAILURE);
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e.outcomeUnknown()).isFalse();
                    assertThat(e.getMessage()).contains("peer GET /r was interrupted");
                });
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        assertThat(requests()).isEqualTo(1);
    }

    @Test
    void call_whenKeyedPostInterruptedAfterA503_reportsTheOutcomeUnknown() {
        wm.stubFor(post(urlEqualTo("/r")).willReturn(aResponse().withStatus(503)));
        Sleeper interrupting = d -> Thread.currentThread().interrupt();

        assertThatThrownBy(() -> pipeline(RetryPolicy.defaults(), interrupting)
                .call(HttpRequest.post(url("/r")).idempotent().json("{}").build(), STATUS))
                .isInstanceOfSatisfying(CallInterruptedException.class, e -> assertThat(e.outcomeUnknown()).isTrue());
        assertThat(Thread.interrupted()).isTrue();
    }

    @Test
    void call_whenThreadAlreadyInterrupted_sendsNothing() {
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> pipeline().call(HttpRequest.get(url("/r")).build(), STATUS))
                .isInstanceOf(CallInterruptedException.class);
        assertThat(Thread.interrupted()).isTrue();
        assertThat(requests()).isZero();
    }

    @Test
    void call_whenVerifierRejects_throwsItsTypedExceptionWithoutRetryOrParse() {
        wm.stubFor(get(urlEqualTo("/r")).willReturn(aResponse().withStatus(200).withBody("forged")));
        AtomicInteger verified = new AtomicInteger();
        AtomicInteger parsed = new AtomicInteger();
        ResponseVerifier rejecting = r -> {
            verified.incrementAndGet();
            throw new RemoteException(ErrorCode.VERIFICATION_FAILED, "peer GET /r: bad signature", false, false,
                    r.status(), null, null, null);
        };

        assertThatThrownBy(() -> pipeline().call(HttpRequest.get(url("/r")).build(), rejecting, r -> parsed.incrementAndGet()))
                .isInstanceOfSatisfying(RemoteException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VERIFICATION_FAILED);
                    assertThat(e.isRetryable()).isFalse();
                });
        assertThat(verified).hasValue(1);
        assertThat(parsed).hasValue(0);
        assertThat(requests()).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void call_whenRetried_signsEveryAttemptAfresh() {
        sequence("GET", "/r", aResponse().withStatus(500), aResponse().withStatus(200));
        AtomicInteger nonce = new AtomicInteger();
        RequestSigner signer = r -> r.withHeader("Authorization", "sig-" + nonce.incrementAndGet());

        pipeline(RetryPolicy.defaults(), sleeps::add, RetryAdvisor.NONE, signer).call(HttpRequest.get(url("/r")).build(), STATUS);

        assertThat(wm.getAllServeEvents()).extracting(e -> e.getRequest().getHeader("Authorization"))
                .containsExactlyInAnyOrder("sig-1", "sig-2");
    }

    @Test
    void call_whenPeerSaysRetry_repeatsEvenAPostAndWaitsItsHint() {
        sequence("POST", "/r", aResponse().withStatus(429), aResponse().withStatus(200));
        RetryAdvisor peer = new RetryAdvisor() {
            @Override
            public Verdict verdict(HttpResponse response) {
                return response.status() == 429 ? Verdict.RETRY : Verdict.DEFAULT;
            }

            @Override
            public Duration retryAfter(HttpResponse response) {
                return Duration.ofSeconds(3);
            }
        };

        int status = pipeline(RetryPolicy.defaults(), sleeps::add, peer, RequestSigner.NONE)
                .call(HttpRequest.post(url("/r")).json("{}").build(), STATUS);

        assertThat(status).isEqualTo(200);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void call_whenPeerSaysStop_doesNotRepeatAnIdempotentGet() {
        wm.stubFor(get(urlEqualTo("/r")).willReturn(aResponse().withStatus(503)));
        RetryAdvisor peer = new RetryAdvisor() {
            @Override
            public Verdict verdict(HttpResponse response) {
                return Verdict.STOP;
            }
        };

        pipeline(RetryPolicy.defaults(), sleeps::add, peer, RequestSigner.NONE).call(HttpRequest.get(url("/r")).build(), STATUS);

        assertThat(requests()).isEqualTo(1);
    }

    @Test
    void call_whenRetriedAndLogged_logsPeerMethodAndPathButNoQueryHeaderOrBody() {
        sequence("POST", "/r?sign=SECRET-SIGNATURE", aResponse().withStatus(503), aResponse().withStatus(200));
        RequestSigner signer = r -> r.withHeader("Authorization", "Bearer SECRET-KEY");
        // slf4j-simple (test scope, configured by simplelogger.properties down to debug) writes to System.err.
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream err = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            pipeline(RetryPolicy.defaults(), sleeps::add, RetryAdvisor.NONE, signer)
                    .call(HttpRequest.post(url("/r?sign=SECRET-SIGNATURE")).idempotent()
                            .json("{\"card\":\"SECRET-BODY\"}").build(), STATUS);
        } finally {
            System.setErr(err);
        }

        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("peer POST /r -> 503 (attempt 1)", "peer POST /r returned 503; retrying in",
                "peer POST /r -> 200 (attempt 2)").doesNotContain("SECRET");
    }

    @Test
    void call_when404_isAnAnswerNotRetried() {
        wm.stubFor(get(urlEqualTo("/r")).willReturn(aResponse().withStatus(404)));

        assertThat(pipeline().call(HttpRequest.get(url("/r")).build(), STATUS)).isEqualTo(404);
        assertThat(requests()).isEqualTo(1);
    }

    @Test
    void call_whenResponseHasBodyAndHeaders_handsThemRawToTheParser() {
        wm.stubFor(post(urlEqualTo("/r")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/JSON; charset=utf-8").withHeader("Request-Id", "req_1")
                .withBody("{\"a\":1}")));

        HttpResponse r = pipeline().call(HttpRequest.post(url("/r")).form(java.util.Map.of("k", "v")).build(), x -> x);

        assertThat(r.text()).isEqualTo("{\"a\":1}");
        assertThat(r.header("request-id")).isEqualTo("req_1");
        assertThat(r.mediaType()).isEqualTo("application/json");
        assertThat(wm.getAllServeEvents().get(0).getRequest().getBodyAsString()).isEqualTo("k=v");
    }
}
