package io.learnloop.core.recall;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays the same review logs through {@link ReviewScheduler} and through the reference implementation ts-fsrs (run
 * by Node.js, see {@link NodeOracle}), and requires the same due instant, interval, state, step and counts after every
 * review, the same state and elapsed days in its log, and the same stability and difficulty to 1e-6. The logs are random from a fixed seed, under several sets of
 * parameters, plus hand-picked edge cases.
 */
class FsrsOracleTest {
    private static final long SEED = 20_261_207L;
    private static final double TOLERANCE = 1e-6;
    private static final Instant START = Instant.parse("2026-03-01T08:15:30.123Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    /** One set of parameters, the weights as given (before any lowering of w17 and w18), and its sequences. */
    private record Case(String name, List<Double> weights, FsrsParameters parameters, List<Sequence> sequences) {
    }

    private record Sequence(String name, Instant start, List<Instant> times, List<Rating> ratings,
                            List<ScheduledReview> results) {
    }

    @Test
    void review_whenReplayedThroughTsFsrs_givesTheSameCardAfterEveryReview() throws IOException {
        List<Case> cases = cases();
        NodeOracle oracle = NodeOracle.get();
        Path input = temp.resolve("logs.json");
        Path output = temp.resolve("cards.json");
        JSON.writeValue(input.toFile(), toJson(cases));

        oracle.replay(input, output);

        JsonNode expected = JSON.readTree(output.toFile());
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (int c = 0; c < cases.size(); c++) {
            Case k = cases.get(c);
            for (int s = 0; s < k.sequences().size(); s++) {
                Sequence seq = k.sequences().get(s);
                for (int i = 0; i < seq.results().size(); i++) {
                    compare(k.name() + "/" + seq.name() + "/review " + i, expected.get(c).get(s).get(i),
                            seq.results().get(i), mismatches);
                    compared++;
                }
            }
        }
        assertThat(compared).isGreaterThan(3_000);
        assertThat(mismatches).as("cards that differ from ts-fsrs (first 20)").isEmpty();
    }

    private static void compare(String where, JsonNode ts, ScheduledReview result, List<String> mismatches) {
        if (mismatches.size() >= 20) {
            return;
        }
        Card card = result.card();
        List<String> diffs = new ArrayList<>();
        if (ts.get("logState").asInt() != result.log().state().ordinal()
                || ts.get("logLastElapsedDays").asLong() != result.log().lastElapsedDays()) {
            diffs.add("log state/lastElapsedDays " + ts.get("logState") + "/" + ts.get("logLastElapsedDays") + " vs "
                    + result.log().state() + "/" + result.log().lastElapsedDays());
        }
        if (ts.get("due").asLong() != card.due().toEpochMilli()) {
            diffs.add("due " + Instant.ofEpochMilli(ts.get("due").asLong()) + " vs " + card.due());
        }
        if (ts.get("scheduledDays").asLong() != card.scheduledDays()) {
            diffs.add("scheduledDays " + ts.get("scheduledDays") + " vs " + card.scheduledDays());
        }
        if (ts.get("elapsedDays").asLong() != card.elapsedDays()) {
            diffs.add("elapsedDays " + ts.get("elapsedDays") + " vs " + card.elapsedDays());
        }
        if (ts.get("state").asInt() != card.state().ordinal()) {
            diffs.add("state " + ts.get("state") + " vs " + card.state());
        }
        if (ts.get("learningStep").asInt() != card.learningStep()) {
            diffs.add("learningStep " + ts.get("learningStep") + " vs " + card.learningStep());
        }
        if (ts.get("reps").asInt() != card.reps() || ts.get("lapses").asInt() != card.lapses()) {
            diffs.add("reps/lapses " + ts.get("reps") + "/" + ts.get("lapses") + " vs " + card.reps() + "/"
                    + card.lapses());
        }
        if (Math.abs(ts.get("stability").asDouble() - card.stability()) > TOLERANCE) {
            diffs.add("stability " + ts.get("stability") + " vs " + card.stability());
        }
        if (Math.abs(ts.get("difficulty").asDouble() - card.difficulty()) > TOLERANCE) {
            diffs.add("difficulty " + ts.get("difficulty") + " vs " + card.difficulty());
        }
        if (!diffs.isEmpty()) {
            mismatches.add(where + ": " + String.join(", ", diffs));
        }
    }

    // ---- the cases ----

    private static List<Case> cases() {
        Random random = new Random(SEED);
        List<Case> cases = new ArrayList<>();
        List<Double> defaults = FsrsParameters.defaultWeights();
        cases.add(generated("defaults", defaults, FsrsParameters.defaults(), random, 60, true));
        cases.add(generated("defaults with fuzz", defaults, FsrsParameters.builder().fuzz(true).build(), random, 60,
                true));
        List<Double> randomWeights = randomWeights(random);
        cases.add(generated("random weights, retention 0.8, 30-day cap, three learning and two relearning steps",
                randomWeights, FsrsParameters.builder().weights(randomWeights).desiredRetention(0.8)
                        .maximumInterval(30).learningSteps(minutes(1, 5, 30)).relearningSteps(minutes(10, 60))
                        .fuzz(true).build(), random, 30, false));
        cases.add(generated("no steps, retention 0.95", defaults, FsrsParameters.builder().desiredRetention(0.95)
                .learningSteps(List.of()).relearningSteps(List.of()).fuzz(true).build(), random, 30, false));
        cases.add(generated("steps of a day and more, three relearning steps", defaults, FsrsParameters.builder()
                .learningSteps(minutes(5, 1440)).relearningSteps(minutes(10, 30, 2880)).build(), random, 30, false));
        cases.add(generated("one learning step of 5 minutes, retention 0.7", defaults, FsrsParameters.builder()
                .desiredRetention(0.7).learningSteps(minutes(5)).relearningSteps(minutes(5)).build(), random, 30,
                false));
        return cases;
    }

    private static List<Duration> minutes(long... values) {
        List<Duration> out = new ArrayList<>();
        for (long v : values) {
            out.add(Duration.ofMinutes(v));
        }
        return out;
    }

    /** Weights drawn between the defaults and the middle of each weight's range, so every formula is exercised. */
    private static List<Double> randomWeights(Random random) {
        double[][] ranges = {
            {0.01, 5}, {0.5, 10}, {2, 20}, {5, 60}, {3, 9}, {0.1, 2}, {0.5, 3.5}, {0.001, 0.5}, {0.5, 3}, {0, 0.6},
            {0.3, 2}, {0.5, 3}, {0.001, 0.2}, {0.1, 0.8}, {0.5, 3}, {0.1, 1}, {1, 4}, {0, 1.5}, {0, 1.5}, {0.02, 0.6},
            {0.1, 0.8},
        };
        List<Double> w = new ArrayList<>();
        for (double[] r : ranges) {
            w.add(Math.round((r[0] + random.nextDouble() * (r[1] - r[0])) * 1e4) / 1e4);
        }
        return w;
    }

    private static Case generated(String name, List<Double> weights, FsrsParameters parameters, Random random,
                                  int sequenceCount, boolean withEdgeCases) {
        ReviewScheduler scheduler = new ReviewScheduler(parameters);
        List<Sequence> sequences = new ArrayList<>();
        for (int i = 0; i < sequenceCount; i++) {
            Instant start = START.plusMillis((long) (random.nextDouble() * 400 * 86_400_000L));
            int length = 5 + random.nextInt(36);
            sequences.add(randomSequence("random " + i, scheduler, start, length, random));
        }
        if (withEdgeCases) {
            sequences.addAll(edgeCases(scheduler));
        }
        return new Case(name, weights, parameters, sequences);
    }

    private static Sequence randomSequence(String name, ReviewScheduler scheduler, Instant start, int length,
                                           Random random) {
        Replay replay = new Replay(name, scheduler, start);
        for (int i = 0; i < length; i++) {
            Card card = replay.card;
            Instant at;
            double pick = random.nextDouble();
            long sinceLast = Duration.between(card.lastReview() == null ? start : card.lastReview(), card.due())
                    .toMillis();
            if (card.state() == CardState.NEW) {
                at = start;
            } else if (pick < 0.55) {
                // around the due instant
                at = card.lastReview().plusMillis((long) (sinceLast * (0.6 + 0.8 * random.nextDouble())));
            } else if (pick < 0.7) {
                // early: seconds to hours later
                at = card.lastReview().plusMillis((long) (random.nextDouble() * 6 * 3_600_000L));
            } else if (pick < 0.9) {
                // overdue: up to ten times the interval
                at = card.lastReview().plusMillis((long) (sinceLast * (1 + 9 * random.nextDouble())));
            } else {
                // a few days to three years late
                at = card.due().plusMillis((long) (random.nextDouble() * 3 * 365 * 86_400_000L));
            }
            double r = random.nextDouble();
            Rating rating = r < 0.15 ? Rating.AGAIN : r < 0.3 ? Rating.HARD : r < 0.85 ? Rating.GOOD : Rating.EASY;
            replay.review(at, rating);
        }
        return replay.sequence();
    }

    private static List<Sequence> edgeCases(ReviewScheduler scheduler) {
        List<Sequence> out = new ArrayList<>();
        Instant t = Instant.parse("2026-05-10T23:59:59.999Z");

        Replay again = new Replay("Again on a new card", scheduler, t);
        again.review(t, Rating.AGAIN).review(t.plusSeconds(60), Rating.AGAIN).review(t.plusSeconds(120), Rating.HARD)
                .review(t.plusSeconds(600), Rating.GOOD).review(t.plusSeconds(1200), Rating.GOOD);
        out.add(again.sequence());

        Replay easy = new Replay("Easy first, then Easy when due until the cap", scheduler, t);
        easy.review(t, Rating.EASY);
        for (int i = 0; i < 40; i++) {
            easy.review(easy.card.due(), Rating.EASY);
        }
        out.add(easy.sequence());

        Replay overdue = new Replay("long overdue", scheduler, t);
        overdue.review(t, Rating.GOOD).review(t.plusSeconds(600), Rating.GOOD)
                .review(t.plus(Duration.ofDays(3650)), Rating.GOOD)
                .review(t.plus(Duration.ofDays(3650 + 7300)), Rating.AGAIN)
                .review(t.plus(Duration.ofDays(3650 + 7300)).plusSeconds(600), Rating.GOOD)
                .review(t.plus(Duration.ofDays(3650 + 7300 + 5000)), Rating.HARD);
        out.add(overdue.sequence());

        Replay quick = new Replay("very short intervals, across midnight", scheduler, t);
        quick.review(t, Rating.GOOD).review(t.plusMillis(1), Rating.GOOD).review(t.plusMillis(2), Rating.GOOD)
                .review(t.plusMillis(3), Rating.HARD).review(t.plusMillis(4), Rating.AGAIN)
                .review(t.plusSeconds(1), Rating.EASY).review(t.plusSeconds(2), Rating.AGAIN)
                .review(t.plusSeconds(3), Rating.EASY).review(t.plusSeconds(4), Rating.HARD);
        out.add(quick.sequence());

        Replay lapses = new Replay("repeated lapses in review", scheduler, t);
        lapses.review(t, Rating.EASY);
        for (int i = 0; i < 8; i++) {
            lapses.review(lapses.card.due(), Rating.AGAIN).review(lapses.card.due(), Rating.AGAIN)
                    .review(lapses.card.due(), Rating.GOOD).review(lapses.card.due(), Rating.GOOD);
        }
        out.add(lapses.sequence());
        return out;
    }

    /** Replays reviews through the scheduler under test, keeping what was asked and what came out. */
    private static final class Replay {
        private final String name;
        private final ReviewScheduler scheduler;
        private final Instant start;
        private final List<Instant> times = new ArrayList<>();
        private final List<Rating> ratings = new ArrayList<>();
        private final List<ScheduledReview> results = new ArrayList<>();
        private Card card;

        Replay(String name, ReviewScheduler scheduler, Instant start) {
            this.name = name;
            this.scheduler = scheduler;
            this.start = start;
            this.card = Card.newCard(start);
        }

        Replay review(Instant at, Rating rating) {
            ScheduledReview result = scheduler.review(card, rating, at);
            card = result.card();
            times.add(at);
            ratings.add(rating);
            results.add(result);
            return this;
        }

        Sequence sequence() {
            return new Sequence(name, start, times, ratings, results);
        }
    }

    // ---- the input of the script ----

    private static ArrayNode toJson(List<Case> cases) {
        ArrayNode root = JSON.createArrayNode();
        for (Case c : cases) {
            ObjectNode node = root.addObject();
            ObjectNode params = node.putObject("params");
            ArrayNode w = params.putArray("w");
            c.weights().forEach(w::add);
            FsrsParameters p = c.parameters();
            params.put("request_retention", p.desiredRetention());
            params.put("maximum_interval", p.maximumInterval());
            p.learningSteps().forEach(d -> params.withArray("learning_steps").add(d.toMinutes() + "m"));
            p.relearningSteps().forEach(d -> params.withArray("relearning_steps").add(d.toMinutes() + "m"));
            params.withArray("learning_steps");
            params.withArray("relearning_steps");
            params.put("enable_fuzz", p.fuzz());
            ArrayNode sequences = node.putArray("sequences");
            for (Sequence s : c.sequences()) {
                ObjectNode seq = sequences.addObject();
                seq.put("start", s.start().toEpochMilli());
                ArrayNode reviews = seq.putArray("reviews");
                for (int i = 0; i < s.times().size(); i++) {
                    reviews.addObject().put("at", s.times().get(i).toEpochMilli())
                            .put("rating", s.ratings().get(i).grade());
                }
            }
        }
        return root;
    }
}
