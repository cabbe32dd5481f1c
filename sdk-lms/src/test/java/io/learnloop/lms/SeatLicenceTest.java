package io.learnloop.lms;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.learnloop.core.access.AccessReason;
import io.learnloop.core.access.Grant;
import io.learnloop.core.access.GrantRequest;
import io.learnloop.core.access.GrantSource;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.error.NotFoundException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.testing.Catalogue;
import io.learnloop.core.testing.Staff;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeatLicenceTest {
    private static final Actor CREATOR = Actor.of("creator-1", Role.CREATOR);

    private final WireMockServer wm = new WireMockServer(options().dynamicPort());
    private LtiFixture f;
    private CourseId course;

    @BeforeEach
    void start() {
        wm.start();
        f = new LtiFixture(wm);
        course = Catalogue.publishedId(f.learnloop, CREATOR, "Statistics 101");
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    private SeatLicence licence(int seats) {
        return f.tool.recordLicence(Staff.ADMIN, new LicenceRequest(FakePlatform.ISSUER, FakePlatform.DEPLOYMENT_ID,
                List.of(course), seats, f.clock.instant(), f.clock.instant().plus(Duration.ofDays(365)), "PO-2026-17"));
    }

    private LaunchResult launchAs(String subject) {
        LoginRedirect redirect = f.login();
        return f.tool.launch(f.token(redirect, subject, course.value()), redirect.state());
    }

    @Test
    void launch_whenLicenceHasAFreeSeat_takesItAsAGrantInTheAccessLedger() {
        SeatLicence licence = licence(2);

        LaunchResult result = launchAs("user-1");

        assertThat(result.allowed()).isTrue();
        assertThat(result.decision().reason()).isEqualTo(AccessReason.GRANTED);
        Grant seat = result.seat();
        assertThat(seat.source()).isEqualTo(GrantSource.MANUAL);
        assertThat(seat.reference()).isEqualTo(licence.grantReference());
        assertThat(seat.grantedBy()).isEqualTo(Staff.ADMIN.id());
        assertThat(seat.courses()).containsExactly(course);
        assertThat(seat.endsAt()).isEqualTo(licence.endsAt());
        assertThat(f.learnloop.access().grantsOf(result.launch().learner())).containsExactly(seat);
        assertThat(f.tool.licence(licence.id()).orElseThrow().taken()).isEqualTo(1);
    }

    @Test
    void launch_whenTheSameLearnerLaunchesAgain_takesNoSecondSeat() {
        SeatLicence licence = licence(2);
        Grant first = launchAs("user-1").seat();

        LaunchResult again = launchAs("user-1");

        assertThat(again.allowed()).isTrue();
        assertThat(again.seat()).isEqualTo(first);
        assertThat(f.tool.licence(licence.id()).orElseThrow().taken()).isEqualTo(1);
        assertThat(f.learnloop.access().grantsOf(again.launch().learner())).hasSize(1);
    }

    @Test
    void launch_whenEverySeatIsTaken_isNotEntitledAndGrantsNothing() {
        SeatLicence licence = licence(1);
        launchAs("user-1");

        LaunchResult late = launchAs("user-2");

        assertThat(late.allowed()).isFalse();
        assertThat(late.decision().reason()).isEqualTo(AccessReason.NOT_ENTITLED);
        assertThat(late.seat()).isNull();
        assertThat(f.learnloop.access().grantsOf(late.launch().learner())).isEmpty();
        assertThat(f.tool.licence(licence.id()).orElseThrow().taken()).isEqualTo(1);
    }

    @Test
    void launch_whenLearnerHoldsTheirOwnGrant_takesNoSeat() {
        SeatLicence licence = licence(1);
        LaunchResult first = launchAs("user-1");
        f.learnloop.access().grant(Staff.ADMIN, GrantRequest.manual(launchAs("user-2").launch().learner(),
                List.of(course), "own-purchase-1", f.clock.instant(), null));
        assertThat(f.tool.licence(licence.id()).orElseThrow().taken()).isEqualTo(1);
        assertThat(first.seat()).isNotNull();

        LaunchResult own = launchAs("user-2");

        assertThat(own.allowed()).isTrue();
        assertThat(own.seat()).isNull();
        assertThat(f.tool.licence(licence.id()).orElseThrow().taken()).isEqualTo(1);
    }

    @Test
    void launch_whenLearnersRaceForTheLastSeat_exactlyOneTakesIt() throws Exception {
        SeatLicence licence = licence(1);
        List<String> tokens = new java.util.ArrayList<>();
        List<String> states = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            LoginRedirect redirect = f.login();
            tokens.add(f.token(redirect, "racer-" + i, course.value()));
            states.add(redirect.state());
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<LaunchResult>> results = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int n = i;
            results.add(pool.submit(() -> {
                go.await();
                return f.tool.launch(tokens.get(n), states.get(n));
            }));
        }
        go.countDown();
        int allowed = 0;
        for (java.util.concurrent.Future<LaunchResult> r : results) {
            allowed += r.get(60, java.util.concurrent.TimeUnit.SECONDS).allowed() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(allowed).isEqualTo(1);
        assertThat(f.tool.licence(licence.id()).orElseThrow().taken()).isEqualTo(1);
    }

    @Test
    void launch_whenUserIsAnInstructor_takesNoSeat() {
        SeatLicence licence = licence(5);
        LoginRedirect redirect = f.login();
        String token = FakePlatform.sign(f.platformKey, FakePlatform.resourceLink(LtiFixture.nonce(redirect),
                        f.clock.instant(), "teacher-1", Map.of("learnloop_course", course.value()))
                .claim("https://purl.imsglobal.org/spec/lti/claim/roles", List.of(LtiLaunch.INSTRUCTOR_ROLE)).build());

        LaunchResult result = f.tool.launch(token, redirect.state());

        assertThat(result.allowed()).isFalse();
        assertThat(f.tool.licence(licence.id()).orElseThrow().taken()).isZero();
    }

    @Test
    void launch_whenLicenceHasEnded_takesNoSeat() {
        SeatLicence licence = licence(5);
        f.clock.advance(Duration.ofDays(366));

        LaunchResult result = launchAs("user-1");

        assertThat(result.allowed()).isFalse();
        assertThat(f.tool.licence(licence.id()).orElseThrow().taken()).isZero();
    }

    @Test
    void launch_whenSeatIsTaken_announcesItOnce() {
        licence(3);
        launchAs("user-1");
        launchAs("user-1");

        assertThat(f.events).filteredOn(e -> e.type().equals("lti.seat_taken")).hasSize(1)
                .first().satisfies(e -> assertThat(e.data()).containsEntry("taken", "1"));
    }

    @Test
    void recordLicence_whenRecordedTwice_returnsTheSameLicence() {
        assertThat(licence(2)).isEqualTo(licence(2));
    }

    @Test
    void recordLicence_whenActorIsNotAdminOrInputIsBad_refusesWithTypedErrors() {
        LicenceRequest request = new LicenceRequest(FakePlatform.ISSUER, FakePlatform.DEPLOYMENT_ID, List.of(course),
                1, f.clock.instant(), null, "PO-1");
        assertThatThrownBy(() -> f.tool.recordLicence(CREATOR, request)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> f.tool.recordLicence(Staff.ADMIN, new LicenceRequest(FakePlatform.ISSUER,
                "deployment-9", List.of(course), 1, f.clock.instant(), null, "PO-1")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("deployment-9");
        assertThatThrownBy(() -> f.tool.recordLicence(Staff.ADMIN, new LicenceRequest(FakePlatform.ISSUER,
                FakePlatform.DEPLOYMENT_ID, List.of(CourseId.of("missing")), 1, f.clock.instant(), null, "PO-1")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> new LicenceRequest(FakePlatform.ISSUER, FakePlatform.DEPLOYMENT_ID, List.of(), 0,
                null, null, "")).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.violations()).extracting(v -> v.field())
                        .contains("courses", "seats", "startsAt", "reference"));
        assertThat(f.tool.licences(FakePlatform.ISSUER, FakePlatform.DEPLOYMENT_ID)).isEmpty();
    }

    @Test
    void launch_fromAnotherDeployment_takesNoSeat() {
        licence(3);
        f.tool.registerDeployment(Staff.ADMIN, FakePlatform.ISSUER, FakePlatform.CLIENT_ID, "deployment-2");
        LoginRedirect redirect = f.tool.initiateLogin(new LoginInitiation(FakePlatform.ISSUER, "h",
                LtiFixture.REDIRECT_URI, null, FakePlatform.CLIENT_ID, "deployment-2"));
        String token = FakePlatform.sign(f.platformKey, FakePlatform.resourceLink(LtiFixture.nonce(redirect),
                        f.clock.instant(), "user-1", Map.of("learnloop_course", course.value()))
                .claim("https://purl.imsglobal.org/spec/lti/claim/deployment_id", "deployment-2").build());

        assertThat(f.tool.launch(token, redirect.state()).allowed()).isFalse();
    }
}
