package io.learnloop.lms;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.jwk.RSAKey;
import io.learnloop.lms.LtiException.Problem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.learnloop.lms.PlatformFixture.LEARNER;
import static org.assertj.core.api.Assertions.assertThat;

/** The platform's single-use promises under racing requests, and the tool key cache's refresh, on memory and H2. */
class LtiPlatformConcurrencyTest {
    private static final int RACERS = 6;

    @TempDir
    Path folder;
    private final WireMockServer wm = new WireMockServer(options().dynamicPort());
    private PlatformFixture f;

    private void start(LtiPlatformTest.Backend backend) {
        wm.start();
        f = new PlatformFixture(wm, backend.open(folder));
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    private static <T> List<T> race(Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return call.call();
                }));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(LtiPlatformTest.Backend.class)
    void token_whenSameAssertionRaces_issuesExactlyOneToken(LtiPlatformTest.Backend backend) throws Exception {
        start(backend);
        Map<String, String> form = PlatformFixture.tokenForm(FakePlatform.sign(PlatformFixture.TOOL_KEY,
                f.assertionClaims().build()), LtiPlatform.SCOPE_SCORE);
        // Fetch the tool's keys once before the race, so every racer reaches the jti check.
        f.platform.token(PlatformFixture.tokenForm(FakePlatform.sign(PlatformFixture.TOOL_KEY,
                f.assertionClaims().build()), LtiPlatform.SCOPE_SCORE));

        List<LtiHttpResponse> answers = race(() -> f.platform.token(form));

        assertThat(answers.stream().filter(a -> a.status() == 200)).hasSize(1);
        assertThat(answers.stream().filter(a -> a.problem() == Problem.TOKEN_REPLAYED)).hasSize(RACERS - 1);
    }

    @ParameterizedTest
    @EnumSource(LtiPlatformTest.Backend.class)
    void authorize_whenSameHintRaces_postsExactlyOneIdToken(LtiPlatformTest.Backend backend) throws Exception {
        start(backend);
        LaunchStart launch = f.launchLab();

        List<LtiHttpResponse> answers = race(() -> f.platform.authorize(LEARNER,
                PlatformFixture.authRequest(launch, "n")));

        assertThat(answers.stream().filter(a -> a.problem() == null)).hasSize(1);
        assertThat(answers.stream().filter(a -> a.problem() == Problem.LOGIN_HINT_REPLAYED)).hasSize(RACERS - 1);
    }

    @ParameterizedTest
    @EnumSource(LtiPlatformTest.Backend.class)
    void token_whenToolRotatesItsKey_refetchesJwksForTheUnknownKid(LtiPlatformTest.Backend backend) {
        start(backend);
        assertThat(f.accessToken(LtiPlatform.SCOPE_SCORE)).isNotBlank();
        RSAKey next = FakePlatform.newKey("tool-key-2");
        f.serveToolJwks(PlatformFixture.TOOL_KEY, next);
        f.clock.advance(Duration.ofMinutes(2));

        LtiHttpResponse r = f.platform.token(PlatformFixture.tokenForm(FakePlatform.sign(next,
                f.assertionClaims().build()), LtiPlatform.SCOPE_SCORE));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }
}
