package io.learnloop.recommend.internal;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class SearchTest {
    @Test
    void successiveHalving_whenCandidatesScored_givesTheFullShareToTheBestThirdOnly() {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < 27; i++) {
            candidates.add(i);
        }
        List<SuccessiveHalving.Result<Integer>> trials = new ArrayList<>();

        // A noisy cheap score that still ranks the candidates like the full one: (c - 20)^2 smallest wins.
        SuccessiveHalving.Result<Integer> best = SuccessiveHalving.run(candidates, 3,
                (c, share) -> -Math.pow(c - 20, 2) + (share < 1 ? 0.1 * (c % 2) : 0), () -> false, trials);

        assertThat(best.candidate()).isEqualTo(20);
        assertThat(best.share()).isEqualTo(1.0);
        assertThat(trials).filteredOn(r -> r.share() == 1.0).hasSize(3);
        assertThat(trials).filteredOn(r -> r.share() < 1.0 / 3 + 1e-9 && r.share() > 1.0 / 3 - 1e-9).hasSize(9);
        assertThat(trials).hasSize(27 + 9 + 3);
    }

    @Test
    void successiveHalving_whenTimeIsUpBeforeAFullScore_returnsNothing() {
        assertThat(SuccessiveHalving.run(List.of(1, 2, 3), 2, (c, share) -> c, () -> true, new ArrayList<>())).isNull();
    }

    @Test
    void coordinateSearch_whenSeparableScore_findsTheGridOptimumWithFarFewerEvaluationsThanTheGrid() {
        AtomicInteger calls = new AtomicInteger();
        double[] grid = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        CoordinateSearch search = new CoordinateSearch(List.of(grid, grid, grid), x -> {
            calls.incrementAndGet();
            return -Math.abs(x[0] - 3) - Math.abs(x[1] - 7) - Math.abs(x[2] - 1);
        }, () -> false);

        double[] best = search.run(new double[] {5, 5, 5});

        assertThat(best).containsExactly(3, 7, 1);
        assertThat(search.bestScore()).isZero();
        assertThat(calls.get()).isLessThan(100).isGreaterThan(10);
    }

    @Test
    void scaling_whenApplied_mapsTheCataloguePartToMeanZeroOrMaxOne() {
        float[] s = {4, -2, 1, 100};
        boolean[] own = {false, false, false, true};

        float[] z = s.clone();
        Scaling.Z_SCORE.apply(z, own);
        float[] max = s.clone();
        Scaling.MAX_ABS.apply(max, own);
        float[] none = s.clone();
        Scaling.NONE.apply(none, own);

        assertThat(z[0] + z[1] + z[2]).isCloseTo(0f, org.assertj.core.data.Offset.offset(1e-5f));
        assertThat(max[0]).isEqualTo(1f);
        assertThat(max[1]).isEqualTo(-0.5f);
        assertThat(none).containsExactly(s);
    }
}
