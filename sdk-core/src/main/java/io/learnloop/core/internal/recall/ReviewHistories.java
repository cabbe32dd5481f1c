package io.learnloop.core.internal.recall;

import io.learnloop.core.recall.CardHistory;
import io.learnloop.core.recall.RatedReview;

import java.time.Instant;
import java.util.Collection;

/**
 * Card histories compiled once into arrays for the many passes of fitting: per card, each review's grade, the
 * calendar days since the review before it, and whether it is forecast (scored).
 *
 * <p>A review is forecast when it comes at least a day after the one before it (same-day reviews change the memory
 * state but the forgetting curve does not predict them) and at or after the start of the scored period.
 *
 * <p>Thread-safe: immutable after construction.
 */
public final class ReviewHistories {
    final int[][] grades;
    final long[][] elapsed;
    final boolean[][] scored;

    /**
     * Compiles histories.
     *
     * @param histories the histories
     * @param scoreFrom the first instant whose reviews are forecast
     */
    public ReviewHistories(Collection<CardHistory> histories, Instant scoreFrom) {
        int n = histories.size();
        grades = new int[n][];
        elapsed = new long[n][];
        scored = new boolean[n][];
        int c = 0;
        for (CardHistory h : histories) {
            int m = h.reviews().size();
            grades[c] = new int[m];
            elapsed[c] = new long[m];
            scored[c] = new boolean[m];
            for (int i = 0; i < m; i++) {
                RatedReview r = h.reviews().get(i);
                grades[c][i] = r.rating().grade();
                if (i > 0) {
                    elapsed[c][i] = FsrsScheduler.calendarDays(h.reviews().get(i - 1).reviewedAt(), r.reviewedAt());
                    scored[c][i] = elapsed[c][i] > 0 && !r.reviewedAt().isBefore(scoreFrom);
                }
            }
            c++;
        }
    }
}
