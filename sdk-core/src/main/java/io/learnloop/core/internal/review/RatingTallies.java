package io.learnloop.core.internal.review;

import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.review.Review;
import io.learnloop.core.store.Counter;
import io.learnloop.core.store.CounterKey;
import io.learnloop.core.store.UnitOfWork;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the counted ratings of each course and of the platform in step with every write of a review: a review's
 * contribution before the write is taken out and its contribution after is put in, in the same transaction. Each
 * tally is five store counters, one per star (blind additions: reviews written at once never conflict on them).
 *
 * <p>Thread-safe: stateless.
 */
final class RatingTallies {
    /** The counter family of tallies; a group is a scope, a member a star from 1 to 5. */
    static final String FAMILY = "rating.tally";

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
        for (int i = 0; i < 5; i++) {
            if (delta[i] != 0) {
                String star = Integer.toString(i + 1);
                uow.add(new CounterKey(FAMILY, scopeOf(after.courseId()), star), delta[i]);
                uow.add(new CounterKey(FAMILY, PLATFORM, star), delta[i]);
            }
        }
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
        for (Counter c : uow.counters(FAMILY, scope, null, 5)) {
            int star = Integer.parseInt(c.member());
            stars[star - 1] = c.value();
            count += c.value();
            sum += c.value() * star;
        }
        List<Long> list = new ArrayList<>(5);
        for (long v : stars) {
            list.add(v);
        }
        return new RatingTally(scope, list, count, sum);
    }
}
