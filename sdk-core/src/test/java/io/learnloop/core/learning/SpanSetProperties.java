package io.learnloop.core.learning;

import io.learnloop.core.internal.learning.SpanSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SpanSetProperties {
    private static final int WIDTH = 500;

    /** The model: one flag per unit. */
    private static List<Span> model(List<int[]> intervals) {
        boolean[] covered = new boolean[WIDTH + 1];
        for (int[] iv : intervals) {
            for (int x = iv[0]; x < iv[1]; x++) {
                covered[x] = true;
            }
        }
        List<Span> spans = new ArrayList<>();
        int x = 0;
        while (x < WIDTH) {
            if (!covered[x]) {
                x++;
                continue;
            }
            int start = x;
            while (x < WIDTH && covered[x]) {
                x++;
            }
            spans.add(new Span(start, x));
        }
        return spans;
    }

    private static List<int[]> intervals(List<Integer> starts, List<Integer> lengths) {
        List<int[]> intervals = new ArrayList<>();
        for (int i = 0; i < Math.min(starts.size(), lengths.size()); i++) {
            int from = starts.get(i);
            intervals.add(new int[] {from, Math.min(WIDTH, from + lengths.get(i))});
        }
        return intervals;
    }

    @Property(tries = 300)
    void add_whenIntervalsArriveInAnyOrder_equalsTheModel(
            @ForAll @Size(max = 40) List<@IntRange(min = 0, max = WIDTH - 1) Integer> starts,
            @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 60) Integer> lengths,
            @ForAll long shuffleSeed) {
        List<int[]> intervals = intervals(starts, lengths);
        List<Span> expected = model(intervals);
        List<int[]> shuffled = new ArrayList<>(intervals);
        Collections.shuffle(shuffled, new Random(shuffleSeed));
        for (List<int[]> order : List.of(intervals, shuffled)) {
            SpanSet set = new SpanSet();
            for (int[] iv : order) {
                set.add(iv[0], iv[1]);
            }
            assertThat(set.toSpans()).isEqualTo(expected);
            assertThat(set.measure()).isEqualTo(expected.stream().mapToLong(Span::length).sum());
        }
    }

    @Property(tries = 300)
    void uncovered_whenQueried_isExactlyTheModelsGaps(
            @ForAll @Size(max = 30) List<@IntRange(min = 0, max = WIDTH - 1) Integer> starts,
            @ForAll @Size(max = 30) List<@IntRange(min = 0, max = 60) Integer> lengths,
            @ForAll @IntRange(min = 0, max = WIDTH - 1) int from,
            @ForAll @IntRange(min = 1, max = 200) int length) {
        List<int[]> intervals = intervals(starts, lengths);
        SpanSet set = new SpanSet();
        intervals.forEach(iv -> set.add(iv[0], iv[1]));
        int to = Math.min(WIDTH, from + length);
        SpanSet.LongList gaps = new SpanSet.LongList();
        set.uncovered(from, to, gaps);

        List<int[]> withQuery = new ArrayList<>(intervals);
        withQuery.add(new int[] {from, to});
        long gapTotal = 0;
        for (int i = 0; i < gaps.size(); i += 2) {
            assertThat(gaps.get(i)).isGreaterThanOrEqualTo(from);
            assertThat(gaps.get(i + 1)).isLessThanOrEqualTo(to).isGreaterThan(gaps.get(i));
            gapTotal += gaps.get(i + 1) - gaps.get(i);
        }
        long before = model(intervals).stream().mapToLong(Span::length).sum();
        long after = model(withQuery).stream().mapToLong(Span::length).sum();
        assertThat(gapTotal).isEqualTo(after - before);
    }
}
