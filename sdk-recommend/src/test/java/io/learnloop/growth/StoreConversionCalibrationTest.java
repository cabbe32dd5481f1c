package io.learnloop.growth;

import io.learnloop.core.testing.Staff;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.money.Money;
import io.learnloop.recommend.StorePlatform;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the core services like a platform whose catalogue grows while free learners convert at the model's
 * conversion law, base rate times recommendation and price effects times catalogue quality {@code K / (K + half)},
 * and calibrates the conversion rate and the catalogue half-saturation from the store.
 */
class StoreConversionCalibrationTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration MONTH = Duration.ofSeconds(Math.round(30.4375 * 86_400));
    private static final int LESSONS = 2;
    private static final int DAYS = 150;
    private static final int PERIOD_DAYS = 15;
    private static final int FIRST_COURSES = 2;
    private static final int LAST_COURSES = 200;

    // the truth the simulated platform runs with
    private static final double CONVERSION = 0.05;
    private static final double HALF = 25;
    private static final double FREE_CHURN = 0.01;
    private static final double ARRIVALS = 250;
    private static final double PRICE = 30;

    /**
     * The platform's parameters: the defaults with the conversion law's own values. It runs at a single price, so
     * the price effect is 1 and the elasticity is set to 0 (the observations cannot tell any elasticity apart).
     */
    private static final Parameters TRUTH = Parameters.defaults()
            .with(Parameter.CONVERSION_RATE, CONVERSION).with(Parameter.CATALOGUE_HALF_SATURATION, HALF)
            .with(Parameter.FREE_CHURN_RATE, FREE_CHURN).with(Parameter.PRICE, PRICE)
            .with(Parameter.PRICE_ELASTICITY, 0);

    /** The conversion hazard per free learner-day with {@code catalogue} courses, exactly as the model writes it. */
    private static double conversionHazard(double catalogue) {
        double effects = (1 + TRUTH.get(Parameter.RECOMMENDATION_LIFT) * TRUTH.get(Parameter.RECOMMENDATION_QUALITY))
                * Math.pow(TRUTH.get(Parameter.PRICE) / TRUTH.get(Parameter.REFERENCE_PRICE),
                -TRUTH.get(Parameter.PRICE_ELASTICITY));
        return TRUTH.get(Parameter.CONVERSION_RATE) * effects * catalogue / (catalogue + TRUTH.get(Parameter.CATALOGUE_HALF_SATURATION));
    }

    /** One simulated platform: learners sign up free, then pay one month or leave. */
    private static final class Simulation {
        private final StorePlatform platform = new StorePlatform(T0.minus(Duration.ofDays(1)));
        private final EventSimulator time = new EventSimulator(20260202, platform);
        private final Actor creator = Actor.of("creator", Role.CREATOR);
        private final List<Course> courses = new ArrayList<>();
        private final List<StoreObservations.Member> members = new ArrayList<>();
        private final List<Learner> free = new ArrayList<>();
        private final Map<Instant, Money> spend = new java.util.LinkedHashMap<>();
        private final Instant end = T0.plus(Duration.ofDays(DAYS));
        private LessonId preview;
        private Offer plan;
        private long orders;
        private long conversions;
        private double hazard;
        private Instant dayEnd;

        private static final class Learner {
            final Actor actor;
            Instant churnAt;
            boolean converted;

            Learner(Actor actor) {
                this.actor = actor;
            }
        }

        void run() {
            publishUpTo(FIRST_COURSES);
            preview = courses.get(0).published().lessons().get(0).id();
            plan = platform.monthlyPlan(Math.round(PRICE * 100), courses.stream().map(Course::id).toList(), List.of());
            List<EventSimulator.Process> arrivals = List.of(new EventSimulator.Process(() -> ARRIVALS, this::arrive));
            time.moveTo(T0);
            for (int day = 0; day < DAYS; day++) {
                Instant dayStart = T0.plus(Duration.ofDays(day));
                dayEnd = dayStart.plus(Duration.ofDays(1));
                spend.put(dayStart, Money.ofMinor(Math.round(ARRIVALS * 40 * 100), "CNY"));
                // the day's new courses go out first, so the catalogue is constant over the rest of the day
                platform.moveTo(dayStart.plus(Duration.ofMinutes(1)));
                publishUpTo((int) Math.round(FIRST_COURSES * Math.pow((double) LAST_COURSES / FIRST_COURSES, (day + 1.0) / DAYS)));
                hazard = conversionHazard(courses.size());
                free.removeIf(l -> l.converted || !l.churnAt.isAfter(dayStart));
                for (Learner l : free) {
                    scheduleConversion(l, dayStart);
                }
                time.runUntil(dayEnd, arrivals);
            }
            // whoever is still free at the end was seen on the last day
            platform.moveTo(end.minus(Duration.ofMinutes(1)));
            for (Learner l : free) {
                if (!l.converted && !l.churnAt.isBefore(end)) {
                    platform.learnloop().progress().openArticle(l.actor.id(), preview);
                }
            }
        }

        private void publishUpTo(int size) {
            while (courses.size() < size) {
                int i = courses.size();
                courses.add(platform.publish(creator, "Course " + i, "topic-" + (i % 4), LESSONS));
            }
        }

        private void arrive() {
            Instant at = time.now();
            Learner l = new Learner(Actor.learner("f" + members.size()));
            members.add(new StoreObservations.Member(l.actor.id(), at, null));
            l.churnAt = at.plus(time.exponential(FREE_CHURN));
            platform.learnloop().progress().openArticle(l.actor.id(), preview);
            // the store dates a free learner's leaving to the midnight after their last visit: a last visit half a
            // day before the true time makes that date unbiased
            Instant lastVisit = l.churnAt.minus(Duration.ofHours(12));
            if (l.churnAt.isBefore(end) && lastVisit.isAfter(at)) {
                time.at(lastVisit, () -> {
                    if (!l.converted) {
                        platform.learnloop().progress().openArticle(l.actor.id(), preview);
                    }
                });
            }
            free.add(l);
            scheduleConversion(l, at);
        }

        /** Draws the time to conversion at this day's constant hazard; converts if it comes before the day ends. */
        private void scheduleConversion(Learner l, Instant from) {
            Instant at = from.plus(time.exponential(hazard));
            if (at.isBefore(dayEnd) && at.isBefore(l.churnAt)) {
                time.at(at, () -> convert(l));
            }
        }

        private void convert(Learner l) {
            if (!l.converted) {
                platform.payMembership(l.actor, "o" + orders++, plan, MONTH);
                l.converted = true;
                conversions++;
            }
        }
    }

    @Test
    void fit_whenCatalogueGrowsAndLearnersConvertAtTheModelsLaw_recoversConversionAndHalfSaturationWithin5Percent() {
        Simulation sim = new Simulation();
        sim.run();
        Observations obs = StoreObservations.builder(sim.platform.learnloop(), Staff.FINANCE, 1_000_000)
                .members(sim.members)
                .advertSpend(sim.spend)
                .inactiveAfter(Duration.ofSeconds(1))
                .build()
                .observe(T0, Duration.ofDays(PERIOD_DAYS), DAYS / PERIOD_DAYS);
        CalibrationResult fit = Calibration.fit(obs, TRUTH.with(Parameter.CONVERSION_RATE, 0.012)
                .with(Parameter.CATALOGUE_HALF_SATURATION, 200));

        assertThat(obs.periods().get(0).avgCatalogue()).as("the catalogue grows").isLessThan(HALF);
        assertThat(obs.periods().get(obs.periods().size() - 1).avgCatalogue()).isGreaterThan(5 * HALF);
        Map<Parameter, Double> truth = Map.of(Parameter.CONVERSION_RATE, CONVERSION,
                Parameter.CATALOGUE_HALF_SATURATION, HALF, Parameter.FREE_CHURN_RATE, FREE_CHURN);
        truth.forEach((p, expected) -> assertThat(fit.estimate(p).value()).as("%s (true %s)", p.key(), expected)
                .isBetween(expected * 0.95, expected * 1.05));
    }
}
