package io.learnloop.core.internal.review;

import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.review.Review;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.UnitOfWork;
import io.learnloop.core.store.Versioned;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the counted ratings of each course and of the platform in step with every write of a review: a review's
 * contribution before the write is taken out and its contribution after is put in, in the same transaction. The
 * tallies are spread over {@value #STRIPES} records by learner, so reviews written at once rarely meet.
 *
 * <p>Thread-safe: stateless.
 */
final class RatingTallies {
    /** How many records one tally is spread over. */
    static final int STRIPES = 8;

    /** The tally stripes, by scope. */
    static final AggregateType<RatingTally> TALLY = AggregateType
            .builder("rating_tally", RatingTally.class, RatingTally::id)
            .index("scope", RatingTally::scope)
            .build();

    private static final String PLATFORM = "platform";

    private RatingTallies() {
    }

    /**
     * Moves the tallies from what {@code before} contributed to what {@code after} contributes.
     *
     * @param uow    the unit of work of the review's write
     * @param before the review before the write, or null for a new review
     * @param after  the review after the write
     */
    static void moved(UnitOfWork uow, Review before, Review after) {
        int[] delta = new int[5];
        if (before != null && before.counted()) {
            delta[before.rating() - 1]--;
        }
        if (after.counted()) {
            delta[after.rating() - 1]++;
        }
        boolean changed = false;
        for (int d : delta) {
            changed |= d != 0;
        }
        if (!changed) {
            return;
        }
        int stripe = Math.floorMod(after.learner().value().hashCode(), STRIPES);
        apply(uow, scopeOf(after.courseId()), stripe, delta);
        apply(uow, PLATFORM, stripe, delta);
    }

    /** The counted ratings of a course, as one tally. */
    static RatingTally ofCourse(UnitOfWork uow, CourseId course) {
        return sum(uow, scopeOf(course));
    }

    /** The counted ratings of the platform, as one tally. */
    static RatingTally ofPlatform(UnitOfWork uow) {
        return sum(uow, PLATFORM);
    }

    private static String scopeOf(CourseId course) {
        return "course:" + course.value();
    }

    private static RatingTally sum(UnitOfWork uow, String scope) {
        long[] stars = new long[5];
        long count = 0;
        long sum = 0;
        for (Versioned<RatingTally> v : uow.findBy(TALLY, "scope", scope)) {
            RatingTally t = v.value();
            for (int i = 0; i < 5; i++) {
                stars[i] += t.stars().get(i);
            }
            count += t.count();
            sum += t.sum();
        }
        return new RatingTally(scope, scope, -1, list(stars), count, sum);
    }

    private static void apply(UnitOfWork uow, String scope, int stripe, int[] delta) {
        String id = scope + "|" + stripe;
        Versioned<RatingTally> current = uow.find(TALLY, id).orElse(null);
        long[] stars = new long[5];
        long count = 0;
        long sum = 0;
        if (current != null) {
            for (int i = 0; i < 5; i++) {
                stars[i] = current.value().stars().get(i);
            }
            count = current.value().count();
            sum = current.value().sum();
        }
        for (int i = 0; i < 5; i++) {
            stars[i] += delta[i];
            count += delta[i];
            sum += (long) delta[i] * (i + 1);
        }
        RatingTally next = new RatingTally(id, scope, stripe, list(stars), count, sum);
        if (current == null) {
            uow.insert(TALLY, next);
        } else {
            uow.update(TALLY, next, current.version());
        }
    }

    private static List<Long> list(long[] values) {
        List<Long> out = new ArrayList<>(values.length);
        for (long v : values) {
            out.add(v);
        }
        return out;
    }
}
