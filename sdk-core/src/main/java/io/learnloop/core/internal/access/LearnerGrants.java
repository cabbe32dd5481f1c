package io.learnloop.core.internal.access;

import io.learnloop.core.access.Grant;
import io.learnloop.core.catalog.CourseId;

import java.util.List;

/**
 * A learner's grants laid out for decisions: the courses each grant names, as hashes in one array, so finding the
 * grants that cover a course reads two small arrays instead of every grant and its course list.
 *
 * <p>Thread-safe: immutable after construction.
 */
final class LearnerGrants {
    static final LearnerGrants NONE = new LearnerGrants(List.of());

    private final Grant[] grants;
    /** {@code [0, n]}: where grant g's courses start in the pair arrays; then, from {@code n + 1}, each pair's hash. */
    private final int[] layout;
    private final CourseId[] courses;
    private final boolean anyCategories;

    private LearnerGrants(List<Grant> list) {
        int n = list.size();
        grants = list.toArray(new Grant[0]);
        int pairs = 0;
        boolean categories = false;
        for (Grant g : grants) {
            pairs += g.courses().size();
            categories |= !g.categories().isEmpty();
        }
        anyCategories = categories;
        layout = new int[n + 1 + pairs];
        courses = new CourseId[pairs];
        int p = 0;
        for (int g = 0; g < n; g++) {
            layout[g] = p;
            for (CourseId c : grants[g].courses()) {
                courses[p] = c;
                layout[n + 1 + p] = c.value().hashCode();
                p++;
            }
        }
        layout[n] = p;
    }

    /**
     * Lays out grants.
     *
     * @param learner the learner (the index key; unused)
     * @param grants  the learner's grants, in index order
     * @return the layout
     */
    static LearnerGrants of(String learner, List<Grant> grants) {
        return grants.isEmpty() ? NONE : new LearnerGrants(grants);
    }

    /** The number of grants. */
    int size() {
        return grants.length;
    }

    /** Whether any grant covers categories. */
    boolean anyCategories() {
        return anyCategories;
    }

    /** The g-th grant. */
    Grant grant(int g) {
        return grants[g];
    }

    /** Whether the g-th grant names the course (whose value hashes to {@code hash}). */
    boolean names(int g, CourseId course, int hash) {
        int n = grants.length;
        for (int p = layout[g], end = layout[g + 1]; p < end; p++) {
            if (layout[n + 1 + p] == hash && (courses[p] == course || courses[p].equals(course))) {
                return true;
            }
        }
        return false;
    }
}
