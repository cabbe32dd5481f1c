package io.learnloop.core.internal.recall;

import io.learnloop.core.recall.ForecastScore;

/**
 * Replays compiled histories through a model of memory and scores its forecasts: FSRS-6 with given weights, or SM-2.
 *
 * <p>Thread-safe: static functions only.
 */
public final class RecallModels {
    private static final double SM2_INITIAL_EASE = 2.5;
    private static final double SM2_MINIMUM_EASE = 1.3;

    private RecallModels() {
    }

    /**
     * FSRS-6's forecasts: the memory state follows every review (the short-term formula on the same day), and each
     * forecast review is predicted by the forgetting curve at the state before it.
     *
     * @param weights   the 21 weights
     * @param histories the histories
     * @return the score
     */
    public static ForecastScore fsrs(double[] weights, ReviewHistories histories) {
        return fsrsPass(weights, histories).score();
    }

    /**
     * FSRS-6's mean log-loss, the quantity the optimiser minimises.
     *
     * @param weights   the 21 weights
     * @param histories the histories
     * @return the mean log-loss over forecast reviews
     */
    static double fsrsLoss(double[] weights, ReviewHistories histories) {
        return fsrsPass(weights, histories).meanLoss();
    }

    private static Forecasts fsrsPass(double[] weights, ReviewHistories histories) {
        FsrsMath math = FsrsMath.unrounded(weights);
        Forecasts out = new Forecasts();
        for (int c = 0; c < histories.grades.length; c++) {
            int[] grades = histories.grades[c];
            double d = 0;
            double s = 0;
            for (int i = 0; i < grades.length; i++) {
                long t = histories.elapsed[c][i];
                if (histories.scored[c][i]) {
                    out.add(math.forgettingCurve(t, s), grades[i] > 1);
                }
                double[] next = math.nextState(d, s, t, grades[i], Double.NaN);
                d = next[0];
                s = next[1];
            }
        }
        return out;
    }

    /**
     * SM-2's forecasts. SM-2 schedules but does not predict recall; as is usual when benchmarking it, the interval it
     * scheduled is read as the time at which recall falls to 90%, on an exponential curve: {@code 0.9^(t / I)}.
     * Ratings map to SM-2 qualities Again 0, Hard 3, Good 4, Easy 5; a quality below 3 restarts the repetitions.
     *
     * @param histories the histories
     * @return the score
     */
    public static ForecastScore sm2(ReviewHistories histories) {
        Forecasts out = new Forecasts();
        for (int c = 0; c < histories.grades.length; c++) {
            int[] grades = histories.grades[c];
            double ease = SM2_INITIAL_EASE;
            int repetitions = 0;
            double interval = 0;
            for (int i = 0; i < grades.length; i++) {
                if (histories.scored[c][i] && interval > 0) {
                    out.add(Math.pow(0.9, histories.elapsed[c][i] / interval), grades[i] > 1);
                }
                int q = grades[i] == 1 ? 0 : grades[i] + 1;
                if (q < 3) {
                    repetitions = 0;
                    interval = 1;
                } else {
                    interval = repetitions == 0 ? 1 : repetitions == 1 ? 6 : Math.round(interval * ease);
                    repetitions++;
                }
                ease = Math.max(SM2_MINIMUM_EASE, ease + 0.1 - (5 - q) * (0.08 + (5 - q) * 0.02));
            }
        }
        return out.score();
    }
}
