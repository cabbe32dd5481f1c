package io.learnloop.lms;

import io.learnloop.core.Learnloop;
import io.learnloop.core.identity.Actor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two host instances (two facades over one store) serve the same AU session at once: a fetch key yields one token
 * however many requests race for it, and statements racing to meet the AU's moveOn satisfy it, complete its lesson
 * and record each satisfied statement exactly once.
 */
class Cmi5ConcurrencyTest {
    private static final Actor LEARNER = Actor.learner(Cmi5Fixture.LEARNER.value());

    @ParameterizedTest
    @EnumSource(RawStore.Kind.class)
    void fetch_whenManyRequestsRaceForOneKey_issuesOneToken(RawStore.Kind kind) throws Exception {
        try (Cmi5Fixture f = new Cmi5Fixture(kind)) {
            f.importStructure();
            f.grantAccess(Cmi5Fixture.LEARNER);
            Cmi5Lms other = secondInstance(f);
            SimulatedAu au = new SimulatedAu(f.lms.launch(LEARNER, Cmi5LaunchRequest.normal(f.rocks)).url());
            String target = au.fetch.substring(f.base.length());

            List<Cmi5HttpResponse> answers = race(8, i -> (i % 2 == 0 ? f.lms : other).fetch("POST", target));

            assertThat(answers).filteredOn(r -> r.body().contains("auth-token")).hasSize(1);
            assertThat(answers).filteredOn(r -> r.body().contains("\"error-code\":\"1\"")).hasSize(7);
        }
    }

    @ParameterizedTest
    @EnumSource(RawStore.Kind.class)
    void statements_whenCompletedAndPassedRaceOnTwoInstances_satisfyOnce(RawStore.Kind kind) throws Exception {
        try (Cmi5Fixture f = new Cmi5Fixture(kind)) {
            f.importStructure();
            f.grantAccess(Cmi5Fixture.LEARNER);
            Cmi5Lms other = secondInstance(f);
            SimulatedAu au = new SimulatedAu(f.lms.launch(LEARNER, Cmi5LaunchRequest.normal(f.rocks)).url());
            au.fetchToken();
            au.readLaunchData();
            f.clock.advance(Duration.ofSeconds(1));
            assertThat(au.post(au.statement("initialized", null, false)).code()).isEqualTo(200);
            f.clock.advance(Duration.ofSeconds(1));
            List<String> bodies = List.of(
                    json(au.statement("completed", Map.of("completion", true, "duration", "PT5M"), true)),
                    json(au.statement("passed", Map.of("success", true, "duration", "PT6M"), true)));
            Map<String, String> headers = Map.of("X-Experience-API-Version", "1.0.3", "Authorization",
                    "Basic " + au.token, "Content-Type", "application/json");
            String target = "/cmi5/lrs/statements";

            List<Cmi5HttpResponse> answers = race(2, i -> (i == 0 ? f.lms : other).lrs("POST", target, headers,
                    bodies.get(i).getBytes(StandardCharsets.UTF_8)));

            assertThat(answers).extracting(Cmi5HttpResponse::status).containsOnly(200);
            assertThat(f.learnloop.progress().lessonProgress(Cmi5Fixture.LEARNER, f.rocks).orElseThrow().completed())
                    .isTrue();
            List<String> verbs = Cmi5EndToEndTest.statements(au).stream().map(s -> (String) SimulatedAu.map(
                    s.get("verb")).get("id")).toList();
            assertThat(verbs).filteredOn(v -> v.endsWith("/satisfied")).hasSize(2);
            assertThat(verbs).filteredOn(v -> v.endsWith("/completed")).hasSize(1);
            assertThat(verbs).filteredOn(v -> v.endsWith("/passed")).hasSize(1);
        }
    }

    /** Another host instance: its own facade and LMS over the same store, clock and configuration. */
    private static Cmi5Lms secondInstance(Cmi5Fixture f) {
        Learnloop second = Learnloop.builder().store(f.raw.store).clock(f.clock).build();
        return Cmi5.lms(second, Cmi5Config.builder(f.base + "/cmi5/lrs/", f.base + "/cmi5/fetch",
                Cmi5Fixture.HOME_PAGE, "https://learn.example.com/cmi5").build());
    }

    private interface Call {
        Cmi5HttpResponse call(int i);
    }

    private static List<Cmi5HttpResponse> race(int n, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Cmi5HttpResponse>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                Callable<Cmi5HttpResponse> task = () -> {
                    start.await();
                    return call.call(index);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<Cmi5HttpResponse> out = new ArrayList<>();
            for (Future<Cmi5HttpResponse> fu : futures) {
                out.add(fu.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String json(Map<String, Object> statement) {
        return com.nimbusds.jose.util.JSONObjectUtils.toJSONString(statement);
    }
}
