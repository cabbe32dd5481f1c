package io.learnloop.recommend.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Successive halving (Jamieson and Talwalkar 2016; Li et al. 2018): every candidate is scored on a small share of
 * the validation learners (and, for iterative models, of the training sweeps), the best third goes on to three
 * times the share, and so on until the survivors are scored on everything. Most of the budget thus goes to the
 * promising candidates. Candidates are tried in the order given; ties keep the earlier one.
 *
 * <p>Thread-safe: static helpers without state; the scorer is called from the calling thread.
 */
public final class SuccessiveHalving {
    /** The factor by which candidates are cut and shares grow from one rung to the next. */
    public static final int ETA = 3;

    /** Scores one candidate with a share of the resources. */
    public interface Scorer<T> {
        /**
         * Scores a candidate.
         *
         * @param candidate the candidate
         * @param share     the share of the resources, in (0, 1]; 1 is the full evaluation
         * @return the score, higher is better
         */
        double score(T candidate, double share);
    }

    /** Decides whether there is time for another evaluation. */
    public interface Clock {
        /**
         * Returns whether the time is up.
         *
         * @return true to stop
         */
        boolean expired();
    }

    /**
     * One scored candidate.
     *
     * @param candidate the candidate
     * @param share     the share it was scored with
     * @param score     its score
     * @param <T>       the candidate type
     */
    public record Result<T>(T candidate, double share, double score) {
    }

    private SuccessiveHalving() {
    }

    /**
     * Runs the search.
     *
     * @param candidates the candidates, at least one
     * @param rungs      how many rungs; the first scores with share {@code ETA^-(rungs-1)}
     * @param scorer     scores a candidate with a share
     * @param clock      stops the search early when the time is up
     * @param trials     receives every scored candidate, in order
     * @param <T>        the candidate type
     * @return the best candidate scored with the full share, or null when the time ran out before any was
     */
    public static <T> Result<T> run(List<T> candidates, int rungs, Scorer<T> scorer, Clock clock,
                                    List<Result<T>> trials) {
        List<T> alive = new ArrayList<>(candidates);
        for (int rung = 0; rung < rungs; rung++) {
            double share = Math.pow(ETA, rung - (rungs - 1));
            if (rung == rungs - 1 || alive.size() == 1) {
                share = 1;
            }
            List<Result<T>> scored = new ArrayList<>();
            for (T c : alive) {
                if (clock.expired()) {
                    return best(scored, share);
                }
                Result<T> r = new Result<>(c, share, scorer.score(c, share));
                scored.add(r);
                trials.add(r);
            }
            if (share == 1) {
                return best(scored, share);
            }
            List<Result<T>> ranked = new ArrayList<>(scored);
            ranked.sort(Comparator.comparingDouble((Result<T> r) -> -r.score()));
            int keep = Math.max(1, (int) Math.ceil(alive.size() / (double) ETA));
            List<T> next = new ArrayList<>();
            // Survivors keep their original order, so ties and the final pick do not depend on the sort.
            for (T c : alive) {
                for (int i = 0; i < keep; i++) {
                    if (ranked.get(i).candidate() == c) {
                        next.add(c);
                    }
                }
            }
            alive = next;
        }
        return null;
    }

    private static <T> Result<T> best(List<Result<T>> scored, double share) {
        Result<T> best = null;
        if (share < 1) {
            return null;
        }
        for (Result<T> r : scored) {
            if (best == null || r.score() > best.score()) {
                best = r;
            }
        }
        return best;
    }
}
