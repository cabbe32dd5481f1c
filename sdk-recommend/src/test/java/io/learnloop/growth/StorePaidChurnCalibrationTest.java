package io.learnloop.growth;

import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.commerce.MembershipPeriod;
import io.learnloop.core.commerce.MembershipTerms;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.commerce.OfferDraft;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.money.Money;
import io.learnloop.recommend.StorePlatform;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
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
        private final SplittableRandom random = new SplittableRandom(20260303);
        private final StorePlatform platform = new StorePlatform(T0.minus(Duration.ofDays(1)));
        private final Actor creator = Actor.of("creator", Role.CREATOR);
        private final List<Course> courses = new ArrayList<>();
        private final List<StoreObservations.Member> members = new ArrayList<>();
        private final PriorityQueue<Event> queue = new PriorityQueue<>();
        private final Instant end = T0.plus(TERM.multipliedBy(PERIODS));
        private final double renewal = Math.exp(-effectiveChurn() * TERM.toDays());
        private Offer plan;
        private long orders;

        private record Event(Instant at, Learner who, Kind kind) implements Comparable<Event> {
            @Override
            public int compareTo(Event o) {
                return at.compareTo(o.at);
            }
        }

        private enum Kind { JOIN, PAY, RENEW, COMPLETE }

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
            List<CourseId> ids = courses.stream().map(Course::id).toList();
            plan = platform.learnloop().commerce().createOffer(Actor.of("admin", Role.ADMIN),
                    OfferDraft.membership("All access", Money.ofMinor(3000, "CNY"),
                            new MembershipTerms(MembershipPeriod.MONTH, 0, ids, List.of())));
            for (int i = 0; i < LEARNERS; i++) {
                Instant at = T0.plus(seconds(random.nextDouble() * TERM.getSeconds()));
                queue.add(new Event(at, new Learner(Actor.learner("m" + i)), Kind.JOIN));
            }
            while (!queue.isEmpty() && queue.peek().at.isBefore(end)) {
                Event e = queue.poll();
                platform.moveTo(e.at);
                handle(e);
            }
        }

        private void handle(Event e) {
            Learner l = e.who;
            switch (e.kind) {
                case JOIN -> {
                    members.add(new StoreObservations.Member(l.actor.id(), e.at, null));
                    platform.learnloop().progress().openArticle(l.actor.id(), courses.get(0).published().lessons().get(0).id());
                    queue.add(new Event(e.at.plus(seconds(exp(SIGN_UP_TO_PAY) * 86_400)), l, Kind.PAY));
                }
                case PAY -> pay(l, platform.now());
                case RENEW -> {
                    if (random.nextDouble() < renewal) {
                        pay(l, l.paidUntil);
                    }
                }
                case COMPLETE -> complete(l);
                default -> throw new IllegalStateException(e.kind.name());
            }
        }

        private void pay(Learner l, Instant from) {
            platform.payMembership(l.actor, "o" + orders++, plan, TERM);
            l.paidUntil = from.plus(TERM);
            queue.add(new Event(l.paidUntil, l, Kind.RENEW));
            double rate = EFFICIENCY / LESSONS;
            for (double s = exp(rate) * 86_400; from.plus(seconds(s)).isBefore(l.paidUntil); s += exp(rate) * 86_400) {
                queue.add(new Event(from.plus(seconds(s)), l, Kind.COMPLETE));
            }
        }

        private void complete(Learner l) {
            if (l.completed == COURSES) {
                throw new IllegalStateException("the catalogue is too small for the simulated learning rate");
            }
            Course course = courses.get(l.completed++);
            platform.completeCourse(l.actor, course);
        }

        private double exp(double rate) {
            return -Math.log(1 - random.nextDouble()) / rate;
        }

        private static Duration seconds(double s) {
            return Duration.ofMillis(Math.round(s * 1000));
        }
    }

    @Test
    void fit_whenMembersRenewAtTheModelsChurnLaw_recoversBasePaidChurnWithin5Percent() {
        Simulation sim = new Simulation();
        sim.run();
        Observations obs = StoreObservations.builder(sim.platform.learnloop(), 1_000_000)
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
