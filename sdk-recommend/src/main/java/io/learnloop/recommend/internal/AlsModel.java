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
    private final float[] courseGram;
    // Course factors stored factor-major (all courses' factor 0, then factor 1 ...), so scoring is a few long
    // vectorisable axpy loops instead of one short dot product per course.
    private final float[] yByFactor;
    private final float[] courseNorm;
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
        ForkJoinPool pool = new ForkJoinPool(settings.threads());
        try {
            for (int it = 0; it < settings.iterations(); it++) {
                float[] gy = gram(y, courses, pool);
                pool.submit(() -> IntStream.range(0, (learners + BLOCK - 1) / BLOCK).parallel().forEach(b -> {
                    Scratch s = new Scratch(f);
                    for (int u = b * BLOCK; u < Math.min(learners, (b + 1) * BLOCK); u++) {
                        LearnerHistory h = rows[u];
                        int len = s.load(h, alpha, courses);
                        solve(y, gy, rowLambda(s, len, courses), s, len, x, u * f, settings.cgSteps());
                    }
                })).join();
                float[] gx = gram(x, learners, pool);
                pool.submit(() -> IntStream.range(0, (courses + BLOCK - 1) / BLOCK).parallel().forEach(b -> {
                    Scratch s = new Scratch(f);
                    for (int c = b * BLOCK; c < Math.min(courses, (b + 1) * BLOCK); c++) {
                        int len = s.load(t, c, alpha);
                        solve(x, gx, rowLambda(s, len, learners), s, len, y, c * f, settings.cgSteps());
                    }
                })).join();
            }
        } finally {
            pool.shutdown();
        }
        courseGram = gram(y, courses, null);
        courseNorm = new float[courses];
        for (int c = 0; c < courses; c++) {
            courseNorm[c] = (float) Math.sqrt(dot4(y, c * f, y, c * f, f));
        }
        yByFactor = new float[courses * f];
        for (int c = 0; c < courses; c++) {
            for (int a = 0; a < f; a++) {
                yByFactor[a * courses + c] = y[c * f + a];
            }
        }
    }

    // Revisiting iALS (Rendle, Krichene, Zhang and Koren 2022) scales each row's regularisation with the row's share
    // of the loss: here the row's total weight relative to an empty row's, (others + sum of confidences) / others,
    // to the power "frequencyExponent" (0: the same regularisation for every row, as in Hu, Koren and Volinsky).
    private float rowLambda(Scratch s, int len, int others) {
        double exponent = settings.frequencyExponent();
        if (exponent == 0) {
            return (float) settings.regularization();
        }
        double total = others;
        for (int q = 0; q < len; q++) {
            total += s.conf[q];
        }
        return (float) (settings.regularization() * Math.pow(total / Math.max(1, others), exponent));
    }

    private float[] gram(float[] m, int rows, ForkJoinPool pool) {
        int ff = f;
        float[] g = new float[ff * ff];
        // Row-blocked accumulation of m'm: each block adds its rows' outer products into a private buffer (the inner
        // loop is an axpy, which the JIT vectorises), then the buffers are summed in block order.
        int blocks = Math.max(1, Math.min(64, rows / 256));
        double[][] partial = new double[blocks][];
        Runnable work = () -> IntStream.range(0, blocks).parallel().forEach(blk -> {
            float[] acc = new float[ff * ff];
            int from = (int) ((long) rows * blk / blocks);
            int to = (int) ((long) rows * (blk + 1) / blocks);
            for (int r = from; r < to; r++) {
                int base = r * ff;
                for (int a = 0; a < ff; a++) {
                    float va = m[base + a];
                    int row = a * ff;
                    for (int b = 0; b < ff; b++) {
                        acc[row + b] += va * m[base + b];
                    }
                }
            }
            double[] d = new double[ff * ff];
            for (int i = 0; i < d.length; i++) {
                d[i] = acc[i];
            }
            partial[blk] = d;
        });
        if (pool == null) {
            work.run();
        } else {
            pool.submit(work).join();
        }
        for (int i = 0; i < g.length; i++) {
            double sum = 0;
            for (double[] d : partial) {
                sum += d[i];
            }
            g[i] = (float) sum;
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
    private void solve(float[] other, float[] gram, float lambda, Scratch s, int len, float[] target, int off,
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
    private void multiply(float[] other, float[] gram, float lambda, Scratch s, int len, float[] v, int off,
                          float[] out) {
        int ff = f;
        for (int a = 0; a < ff; a++) {
            out[a] = lambda * v[off + a];
        }
        // G v as a sum of scaled columns (G is symmetric): axpy loops vectorise, dot products do not.
        for (int b = 0; b < ff; b++) {
            float vb = v[off + b];
            int row = b * ff;
            for (int a = 0; a < ff; a++) {
                out[a] += vb * gram[row + a];
            }
        }
        for (int q = 0; q < len; q++) {
            int base = s.idx[q] * ff;
            float d = dot4(other, base, v, off, ff) * s.conf[q];
            for (int a = 0; a < ff; a++) {
                out[a] += d * other[base + a];
            }
        }
    }

    /** A float dot product with four independent sums, for instruction-level parallelism. */
    private static float dot4(float[] a, int ao, float[] b, int bo, int n) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[ao + i] * b[bo + i];
            s1 += a[ao + i + 1] * b[bo + i + 1];
            s2 += a[ao + i + 2] * b[bo + i + 2];
            s3 += a[ao + i + 3] * b[bo + i + 3];
        }
        for (; i < n; i++) {
            s0 += a[ao + i] * b[bo + i];
        }
        return (s0 + s1) + (s2 + s3);
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
        solve(y, courseGram, rowLambda(s, len, courses), s, len, v, 0, Math.max(10, settings.cgSteps()));
        return v;
    }

    @Override
    public boolean score(LearnerHistory history, int learner, float[] scores) {
        float[] v = learnerVector(history, learner);
        if (v == null) {
            return false;
        }
        for (int a = 0; a < f; a++) {
            float va = v[a];
            int base = a * courses;
            for (int c = 0; c < courses; c++) {
                scores[c] += va * yByFactor[base + c];
            }
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
            double norm = (double) courseNorm[i] * courseNorm[course];
            double sim = norm > 0 ? dot4(y, i * f, y, course * f, f) / norm : 0;
            if (sim > bestSim) {
                bestSim = sim;
                best = p;
            }
        }
        return best < 0 ? popular(course) : becauseYou(history, best);
    }

    @Override
    public long memoryBytes() {
        return 64 + (x.length + 2L * y.length + courseNorm.length) * 4L + trainedRevision.length * 4L
                + courseGram.length * 4L;
    }
}
