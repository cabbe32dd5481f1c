package io.learnloop.recommend;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.error.Validator;
import io.learnloop.recommend.internal.ScoringModel;
import io.learnloop.recommend.internal.TopK;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a host calls on every page view: a trained model plus the business rules, explanations and a per-learner
 * result cache.
 *
 * <p>Rules, applied on every call (so a purchase or a dismissal counts at once, cached or not): never a course the
 * learner owns (context or history), had refunded or dismissed, or that is unpublished; a freshness boost for new
 * courses; at most {@link RuleSettings#maxPerCategory()} per category and {@link RuleSettings#maxPerCreator()} per
 * creator (relaxed only when nothing else is left). The cache holds each learner's ranked candidates; it is
 * invalidated for a learner by {@link #record(Interaction)} and for everyone by {@link #retrain()}.
 *
 * <p>Thread-safe: all methods may be called concurrently.
 */
public final class RecommendationService {
    /**
     * Trains a model on the current matrix, for example a hybrid built with {@link Recommenders}.
     *
     * <p>Implementations must be thread-safe if {@link #retrain()} may run concurrently.
     */
    @FunctionalInterface
    public interface Trainer {
        /**
         * Trains a model.
         *
         * @param matrix the interactions
         * @return a model made by {@link Recommenders} on that matrix
         */
        Recommender train(InteractionMatrix matrix);
    }

    private record Model(ScoringModel scorer, long generation) {
    }

    // The row revision in the key means a result computed from an older row is never read, even if it was stored
    // after the invalidation that followed the row's update.
    private record Key(String learnerId, long generation, int revision) {
    }

    private record Candidates(int[] courses, float[] scores) {
    }

    private final InteractionMatrix matrix;
    private final Map<String, CourseInfo> catalogue = new ConcurrentHashMap<>();
    private final Trainer trainer;
    private final RuleSettings rules;
    private final Clock clock;
    private final Cache<Key, Candidates> cache;
    private volatile Model model;

    private RecommendationService(Builder b) {
        this.matrix = b.matrix;
        for (CourseInfo c : b.catalogue) {
            catalogue.put(c.id(), c);
        }
        this.trainer = b.trainer;
        this.rules = b.rules;
        this.clock = b.clock;
        this.cache = Caffeine.newBuilder().maximumSize(rules.cacheSize()).build();
        this.model = new Model(train(), 0);
    }

    /**
     * Starts a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    private ScoringModel train() {
        Recommender r = trainer.train(matrix);
        if (!(r instanceof ScoringModel) || ((ScoringModel) r).matrix() != matrix) {
            throw ValidationException.of("trainer", "must return a model made by Recommenders on the service's matrix");
        }
        return (ScoringModel) r;
    }

    /**
     * Returns the current model.
     *
     * @return the model
     */
    public Recommender model() {
        return model.scorer();
    }

    /**
     * Returns the interaction matrix the service reads and updates.
     *
     * @return the matrix
     */
    public InteractionMatrix matrix() {
        return matrix;
    }

    /**
     * Records an interaction: updates the learner's row and drops the learner's cached results.
     *
     * @param interaction the interaction
     */
    public void record(Interaction interaction) {
        Objects.requireNonNull(interaction, "interaction");
        int learner = matrix.record(interaction);
        // Entries of older rows are unreachable anyway (the revision is in the key); dropping the latest frees it.
        cache.invalidate(new Key(interaction.learnerId(), model.generation(), matrix.revision(learner) - 1));
    }

    /**
     * Adds or replaces a course's features; the rules (published flag, category, creator, freshness) use them at
     * once, the content model after the next {@link #retrain()}.
     *
     * @param course the course
     */
    public void putCourse(CourseInfo course) {
        Objects.requireNonNull(course, "course");
        catalogue.put(course.id(), course);
    }

    /**
     * Trains a new model on the current matrix, swaps it in and drops every cached result.
     */
    public void retrain() {
        synchronized (this) {
            ScoringModel next = train();
            model = new Model(next, model.generation() + 1);
        }
        cache.invalidateAll();
    }

    /**
     * Returns how many learners have cached results (for monitoring and tests).
     *
     * @return the approximate count
     */
    public long cachedLearners() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    /**
     * Recommends courses under the business rules, each with an explanation. A learner with no history gets what
     * the model gives cold learners (popular courses with the hybrid).
     *
     * @param learner the learner and the courses to keep out
     * @param k       how many, at least 1
     * @return at most {@code k} recommendations, best first; empty when the model has nothing for this learner
     * @throws ValidationException if the learner is null or {@code k <= 0}
     */
    public List<Recommendation> recommend(LearnerContext learner, int k) {
        new Validator().notNull("learner", learner).check(k > 0, "k", "must be at least 1 (was " + k + ")")
                .throwIfInvalid();
        Model m = model;
        int learnerIndex = matrix.learnerIndex(learner.learnerId());
        int revision = learnerIndex < 0 ? 0 : matrix.revision(learnerIndex);
        LearnerHistory history = learnerIndex < 0 ? LearnerHistory.empty() : matrix.history(learnerIndex);
        Candidates candidates = k * 4 > rules.candidatePool() || rules.cacheSize() == 0
                ? rank(m.scorer(), history, learnerIndex, Math.max(k * 4, rules.candidatePool()))
                : cache.get(new Key(learner.learnerId(), m.generation(), revision),
                        key -> rank(m.scorer(), history, learnerIndex, rules.candidatePool()));
        return applyRules(m.scorer(), learner, history, learnerIndex, candidates, k);
    }

    /**
     * Returns courses the learner started and has not completed (and did not have refunded), most recent first,
     * each explained as "continue learning".
     *
     * @param learner the learner
     * @param k       how many, at least 1
     * @return at most {@code k} courses
     * @throws ValidationException if the learner is null or {@code k <= 0}
     */
    public List<Recommendation> continueLearning(LearnerContext learner, int k) {
        new Validator().notNull("learner", learner).check(k > 0, "k", "must be at least 1 (was " + k + ")")
                .throwIfInvalid();
        LearnerHistory h = matrix.history(learner.learnerId());
        List<Integer> started = new ArrayList<>();
        for (int p = 0; p < h.size(); p++) {
            int kinds = h.kinds(p);
            String id = matrix.courseId(h.course(p));
            if ((kinds & InteractionKind.PROGRESS.bit()) != 0 && (kinds & InteractionKind.COMPLETE.bit()) == 0
                    && !learner.refunded().contains(id) && !learner.dismissed().contains(id)) {
                started.add(p);
            }
        }
        started.sort((a, b) -> Long.compare(h.lastSeen(b), h.lastSeen(a)));
        List<Recommendation> out = new ArrayList<>();
        for (int i = 0; i < Math.min(k, started.size()); i++) {
            int p = started.get(i);
            String id = matrix.courseId(h.course(p));
            CourseInfo info = catalogue.get(id);
            String title = info == null || info.title().isBlank() ? id : info.title();
            out.add(new Recommendation(id, h.lastSeen(p), new Explanation(Explanation.Reason.CONTINUE_LEARNING, id,
                    InteractionKind.PROGRESS, "", "continue learning " + title)));
        }
        return out;
    }

    private static Candidates rank(ScoringModel scorer, LearnerHistory history, int learner, int pool) {
        int n = scorer.matrix().courseCount();
        float[] scores = new float[n];
        if (n == 0 || !scorer.score(history, learner, scores)) {
            return new Candidates(new int[0], new float[0]);
        }
        for (int p = 0; p < history.size(); p++) {
            int c = history.course(p);
            if (c < n && ownedKind(history.kinds(p))) {
                scores[c] = Float.NEGATIVE_INFINITY;
            }
        }
        int[] top = TopK.select(scores, pool, 0f, scorer.positiveOnly());
        float[] s = new float[top.length];
        for (int i = 0; i < top.length; i++) {
            s[i] = scores[top[i]];
        }
        return new Candidates(top, s);
    }

    private static boolean ownedKind(int kinds) {
        for (InteractionKind k : InteractionKind.values()) {
            if (k.meansOwned() && (kinds & k.bit()) != 0) {
                return true;
            }
        }
        return false;
    }

    private List<Recommendation> applyRules(ScoringModel scorer, LearnerContext learner, LearnerHistory history,
                                            int learnerIndex, Candidates candidates, int k) {
        Instant now = clock.instant();
        Duration window = rules.freshWindow();
        int size = candidates.courses().length;
        float best = 0;
        for (float s : candidates.scores()) {
            best = Math.max(best, Math.abs(s));
        }
        float[] adjusted = new float[size];
        boolean[] fresh = new boolean[size];
        List<Integer> allowed = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            int c = candidates.courses()[i];
            String id = matrix.courseId(c);
            int pos = history.positionOf(c);
            if (learner.owned().contains(id) || learner.refunded().contains(id) || learner.dismissed().contains(id)
                    || (pos >= 0 && ownedKind(history.kinds(pos)))) {
                continue;
            }
            CourseInfo info = catalogue.get(id);
            if (info != null && !info.published()) {
                continue;
            }
            float score = candidates.scores()[i];
            if (info != null && !window.isZero() && rules.freshBoost() > 0) {
                Duration age = Duration.between(info.createdAt(), now);
                if (!age.isNegative() && age.compareTo(window) < 0) {
                    double fade = 1.0 - (double) age.toMillis() / window.toMillis();
                    score += (float) (rules.freshBoost() * fade * (best > 0 ? best : 1f));
                    fresh[i] = true;
                }
            }
            adjusted[i] = score;
            allowed.add(i);
        }
        allowed.sort((a, b) -> {
            int cmp = Float.compare(adjusted[b], adjusted[a]);
            return cmp != 0 ? cmp : Integer.compare(a, b);
        });
        List<Integer> picked = new ArrayList<>();
        List<Integer> held = new ArrayList<>();
        Map<String, Integer> perCategory = new HashMap<>();
        Map<String, Integer> perCreator = new HashMap<>();
        for (int i : allowed) {
            if (picked.size() == k) {
                break;
            }
            CourseInfo info = catalogue.get(matrix.courseId(candidates.courses()[i]));
            String category = info == null ? "" : info.category();
            String creator = info == null ? "" : info.creator();
            boolean categoryFull = rules.maxPerCategory() > 0 && !category.isEmpty()
                    && perCategory.getOrDefault(category, 0) >= rules.maxPerCategory();
            boolean creatorFull = rules.maxPerCreator() > 0 && !creator.isEmpty()
                    && perCreator.getOrDefault(creator, 0) >= rules.maxPerCreator();
            if (categoryFull || creatorFull) {
                held.add(i);
                continue;
            }
            picked.add(i);
            perCategory.merge(category, 1, Integer::sum);
            perCreator.merge(creator, 1, Integer::sum);
        }
        for (int i = 0; i < held.size() && picked.size() < k; i++) {
            picked.add(held.get(i));
        }
        int[] courses = new int[picked.size()];
        for (int i = 0; i < courses.length; i++) {
            courses[i] = candidates.courses()[picked.get(i)];
        }
        Explanation[] why = scorer.explainAll(history, learnerIndex, courses);
        List<Recommendation> out = new ArrayList<>(courses.length);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < courses.length; i++) {
            int idx = picked.get(i);
            String id = matrix.courseId(courses[i]);
            if (!seen.add(id)) {
                continue;
            }
            Explanation e = why[i];
            if (fresh[idx] && candidates.scores()[idx] <= 0) {
                CourseInfo info = catalogue.get(id);
                String category = info == null ? "" : info.category();
                e = new Explanation(Explanation.Reason.NEW_COURSE, "", null, category,
                        category.isEmpty() ? "new course" : "new in " + category);
            }
            out.add(new Recommendation(id, adjusted[idx], e));
        }
        return out;
    }

    /**
     * Configures a service.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private InteractionMatrix matrix;
        private Collection<CourseInfo> catalogue = List.of();
        private Trainer trainer;
        private RuleSettings rules = RuleSettings.defaults();
        private Clock clock;

        private Builder() {
        }

        /**
         * Sets the interaction matrix (required).
         *
         * @param matrix the matrix
         * @return this builder
         */
        public Builder matrix(InteractionMatrix matrix) {
            this.matrix = matrix;
            return this;
        }

        /**
         * Sets the course features the rules use.
         *
         * @param catalogue the courses
         * @return this builder
         */
        public Builder catalogue(Collection<CourseInfo> catalogue) {
            this.catalogue = catalogue;
            return this;
        }

        /**
         * Sets how to train the model (required); called once by {@link #build()} and again by each retrain.
         *
         * @param trainer the trainer
         * @return this builder
         */
        public Builder trainer(Trainer trainer) {
            this.trainer = trainer;
            return this;
        }

        /**
         * Sets the rules; defaults to {@link RuleSettings#defaults()}.
         *
         * @param rules the rules
         * @return this builder
         */
        public Builder rules(RuleSettings rules) {
            this.rules = rules;
            return this;
        }

        /**
         * Sets the clock the freshness boost reads (required).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Trains the first model and builds the service.
         *
         * @return the service
         * @throws ValidationException if a required setting is missing
         */
        public RecommendationService build() {
            new Validator().notNull("matrix", matrix).notNull("catalogue", catalogue).notNull("trainer", trainer)
                    .notNull("rules", rules).notNull("clock", clock).throwIfInvalid();
            return new RecommendationService(this);
        }
    }
}
