package io.learnloop.core.commerce;

import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.error.Validator;

import java.util.HashSet;
import java.util.List;

/**
 * The terms of a membership plan: its period, its free trial and what it covers (listed courses, and every course
 * in the listed categories).
 *
 * <p>Thread-safe: immutable record.
 *
 * @param period     how long one purchase lasts
 * @param trialDays  free days before the first period starts, 0 to {@value #MAX_TRIAL_DAYS}
 * @param courses    courses covered by id (copied)
 * @param categories catalogue categories whose courses are all covered (copied)
 */
public record MembershipTerms(MembershipPeriod period, int trialDays, List<CourseId> courses, List<String> categories) {
    /** The longest free trial accepted. */
    public static final int MAX_TRIAL_DAYS = 365;
    /** The most courses or categories one plan may list. */
    public static final int MAX_ITEMS = 10_000;

    /**
     * Validates and copies.
     *
     * @param period     the period
     * @param trialDays  the trial days
     * @param courses    the covered courses
     * @param categories the covered categories
     */
    public MembershipTerms {
        courses = courses == null ? List.of() : courses;
        categories = categories == null ? List.of() : categories;
        Validator v = new Validator()
                .notNull("membership.period", period)
                .check(trialDays >= 0 && trialDays <= MAX_TRIAL_DAYS, "membership.trialDays",
                        "must be between 0 and " + MAX_TRIAL_DAYS + " (was " + trialDays + ")")
                .check(!courses.isEmpty() || !categories.isEmpty(), "membership.courses",
                        "a plan must cover at least one course or category")
                .check(courses.size() <= MAX_ITEMS, "membership.courses", "must list at most " + MAX_ITEMS)
                .check(categories.size() <= MAX_ITEMS, "membership.categories", "must list at most " + MAX_ITEMS)
                .check(courses.stream().noneMatch(java.util.Objects::isNull), "membership.courses", "must not contain null")
                .check(new HashSet<>(courses).size() == courses.size(), "membership.courses", "must not repeat a course");
        for (int i = 0; i < categories.size(); i++) {
            v.notBlank("membership.categories[" + i + "]", categories.get(i), 64);
        }
        v.throwIfInvalid();
        courses = List.copyOf(courses);
        categories = List.copyOf(categories);
    }

    /**
     * Whether the plan covers a course.
     *
     * @param course   the course
     * @param category the course's category, or null
     * @return true if the course is listed or its category is
     */
    public boolean covers(CourseId course, String category) {
        return courses.contains(course) || (category != null && categories.contains(category));
    }
}
