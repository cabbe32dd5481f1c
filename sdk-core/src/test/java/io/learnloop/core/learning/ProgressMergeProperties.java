package io.learnloop.core.learning;

import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.identity.UserId;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressMergeProperties {
    private static final UserId ANA = UserId.of("ana");
    private static final LessonId LESSON = LessonId.of("l1");
    private static final int LENGTH = 900;

    /** One device's honest stream: each report claims no more than wall-clock time times 2 since the previous one. */
    private static List<WatchReport> device(String id, Random random) {
        List<WatchReport> reports = new ArrayList<>();
        Instant at = LearningFixture.START;
        double position = random.nextInt(LENGTH);
        int n = 1 + random.nextInt(12);
        for (int i = 0; i < n; i++) {
            int elapsed = 5 + random.nextInt(60);
            // the first report has only the 30 s allowance behind it
            double wall = i == 0 ? Math.min(elapsed, 30) : elapsed;
            at = at.plusSeconds(elapsed);
            double rate = random.nextBoolean() ? 1.0 : 2.0;
            List<WatchedSegment> segments = new ArrayList<>();
            double budget = wall * rate;
            while (budget > 1) {
                if (random.nextInt(4) == 0) {
                    position = random.nextInt(LENGTH + 60); // a seek, possibly past the end
                }
                double len = Math.min(budget, 1 + random.nextInt(40));
                segments.add(new WatchedSegment(position, position + len, rate));
                position += len;
                budget -= len;
            }
            if (!segments.isEmpty()) {
                reports.add(new WatchReport(ANA, LESSON, id, at, segments));
            }
        }
        return reports;
    }

    private static List<Span> replay(List<WatchReport> reports) {
        LearningFixture fx = new LearningFixture();
        fx.catalog.video("c1", "l1", LENGTH);
        fx.clock.set(LearningFixture.START.plus(Duration.ofDays(1)));
        ProgressService progress = fx.progress();
        for (WatchReport r : reports) {
            ProgressUpdate u = progress.report(r);
            assertThat(u.refused()).as("honest reports are never refused").isZero();
        }
        return progress.lessonProgress(ANA, LESSON).map(LessonProgress::spans).orElse(List.of());
    }

    @Property(tries = 150)
    void report_whenTwoDevicesInterleave_givesTheSameUnionInAnyOrder(@ForAll long seed) {
        Random random = new Random(seed);
        List<WatchReport> a = device("laptop", random);
        List<WatchReport> b = device("phone", random);

        List<WatchReport> interleaved = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (j >= b.size() || (i < a.size() && random.nextBoolean())) {
                interleaved.add(a.get(i++));
            } else {
                interleaved.add(b.get(j++));
            }
        }
        List<WatchReport> aThenB = new ArrayList<>(a);
        aThenB.addAll(b);
        List<WatchReport> bThenA = new ArrayList<>(b);
        bThenA.addAll(a);

        List<Span> expected = replay(aThenB);
        assertThat(replay(bThenA)).isEqualTo(expected);
        assertThat(replay(interleaved)).isEqualTo(expected);
        long covered = expected.stream().mapToLong(Span::length).sum();
        assertThat(covered).isLessThanOrEqualTo(LENGTH * 1000L);
    }
}
