package io.learnloop.recommend.internal;

/**
 * Selects the k best entries of a score array with a bounded min-heap on primitive arrays.
 *
 * <p>Not thread-safe; static helpers hold no state.
 */
public final class TopK {
    private TopK() {
    }

    /**
     * Returns the indexes of the k highest scores, best first; ties go to the lower index. Entries that are NaN,
     * negative infinity, or not above {@code floor} when {@code strict} is set, are skipped.
     *
     * @param scores the scores
     * @param k      how many
     * @param floor  the score an entry must exceed when {@code strict}
     * @param strict whether to apply the floor
     * @return the selected indexes, at most k
     */
    public static int[] select(float[] scores, int k, float floor, boolean strict) {
        if (k <= 0) {
            return new int[0];
        }
        // The heap keeps each entry's score beside its index, so comparisons read one small array.
        int[] heap = new int[k];
        float[] value = new float[k];
        int size = 0;
        for (int i = 0; i < scores.length; i++) {
            float s = scores[i];
            if (size == k) {
                // Entries come in index order, so a tie with the worst never wins (the worst has the lower index):
                // one comparison with the worst score rejects most entries.
                if (s > value[0]) {
                    siftDown(heap, value, size, i, s);
                }
                continue;
            }
            if (s != s || s == Float.NEGATIVE_INFINITY || (strict && !(s > floor))) {
                continue;
            }
            siftUp(heap, value, size, i, s);
            size++;
        }
        int[] out = new int[size];
        for (int n = size - 1; n >= 0; n--) {
            out[n] = heap[0];
            int lastIndex = heap[n];
            float lastValue = value[n];
            if (n > 0) {
                siftDown(heap, value, n, lastIndex, lastValue);
            }
        }
        return out;
    }

    /**
     * Marks the entries {@link #select} would return, in no particular order, by a threshold instead of a heap:
     * the k-th best score is found by selection in linear expected time, then every entry above it is marked, and
     * entries equal to it in index order until k are marked (the ones {@code select} breaks the tie for).
     *
     * @param scores the scores
     * @param k      how many
     * @param floor  the score an entry must exceed when {@code strict}
     * @param strict whether to apply the floor
     * @param mark   set to true for each selected entry (other flags are left as they are)
     * @return how many were marked
     */
    public static int mark(float[] scores, int k, float floor, boolean strict, boolean[] mark) {
        if (k <= 0) {
            return 0;
        }
        float[] values = new float[scores.length];
        int count = 0;
        for (float s : scores) {
            if (selectable(s, floor, strict)) {
                values[count++] = s;
            }
        }
        if (count <= k) {
            for (int i = 0; i < scores.length; i++) {
                if (selectable(scores[i], floor, strict)) {
                    mark[i] = true;
                }
            }
            return count;
        }
        float threshold = kthLargest(values, count, k);
        int above = 0;
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] > threshold) {
                mark[i] = true;
                above++;
            }
        }
        for (int i = 0; i < scores.length && above < k; i++) {
            if (scores[i] == threshold) {
                mark[i] = true;
                above++;
            }
        }
        return above;
    }

    /** The k-th largest of the first {@code count} values (1-based k), by Hoare's selection; reorders them. */
    private static float kthLargest(float[] v, int count, int k) {
        int target = k - 1;
        int lo = 0;
        int hi = count - 1;
        while (lo < hi) {
            float pivot = v[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (v[i] > pivot) {
                    i++;
                }
                while (v[j] < pivot) {
                    j--;
                }
                if (i <= j) {
                    float t = v[i];
                    v[i] = v[j];
                    v[j] = t;
                    i++;
                    j--;
                }
            }
            if (target <= j) {
                hi = j;
            } else if (target >= i) {
                lo = i;
            } else {
                return v[target];
            }
        }
        return v[target];
    }

    /**
     * Returns whether an entry is one {@link #select} may return: not NaN, not negative infinity, and above the
     * floor when strict.
     *
     * @param s      the score
     * @param floor  the floor
     * @param strict whether to apply the floor
     * @return true when selectable
     */
    public static boolean selectable(float s, float floor, boolean strict) {
        return s == s && s != Float.NEGATIVE_INFINITY && (!strict || s > floor);
    }

    /**
     * Returns the position {@link #select} would give entry {@code at} in its full ranking: how many selectable
     * entries beat it (a higher score, or the same score at a lower index). An entry that is not selectable gets
     * {@link Integer#MAX_VALUE}. The entry is among the k selected exactly when the result is below k.
     *
     * @param scores the scores
     * @param at     the entry
     * @param floor  the floor
     * @param strict whether to apply the floor
     * @param limit  stop counting at this rank (the result is then at least {@code limit})
     * @return the rank, 0 for the best
     */
    public static int rank(float[] scores, int at, float floor, boolean strict, int limit) {
        float s = scores[at];
        if (!selectable(s, floor, strict)) {
            return Integer.MAX_VALUE;
        }
        int rank = 0;
        // Every entry that beats a selectable one is itself selectable (above it, so neither NaN nor -inf nor below
        // the floor): plain comparisons suffice.
        for (int i = 0; i < at && rank < limit; i++) {
            if (scores[i] >= s) {
                rank++;
            }
        }
        for (int i = at + 1; i < scores.length && rank < limit; i++) {
            if (scores[i] > s) {
                rank++;
            }
        }
        return rank;
    }

    private static boolean better(float sa, int a, float sb, int b) {
        return sa > sb || (sa == sb && a < b);
    }

    /** Adds (i, s) at position pos and restores the heap (worst at the root). */
    private static void siftUp(int[] h, float[] v, int pos, int i, float s) {
        while (pos > 0) {
            int parent = (pos - 1) >>> 1;
            if (!better(v[parent], h[parent], s, i)) {
                break;
            }
            h[pos] = h[parent];
            v[pos] = v[parent];
            pos = parent;
        }
        h[pos] = i;
        v[pos] = s;
    }

    /** Replaces the root with (i, s) and restores the heap over the first size entries. */
    private static void siftDown(int[] h, float[] v, int size, int i, float s) {
        int pos = 0;
        while (true) {
            int c = 2 * pos + 1;
            if (c >= size) {
                break;
            }
            if (c + 1 < size && better(v[c], h[c], v[c + 1], h[c + 1])) {
                c++;
            }
            if (!better(s, i, v[c], h[c])) {
                break;
            }
            h[pos] = h[c];
            v[pos] = v[c];
            pos = c;
        }
        h[pos] = i;
        v[pos] = s;
    }
}
