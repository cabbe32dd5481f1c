package io.learnloop.growth;

import io.learnloop.core.testing.Staff;
import io.learnloop.core.testing.TrustedLedger;
import io.learnloop.core.Learnloop;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.ledger.CreatorShare;
import io.learnloop.core.ledger.LineParties;
import io.learnloop.core.ledger.PaymentPosting;
import io.learnloop.core.ledger.RevenuePolicy;
import io.learnloop.recommend.StorePlatform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the core services like a platform whose creator side follows the model: paying learners become creators
 * (publishing their first course) at a rate pulled by creator earnings, creators publish at the production rate,
 * courses are archived at the retirement rate, lapsed members come back at the win-back rate raised by the live
 * community, and everyone active writes posts. Every membership payment is shared through the revenue ledger.
 * Calibrates from the store and checks those rates.
 */
class StoreCreatorCalibrationTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration TERM = Duration.ofDays(30);
    private static final int WARM_UP_DAYS = 30;
    private static final int PERIODS = 6;
    private static final long PRICE_MINOR = 10_000;
    private static final String CNY = "CNY";
    private static final String CATEGORY = "craft";

    // the truth the simulated platform runs with
    private static final double JOIN = 0.01;
    private static final double PRODUCTION = 0.04;
    private static final double RETIREMENT = 0.01;
    private static final double WINBACK = 0.04;
    private static final double POST_RATE = 0.05;
    private static final double PAID_CHURN = 0.02;
    private static final double PLATFORM_FEE = 0.3;
    private static final double ADVERT_SIGN_UPS = 40;
    private static final double CONVERSION = 0.05;
    private static final double FREE_CHURN = 0.02;
    private static final Parameters TRUTH = Parameters.defaults()
            .with(Parameter.CREATOR_JOIN_RATE, JOIN).with(Parameter.PRODUCTION_RATE, PRODUCTION)
            .with(Parameter.CATALOGUE_RETIREMENT_RATE, RETIREMENT).with(Parameter.WINBACK_RATE, WINBACK)
            .with(Parameter.POST_RATE, POST_RATE).with(Parameter.CREATOR_REVENUE_SHARE, 1 - PLATFORM_FEE)
            .with(Parameter.CREATOR_RESERVATION_EARNINGS, 20).with(Parameter.COMMUNITY_HALF_SATURATION, 1_000)
            .with(Parameter.PAID_CHURN_RATE, PAID_CHURN).with(Parameter.MARKET_EXIT_RATE, 0);

    private static Simulation sim;
    private static CalibrationResult fit;

    @BeforeAll
    static void simulateAndFit() {
        sim = new Simulation();
        sim.run();
        Observations obs = StoreObservations.builder(sim.platform.learnloop(), Staff.FINANCE, 1_000_000)
                .members(sim.members)
                .communityPosts(sim.posts)
                .inactiveAfter(Duration.ofSeconds(1))
                .build()
                .observe(T0, TERM, PERIODS);
        // every rate under test starts from a prior far from the truth, so a value merely copied would fail
        Parameters priors = TRUTH;
        for (Parameter p : List.of(Parameter.CREATOR_JOIN_RATE, Parameter.PRODUCTION_RATE,
                Parameter.CATALOGUE_RETIREMENT_RATE, Parameter.WINBACK_RATE, Parameter.POST_RATE,
                Parameter.CREATOR_REVENUE_SHARE)) {
            priors = priors.with(p, TRUTH.get(p) / 3);
        }
        fit = Calibration.fit(obs, priors);
    }

    @Test
    void fit_whenPayingLearnersBecomeCreatorsAtTheModelsLaw_recoversTheJoinRateWithin5Percent() {
        assertThat(sim.joins).as("enough new creators for a 5%% test").isGreaterThan(3_000);
        assertWithin5Percent(Parameter.CREATOR_JOIN_RATE);
        assertWithin5Percent(Parameter.CREATOR_REVENUE_SHARE);
    }

    @Test
    void fit_whenCreatorsPublishAndCoursesRetire_recoversProductionAndRetirementWithin5Percent() {
        assertThat(sim.retirements).as("enough retirements for a 5%% test").isGreaterThan(4_000);
        assertWithin5Percent(Parameter.PRODUCTION_RATE);
        assertWithin5Percent(Parameter.CATALOGUE_RETIREMENT_RATE);
    }

    @Test
    void fit_whenLapsedMembersReturnAndEveryonePosts_recoversWinbackAndPostRateWithin5Percent() {
        assertThat(sim.winbacks).as("enough returns for a 5%% test").isGreaterThan(4_000);
        assertWithin5Percent(Parameter.WINBACK_RATE);
        assertWithin5Percent(Parameter.POST_RATE);
    }

    private static void assertWithin5Percent(Parameter p) {
        double truth = TRUTH.get(p);
        assertThat(fit.estimate(p).value()).as("%s (true %s)", p.key(), truth).isBetween(truth * 0.95, truth * 1.05);
    }

    /** One simulated platform: learners join by advert, pay, lapse and return; some become creators. */
    private static final class Simulation {
        private final StorePlatform platform = new StorePlatform(T0.minus(Duration.ofDays(WARM_UP_DAYS)).minus(TERM));
        private final EventSimulator time = new EventSimulator(20260909, platform);
        private final SplittableRandom random = time.random();
        private final Learnloop ll = platform.learnloop();
        private final RevenuePolicy policy = new RevenuePolicy((int) Math.round(PLATFORM_FEE * 10_000), 0, 0);
        private final List<StoreObservations.Member> members = new ArrayList<>();
        private final List<Instant> posts = new ArrayList<>();
        private final ArrayDeque<Instant> live = new ArrayDeque<>();
        private final ArrayDeque<Instant> payments = new ArrayDeque<>();
        private final List<Person> free = new ArrayList<>();
        private final List<Person> paying = new ArrayList<>();
        private final List<Person> lapsed = new ArrayList<>();
        private final List<Person> creators = new ArrayList<>();
        private final double renewal = Math.exp(-PAID_CHURN * TERM.toDays());
        private final List<Course> previews = new ArrayList<>();
        private Offer plan;
        private long orders;
        private int courses;
        private int joins;
        private int retirements;
        private int winbacks;

        private static final class Person {
            final String name;
            Instant paidUntil;
            boolean creator;

            Person(String name) {
                this.name = name;
            }

            Actor learner() {
                return Actor.learner(name);
            }

            Actor author() {
                return Actor.of(name, Role.CREATOR);
            }
        }

        void run() {
            plan = platform.monthlyPlan(PRICE_MINOR, List.of(), List.of(CATEGORY));
            for (int i = 0; i < 30; i++) {
                Person author = new Person("author-" + i);
                author.creator = true;
                creators.add(author);
                // each author's welcome course stays on the catalogue; what they publish later may be archived
                previews.add(platform.publish(author.author(), "Welcome " + i, CATEGORY, 1));
                schedulePublish(author);
            }
            // members who paid during a month before the warm-up, so renewals are spread over the term
            List<Instant> starts = new ArrayList<>();
            for (int i = 0; i < 1_500; i++) {
                starts.add(time.now().plus(Duration.ofSeconds(random.nextLong(TERM.getSeconds()))));
            }
            starts.sort(null);
            for (Instant start : starts) {
                time.drainUntil(start);
                time.moveTo(start);
                Person p = join();
                free.remove(p);
                paying.add(p);
                pay(p, start);
            }
            List<EventSimulator.Process> processes = List.of(
                    new EventSimulator.Process(() -> JOIN * pull() * paying.size(),
                            () -> becomeCreator(paying.get(random.nextInt(paying.size())))),
                    new EventSimulator.Process(
                            () -> WINBACK * (1 + TRUTH.get(Parameter.COMMUNITY_WINBACK_EFFECT) * community()) * lapsed.size(),
                            this::winBack),
                    new EventSimulator.Process(() -> POST_RATE * (free.size() + paying.size() + creators.size()), () -> {
                        posts.add(time.now());
                        live.addLast(time.now());
                    }),
                    new EventSimulator.Process(() -> ADVERT_SIGN_UPS, this::join));
            Instant first = T0.minus(Duration.ofDays(WARM_UP_DAYS));
            time.drainUntil(first);
            Instant end = T0.plus(TERM.multipliedBy(PERIODS));
            for (Instant day = first; day.isBefore(end); day = day.plus(Duration.ofDays(1))) {
                startDay(day);
                time.runUntil(day.plus(Duration.ofDays(1)), processes);
            }
        }

        private void startDay(Instant day) {
            time.moveTo(day);
            double leave = 1 - Math.exp(-FREE_CHURN);
            free.removeIf(p -> random.nextDouble() < leave);
            platform.moveTo(day.plus(Duration.ofMinutes(30)));
            for (Person p : free) {
                ping(p);
            }
        }

        /**
         * The model's pull of creator earnings, {@code e / (e + reservation)}, with {@code e} what creators earned
         * per creator over the last 30 days, per month of 30.4375 days.
         */
        private double pull() {
            Instant from = time.now().minus(Duration.ofDays(30));
            while (!payments.isEmpty() && !payments.peekFirst().isAfter(from)) {
                payments.pollFirst();
            }
            double monthly = payments.size() * PRICE_MINOR / 100.0 / 30 * 30.4375;
            double perCreator = monthly * (1 - PLATFORM_FEE) / Math.max(creators.size(), 1);
            return perCreator / (perCreator + TRUTH.get(Parameter.CREATOR_RESERVATION_EARNINGS));
        }

        /** Live posts (written within the store's live period) over live posts plus the half-saturation. */
        private double community() {
            Instant liveFrom = time.now().minus(StoreObservations.DEFAULT_POSTS_LIVE_FOR);
            while (!live.isEmpty() && !live.peekFirst().isAfter(liveFrom)) {
                live.pollFirst();
            }
            return live.size() / (live.size() + TRUTH.get(Parameter.COMMUNITY_HALF_SATURATION));
        }

        private Person join() {
            Person p = new Person("m" + members.size());
            members.add(new StoreObservations.Member(p.learner().id(), time.now(), null));
            ping(p);
            free.add(p);
            time.at(time.now().plus(time.exponential(CONVERSION)), () -> convert(p));
            return p;
        }

        private void ping(Person p) {
            // learners browse one of several welcome courses, so that no lesson gathers everyone's progress
            Course welcome = previews.get(Math.floorMod(p.name.hashCode(), previews.size()));
            ll.progress().openArticle(p.learner().id(), welcome.published().lessons().get(0).id());
        }

        private void convert(Person p) {
            // a learner who has left is no longer in the free list and does not convert
            if (free.remove(p)) {
                paying.add(p);
                pay(p, time.now());
            }
        }

        private void renew(Person p) {
            if (p.creator) {
                return;
            }
            if (random.nextDouble() < renewal) {
                pay(p, p.paidUntil);
            } else {
                paying.remove(p);
                lapsed.add(p);
            }
        }

        private void winBack() {
            Person back = lapsed.remove(random.nextInt(lapsed.size()));
            winbacks++;
            paying.add(back);
            pay(back, time.now());
        }

        /** A paying learner publishes their first course, and from then on counts as a creator. */
        private void becomeCreator(Person p) {
            paying.remove(p);
            p.creator = true;
            creators.add(p);
            joins++;
            publish(p);
            schedulePublish(p);
        }

        private void publish(Person author) {
            Course course = platform.publish(author.author(), "Course " + courses++, CATEGORY, 1);
            time.at(time.now().plus(time.exponential(RETIREMENT)), () -> {
                ll.catalog().archive(author.author(), course.id());
                retirements++;
            });
        }

        private void schedulePublish(Person creator) {
            time.at(time.now().plus(time.exponential(PRODUCTION)), () -> {
                publish(creator);
                schedulePublish(creator);
            });
        }

        /** Pays one term and shares it through the ledger with one creator, as the payment pipeline posts it. */
        private void pay(Person p, Instant from) {
            Order paid = platform.payMembership(p.learner(), "o" + orders++, plan, TERM);
            Person earner = creators.get(random.nextInt(creators.size()));
            LineParties parties = new LineParties(List.of(new CreatorShare(earner.author().id(), 1)), List.of());
            new TrustedLedger(ll).recordPayment(PaymentPosting.of(paid, policy, line -> parties));
            payments.addLast(time.now());
            p.paidUntil = from.plus(TERM);
            time.at(p.paidUntil, () -> renew(p));
        }
    }
}
