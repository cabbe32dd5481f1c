package io.learnloop.recommend;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.error.Validator;
import io.learnloop.recommend.internal.BusinessRules;
import io.learnloop.recommend.internal.ScoringModel;
import io.learnloop.recommend.internal.TopK;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a host calls on every page view: a trained model plus the business rules, explanations and a per-learner
 * result cache.
 *
 * <p>Rules, applied on every call (so a purchase or a dismissal counts at once, cached or not):
 * <ul>
 *   <li>never a course the learner has or has settled on: listed in {@link LearnerContext#owned()},
 *       {@link LearnerContext#refunded()} or {@link LearnerContext#dismissed()}, or with a purchase, enrolment,
 *       progress, completion or rating in the learner's history ({@link InteractionKind#hidesFromRecommendations()});
 *       a course only viewed or wishlisted stays recommendable;</li>
 *   <li>never an unpublished course;</li>
 *   <li>never a course whose prerequisites the learner lacks ({@link Builder#prerequisites(Prerequisites)}): it is
 *       left out, not pushed down, so a list never sends a learner to a course they are not ready for; once the
 *       prerequisites are known the course competes on its score again, and its prerequisites compete like any
 *       other course;</li>
 *   <li>a freshness boost for new courses;</li>
 *   <li>at most {@link RuleSettings#maxPerCategory()} per category and {@link RuleSettings#maxPerCreator()} per
 *       creator, relaxed only when nothing else is left.</li>
 * </ul>
 * All of them act on the whole ranking before it is cut to {@code k}: {@link #recommend(LearnerContext, int)}
 * returns {@code k} courses whenever the model ranks at least {@code k} courses the rules allow, however many the
 * learner owns.
 *
 * <p>The cache holds each learner's best {@link RuleSettings#candidatePool()} candidates by model score; a request
 * those candidates provably answer (the same answer the whole catalogue would give) is served from them, any other
 * ranks the whole catalogue again. It is invalidated for a learner by {@link #record(Interaction)}, and for everyone
 * by {@link #retrain()} and by {@link #putCourse(CourseInfo)} of a new course or a changed creation time.
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
    // after the invalidation that followed the row's update. The catalogue version moves when a course is added or
    // its creation time changes: cached candidates list the courses that were fresh when they were ranked, and
    // must not be read once that set may have changed.
    private record Key(String learnerId, long generation, int revision, long catalogueVersion) {
    }

    // A learner's best candidates by model score, plus every course that could still get the freshness boost
    // when they were ranked (unless there were too many: "unseenBoosts"). Every other course the model ranks
    // scores at most "bound"; "complete" means there is no other.
    private record Candidates(int[] courses, float[] scores, float bound, boolean complete, boolean unseenBoosts,
                              Instant rankedAt) {
        static final Candidates NONE = new Candidates(new int[0], new float[0], Float.NEGATIVE_INFINITY, true, false,
                Instant.MIN);
    }

    private final InteractionMatrix matrix;
    private final Map<String, CourseInfo> catalogue = new ConcurrentHashMap<>();
    private final Trainer trainer;
    private final RuleSettings rules;
    private final BusinessRules businessRules;
    private final Clock clock;
    private final Cache<Key, Candidates> cache;
    private final AtomicLong catalogueVersion = new AtomicLong();
    private volatile Model model;

    private RecommendationService(Builder b) {
        this.matrix = b.matrix;
        for (CourseInfo c : b.catalogue) {
            catalogue.put(c.id(), c);
        }
        this.trainer = b.trainer;
        this.rules = b.rules;
        this.businessRules = new BusinessRules(rules, matrix, catalogue::get, b.prerequisites);
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
        cache.invalidate(new Key(interaction.learnerId(), model.generation(), matrix.revision(learner) - 1,
                catalogueVersion.get()));
    }

    /**
     * Adds or replaces a course's features; the rules (published flag, category, creator, freshness) use them at
     * once, the content model after the next {@link #retrain()}.
     *
     * @param course the course
     */
    public void putCourse(CourseInfo course) {
        Objects.requireNonNull(course, "course");
        CourseInfo before = catalogue.put(course.id(), course);
        if (before == null || !before.createdAt().equals(course.createdAt())) {
            // Bumped after the put, so candidates ranked under the new version have seen the course.
            catalogueVersion.incrementAndGet();
            cache.invalidateAll();
        }
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
     * @return {@code k} recommendations, best first, or all the allowed ones when fewer than {@code k} courses are
     *         both ranked by the model (any score for popularity, ALS, EASE and the hybrid; a positive one for
     *         item-kNN and content) and allowed by the rules; empty when the model has nothing for this learner
     * @throws ValidationException if the learner is null or {@code k <= 0}
     */
    public List<Recommendation> recommend(LearnerContext learner, int k) {
        new Validator().notNull("learner", learner).check(k > 0, "k", "must be at least 1 (was " + k + ")")
                .throwIfInvalid();
        Model m = model;
        ScoringModel scorer = m.scorer();
        int learnerIndex = matrix.learnerIndex(learner.learnerId());
        int revision = learnerIndex < 0 ? 0 : matrix.revision(learnerIndex);
        LearnerHistory history = learnerIndex < 0 ? LearnerHistory.empty() : matrix.history(learnerIndex);
        Instant now = clock.instant();
        boolean caching = rules.cacheSize() > 0;
        Key key = new Key(learner.learnerId(), m.generation(), revision, catalogueVersion.get());
        Candidates pool = caching ? cache.getIfPresent(key) : null;
        float[] scores = null;
        if (pool == null) {
            scores = scores(scorer, history, learnerIndex);
            pool = scores == null ? Candidates.NONE : best(scores, scorer.positiveOnly(), now);
            if (caching) {
                cache.put(key, pool);
            }
        }
        BusinessRules.Selection picks = businessRules.select(learner, history, pool.courses(), pool.scores(),
                pool.courses().length, scorer.positiveOnly(), now, k);
        // A clock that went back could make a course left out of the pool fresh again.
        if (pool.complete() || (!now.isBefore(pool.rankedAt())
                && picks.decidedAbove(pool.bound(), pool.unseenBoosts()))) {
            return explain(scorer, history, learnerIndex, picks);
        }
        if (scores == null) {
            scores = scores(scorer, history, learnerIndex);
            if (scores == null) {
                return List.of();
            }
        }
        int[] all = new int[scores.length];
        Arrays.setAll(all, c -> c);
        return explain(scorer, history, learnerIndex,
                businessRules.select(learner, history, all, scores, all.length, scorer.positiveOnly(), now, k));
    }

    /** The model's scores over the whole catalogue with the learner's hidden courses masked, or null. */
    private static float[] scores(ScoringModel scorer, LearnerHistory history, int learnerIndex) {
        int n = scorer.matrix().courseCount();
        float[] scores = new float[n];
        if (n == 0 || !scorer.score(history, learnerIndex, scores)) {
            return null;
        }
        BusinessRules.maskHidden(history, scores);
        return scores;
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

    private Candidates best(float[] scores, boolean positiveOnly, Instant now) {
        int pool = rules.candidatePool();
        // One more than the pool: its score bounds every course left out.
        int[] top = TopK.select(scores, pool + 1, 0f, positiveOnly);
        if (top.length <= pool) {
            return new Candidates(top, values(scores, top), Float.NEGATIVE_INFINITY, true, false, now);
        }
        float bound = scores[top[pool]];
        int[] kept = Arrays.copyOf(top, pool);
        if (rules.freshWindow().isZero() || rules.freshBoost() == 0) {
            return new Candidates(kept, values(scores, kept), bound, false, false, now);
        }
        // Courses left out that are fresh now, or will be (created later than now), could be boosted past the
        // kept ones; list them too, up to another pool's worth.
        boolean[] inPool = new boolean[scores.length];
        for (int c : kept) {
            inPool[c] = true;
        }
        Instant freshAfter = now.minus(rules.freshWindow());
        int[] withFresh = Arrays.copyOf(kept, 2 * pool);
        int size = pool;
        for (CourseInfo info : catalogue.values()) {
            if (!info.createdAt().isAfter(freshAfter)) {
                continue;
            }
            int c = matrix.courseIndex(info.id());
            if (c < 0 || c >= scores.length || inPool[c] || !BusinessRules.ranked(scores[c], positiveOnly)) {
                continue;
            }
            if (size == withFresh.length) {
                return new Candidates(kept, values(scores, kept), bound, false, true, now);
            }
            inPool[c] = true;
            withFresh[size++] = c;
        }
        int[] courses = Arrays.copyOf(withFresh, size);
        return new Candidates(courses, values(scores, courses), bound, false, false, now);
    }

    private static float[] values(float[] scores, int[] courses) {
        float[] out = new float[courses.length];
        for (int i = 0; i < courses.length; i++) {
            out[i] = scores[courses[i]];
        }
        return out;
    }

    private List<Recommendation> explain(ScoringModel scorer, LearnerHistory history, int learnerIndex,
                                         BusinessRules.Selection picks) {
        int[] courses = picks.courses();
        Explanation[] why = scorer.explainAll(history, learnerIndex, courses);
        List<Recommendation> out = new ArrayList<>(courses.length);
        for (int i = 0; i < courses.length; i++) {
            String id = matrix.courseId(courses[i]);
            Explanation e = why[i];
            if (picks.fresh()[i] && picks.raw()[i] <= 0) {
                CourseInfo info = catalogue.get(id);
                String category = info == null ? "" : info.category();
                e = new Explanation(Explanation.Reason.NEW_COURSE, "", null, category,
                        category.isEmpty() ? "new course" : "new in " + category);
            }
            out.add(new Recommendation(id, picks.adjusted()[i], e));
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
        private Prerequisites prerequisites = Prerequisites.NONE;

        private Builder() {
        }

        /**
         * Sets the prerequisite facts (default {@link Prerequisites#NONE}), for example
         * {@link StorePrerequisites#of}: a course whose prerequisites the learner lacks is never recommended.
         *
         * @param prerequisites the facts
         * @return this builder
         */
        public Builder prerequisites(Prerequisites prerequisites) {
            this.prerequisites = prerequisites;
            return this;
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
                    .notNull("rules", rules).notNull("clock", clock).notNull("prerequisites", prerequisites).throwIfInvalid();
            return new RecommendationService(this);
        }
    }
}
