package io.learnloop.recommend;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.Validator;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.privacy.Erasure;
import io.learnloop.core.privacy.ErasureScope;
import io.learnloop.core.privacy.PersonalDataEraser;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.IndexRange;
import io.learnloop.core.store.SortKeys;
import io.learnloop.core.store.Versioned;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The courses learners dismissed ("not interested"), kept in the core store so they hold across restarts and on
 * every store. {@link #context} folds them into the {@link LearnerContext} the business rules read, so a dismissed
 * course is never recommended again. Dismissals are personal data: {@link StoreInteractions#personalDataSource}
 * exports them with the learner's interactions, and {@link #personalDataEraser()} deletes them.
 *
 * <p>Thread-safe: immutable; the store serialises concurrent writers.
 */
public final class Dismissals {
    /**
     * The most dismissals of one learner the business rules see, newest first; older ones no longer filter (a
     * learner dismisses a few courses, never the whole catalogue, so this bounds a read that could otherwise grow).
     */
    public static final int MAX_READ = 1000;

    private static final String BY_LEARNER = "learnerTime";
    static final AggregateType<Dismissal> TYPE = AggregateType
            .builder("recommend_dismissal", Dismissal.class, Dismissal::id)
            .sortedIndex(BY_LEARNER, d -> d.learner().value(), d -> SortKeys.instant(d.dismissedAt()))
            .build();

    private final ServiceContext ctx;

    private Dismissals(ServiceContext ctx) {
        this.ctx = ctx;
    }

    /**
     * The dismissals of a facade's store.
     *
     * @param ctx the facade's context ({@code Learnloop.context()})
     * @return the dismissals
     * @throws io.learnloop.core.error.ValidationException if {@code ctx} is null
     */
    public static Dismissals of(ServiceContext ctx) {
        new Validator().notNull("ctx", ctx).throwIfInvalid();
        return new Dismissals(ctx);
    }

    /**
     * Records that a learner is not interested in a course. Idempotent: dismissing a course again keeps the first
     * dismissal.
     *
     * @param learner the learner
     * @param course  the course
     * @return the dismissal as stored
     * @throws io.learnloop.core.error.ValidationException if an argument is null
     */
    public Dismissal dismiss(UserId learner, CourseId course) {
        new Validator().notNull("learner", learner).notNull("course", course).throwIfInvalid();
        Dismissal wanted = new Dismissal(learner, course, ctx.now());
        try {
            return ctx.transact(uow -> uow.find(TYPE, wanted.id()).map(Versioned::value)
                    .orElseGet(() -> uow.insert(TYPE, wanted).value()));
        } catch (ConflictException e) {
            if (e.code() != ErrorCode.DUPLICATE_KEY) {
                throw e;
            }
            // A concurrent first dismissal won: it is the one kept.
            return ctx.read(uow -> uow.get(TYPE, wanted.id()).value());
        }
    }

    /**
     * The courses a learner dismissed, the newest {@value #MAX_READ} at most.
     *
     * @param learner the learner
     * @return the course ids
     * @throws io.learnloop.core.error.ValidationException if {@code learner} is null
     */
    public Set<String> coursesOf(UserId learner) {
        new Validator().notNull("learner", learner).throwIfInvalid();
        Set<String> out = new LinkedHashSet<>();
        newest(ctx, learner, MAX_READ).forEach(d -> out.add(d.course().value()));
        return out;
    }

    /**
     * A learner's context with their dismissals added to {@link LearnerContext#dismissed()}.
     *
     * @param learner the context without them, keyed by a user id
     * @param who     whose dismissals to add
     * @return the context
     * @throws io.learnloop.core.error.ValidationException if an argument is null
     */
    public LearnerContext context(LearnerContext learner, UserId who) {
        new Validator().notNull("learner", learner).notNull("who", who).throwIfInvalid();
        Set<String> dismissed = new LinkedHashSet<>(learner.dismissed());
        dismissed.addAll(coursesOf(who));
        return new LearnerContext(learner.learnerId(), learner.owned(), learner.refunded(), dismissed);
    }

    private static List<Dismissal> newest(ServiceContext ctx, UserId learner, int limit) {
        return ctx.read(uow -> uow.findRange(TYPE, BY_LEARNER, learner.value(), IndexRange.last(limit))).stream()
                .map(Versioned::value).toList();
    }

    /** A learner's dismissals for the export, oldest first, read a page at a time. */
    static Iterator<Dismissal> exported(ServiceContext ctx, UserId learner) {
        return new Iterator<>() {
            private List<Versioned<Dismissal>> page = read(null);
            private int next;

            private List<Versioned<Dismissal>> read(String after) {
                return ctx.read(uow -> uow.findRange(TYPE, BY_LEARNER, learner.value(),
                        IndexRange.first(MAX_READ).continuing(after)));
            }

            @Override
            public boolean hasNext() {
                if (next == page.size() && page.size() == MAX_READ) {
                    page = read(TYPE.position(BY_LEARNER, page.get(page.size() - 1).value()));
                    next = 0;
                }
                return next < page.size();
            }

            @Override
            public Dismissal next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return page.get(next++).value();
            }
        };
    }

    /**
     * The recommender's step of every learner's erasure, for {@code Learnloop.Builder.personalDataEraser}: the
     * learner's dismissals are deleted (they say only what the learner did not want, and nothing else refers to
     * them).
     *
     * @return the step; stateless and thread-safe
     */
    public static PersonalDataEraser personalDataEraser() {
        return new PersonalDataEraser() {
            @Override
            public String step() {
                return "recommendation-dismissals";
            }

            @Override
            public boolean holds(ErasureScope scope, UserId learner) {
                return !newest(scope.context(), learner, 1).isEmpty();
            }

            @Override
            public void erase(Erasure erasure) {
                erasure.rewriteAll(TYPE, BY_LEARNER, erasure.learner().value(), Set.of(), null);
            }

            @Override
            public String toString() {
                return "Dismissals.personalDataEraser";
            }
        };
    }
}
