package io.learnloop.recommend;

import io.learnloop.core.error.ValidationException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The learner x course interaction matrix the recommenders learn from, in compressed sparse rows of primitive
 * arrays (about 28 bytes per distinct learner-course pair). Built once from a batch of interactions; afterwards
 * {@link #record(Interaction)} replaces a single learner's row without touching the rest, so recommendations
 * reflect new activity at once, without a retrain.
 *
 * <p>Learners and courses are numbered densely from 0 in order of first appearance (catalogue courses first).
 * Numbers never change; new learners and courses get the next number.
 *
 * <p>Thread-safe: reads never block and always see whole rows; writes are serialised.
 */
public final class InteractionMatrix {
    private final InteractionWeights weights;
    private final Map<String, Integer> learnerIndex = new ConcurrentHashMap<>();
    private final Map<String, Integer> courseIndex = new ConcurrentHashMap<>();
    private final int baseLearners;
    // Shared compressed-sparse-row arrays of the batch the matrix was built from.
    private final int[] rowStart;
    private final int[] cols;
    private final float[] vals;
    private final long[] first;
    private final long[] seen;
    private final int[] kindMasks;
    private volatile String[] learnerIds;
    private volatile String[] courseIds;
    private volatile LearnerHistory[] updated;
    private volatile int[] revisions;
    private volatile long totalRevisions;

    private InteractionMatrix(Builder b) {
        this.weights = b.weights;
        List<String> courses = new ArrayList<>(b.courseOrder);
        for (int i = 0; i < courses.size(); i++) {
            courseIndex.put(courses.get(i), i);
        }
        List<String> learners = b.learnerOrder;
        for (int i = 0; i < learners.size(); i++) {
            learnerIndex.put(learners.get(i), i);
        }
        this.baseLearners = learners.size();
        this.learnerIds = learners.toArray(new String[0]);
        this.courseIds = courses.toArray(new String[0]);
        this.updated = new LearnerHistory[baseLearners];
        this.revisions = new int[baseLearners];

        // Counting sort by learner, then sort and merge each row by course.
        int n = b.size;
        int[] start = new int[baseLearners + 1];
        for (int i = 0; i < n; i++) {
            start[b.learner[i] + 1]++;
        }
        for (int u = 0; u < baseLearners; u++) {
            start[u + 1] += start[u];
        }
        int[] fill = Arrays.copyOf(start, baseLearners);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[fill[b.learner[i]]++] = i;
        }
        int[] c = new int[n];
        float[] v = new float[n];
        long[] f = new long[n];
        long[] t = new long[n];
        int[] k = new int[n];
        int[] newStart = new int[baseLearners + 1];
        int out = 0;
        long[] keyed = new long[0];
        for (int u = 0; u < baseLearners; u++) {
            newStart[u] = out;
            int len = start[u + 1] - start[u];
            if (keyed.length < len) {
                keyed = new long[len];
            }
            for (int j = 0; j < len; j++) {
                int i = order[start[u] + j];
                keyed[j] = ((long) b.course[i] << 32) | i;
            }
            Arrays.sort(keyed, 0, len);
            int last = -1;
            for (int j = 0; j < len; j++) {
                int i = (int) keyed[j];
                int course = (int) (keyed[j] >>> 32);
                if (course != last) {
                    c[out] = course;
                    v[out] = b.strength[i];
                    f[out] = b.time[i];
                    t[out] = b.time[i];
                    k[out] = b.kind[i];
                    out++;
                    last = course;
                } else {
                    v[out - 1] += b.strength[i];
                    f[out - 1] = Math.min(f[out - 1], b.time[i]);
                    t[out - 1] = Math.max(t[out - 1], b.time[i]);
                    k[out - 1] |= b.kind[i];
                }
            }
        }
        newStart[baseLearners] = out;
        this.rowStart = newStart;
        this.cols = Arrays.copyOf(c, out);
        this.vals = Arrays.copyOf(v, out);
        this.first = Arrays.copyOf(f, out);
        this.seen = Arrays.copyOf(t, out);
        this.kindMasks = Arrays.copyOf(k, out);
    }

    // A copy of another matrix's current rows without some of their entries: same numbering, no updates yet.
    private InteractionMatrix(InteractionMatrix source, Map<String, ? extends Collection<String>> drop) {
        this.weights = source.weights;
        String[] learners = source.learnerIds;
        String[] courses = source.courseIds;
        for (int i = 0; i < courses.length; i++) {
            courseIndex.put(courses[i], i);
        }
        for (int i = 0; i < learners.length; i++) {
            learnerIndex.put(learners[i], i);
        }
        this.baseLearners = learners.length;
        this.learnerIds = learners;
        this.courseIds = courses;
        this.updated = new LearnerHistory[baseLearners];
        this.revisions = new int[baseLearners];
        LearnerHistory[] rows = new LearnerHistory[baseLearners];
        long total = 0;
        for (int u = 0; u < baseLearners; u++) {
            rows[u] = source.history(u);
            total += rows[u].size();
        }
        int[] start = new int[baseLearners + 1];
        int[] c = new int[(int) total];
        float[] v = new float[c.length];
        long[] f = new long[c.length];
        long[] t = new long[c.length];
        int[] k = new int[c.length];
        int out = 0;
        for (int u = 0; u < baseLearners; u++) {
            start[u] = out;
            Collection<String> gone = drop.get(learners[u]);
            LearnerHistory h = rows[u];
            for (int p = 0; p < h.size(); p++) {
                if (gone != null && gone.contains(courses[h.course(p)])) {
                    continue;
                }
                c[out] = h.course(p);
                v[out] = h.strength(p);
                f[out] = h.firstSeen(p);
                t[out] = h.lastSeen(p);
                k[out] = h.kinds(p);
                out++;
            }
        }
        start[baseLearners] = out;
        this.rowStart = start;
        this.cols = Arrays.copyOf(c, out);
        this.vals = Arrays.copyOf(v, out);
        this.first = Arrays.copyOf(f, out);
        this.seen = Arrays.copyOf(t, out);
        this.kindMasks = Arrays.copyOf(k, out);
    }

    /**
     * Returns a new matrix of this one's current rows without some learner-course pairs, for example to hold out
     * a validation set. Learners and courses keep their numbers and the weights stay the same; the new matrix has
     * no recorded updates. Learners whose whole row is dropped keep an empty row.
     *
     * @param pairs course ids to leave out, by learner id; unknown learners and courses are ignored
     * @return the new matrix
     */
    public InteractionMatrix without(Map<String, ? extends Collection<String>> pairs) {
        Objects.requireNonNull(pairs, "pairs");
        synchronized (this) {
            return new InteractionMatrix(this, pairs);
        }
    }

    /**
     * Starts a builder with the {@link InteractionWeights#defaults() default weights}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a matrix from interactions with the default weights.
     *
     * @param interactions the interactions
     * @return the matrix
     */
    public static InteractionMatrix of(Collection<Interaction> interactions) {
        return builder().addAll(interactions).build();
    }

    /**
     * Returns the number of learners.
     *
     * @return learners
     */
    public int learnerCount() {
        return learnerIds.length;
    }

    /**
     * Returns the number of courses (catalogue courses and courses seen in interactions).
     *
     * @return courses
     */
    public int courseCount() {
        return courseIds.length;
    }

    /**
     * Returns the number of distinct learner-course pairs.
     *
     * @return stored entries
     */
    public long nonZeros() {
        long n = 0;
        for (int u = 0; u < learnerCount(); u++) {
            n += history(u).size();
        }
        return n;
    }

    /**
     * Returns the index of a learner.
     *
     * @param learnerId the learner id
     * @return the index, or -1 when the learner is unknown
     */
    public int learnerIndex(String learnerId) {
        Integer i = learnerId == null ? null : learnerIndex.get(learnerId);
        return i == null ? -1 : i;
    }

    /**
     * Returns the index of a course.
     *
     * @param courseId the course id
     * @return the index, or -1 when the course is unknown
     */
    public int courseIndex(String courseId) {
        Integer i = courseId == null ? null : courseIndex.get(courseId);
        return i == null ? -1 : i;
    }

    /**
     * Returns the id of a course.
     *
     * @param index the course index
     * @return the id
     */
    public String courseId(int index) {
        return courseIds[index];
    }

    /**
     * Returns the id of a learner.
     *
     * @param index the learner index
     * @return the id
     */
    public String learnerId(int index) {
        return learnerIds[index];
    }

    /**
     * Returns a learner's current row.
     *
     * @param learner the learner index
     * @return the row
     */
    public LearnerHistory history(int learner) {
        LearnerHistory[] u = updated;
        if (learner < u.length && u[learner] != null) {
            return u[learner];
        }
        if (learner >= baseLearners) {
            return LearnerHistory.EMPTY;
        }
        int s = rowStart[learner];
        return new LearnerHistory(cols, vals, first, seen, kindMasks, s, rowStart[learner + 1] - s);
    }

    /**
     * Returns a learner's current row, empty for an unknown learner.
     *
     * @param learnerId the learner id
     * @return the row
     */
    public LearnerHistory history(String learnerId) {
        int u = learnerIndex(learnerId);
        return u < 0 ? LearnerHistory.EMPTY : history(u);
    }

    /**
     * Returns how many times a learner's row has been updated since the matrix was built, so a model can tell
     * whether the row it trained on is still current.
     *
     * @param learner the learner index
     * @return 0 for an untouched row
     */
    public int revision(int learner) {
        int[] r = revisions;
        return learner < r.length ? r[learner] : 0;
    }

    /**
     * Returns the number of row updates since the matrix was built.
     *
     * @return the update count
     */
    public long totalRevisions() {
        return totalRevisions;
    }

    /**
     * Returns the weights used to turn interactions into strengths.
     *
     * @return the weights
     */
    public InteractionWeights weights() {
        return weights;
    }

    /**
     * Adds one interaction, replacing the learner's row. New learners and courses get new indexes. Models trained
     * before keep working: they read the new row at the next recommendation.
     *
     * @param interaction the interaction
     * @return the learner's index
     */
    public synchronized int record(Interaction interaction) {
        Objects.requireNonNull(interaction, "interaction");
        int u = learnerIndex(interaction.learnerId());
        if (u < 0) {
            u = learnerIds.length;
            String[] ids = Arrays.copyOf(learnerIds, u + 1);
            ids[u] = interaction.learnerId();
            learnerIndex.put(interaction.learnerId(), u);
            learnerIds = ids;
        }
        int c = courseIndex(interaction.courseId());
        if (c < 0) {
            c = courseIds.length;
            String[] ids = Arrays.copyOf(courseIds, c + 1);
            ids[c] = interaction.courseId();
            courseIndex.put(interaction.courseId(), c);
            courseIds = ids;
        }
        LearnerHistory row = history(u).with(c, (float) weights.strength(interaction),
                interaction.timestamp().toEpochMilli(), interaction.kind().bit());
        LearnerHistory[] up = updated;
        int[] rev = revisions;
        if (u >= up.length) {
            up = Arrays.copyOf(up, Math.max(u + 1, up.length + up.length / 2 + 1));
            rev = Arrays.copyOf(rev, up.length);
        } else {
            up = up.clone();
            rev = rev.clone();
        }
        up[u] = row;
        rev[u]++;
        revisions = rev;
        updated = up;
        totalRevisions++;
        return u;
    }

    /**
     * Returns the approximate heap size of the matrix.
     *
     * @return bytes
     */
    public long memoryBytes() {
        long bytes = rowStart.length * 4L + cols.length * (4L + 4 + 8 + 8 + 4);
        for (LearnerHistory h : updated) {
            if (h != null) {
                bytes += h.memoryBytes();
            }
        }
        return bytes + (learnerIds.length + courseIds.length) * 80L;
    }

    @Override
    public String toString() {
        return "InteractionMatrix[learners=" + learnerCount() + ", courses=" + courseCount() + "]";
    }

    /**
     * Collects interactions and catalogue courses for a matrix.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private InteractionWeights weights = InteractionWeights.defaults();
        private final Map<String, Integer> courses = new HashMap<>();
        private final List<String> courseOrder = new ArrayList<>();
        private final Map<String, Integer> learners = new HashMap<>();
        private final List<String> learnerOrder = new ArrayList<>();
        private int size;
        private int[] learner = new int[16];
        private int[] course = new int[16];
        private float[] strength = new float[16];
        private long[] time = new long[16];
        private int[] kind = new int[16];

        private Builder() {
        }

        /**
         * Sets the weights; call before adding interactions.
         *
         * @param weights the weights
         * @return this builder
         */
        public Builder weights(InteractionWeights weights) {
            if (size > 0) {
                throw ValidationException.of("weights", "set the weights before adding interactions");
            }
            this.weights = Objects.requireNonNull(weights, "weights");
            return this;
        }

        /**
         * Declares catalogue courses, so courses without interactions still get an index (and can be recommended
         * by content).
         *
         * @param catalogue the courses
         * @return this builder
         */
        public Builder courses(Collection<CourseInfo> catalogue) {
            for (CourseInfo c : catalogue) {
                courseIndex(c.id());
            }
            return this;
        }

        /**
         * Adds one interaction.
         *
         * @param interaction the interaction
         * @return this builder
         */
        public Builder add(Interaction interaction) {
            Objects.requireNonNull(interaction, "interaction");
            if (size == learner.length) {
                int cap = size * 2;
                learner = Arrays.copyOf(learner, cap);
                course = Arrays.copyOf(course, cap);
                strength = Arrays.copyOf(strength, cap);
                time = Arrays.copyOf(time, cap);
                kind = Arrays.copyOf(kind, cap);
            }
            Integer u = learners.get(interaction.learnerId());
            if (u == null) {
                u = learnerOrder.size();
                learners.put(interaction.learnerId(), u);
                learnerOrder.add(interaction.learnerId());
            }
            learner[size] = u;
            course[size] = courseIndex(interaction.courseId());
            strength[size] = (float) weights.strength(interaction);
            time[size] = interaction.timestamp().toEpochMilli();
            kind[size] = interaction.kind().bit();
            size++;
            return this;
        }

        /**
         * Adds interactions.
         *
         * @param interactions the interactions
         * @return this builder
         */
        public Builder addAll(Collection<Interaction> interactions) {
            for (Interaction i : interactions) {
                add(i);
            }
            return this;
        }

        private int courseIndex(String id) {
            Integer c = courses.get(id);
            if (c == null) {
                c = courseOrder.size();
                courses.put(id, c);
                courseOrder.add(id);
            }
            return c;
        }

        /**
         * Builds the matrix.
         *
         * @return the matrix
         */
        public InteractionMatrix build() {
            return new InteractionMatrix(this);
        }
    }
}
