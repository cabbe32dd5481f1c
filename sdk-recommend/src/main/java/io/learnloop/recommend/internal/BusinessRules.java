package io.learnloop.recommend.internal;

import io.learnloop.recommend.CourseInfo;
import io.learnloop.recommend.InteractionKind;
import io.learnloop.recommend.InteractionMatrix;
import io.learnloop.recommend.LearnerContext;
import io.learnloop.recommend.LearnerHistory;
import io.learnloop.recommend.Prerequisites;
import io.learnloop.recommend.RuleSettings;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The service's business rules over a set of scored candidates: which courses may be shown (a course whose
 * prerequisites the learner lacks is skipped as the picks reach it), the freshness boost, and the per-category and
 * per-creator caps. Everything that removes or re-scores a course happens before the
 * cut to k, so k courses come back whenever k are allowed.
 *
 * <p>Thread-safe: immutable; the catalogue lookup it is given must be thread-safe.
 */
public final class BusinessRules {
    private static final int HIDDEN_KINDS = hiddenKinds();

    private final RuleSettings settings;
    private final InteractionMatrix matrix;
    private final Function<String, CourseInfo> catalogue;
    private final Prerequisites prerequisites;

    /**
     * Creates the rules.
     *
     * @param settings      the settings
     * @param matrix        the matrix, for course ids
     * @param catalogue     looks a course up by id, null when unknown
     * @param prerequisites whether a learner lacks a course's prerequisites
     */
    public BusinessRules(RuleSettings settings, InteractionMatrix matrix, Function<String, CourseInfo> catalogue,
                         Prerequisites prerequisites) {
        this.settings = settings;
        this.matrix = matrix;
        this.catalogue = catalogue;
        this.prerequisites = prerequisites;
    }

    private static int hiddenKinds() {
        int mask = 0;
        for (InteractionKind k : InteractionKind.values()) {
            if (k.hidesFromRecommendations()) {
                mask |= k.bit();
            }
        }
        return mask;
    }

    /**
     * Returns whether a row entry's kinds mean the course is never shown again
     * ({@link InteractionKind#hidesFromRecommendations()}).
     *
     * @param kinds a kind mask from {@link LearnerHistory#kinds(int)}
     * @return true when hidden
     */
    public static boolean hidden(int kinds) {
        return (kinds & HIDDEN_KINDS) != 0;
    }

    /**
     * Returns whether a model score ranks a course at all: a number above negative infinity, and above 0 for
     * models where 0 means no evidence.
     *
     * @param score        the score
     * @param positiveOnly whether only positive scores count ({@link ScoringModel#positiveOnly()})
     * @return true when the course is ranked
     */
    public static boolean ranked(float score, boolean positiveOnly) {
        return score == score && score != Float.NEGATIVE_INFINITY && (!positiveOnly || score > 0);
    }

    /**
     * Sets the scores of the courses the learner's row hides to negative infinity.
     *
     * @param history the row
     * @param scores  scores by course index
     */
    public static void maskHidden(LearnerHistory history, float[] scores) {
        for (int p = 0; p < history.size(); p++) {
            int c = history.course(p);
            if (c < scores.length && hidden(history.kinds(p))) {
                scores[c] = Float.NEGATIVE_INFINITY;
            }
        }
    }

    /**
     * Applies the rules to candidates and picks up to k, best first.
     *
     * @param learner      the learner's context
     * @param history      the learner's row
     * @param courses      candidate course indexes
     * @param raw          the model's score of each candidate
     * @param count        how many leading candidates to consider
     * @param positiveOnly whether only positive scores count as evidence
     * @param now          the time, for freshness
     * @param k            how many to pick
     * @return the picks
     */
    public Selection select(LearnerContext learner, LearnerHistory history, int[] courses, float[] raw, int count,
                            boolean positiveOnly, Instant now, int k) {
        int[] allowed = new int[count];
        CourseInfo[] info = new CourseInfo[count];
        int eligible = 0;
        float best = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < count; i++) {
            float s = raw[i];
            if (!ranked(s, positiveOnly)) {
                continue;
            }
            int c = courses[i];
            String id = matrix.courseId(c);
            int pos = history.positionOf(c);
            if ((pos >= 0 && hidden(history.kinds(pos))) || learner.owned().contains(id)
                    || learner.refunded().contains(id) || learner.dismissed().contains(id)) {
                continue;
            }
            CourseInfo course = catalogue.apply(id);
            if (course != null && !course.published()) {
                continue;
            }
            info[i] = course;
            allowed[eligible++] = i;
            best = Math.max(best, s);
        }
        float[] adjusted = new float[count];
        boolean[] fresh = new boolean[count];
        Duration window = settings.freshWindow();
        boolean boosting = !window.isZero() && settings.freshBoost() > 0;
        double base = best > 0 ? best : 1.0;
        for (int e = 0; e < eligible; e++) {
            int i = allowed[e];
            adjusted[i] = raw[i];
            if (boosting && info[i] != null) {
                Duration age = Duration.between(info[i].createdAt(), now);
                if (!age.isNegative() && age.compareTo(window) < 0) {
                    double fade = 1.0 - (double) age.toMillis() / window.toMillis();
                    adjusted[i] += (float) (settings.freshBoost() * fade * base);
                    fresh[i] = true;
                }
            }
        }
        float ceiling = boosting ? (float) (settings.freshBoost() * base) : 0f;
        return pick(learner.learnerId(), new ScoreQueue(allowed, eligible, adjusted, courses), courses, raw, adjusted,
                fresh, info, Math.min(k, eligible), k, best, ceiling);
    }

    private Selection pick(String learnerId, ScoreQueue queue, int[] courses, float[] raw, float[] adjusted,
                           boolean[] fresh, CourseInfo[] info, int room, int k, float best, float ceiling) {
        List<Integer> picked = new ArrayList<>(room);
        List<Integer> held = new ArrayList<>();
        Map<String, Integer> perCategory = new HashMap<>();
        Map<String, Integer> perCreator = new HashMap<>();
        while (picked.size() < k && queue.hasNext()) {
            int i = queue.next();
            // Asked here, in rank order, so a request asks about the courses it reaches rather than every candidate.
            if (prerequisites.lacks(learnerId, matrix.courseId(courses[i]))) {
                continue;
            }
            String category = info[i] == null ? "" : info[i].category();
            String creator = info[i] == null ? "" : info[i].creator();
            boolean categoryFull = settings.maxPerCategory() > 0 && !category.isEmpty()
                    && perCategory.getOrDefault(category, 0) >= settings.maxPerCategory();
            boolean creatorFull = settings.maxPerCreator() > 0 && !creator.isEmpty()
                    && perCreator.getOrDefault(creator, 0) >= settings.maxPerCreator();
            if (categoryFull || creatorFull) {
                // Only the first k held back can ever be used: relaxation takes them in rank order.
                if (held.size() < k) {
                    held.add(i);
                }
                continue;
            }
            picked.add(i);
            perCategory.merge(category, 1, Integer::sum);
            perCreator.merge(creator, 1, Integer::sum);
        }
        boolean relaxed = false;
        for (int h = 0; h < held.size() && picked.size() < k; h++) {
            picked.add(held.get(h));
            relaxed = true;
        }
        int[] outCourses = new int[picked.size()];
        float[] outRaw = new float[picked.size()];
        float[] outAdjusted = new float[picked.size()];
        boolean[] outFresh = new boolean[picked.size()];
        for (int p = 0; p < outCourses.length; p++) {
            int i = picked.get(p);
            outCourses[p] = courses[i];
            outRaw[p] = raw[i];
            outAdjusted[p] = adjusted[i];
            outFresh[p] = fresh[i];
        }
        return new Selection(outCourses, outRaw, outAdjusted, outFresh, relaxed, best, ceiling, k);
    }

    /**
     * The courses picked for one request, best first.
     *
     * <p>Thread-safe once built; the arrays are not copied, so callers must not change them.
     *
     * @param courses  course indexes
     * @param raw      the model's score of each
     * @param adjusted the score after the freshness boost
     * @param fresh    whether each got the freshness boost
     * @param relaxed  whether a cap had to be relaxed to fill the list
     * @param best     the highest model score among the allowed candidates (the boost's scale), or negative
     *                 infinity when none was allowed
     * @param ceiling  the largest boost any course could have got
     * @param wanted   how many were asked for
     */
    public record Selection(int[] courses, float[] raw, float[] adjusted, boolean[] fresh, boolean relaxed,
                            float best, float ceiling, int wanted) {
        /**
         * Returns whether the candidates this selection did not see cannot change it. That holds when each of
         * them has a model score of at most {@code bound}, the best allowed score was among the seen ones (so the
         * boost had the same scale), the list is full without relaxing a cap, and its last course beats
         * {@code bound} plus the largest boost an unseen course could get: every course ranked above the last
         * pick was then seen.
         *
         * @param bound        the highest model score among the unseen candidates
         * @param unseenBoosts whether an unseen candidate may get the freshness boost
         * @return true when the selection equals the one over all candidates
         */
        public boolean decidedAbove(float bound, boolean unseenBoosts) {
            int n = courses.length;
            return n == wanted && !relaxed && best >= bound
                    && adjusted[n - 1] > bound + (unseenBoosts ? ceiling : 0f);
        }
    }
}
