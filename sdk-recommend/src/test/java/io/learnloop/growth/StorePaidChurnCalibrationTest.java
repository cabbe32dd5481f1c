package io.learnloop.growth;

import io.learnloop.core.testing.Staff;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.recommend.StorePlatform;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the core services like a platform whose members renew each term with the survival the model's paid churn
 * law gives, base churn reduced by the completion renewal effect (held at its prior), and calibrates the base paid
 * churn rate from the store's paying cohorts.
 */
class StorePaidChurnCalibrationTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    /** Membership terms as long as the observed periods, so each cohort step spans exactly one renewal. */
    private static final Duration TERM = Duration.ofDays(30);
    private static final int PERIODS = 7;
    private static final int LESSONS = 2;
    private static final int COURSES = 24;
    private static final int LEARNERS = 4000;

    // the truth the simulated platform runs with
    private static final double PAID_CHURN = 0.01;
    private static final double EFFICIENCY = 0.04;
    private static final double SIGN_UP_TO_PAY = 0.5;
    private static final Parameters TRUTH = Parameters.defaults()
            .with(Parameter.PAID_CHURN_RATE, PAID_CHURN).with(Parameter.LEARNING_EFFICIENCY, EFFICIENCY)
            .with(Parameter.LESSONS_PER_COURSE, LESSONS).with(Parameter.MARKET_EXIT_RATE, 0);

    /**
     * The model's effective paid churn per day: the base rate less the renewals that completing a course brings,
     * {@code base * (1 - completionRenewalEffect * phi / (phi + base))} with {@code phi} completions per payer-day.
     */
    private static double effectiveChurn() {
        double base = TRUTH.get(Parameter.PAID_CHURN_RATE);
        double phi = TRUTH.get(Parameter.LEARNING_EFFICIENCY) / TRUTH.get(Parameter.LESSONS_PER_COURSE);
        return base * (1 - TRUTH.get(Parameter.COMPLETION_RENEWAL_EFFECT) * phi / (phi + base));
    }

    /** One simulated platform: learners sign up, pay within days, then renew each term or lapse. */
    private static final class Simulation {
        private final StorePlatform platform = new StorePlatform(T0.minus(Duration.ofDays(1)));
        private final EventSimulator time = new EventSimulator(20260303, platform);
        private final SplittableRandom random = time.random();
        private final Actor creator = Actor.of("creator", Role.CREATOR);
        private final List<Course> courses = new ArrayList<>();
        private final List<StoreObservations.Member> members = new ArrayList<>();
        private final Instant end = T0.plus(TERM.multipliedBy(PERIODS));
        private final double renewal = Math.exp(-effectiveChurn() * TERM.toDays());
        private Offer plan;
        private long orders;

        private static final class Learner {
            final Actor actor;
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
            plan = platform.monthlyPlan(3_000, courses.stream().map(Course::id).toList(), List.of());
            for (int i = 0; i < LEARNERS; i++) {
                Learner l = new Learner(Actor.learner("m" + i));
                time.at(T0.plus(EventSimulator.days(random.nextDouble() * TERM.toDays())), () -> join(l));
            }
            time.drainUntil(end);
        }

        private void join(Learner l) {
            members.add(new StoreObservations.Member(l.actor.id(), time.now(), null));
            platform.learnloop().progress().openArticle(l.actor.id(), courses.get(0).published().lessons().get(0).id());
            // the store's clock may run a few minutes late after articles; the term starts when the store records it
            time.at(time.now().plus(time.exponential(SIGN_UP_TO_PAY)), () -> pay(l, platform.now()));
        }

        private void renew(Learner l) {
            if (random.nextDouble() < renewal) {
                pay(l, l.paidUntil);
            }
        }

        private void pay(Learner l, Instant from) {
            platform.payMembership(l.actor, "o" + orders++, plan, TERM);
            l.paidUntil = from.plus(TERM);
            time.at(l.paidUntil, () -> renew(l));
            double rate = EFFICIENCY / LESSONS;
            time.poisson(rate, from, l.paidUntil, () -> complete(l));
        }

        private void complete(Learner l) {
            if (l.completed == COURSES) {
                throw new IllegalStateException("the catalogue is too small for the simulated learning rate");
            }
            Course course = courses.get(l.completed++);
            platform.completeCourse(l.actor, course);
        }
    }

    @Test
    void fit_whenMembersRenewAtTheModelsChurnLaw_recoversBasePaidChurnWithin5Percent() {
        Simulation sim = new Simulation();
        sim.run();
        Observations obs = StoreObservations.builder(sim.platform.learnloop(), Staff.FINANCE, 1_000_000)
                .members(sim.members)
                .inactiveAfter(Duration.ofSeconds(1))
                .build()
                .observe(T0, TERM, PERIODS);
        CalibrationResult fit = Calibration.fit(obs, TRUTH.with(Parameter.PAID_CHURN_RATE, 0.004));

        assertThat(obs.cohorts().get(0).stillPaying()).as("the first cohort is followed over several renewals").hasSize(PERIODS - 1);
        assertThat(fit.estimate(Parameter.PAID_CHURN_RATE).value()).as("paidChurnRate (true %s)", PAID_CHURN)
                .isBetween(PAID_CHURN * 0.95, PAID_CHURN * 1.05);
        assertThat(fit.estimate(Parameter.LEARNING_EFFICIENCY).value()).as("learningEfficiency (true %s)", EFFICIENCY)
                .isBetween(EFFICIENCY * 0.95, EFFICIENCY * 1.05);
    }
}
