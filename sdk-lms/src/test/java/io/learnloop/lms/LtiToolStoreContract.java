package io.learnloop.lms;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.learning.WatchReport;
import io.learnloop.core.learning.WatchedSegment;
import io.learnloop.core.store.Store;
import io.learnloop.core.testing.Catalogue;
import io.learnloop.core.testing.Staff;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the LTI tool keeps in the store, on each store: single-use login states shared by instances and pruned by
 * their expiry index, stable learner mappings, the last seat of a licence taken once under a race, score deliveries
 * read back by their index, and one gradebook column per link under concurrent launches and score deliveries on
 * several instances. Each store gets a fresh database per test.
 */
abstract class LtiToolStoreContract {
    private static final Actor CREATOR = Actor.of("creator-1", Role.CREATOR);
    private static final String CONTAINER = "/lms/lineitems";
    private static final String CREATED = "/lms/lineitems/99";
    private static final int RACERS = 4;

    private final WireMockServer wm = new WireMockServer(options().dynamicPort());
    private Store store;
    private LtiFixture f;
    private Course course;

    /** A store over a fresh, empty database, with room for {@value #RACERS} concurrent transactions. */
    protected abstract Store newStore();

    /** Releases what {@link #newStore()} opened. */
    protected abstract void close(Store store);

    @BeforeEach
    void start() {
        wm.start();
        store = newStore();
        f = new LtiFixture(wm, store);
        course = Catalogue.published(f.learnloop, CREATOR, "Statistics 101");
        wm.stubFor(post(urlEqualTo("/lms/token")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"token-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
        wm.stubFor(get(urlPathEqualTo(CONTAINER)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/vnd.ims.lis.v2.lineitemcontainer+json").withBody("[]")));
    }

    @AfterEach
    void stop() {
        wm.stop();
        if (store != null) {
            close(store);
        }
    }

    private SeatLicence licence(int seats) {
        return f.tool.recordLicence(Staff.ADMIN, new LicenceRequest(FakePlatform.ISSUER, FakePlatform.DEPLOYMENT_ID,
                List.of(course.id()), seats, f.clock.instant(), null, "PO-" + seats));
    }

    private LaunchResult launch(String subject, Map<String, Object> ags) {
        LoginRedirect redirect = f.login();
        var claims = FakePlatform.resourceLink(LtiFixture.nonce(redirect), f.clock.instant(), subject,
                Map.of("learnloop_course", course.id().value()));
        if (ags != null) {
            claims.claim("https://purl.imsglobal.org/spec/lti-ags/claim/endpoint", ags);
        }
        return f.tool.launch(FakePlatform.sign(f.platformKey, claims.build()), redirect.state());
    }

    private Map<String, Object> withLineItem() {
        return Map.of("lineitem", f.platform.base() + CREATED, "scope", List.of(AgsEndpoint.SCORE_SCOPE));
    }

    private Map<String, Object> withContainerOnly() {
        return Map.of("lineitems", f.platform.base() + CONTAINER, "scope", List.of(AgsEndpoint.SCORE_SCOPE,
                "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem"));
    }

    private void completeCourse(UserId learner) {
        completeCourse(f, learner);
    }

    /** Completes the course on one host instance: its facade reports the progress and delivers what follows. */
    private void completeCourse(LtiFixture instance, UserId learner) {
        LessonId lesson = course.published().lessons().get(0).id();
        instance.learnloop.progress().report(new WatchReport(learner, lesson, "player-1", instance.clock.instant(),
                List.of(new WatchedSegment(0, 1, 1.0))));
        instance.clock.advance(Duration.ofMinutes(11));
        instance.learnloop.progress().report(new WatchReport(learner, lesson, "player-1", instance.clock.instant(),
                List.of(new WatchedSegment(0, 600, 1.0))));
    }

    private static <T> List<T> race(List<Callable<T>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> call : calls) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return call.call();
                }));
            }
            go.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> future : futures) {
                out.add(future.get(60, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void launch_whenStateComesFromAnotherInstanceAndIsReplayed_succeedsOnceAndMapsTheSameLearner() {
        LtiFixture other = new LtiFixture(wm, store);
        LoginRedirect redirect = other.login();
        String token = FakePlatform.sign(f.platformKey, FakePlatform.resourceLink(LtiFixture.nonce(redirect),
                f.clock.instant(), "user-17", Map.of("learnloop_course", course.id().value())).build());

        UserId first = f.tool.launch(token, redirect.state()).launch().learner();

        assertThatThrownBy(() -> other.tool.launch(token, redirect.state())).isInstanceOfSatisfying(LtiException.class,
                e -> assertThat(e.problem()).isEqualTo(LtiException.Problem.STATE_REPLAYED));
        assertThat(launch("user-17", null).launch().learner()).isEqualTo(first);
        assertThat(launch("user-18", null).launch().learner()).isNotEqualTo(first);
    }

    @Test
    void pruneLoginStates_whenStatesExpired_deletesOnlyThoseByTheirExpiryIndex() {
        f.login();
        f.login();
        f.clock.advance(Duration.ofMinutes(11));
        LoginRedirect live = f.login();

        assertThat(f.tool.pruneLoginStates(1)).isEqualTo(1);
        assertThat(f.tool.pruneLoginStates(100)).isEqualTo(1);
        assertThat(f.tool.pruneLoginStates(100)).isZero();
        String token = FakePlatform.sign(f.platformKey, FakePlatform.resourceLink(LtiFixture.nonce(live),
                f.clock.instant(), "user-17", Map.of("learnloop_course", course.id().value())).build());
        assertThat(f.tool.launch(token, live.state()).launch().subject()).isEqualTo("user-17");
    }

    @Test
    void launch_whenLearnersRaceForTheLastSeat_exactlyOneTakesIt() throws Exception {
        SeatLicence licence = licence(1);
        List<Callable<LaunchResult>> calls = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            LoginRedirect redirect = f.login();
            String token = f.token(redirect, "racer-" + i, course.id().value());
            calls.add(() -> f.tool.launch(token, redirect.state()));
        }

        long allowed = race(calls).stream().filter(LaunchResult::allowed).count();

        assertThat(allowed).isEqualTo(1);
        assertThat(f.tool.licence(licence.id()).orElseThrow().taken()).isEqualTo(1);
        assertThat(f.tool.licences(FakePlatform.ISSUER, FakePlatform.DEPLOYMENT_ID)).hasSize(1);
    }

    @Test
    void recordLicence_whenTheSameReferenceIsRecordedAtOnce_keepsOneLicence() throws Exception {
        List<Callable<String>> calls = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            calls.add(() -> licence(3).id());
        }

        List<String> ids = race(calls);

        assertThat(ids).containsOnly(ids.get(0));
        assertThat(f.tool.licences(FakePlatform.ISSUER, FakePlatform.DEPLOYMENT_ID)).singleElement()
                .satisfies(l -> assertThat(l.seats()).isEqualTo(3));
    }

    @Test
    void scorePost_whenCourseIsCompleted_isPostedOnceAndReadBackAsPosted() {
        licence(5);
        wm.stubFor(post(urlEqualTo(CREATED + "/scores")).willReturn(aResponse().withStatus(200)));
        UserId learner = launch("user-17", withLineItem()).launch().learner();

        completeCourse(learner);
        f.clock.advance(Duration.ofMinutes(5));
        f.learnloop.deliverEvents();

        wm.verify(1, postRequestedFor(urlEqualTo(CREATED + "/scores")));
        assertThat(f.tool.scoresOf(learner, 10)).singleElement()
                .satisfies(s -> assertThat(s.status()).isEqualTo(ScorePost.Status.POSTED));
    }

    @Test
    void scorePost_whenLearnersOfALinkWithoutColumnLaunchAndScoreAtOnceOnSeveralInstances_createOneColumn()
            throws Exception {
        licence(RACERS + 1);
        wm.stubFor(post(urlEqualTo(CONTAINER)).willReturn(aResponse().withStatus(201).withFixedDelay(500)
                .withHeader("Content-Type", "application/vnd.ims.lis.v2.lineitem+json")
                .withBody("{\"id\":\"" + f.platform.base() + CREATED + "\",\"scoreMaximum\":100,\"label\":\"x\"}")));
        wm.stubFor(post(urlEqualTo(CREATED + "/scores")).willReturn(aResponse().withStatus(200)));
        List<Callable<UserId>> launches = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            String subject = "racer-" + i;
            launches.add(() -> launch(subject, withContainerOnly()).launch().learner());
        }
        List<UserId> learners = race(launches);
        wm.verify(0, postRequestedFor(urlEqualTo(CONTAINER)));
        List<LtiFixture> instances = new ArrayList<>(List.of(f));
        while (instances.size() < RACERS) {
            instances.add(new LtiFixture(wm, store));
        }
        List<Callable<Void>> completions = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            LtiFixture instance = instances.get(i);
            UserId learner = learners.get(i);
            completions.add(() -> {
                completeCourse(instance, learner);
                return null;
            });
        }

        race(completions);
        // a delivery that found the column being created by another is handed out again once its lease ends
        for (LtiFixture instance : instances) {
            instance.clock.advance(Duration.ofMinutes(2));
            instance.learnloop.deliverEvents();
        }

        wm.verify(1, postRequestedFor(urlEqualTo(CONTAINER)));
        wm.verify(RACERS, postRequestedFor(urlEqualTo(CREATED + "/scores")));
        for (UserId learner : learners) {
            assertThat(f.tool.scoresOf(learner, 10)).singleElement()
                    .satisfies(s -> assertThat(s.status()).isEqualTo(ScorePost.Status.POSTED));
        }
    }
}
