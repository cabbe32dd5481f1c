package io.learnloop.recommend.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Coordinate search over a few parameters, each with its own grid of values: starting from a given point, each
 * parameter in turn takes the grid value that scores best with the others held, for up to two rounds or until no
 * parameter moves. With d parameters of g values that is about 2 d g evaluations instead of g^d for the full grid,
 * which matters when each evaluation trains a model. Points already scored are not scored again.
 *
 * <p>Not thread-safe: one search per thread.
 */
public final class CoordinateSearch {
    private static final int ROUNDS = 2;

    private final List<double[]> grids;
    private final ToDoubleFunction<double[]> score;
    private final SuccessiveHalving.Clock clock;
    private final Map<String, Double> seen = new HashMap<>();
    private double[] best;
    private double bestScore = Double.NEGATIVE_INFINITY;

    /**
     * Prepares a search.
     *
     * @param grids one grid of values per parameter
     * @param score scores a point (one value per parameter), higher is better
     * @param clock stops the search early when the time is up
     */
    public CoordinateSearch(List<double[]> grids, ToDoubleFunction<double[]> score, SuccessiveHalving.Clock clock) {
        this.grids = grids;
        this.score = score;
        this.clock = clock;
    }

    /**
     * Runs the search from a start point, which is always scored first.
     *
     * @param start the start point
     * @return the best point found
     */
    public double[] run(double[] start) {
        consider(start);
        for (int round = 0; round < ROUNDS; round++) {
            double[] before = best.clone();
            for (int d = 0; d < grids.size(); d++) {
                double[] base = best.clone();
                for (double v : grids.get(d)) {
                    if (clock.expired()) {
                        return best;
                    }
                    double[] x = base.clone();
                    x[d] = v;
                    consider(x);
                }
            }
            if (Arrays.equals(before, best)) {
                break;
            }
        }
        return best;
    }

    /**
     * Scores a point unless it was scored before, and keeps it when it beats the best so far.
     *
     * @param x the point
     */
    public void consider(double[] x) {
        String key = Arrays.toString(x);
        if (seen.containsKey(key)) {
            return;
        }
        double s = score.applyAsDouble(x);
        seen.put(key, s);
        if (s > bestScore) {
            bestScore = s;
            best = x.clone();
        }
    }

    /**
     * Returns the best score so far.
     *
     * @return the score
     */
    public double bestScore() {
        return bestScore;
    }
}
