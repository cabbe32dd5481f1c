package io.learnloop.growth;

import io.learnloop.core.testing.Staff;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.money.Money;
import io.learnloop.core.review.ReviewDraft;
import io.learnloop.recommend.StorePlatform;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Drives the core services the way a platform run by known growth-model rates would, into an in-memory store, and
 * calibrates from that store through {@link StoreObservations}.
 */
class StoreCalibrationTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration MONTH = Duration.ofSeconds(Math.round(30.4375 * 86_400));
    private static final int LESSONS = 4;
    private static final int COURSES = 16;
    private static final int DAYS = 120;

    // the truth the simulated platform runs with
    private static final double FREE_CHURN = 0.02;
    private static final double CONVERSION = 0.01;
    private static final double EFFICIENCY = 0.08;
    private static final double REVIEW = 0.6;
    private static final double PRICE = 25.0;
    private static final double RENEWAL = 0.85;
    private static final double ARRIVALS = 25;
    private static final double CAC = 40.0;

    /** One simulated platform: learners are free, then paying members, then lapsed. */
    private static final class Simulation {
        private final StorePlatform platform = new StorePlatform(T0.minus(Duration.ofDays(70)));
        private final EventSimulator time = new EventSimulator(20260101, platform);
        private final SplittableRandom random = time.random();
        private final Actor creator = Actor.of("creator", Role.CREATOR);
        private final List<Course> courses = new ArrayList<>();
        private final List<StoreObservations.Member> members = new ArrayList<>();
        private final List<Learner> free = new ArrayList<>();
        private final Map<Instant, Money> spend = new java.util.LinkedHashMap<>();
        private Offer plan;
        private long orders;

        private static final class Learner {
            final Actor actor;
            Instant churnAt;
            Instant convertAt;
            Instant paidUntil;
            int completed;

            Learner(Actor actor) {
                this.actor = actor;
            }
        }

        void run() {
            for (int i = 0; i < COURSES; i++) {
                courses.add(platform.publish(creator, "Course " + i, "topic-" + (i % 4), LESSONS));
            }
            plan = platform.monthlyPlan(Math.round(PRICE * 100), courses.stream().map(Course::id).toList(), List.of());
            // start near the steady state, so that what is paid inside the window matches the time it pays for
            double freeLevel = ARRIVALS / (FREE_CHURN + CONVERSION);
            double payingLevel = CONVERSION * freeLevel * 30.4375 / (1 - RENEWAL);
            Instant warm = T0.minus(MONTH);
            List<Instant> payingStarts = new ArrayList<>();
            for (int i = 0; i < Math.round(payingLevel); i++) {
                payingStarts.add(warm.plus(EventSimulator.days(random.nextDouble() * MONTH.toMillis() / 86_400_000.0)));
            }
            payingStarts.sort(null);
            for (Instant start : payingStarts) {
                time.drainUntil(start);
                time.moveTo(start);
                becomePaying(join("p"));
            }
            Instant open = T0.minus(Duration.ofHours(2));
            time.drainUntil(open);
            time.moveTo(open);
            for (int i = 0; i < Math.round(freeLevel); i++) {
                arriveFree(join("f"));
            }
            List<EventSimulator.Process> adverts = List.of(new EventSimulator.Process(() -> ARRIVALS, () -> arriveFree(join("f"))));
            time.drainUntil(T0);
            time.moveTo(T0);
            for (int day = 0; day < DAYS; day++) {
                Instant dayStart = T0.plus(Duration.ofDays(day));
                // every day's adverts bring, on average, spend / CAC sign-ups
                spend.put(dayStart, Money.ofMinor(Math.round(ARRIVALS * CAC * 100), "CNY"));
                // everyone still free shows up once a day; those whose time came before are gone or paying
                platform.moveTo(dayStart.plus(Duration.ofMinutes(30)));
                Instant now = platform.now();
                free.removeIf(l -> l.churnAt.isBefore(now) || l.convertAt.isBefore(now));
                for (Learner l : free) {
                    platform.learnloop().progress().openArticle(l.actor.id(), courses.get(0).published().lessons().get(0).id());
                }
                time.runUntil(dayStart.plus(Duration.ofDays(1)), adverts);
            }
        }

        /** Signs a learner up; the host's record keeps the intended time (the clock may run a few minutes late). */
        private Learner join(String prefix) {
            Learner l = new Learner(Actor.learner(prefix + members.size()));
            members.add(new StoreObservations.Member(l.actor.id(), time.now(), null));
            return l;
        }

        private void arriveFree(Learner l) {
            Instant now = platform.now();
            l.churnAt = now.plus(time.exponential(FREE_CHURN));
            l.convertAt = now.plus(time.exponential(CONVERSION));
            platform.learnloop().progress().openArticle(l.actor.id(), courses.get(0).published().lessons().get(0).id());
            if (l.convertAt.isBefore(l.churnAt)) {
                time.at(l.convertAt, () -> becomePaying(l));
            }
            free.add(l);
        }

        private void becomePaying(Learner l) {
            platform.payMembership(l.actor, "o" + orders++, plan, MONTH);
            l.paidUntil = platform.now().plus(MONTH);
            time.at(l.paidUntil, () -> renew(l));
            scheduleCompletions(l, platform.now());
        }

        private void renew(Learner l) {
            if (random.nextDouble() < RENEWAL) {
                platform.payMembership(l.actor, "o" + orders++, plan, MONTH);
                Instant from = l.paidUntil;
                l.paidUntil = l.paidUntil.plus(MONTH);
                time.at(l.paidUntil, () -> renew(l));
                scheduleCompletions(l, from);
            }
        }

        private void scheduleCompletions(Learner l, Instant from) {
            double rate = EFFICIENCY / LESSONS;
            time.poisson(rate, from, l.paidUntil, () -> complete(l));
        }

        private void complete(Learner l) {
            if (l.completed == COURSES) {
                throw new IllegalStateException("the catalogue is too small for the simulated learning rate");
            }
            Course course = courses.get(l.completed++);
            platform.completeCourse(l.actor, course);
            if (random.nextDouble() < REVIEW) {
                platform.learnloop().reviews().submit(l.actor.id(), course.id(), new ReviewDraft(5, "Good", "Learned a lot"));
            }
        }
    }

    @Test
    void fit_whenStoreFilledByPlatformWithKnownRates_recoversThemWithin5Percent() {
        Simulation sim = new Simulation();
        sim.run();
        Observations obs = StoreObservations.builder(sim.platform.learnloop(), Staff.FINANCE, 1_000_000)
                .members(sim.members)
                .advertSpend(sim.spend)
                .inactiveAfter(Duration.ofSeconds(1))
                .build()
                .observe(T0, Duration.ofDays(30), DAYS / 30);
        CalibrationResult fit = Calibration.fit(obs, Parameters.defaults());

        Map<Parameter, Double> truth = Map.of(Parameter.FREE_CHURN_RATE, FREE_CHURN,
                Parameter.LEARNING_EFFICIENCY, EFFICIENCY, Parameter.REVIEW_RATE, REVIEW, Parameter.PRICE, PRICE,
                Parameter.PAID_CAC, CAC,
                Parameter.LESSONS_PER_COURSE, (double) LESSONS);
        truth.forEach((p, expected) -> assertThat(fit.estimate(p).value()).as("%s (true %s)", p.key(), expected)
                .isBetween(expected * 0.95, expected * 1.05));
        assertThat(fit.estimate(Parameter.CONVERSION_RATE).value()).as("a rate per day").isBetween(0.0, 1.0);
        // the catalogue never changes size here, so its half-saturation is held at its prior
        assertThat(fit.heldAtPrior()).contains(Parameter.CATALOGUE_HALF_SATURATION);
    }

    @Test
    void builder_whenInputInvalid_namesTheField() {
        StorePlatform p = new StorePlatform(T0);
        var builder = StoreObservations.builder(p.learnloop(), Staff.FINANCE, 0)
                .members(List.of(new StoreObservations.Member(Actor.learner("a").id(), T0, null)));
        assertThatThrownBy(builder::build)
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields()).containsExactly("market"));
        var member = new StoreObservations.Member(Actor.learner("a").id(), T0, null);
        assertThatThrownBy(() -> StoreObservations.builder(p.learnloop(), Staff.FINANCE, 10).members(List.of(member, member)).build())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields()).containsExactly("members"));
        assertThatThrownBy(() -> StoreObservations.builder(p.learnloop(), Staff.FINANCE, 10).build().observe(T0, Duration.ofHours(5), 1))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields()).containsExactly("period"));
    }
}
