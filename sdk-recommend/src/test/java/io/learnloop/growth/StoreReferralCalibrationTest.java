package io.learnloop.growth;

import io.learnloop.core.testing.Staff;
import io.learnloop.core.testing.TrustedLedger;
import io.learnloop.core.testing.TrustedOrders;
import io.learnloop.core.Learnloop;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.commerce.LineAmount;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.RefundRequest;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.ledger.CreatorShare;
import io.learnloop.core.ledger.LineParties;
import io.learnloop.core.ledger.PaymentPosting;
import io.learnloop.core.ledger.RefundPosting;
import io.learnloop.core.ledger.RevenuePolicy;
import io.learnloop.core.money.Money;
import io.learnloop.recommend.StorePlatform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the core services like a platform whose learners bring in others at the model's referral law, and whose
 * membership payments are shared through the revenue ledger as the payment pipeline posts them (payment, then
 * goodwill refunds that claw back every share), and calibrates the k-factor and the creators' revenue share from
 * the store.
 *
 * <p>The referral law is the model's: every active free learner, paying learner (weighted up by the word of mouth of
 * those who complete a course) and creator brings in {@code kFactor / referralCycle} people a day, raised by the
 * community's live activity and scaled by the share of the population still to be reached. The simulation draws
 * referral sign-ups, advert sign-ups and community posts as competing Poisson processes whose rates it recomputes
 * after every event, so the rates follow the stocks exactly.
 */
class StoreReferralCalibrationTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration TERM = Duration.ofDays(30);
    private static final int WARM_UP_DAYS = 60;
    private static final int PERIODS = 4;
    private static final int LESSONS = 2;
    private static final int COURSES = 30;
    private static final long MARKET = 40_000;
    private static final long PRICE_MINOR = 3_000;
    private static final String CNY = "CNY";

    // the truth the simulated platform runs with
    private static final double K_FACTOR = 0.5;
    private static final double PLATFORM_FEE = 0.25;
    private static final double CREATOR_SHARE = 1 - PLATFORM_FEE;
    private static final double PAID_CAC = 30;
    private static final double ADVERT_SIGN_UPS = 25;
    private static final double CONVERSION = 0.01;
    private static final double FREE_CHURN = 0.02;
    private static final double POST_RATE = 0.03;
    private static final double REFUND_SHARE = 0.2;
    private static final Parameters TRUTH = Parameters.defaults()
            .with(Parameter.K_FACTOR, K_FACTOR).with(Parameter.CREATOR_REVENUE_SHARE, CREATOR_SHARE)
            .with(Parameter.PAID_CAC, PAID_CAC).with(Parameter.PAID_CHURN_RATE, 0.01)
            .with(Parameter.LEARNING_EFFICIENCY, 0.04).with(Parameter.LESSONS_PER_COURSE, LESSONS)
            .with(Parameter.MARKET_EXIT_RATE, 0).with(Parameter.COMMUNITY_HALF_SATURATION, 1_000);

    private static Simulation sim;
    private static CalibrationResult fit;

    @BeforeAll
    static void simulateAndFit() {
        sim = new Simulation();
        sim.run();
        Observations obs = StoreObservations.builder(sim.platform.learnloop(), Staff.FINANCE, MARKET)
                .members(sim.members)
                .advertSpend(sim.spend)
                .communityPosts(sim.posts)
                .inactiveAfter(Duration.ofSeconds(1))
                .build()
                .observe(T0, TERM, PERIODS);
        // start the two parameters under test far from the truth, so a value that is merely copied would fail
        Parameters priors = TRUTH.with(Parameter.K_FACTOR, 0.1).with(Parameter.CREATOR_REVENUE_SHARE, 0.3)
                .with(Parameter.PAID_CAC, 5);
        fit = Calibration.fit(obs, priors);
    }

    @Test
    void fit_whenLearnersReferAtTheModelsLaw_recoversKFactorWithin5Percent() {
        assertThat(sim.referralSignUps).as("enough referral sign-ups for a 5%% test").isGreaterThan(3_000);
        assertThat(fit.estimate(Parameter.K_FACTOR).value()).as("kFactor (true %s)", K_FACTOR)
                .isBetween(K_FACTOR * 0.95, K_FACTOR * 1.05);
        assertThat(fit.estimate(Parameter.PAID_CAC).value()).as("paidCac (true %s)", PAID_CAC)
                .isBetween(PAID_CAC * 0.95, PAID_CAC * 1.05);
    }

    @Test
    void fit_whenLedgerSharesEveryPaymentAndRefund_recoversCreatorShareWithin5Percent() {
        assertThat(sim.refunds).as("goodwill refunds happened").isGreaterThan(100);
        assertThat(fit.estimate(Parameter.CREATOR_REVENUE_SHARE).value()).as("creatorRevenueShare (true %s)", CREATOR_SHARE)
                .isBetween(CREATOR_SHARE * 0.95, CREATOR_SHARE * 1.05);
        // the ledger still balances to the cent after every payment and refund
        Currency cny = Currency.getInstance(CNY);
        long sum = sim.platform.learnloop().ledger().balances(Staff.FINANCE, cny, null, 1000).items().stream().mapToLong(b -> b.amount().minor()).sum();
        assertThat(sum).isZero();
    }

    /** One simulated platform: learners join (by advert or referral), pay, renew or lapse, learn and post. */
    private static final class Simulation {
        private final StorePlatform platform = new StorePlatform(T0.minus(Duration.ofDays(WARM_UP_DAYS + 1)));
        private final EventSimulator time = new EventSimulator(20260707, platform);
        private final SplittableRandom random = time.random();
        private final Learnloop ll = platform.learnloop();
        private final Actor authorA = Actor.of("author-a", Role.CREATOR);
        private final Actor authorB = Actor.of("author-b", Role.CREATOR);
        private final RevenuePolicy policy = new RevenuePolicy((int) Math.round(PLATFORM_FEE * 10_000), 0, 0);
        private final LineParties parties = new LineParties(
                List.of(new CreatorShare(authorA.id(), 2), new CreatorShare(authorB.id(), 1)), List.of());
        private final List<Course> courses = new ArrayList<>();
        private final List<StoreObservations.Member> members = new ArrayList<>();
        private final Map<Instant, Money> spend = new LinkedHashMap<>();
        private final List<Instant> posts = new ArrayList<>();
        /** The posts still live (written within the store's live period), oldest first. */
        private final ArrayDeque<Instant> live = new ArrayDeque<>();
        private final List<Learner> free = new ArrayList<>();
        private final List<Learner> paying = new ArrayList<>();
        private final double payingWeight;
        private final double renewal;
        private int lapsed;
        private int referralSignUps;
        private int refunds;
        private long orders;
        private Offer plan;

        private static final class Learner {
            final Actor actor;
            Instant paidUntil;
            int completed;

            Learner(Actor actor) {
                this.actor = actor;
            }
        }

        Simulation() {
            double phi = TRUTH.get(Parameter.LEARNING_EFFICIENCY) / LESSONS;
            double base = TRUTH.get(Parameter.PAID_CHURN_RATE);
            double completion = phi / (phi + base);
            payingWeight = 1 + TRUTH.get(Parameter.COMPLETION_WORD_OF_MOUTH) * completion;
            double effective = base * (1 - TRUTH.get(Parameter.COMPLETION_RENEWAL_EFFECT) * completion);
            renewal = Math.exp(-effective * TERM.toDays());
        }

        void run() {
            for (int i = 0; i < COURSES; i++) {
                courses.add(platform.publish(i % 2 == 0 ? authorA : authorB, "Course " + i, "topic-" + (i % 3), LESSONS));
            }
            plan = platform.monthlyPlan(PRICE_MINOR, courses.stream().map(Course::id).toList(), List.of());
            // an older community: posts written over the half year before
            Instant start = time.now();
            for (int i = 0; i < 2_000; i++) {
                posts.add(start.minus(Duration.ofSeconds(random.nextLong(180L * 86_400))));
            }
            posts.sort(null);
            live.addAll(posts);
            for (int i = 0; i < 1_000; i++) {
                join(null);
            }
            List<EventSimulator.Process> processes = List.of(
                    new EventSimulator.Process(this::referralRate, () -> {
                        referralSignUps++;
                        join(pickReferrer());
                    }),
                    new EventSimulator.Process(() -> ADVERT_SIGN_UPS * prospectShare(), () -> join(null)),
                    new EventSimulator.Process(() -> POST_RATE * (free.size() + paying.size()), () -> {
                        posts.add(time.now());
                        live.addLast(time.now());
                    }));
            Instant end = T0.plus(TERM.multipliedBy(PERIODS));
            for (Instant day = start.plus(Duration.ofDays(1)); day.isBefore(end); day = day.plus(Duration.ofDays(1))) {
                startDay(day);
                time.runUntil(day.plus(Duration.ofDays(1)), processes);
            }
        }

        /** Free learners leave at the day's start (the store sees them gone once they miss a day); the rest show up. */
        private void startDay(Instant day) {
            spend.put(day, Money.ofMinor(Math.round(ADVERT_SIGN_UPS * PAID_CAC * 100), CNY));
            time.moveTo(day);
            double leave = 1 - Math.exp(-FREE_CHURN);
            free.removeIf(l -> random.nextDouble() < leave);
            platform.moveTo(day.plus(Duration.ofMinutes(30)));
            for (Learner l : free) {
                ping(l);
            }
        }

        /** The model's referral flow at the current stocks, per day. */
        private double referralRate() {
            double referrers = free.size() + paying.size() * payingWeight + 2;
            Instant liveFrom = time.now().minus(StoreObservations.DEFAULT_POSTS_LIVE_FOR);
            while (!live.isEmpty() && !live.peekFirst().isAfter(liveFrom)) {
                live.pollFirst();
            }
            double community = live.size() / (live.size() + TRUTH.get(Parameter.COMMUNITY_HALF_SATURATION));
            return K_FACTOR / TRUTH.get(Parameter.REFERRAL_CYCLE) * referrers
                    * (1 + TRUTH.get(Parameter.COMMUNITY_REFERRAL_EFFECT) * community) * prospectShare();
        }

        /** Prospects over everyone the store counts: prospects, active free, paying, lapsed and the two creators. */
        private double prospectShare() {
            double prospects = MARKET - members.size();
            return prospects / (prospects + free.size() + paying.size() + lapsed + 2);
        }

        private Actor pickReferrer() {
            double weight = random.nextDouble() * (free.size() + paying.size() * payingWeight + 2);
            if (weight < free.size()) {
                return free.get((int) weight).actor;
            }
            weight -= free.size();
            if (weight < paying.size() * payingWeight) {
                return paying.get((int) (weight / payingWeight)).actor;
            }
            return weight - paying.size() * payingWeight < 1 ? authorA : authorB;
        }

        private void join(Actor referrer) {
            Learner l = new Learner(Actor.learner("m" + members.size()));
            members.add(new StoreObservations.Member(l.actor.id(), time.now(), referrer == null ? null : referrer.id()));
            ping(l);
            free.add(l);
            time.at(time.now().plus(time.exponential(CONVERSION)), () -> convert(l));
        }

        private void ping(Learner l) {
            // each learner browses the free preview of one course, so that no lesson gathers everyone's progress
            Course preview = courses.get(Math.floorMod(l.actor.id().value().hashCode(), COURSES));
            ll.progress().openArticle(l.actor.id(), preview.published().lessons().get(0).id());
        }

        private void convert(Learner l) {
            // a learner who has left is no longer in the free list and does not convert
            if (free.remove(l)) {
                paying.add(l);
                pay(l, time.now());
            }
        }

        private void renew(Learner l) {
            if (random.nextDouble() < renewal) {
                pay(l, l.paidUntil);
            } else {
                paying.remove(l);
                lapsed++;
            }
        }

        /** Pays one term and posts it to the ledger, as the payment pipeline does once a notification settles. */
        private void pay(Learner l, Instant from) {
            Order paid = platform.payMembership(l.actor, "o" + orders++, plan, TERM);
            new TrustedLedger(ll).recordPayment(PaymentPosting.of(paid, policy, line -> parties));
            l.paidUntil = from.plus(TERM);
            time.at(l.paidUntil, () -> renew(l));
            if (random.nextDouble() < REFUND_SHARE) {
                time.at(time.now().plus(Duration.ofDays(2)), () -> refundHalf(paid));
            }
            double rate = TRUTH.get(Parameter.LEARNING_EFFICIENCY) / LESSONS;
            time.poisson(rate, from, l.paidUntil, () -> complete(l));
        }

        /** A goodwill refund of half a term: access stays, and every share of the line gives back half. */
        private void refundHalf(Order order) {
            String key = "goodwill-" + order.id().value();
            Order refunded = new TrustedOrders(ll).refund(order.id(), new RefundRequest(key,
                    List.of(LineAmount.of(1, Money.ofMinor(PRICE_MINOR / 2, CNY))), "goodwill"));
            new TrustedLedger(ll).recordRefund(RefundPosting.of(order.id(), refunded.refund(key)));
            refunds++;
        }

        private void complete(Learner l) {
            if (l.completed == COURSES) {
                throw new IllegalStateException("the catalogue is too small for the simulated learning rate");
            }
            Course course = courses.get(l.completed++);
            platform.completeCourse(l.actor, course);
        }
    }
}
