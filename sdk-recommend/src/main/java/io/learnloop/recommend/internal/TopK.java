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
        int[] heap = new int[k];
        int size = 0;
        for (int i = 0; i < scores.length; i++) {
            float s = scores[i];
            if (s != s || s == Float.NEGATIVE_INFINITY || (strict && !(s > floor))) {
                continue;
            }
            if (size < k) {
                heap[size] = i;
                siftUp(heap, size, scores);
                size++;
            } else if (better(i, heap[0], scores)) {
                heap[0] = i;
                siftDown(heap, size, scores);
            }
        }
        int[] out = new int[size];
        for (int n = size - 1; n >= 0; n--) {
            out[n] = heap[0];
            heap[0] = heap[n];
            siftDown(heap, n, scores);
        }
        return out;
    }

    private static boolean better(int a, int b, float[] s) {
        return s[a] > s[b] || (s[a] == s[b] && a < b);
    }

    private static void siftUp(int[] h, int pos, float[] s) {
        int x = h[pos];
        while (pos > 0) {
            int parent = (pos - 1) >>> 1;
            if (!better(h[parent], x, s)) {
                break;
            }
            h[pos] = h[parent];
            pos = parent;
        }
        h[pos] = x;
    }

    private static void siftDown(int[] h, int size, float[] s) {
        int pos = 0;
        int x = h[0];
        while (true) {
            int c = 2 * pos + 1;
            if (c >= size) {
                break;
            }
            if (c + 1 < size && better(h[c], h[c + 1], s)) {
                c++;
            }
            if (!better(x, h[c], s)) {
                break;
            }
            h[pos] = h[c];
            pos = c;
        }
        if (size > 0) {
            h[pos] = x;
        }
    }
}
