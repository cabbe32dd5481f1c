package io.learnloop.recommend.internal;

import io.learnloop.recommend.AlsSettings;
import io.learnloop.recommend.Explanation;
import io.learnloop.recommend.InteractionMatrix;
import io.learnloop.recommend.LearnerHistory;

import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Implicit-feedback matrix factorisation by alternating least squares, each row solved approximately with a few
 * warm-started conjugate-gradient steps instead of a Cholesky factorisation, rows spread over a worker pool. A
 * learner whose row changed after training (or who is new) is folded in at query time by solving the same
 * least-squares problem against the trained course factors.
 *
 * <p>Thread-safe: immutable once trained.
 */
public final class AlsModel extends ScoringModel {
    private static final int BLOCK = 32;

    private final int f;
    private final int learners;
    private final int courses;
    private final float[] x;
    private final float[] y;
    private final int[] trainedRevision;
    private final double[] courseGram;
    private final AlsSettings settings;

    /**
     * Trains the model.
     *
     * @param matrix    the matrix
     * @param catalogue the catalogue
     * @param settings  the settings
     */
    public AlsModel(InteractionMatrix matrix, Catalogue catalogue, AlsSettings settings) {
        super(matrix, catalogue);
        this.settings = settings;
        f = settings.factors();
        learners = matrix.learnerCount();
        courses = matrix.courseCount();
        LearnerHistory[] rows = new LearnerHistory[learners];
        trainedRevision = new int[learners];
        for (int u = 0; u < learners; u++) {
            rows[u] = matrix.history(u);
            trainedRevision[u] = matrix.revision(u);
        }
        Transpose t = Transpose.of(matrix);
        x = new float[learners * f];
        y = new float[courses * f];
        SplittableRandom random = new SplittableRandom(settings.seed());
        double scale = 0.01;
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (random.nextGaussian() * scale);
        }
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (random.nextGaussian() * scale);
        }
        double alpha = settings.alpha();
        float lambda = (float) settings.regularization();
        ForkJoinPool pool = new ForkJoinPool(settings.threads());
        try {
            for (int it = 0; it < settings.iterations(); it++) {
                double[] gy = gram(y, courses, pool);
                pool.submit(() -> IntStream.range(0, (learners + BLOCK - 1) / BLOCK).parallel().forEach(b -> {
                    Scratch s = new Scratch(f);
                    for (int u = b * BLOCK; u < Math.min(learners, (b + 1) * BLOCK); u++) {
                        LearnerHistory h = rows[u];
                        int len = s.load(h, alpha, courses);
                        solve(y, gy, lambda, s, len, x, u * f, settings.cgSteps());
                    }
                })).join();
                double[] gx = gram(x, learners, pool);
                pool.submit(() -> IntStream.range(0, (courses + BLOCK - 1) / BLOCK).parallel().forEach(b -> {
                    Scratch s = new Scratch(f);
                    for (int c = b * BLOCK; c < Math.min(courses, (b + 1) * BLOCK); c++) {
                        int len = s.load(t, c, alpha);
                        solve(x, gx, lambda, s, len, y, c * f, settings.cgSteps());
                    }
                })).join();
            }
        } finally {
            pool.shutdown();
        }
        courseGram = gram(y, courses, null);
    }

    private double[] gram(float[] m, int rows, ForkJoinPool pool) {
        int ff = f;
        double[] g = new double[ff * ff];
        Runnable work = () -> IntStream.range(0, ff).parallel().forEach(a -> {
            for (int b = a; b < ff; b++) {
                double sum = 0;
                for (int r = 0; r < rows; r++) {
                    sum += (double) m[r * ff + a] * m[r * ff + b];
                }
                g[a * ff + b] = sum;
                g[b * ff + a] = sum;
            }
        });
        if (pool == null) {
            work.run();
        } else {
            pool.submit(work).join();
        }
        return g;
    }

    /** Per-thread buffers for one row: other-side indexes and confidences minus one, and the CG vectors. */
    private static final class Scratch {
        int[] idx = new int[16];
        float[] conf = new float[16];
        final float[] r;
        final float[] p;
        final float[] ap;

        Scratch(int f) {
            r = new float[f];
            p = new float[f];
            ap = new float[f];
        }

        private void ensure(int len) {
            if (idx.length < len) {
                idx = new int[len * 2];
                conf = new float[len * 2];
            }
        }

        int load(LearnerHistory h, double alpha, int courses) {
            ensure(h.size());
            int len = 0;
            for (int q = 0; q < h.size(); q++) {
                if (h.course(q) < courses) {
                    idx[len] = h.course(q);
                    conf[len] = (float) (alpha * Math.log1p(h.strength(q)));
                    len++;
                }
            }
            return len;
        }

        int load(Transpose t, int c, double alpha) {
            int len = t.count(c);
            ensure(len);
            for (int q = 0; q < len; q++) {
                idx[q] = t.learner(t.start(c) + q);
                conf[q] = (float) (alpha * Math.log1p(t.strength(t.start(c) + q)));
            }
            return len;
        }
    }

    /**
     * Runs CG steps on {@code (G + lambda I + sum_i conf_i v_i v_i') w = sum_i (1 + conf_i) v_i}, starting from the
     * current value of {@code w}.
     */
    private void solve(float[] other, double[] gram, float lambda, Scratch s, int len, float[] target, int off,
                       int steps) {
        int ff = f;
        float[] r = s.r;
        float[] p = s.p;
        float[] ap = s.ap;
        // r = b - A w
        multiply(other, gram, lambda, s, len, target, off, ap);
        for (int a = 0; a < ff; a++) {
            r[a] = -ap[a];
        }
        for (int q = 0; q < len; q++) {
            int base = s.idx[q] * ff;
            float c = 1f + s.conf[q];
            for (int a = 0; a < ff; a++) {
                r[a] += c * other[base + a];
            }
        }
        System.arraycopy(r, 0, p, 0, ff);
        double rsOld = dot(r, 0, r, 0, ff);
        for (int step = 0; step < steps && rsOld > 1e-12; step++) {
            multiply(other, gram, lambda, s, len, p, 0, ap);
            double pap = dot(p, 0, ap, 0, ff);
            if (!(pap > 0)) {
                break;
            }
            float step0 = (float) (rsOld / pap);
            for (int a = 0; a < ff; a++) {
                target[off + a] += step0 * p[a];
                r[a] -= step0 * ap[a];
            }
            double rsNew = dot(r, 0, r, 0, ff);
            float beta = (float) (rsNew / rsOld);
            for (int a = 0; a < ff; a++) {
                p[a] = r[a] + beta * p[a];
            }
            rsOld = rsNew;
        }
    }

    /** out = (G + lambda I) v + sum_i conf_i (o_i . v) o_i. */
    private void multiply(float[] other, double[] gram, float lambda, Scratch s, int len, float[] v, int off,
                          float[] out) {
        int ff = f;
        for (int a = 0; a < ff; a++) {
            double sum = lambda * v[off + a];
            int row = a * ff;
            for (int b = 0; b < ff; b++) {
                sum += gram[row + b] * v[off + b];
            }
            out[a] = (float) sum;
        }
        for (int q = 0; q < len; q++) {
            int base = s.idx[q] * ff;
            float d = 0;
            for (int a = 0; a < ff; a++) {
                d += other[base + a] * v[off + a];
            }
            d *= s.conf[q];
            for (int a = 0; a < ff; a++) {
                out[a] += d * other[base + a];
            }
        }
    }

    private static double dot(float[] a, int ao, float[] b, int bo, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += a[ao + i] * b[bo + i];
        }
        return s;
    }

    @Override
    public String name() {
        return "als";
    }

    @Override
    public boolean positiveOnly() {
        return false;
    }

    /**
     * Returns the learner's factor vector: the trained one when the row is unchanged, else a fresh fold-in.
     *
     * @param history the row
     * @param learner the learner index, or -1
     * @return the vector, or null for an empty row
     */
    float[] learnerVector(LearnerHistory history, int learner) {
        if (history.isEmpty()) {
            return null;
        }
        float[] v = new float[f];
        if (learner >= 0 && learner < learners) {
            System.arraycopy(x, learner * f, v, 0, f);
            if (matrix.revision(learner) == trainedRevision[learner]) {
                return v;
            }
        }
        Scratch s = new Scratch(f);
        int len = s.load(history, settings.alpha(), courses);
        solve(y, courseGram, (float) settings.regularization(), s, len, v, 0, Math.max(10, settings.cgSteps()));
        return v;
    }

    @Override
    public boolean score(LearnerHistory history, int learner, float[] scores) {
        float[] v = learnerVector(history, learner);
        if (v == null) {
            return false;
        }
        for (int c = 0; c < courses; c++) {
            int base = c * f;
            float s = 0;
            for (int a = 0; a < f; a++) {
                s += v[a] * y[base + a];
            }
            scores[c] = s;
        }
        return true;
    }

    @Override
    public Explanation explain(LearnerHistory history, int course) {
        if (course >= courses) {
            return popular(course);
        }
        int best = -1;
        double bestSim = 0;
        for (int p = 0; p < history.size(); p++) {
            int i = history.course(p);
            if (i >= courses) {
                continue;
            }
            double d = dot(y, i * f, y, course * f, f);
            double norm = Math.sqrt(dot(y, i * f, y, i * f, f) * dot(y, course * f, y, course * f, f));
            double sim = norm > 0 ? d / norm : 0;
            if (sim > bestSim) {
                bestSim = sim;
                best = p;
            }
        }
        return best < 0 ? popular(course) : becauseYou(history, best);
    }

    @Override
    public long memoryBytes() {
        return 64 + (x.length + y.length) * 4L + trainedRevision.length * 4L + courseGram.length * 8L;
    }
}
