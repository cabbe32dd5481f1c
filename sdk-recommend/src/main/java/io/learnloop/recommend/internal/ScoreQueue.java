package io.learnloop.recommend.internal;

/**
 * Candidates in rank order, produced one at a time: a binary max-heap built in linear time, so a caller that stops
 * after m candidates pays O(n + m log n) instead of sorting all n. Higher score first; on equal scores the lower
 * course index first (the order {@link TopK} uses).
 *
 * <p>Not thread-safe: one queue per request.
 */
public final class ScoreQueue {
    private final int[] heap;
    private final float[] score;
    private final int[] course;
    private int size;

    /**
     * Builds the queue over some positions of parallel score and course arrays.
     *
     * @param positions the positions to rank; the queue takes this array over and reorders it
     * @param count     how many leading entries of {@code positions} to use
     * @param score     the score at each position
     * @param course    the course index at each position, for ties
     */
    public ScoreQueue(int[] positions, int count, float[] score, int[] course) {
        this.heap = positions;
        this.size = count;
        this.score = score;
        this.course = course;
        for (int i = (count >>> 1) - 1; i >= 0; i--) {
            siftDown(i);
        }
    }

    /**
     * Returns whether candidates are left.
     *
     * @return true when {@link #next()} may be called
     */
    public boolean hasNext() {
        return size > 0;
    }

    /**
     * Removes and returns the best remaining position.
     *
     * @return the position
     * @throws IllegalStateException when the queue is empty
     */
    public int next() {
        if (size == 0) {
            throw new IllegalStateException("no candidates left");
        }
        int top = heap[0];
        heap[0] = heap[--size];
        siftDown(0);
        return top;
    }

    private boolean better(int a, int b) {
        return score[a] > score[b] || (score[a] == score[b] && course[a] < course[b]);
    }

    private void siftDown(int pos) {
        int x = heap[pos];
        while (true) {
            int child = 2 * pos + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && better(heap[child + 1], heap[child])) {
                child++;
            }
            if (!better(heap[child], x)) {
                break;
            }
            heap[pos] = heap[child];
            pos = child;
        }
        heap[pos] = x;
    }
}
