package io.learnloop.recommend.internal;

import io.learnloop.recommend.Explanation;
import io.learnloop.recommend.InteractionMatrix;
import io.learnloop.recommend.LearnerHistory;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Item-based k-nearest neighbours on binary interactions: cosine similarity with shrinkage,
 * {@code co(i,j) / (sqrt(n_i) * sqrt(n_j) + shrink)}, keeping each course's top-k neighbours. A learner's score for
 * a course is the sum of its similarities to the learner's courses (not a rating-weighted average, which ranks
 * one-rating courses first on enrolment-like data).
 *
 * <p>Thread-safe: immutable once trained.
 */
public final class ItemKnnModel extends ScoringModel {
    private final int[] start;
    private final int[] neighbour;
    private final float[] similarity;

    /**
     * Trains the model.
     *
     * @param matrix     the matrix
     * @param catalogue  the catalogue
     * @param neighbours neighbours kept per course, at least 1
     * @param shrinkage  the shrinkage term, at least 0
     */
    public ItemKnnModel(InteractionMatrix matrix, Catalogue catalogue, int neighbours, double shrinkage) {
        super(matrix, catalogue);
        int n = matrix.courseCount();
        Transpose t = Transpose.of(matrix);
        double[] norm = new double[n];
        for (int c = 0; c < n; c++) {
            norm[c] = Math.sqrt(t.count(c));
        }
        int[][] nbr = new int[n][];
        float[][] sim = new float[n][];
        int block = 64;
        IntStream.range(0, (n + block - 1) / block).parallel().forEach(b -> {
            int[] co = new int[n];
            int[] touched = new int[n];
            for (int i = b * block; i < Math.min(n, (b + 1) * block); i++) {
                int touchedCount = 0;
                for (int p = t.start(i); p < t.start(i + 1); p++) {
                    LearnerHistory h = matrix.history(t.learner(p));
                    for (int q = 0; q < h.size(); q++) {
                        int j = h.course(q);
                        if (j != i && j < n) {
                            if (co[j] == 0) {
                                touched[touchedCount++] = j;
                            }
                            co[j]++;
                        }
                    }
                }
                float[] s = new float[touchedCount];
                for (int x = 0; x < touchedCount; x++) {
                    int j = touched[x];
                    s[x] = (float) (co[j] / (norm[i] * norm[j] + shrinkage));
                    co[j] = 0;
                }
                int[] top = TopK.select(s, Math.min(neighbours, touchedCount), 0f, true);
                int[] ids = new int[top.length];
                for (int x = 0; x < top.length; x++) {
                    ids[x] = touched[top[x]];
                }
                Arrays.sort(ids);
                float[] ts = new float[ids.length];
                for (int x = 0; x < top.length; x++) {
                    // ids are sorted; look each similarity up again through the unsorted pick list.
                    int pos = Arrays.binarySearch(ids, touched[top[x]]);
                    ts[pos] = s[top[x]];
                }
                nbr[i] = ids;
                sim[i] = ts;
            }
        });
        start = new int[n + 1];
        for (int i = 0; i < n; i++) {
            start[i + 1] = start[i] + nbr[i].length;
        }
        neighbour = new int[start[n]];
        similarity = new float[start[n]];
        for (int i = 0; i < n; i++) {
            System.arraycopy(nbr[i], 0, neighbour, start[i], nbr[i].length);
            System.arraycopy(sim[i], 0, similarity, start[i], sim[i].length);
        }
    }

    @Override
    public String name() {
        return "item-knn";
    }

    @Override
    public boolean score(LearnerHistory history, int learner, float[] scores) {
        return score(history, learner, null, scores);
    }

    @Override
    public boolean score(LearnerHistory history, int learner, float[] rowWeights, float[] scores) {
        if (history.isEmpty()) {
            return false;
        }
        int n = start.length - 1;
        for (int p = 0; p < history.size(); p++) {
            int i = history.course(p);
            if (i >= n) {
                continue;
            }
            float w = rowWeights == null ? 1f : rowWeights[p];
            for (int x = start[i]; x < start[i + 1]; x++) {
                scores[neighbour[x]] += w * similarity[x];
            }
        }
        return true;
    }

    @Override
    public Explanation explain(LearnerHistory history, int course) {
        int best = -1;
        float bestSim = 0;
        int n = start.length - 1;
        for (int p = 0; p < history.size(); p++) {
            int i = history.course(p);
            if (i >= n) {
                continue;
            }
            int x = Arrays.binarySearch(neighbour, start[i], start[i + 1], course);
            if (x >= 0 && similarity[x] > bestSim) {
                bestSim = similarity[x];
                best = p;
            }
        }
        return best < 0 ? popular(course) : becauseYou(history, best);
    }

    @Override
    public long memoryBytes() {
        return 48 + start.length * 4L + neighbour.length * 8L;
    }
}
