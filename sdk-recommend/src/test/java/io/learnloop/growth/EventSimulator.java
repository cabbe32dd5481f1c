package io.learnloop.growth;

import io.learnloop.recommend.StorePlatform;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

/**
 * The time of a simulated platform: events scheduled for an instant, and competing Poisson processes whose rates
 * depend on the platform's state and are recomputed after every event, so each process follows the stocks exactly
 * (the next firing is memoryless, so redrawing it after any change is exact). The store's clock follows, but never
 * goes back, so it may run a few minutes late after a learner reads an article; the simulation keeps its own time.
 *
 * <p>Not thread-safe: one simulation runs on one thread.
 */
final class EventSimulator {
    /** A process that fires at {@code ratePerDay}, read again after every event. */
    record Process(DoubleSupplier ratePerDay, Runnable fire) {
    }

    private record Scheduled(Instant at, long order, Runnable action) implements Comparable<Scheduled> {
        @Override
        public int compareTo(Scheduled o) {
            int byTime = at.compareTo(o.at);
            return byTime != 0 ? byTime : Long.compare(order, o.order);
        }
    }

    private final SplittableRandom random;
    private final StorePlatform platform;
    private final PriorityQueue<Scheduled> queue = new PriorityQueue<>();
    private Instant now;
    private long scheduled;

    EventSimulator(long seed, StorePlatform platform) {
        this.random = new SplittableRandom(seed);
        this.platform = platform;
        this.now = platform.now();
    }

    /** @return the simulation's time */
    Instant now() {
        return now;
    }

    /** @return the random source, for the simulation's own draws */
    SplittableRandom random() {
        return random;
    }

    /** Runs {@code action} at {@code at}. */
    void at(Instant at, Runnable action) {
        queue.add(new Scheduled(at, scheduled++, action));
    }

    /**
     * Runs {@code action} at each firing of a Poisson process of this rate per day, from {@code from} until
     * {@code until}.
     */
    void poisson(double ratePerDay, Instant from, Instant until, Runnable action) {
        for (Instant t = from.plus(exponential(ratePerDay)); t.isBefore(until); t = t.plus(exponential(ratePerDay))) {
            at(t, action);
        }
    }

    /** @return a draw from the exponential distribution with this rate per day, as a duration */
    Duration exponential(double ratePerDay) {
        return days(-Math.log(1 - random.nextDouble()) / ratePerDay);
    }

    /** Moves the simulation (and the store's clock, if it is behind) to {@code t}. */
    void moveTo(Instant t) {
        now = t;
        platform.moveTo(t);
    }

    /** Runs every scheduled event before {@code end}, in time order. */
    void drainUntil(Instant end) {
        while (!queue.isEmpty() && queue.peek().at.isBefore(end)) {
            Scheduled next = queue.poll();
            moveTo(next.at);
            next.action.run();
        }
    }

    /** Runs the scheduled events and the processes until {@code end}, then moves there. */
    void runUntil(Instant end, List<Process> processes) {
        double[] rates = new double[processes.size()];
        while (true) {
            double total = 0;
            for (int i = 0; i < rates.length; i++) {
                rates[i] = processes.get(i).ratePerDay().getAsDouble();
                total += rates[i];
            }
            Instant next = total > 0 ? now.plus(exponential(total)) : Instant.MAX;
            Scheduled first = queue.peek();
            if (first != null && first.at.isBefore(next) && first.at.isBefore(end)) {
                queue.poll();
                moveTo(first.at);
                first.action.run();
                continue;
            }
            if (!next.isBefore(end)) {
                moveTo(end);
                return;
            }
            moveTo(next);
            double pick = random.nextDouble() * total;
            int i = 0;
            while (i < rates.length - 1 && pick >= rates[i]) {
                pick -= rates[i++];
            }
            processes.get(i).fire().run();
        }
    }

    /** @return {@code days} days, to the millisecond */
    static Duration days(double days) {
        return Duration.ofMillis(Math.round(days * 86_400_000));
    }
}
