package io.learnloop.core.internal.recall;

import io.learnloop.core.error.ValidationException;
import io.learnloop.core.recall.Card;
import io.learnloop.core.recall.CardState;
import io.learnloop.core.recall.FsrsParameters;
import io.learnloop.core.recall.Rating;
import io.learnloop.core.recall.ReviewLog;
import io.learnloop.core.recall.ScheduledReview;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * ts-fsrs v5's {@code BasicScheduler} (short-term scheduling on): a new card enters the learning steps, a card in
 * learning or relearning moves through its steps and graduates into review, a card in review is scheduled in days by
 * its stability, with Hard, Good and Easy kept strictly increasing, and a lapse enters the relearning steps.
 *
 * <p>Thread-safe: immutable.
 */
public final class FsrsScheduler {
    private static final long MINUTES_PER_DAY = 1440;

    private final FsrsMath math;
    private final LearningSteps steps;
    private final int maximumInterval;
    private final boolean fuzz;

    /**
     * Prepares a scheduler.
     *
     * @param parameters validated parameters
     */
    public FsrsScheduler(FsrsParameters parameters) {
        double[] w = new double[FsrsParameters.WEIGHT_COUNT];
        for (int i = 0; i < w.length; i++) {
            w[i] = parameters.weight(i);
        }
        this.math = new FsrsMath(w, parameters.desiredRetention(), parameters.maximumInterval());
        this.steps = new LearningSteps(minutes(parameters.learningSteps()), minutes(parameters.relearningSteps()));
        this.maximumInterval = parameters.maximumInterval();
        this.fuzz = parameters.fuzz();
    }

    private static int[] minutes(List<Duration> durations) {
        return durations.stream().mapToInt(d -> Math.toIntExact(d.toMinutes())).toArray();
    }

    /**
     * The memory model behind this scheduler.
     *
     * @return the model
     */
    public FsrsMath math() {
        return math;
    }

    /**
     * Calendar days (UTC) from one instant to another, as ts-fsrs's {@code dateDiffInDays}.
     *
     * @param from the earlier instant
     * @param to   the later instant
     * @return the days, negative if {@code to} is on an earlier day
     */
    public static long calendarDays(Instant from, Instant to) {
        return ChronoUnit.DAYS.between(from.atOffset(ZoneOffset.UTC).toLocalDate(),
                to.atOffset(ZoneOffset.UTC).toLocalDate());
    }

    /**
     * Applies one review.
     *
     * @param card       the card before the review
     * @param rating     the rating given
     * @param reviewedAt when the review happened
     * @return the card after the review and the review's log
     * @throws ValidationException if the review is before the card's last review or the card's memory state is not
     *                             one FSRS can produce
     */
    public ScheduledReview review(Card card, Rating rating, Instant reviewedAt) {
        Review r = new Review(card, reviewedAt);
        int g = rating.grade();
        Next next;
        if (card.state() == CardState.REVIEW) {
            next = r.fromReview(g);
        } else {
            double[] ds = math.nextState(card.difficulty(), card.stability(), r.elapsed, g, Double.NaN);
            CardState target = card.state() == CardState.NEW ? CardState.LEARNING : card.state();
            next = r.applySteps(ds, g, target);
        }
        int lapses = card.lapses() + (card.state() == CardState.REVIEW && g == 1 ? 1 : 0);
        Card after = new Card(next.due, next.stability, next.difficulty, r.elapsed, next.scheduledDays,
                next.learningStep, card.reps() + 1, lapses, next.state, reviewedAt);
        ReviewLog log = new ReviewLog(rating, card.state(), card.lastReview() != null ? card.lastReview() : card.due(),
                card.stability(), card.difficulty(), r.elapsed, card.elapsedDays(), card.scheduledDays(),
                card.learningStep(), reviewedAt);
        return new ScheduledReview(after, log);
    }

    private record Next(Instant due, double stability, double difficulty, long scheduledDays, int learningStep,
                        CardState state) {
    }

    /** One review in progress: the card before it, the instant, the elapsed days and the fuzz seed. */
    private final class Review {
        private final Card card;
        private final Instant now;
        private final long elapsed;
        private final String seed;

        Review(Card card, Instant now) {
            this.card = card;
            this.now = now;
            long days = 0;
            if (card.state() != CardState.NEW && card.lastReview() != null) {
                days = calendarDays(card.lastReview(), now);
                if (days < 0) {
                    throw ValidationException.of("reviewedAt", "must not be before the card's last review ("
                            + card.lastReview() + ", was " + now + ")");
                }
            }
            this.elapsed = days;
            // ts-fsrs's default seed: the review time in milliseconds, the repetition count after this review and
            // the product of difficulty and stability before it
            this.seed = now.toEpochMilli() + "_" + (card.reps() + 1) + "_"
                    + JsNumbers.toString(card.difficulty() * card.stability());
        }

        long nextInterval(double stability) {
            long interval = math.interval(stability);
            return fuzz ? FuzzRange.apply(interval, elapsed, maximumInterval, seed) : interval;
        }

        Next applySteps(double[] ds, int g, CardState target) {
            long[] step = steps.next(card.state(), card.learningStep(), g);
            long minutes = Math.max(0, step[0]);
            int nextStep = (int) Math.max(0, step[1]);
            if (minutes > 0 && minutes < MINUTES_PER_DAY) {
                return new Next(now.plus(Duration.ofMinutes(minutes)), ds[1], ds[0], 0, nextStep, target);
            }
            if (minutes >= MINUTES_PER_DAY) {
                // a step of a day or more is kept as a step, but ts-fsrs counts the card as in review meanwhile
                return new Next(now.plus(Duration.ofMinutes(minutes)), ds[1], ds[0], minutes / MINUTES_PER_DAY,
                        nextStep, CardState.REVIEW);
            }
            long interval = nextInterval(ds[1]);
            return new Next(now.plus(Duration.ofDays(interval)), ds[1], ds[0], interval, 0, CardState.REVIEW);
        }

        Next fromReview(int g) {
            double retrievability = math.forgettingCurve(elapsed, card.stability());
            if (g == 1) {
                double[] again = math.nextState(card.difficulty(), card.stability(), elapsed, 1, retrievability);
                return applySteps(again, 1, CardState.RELEARNING);
            }
            double[] hard = math.nextState(card.difficulty(), card.stability(), elapsed, 2, retrievability);
            double[] good = math.nextState(card.difficulty(), card.stability(), elapsed, 3, retrievability);
            double[] easy = math.nextState(card.difficulty(), card.stability(), elapsed, 4, retrievability);
            long hardInterval = nextInterval(hard[1]);
            long goodInterval = nextInterval(good[1]);
            hardInterval = Math.min(hardInterval, goodInterval);
            // Hard, Good and Easy stay strictly increasing, even past the maximum interval, as in ts-fsrs
            goodInterval = Math.max(goodInterval, hardInterval + 1);
            long easyInterval = Math.max(nextInterval(easy[1]), goodInterval + 1);
            double[] ds = g == 2 ? hard : g == 3 ? good : easy;
            long interval = g == 2 ? hardInterval : g == 3 ? goodInterval : easyInterval;
            return new Next(now.plus(Duration.ofDays(interval)), ds[1], ds[0], interval, 0, CardState.REVIEW);
        }
    }
}
