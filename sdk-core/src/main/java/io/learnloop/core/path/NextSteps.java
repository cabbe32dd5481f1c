package io.learnloop.core.path;

import java.util.List;

/**
 * What a learner can take next on a path or in the catalogue: the courses whose prerequisites are all known, the
 * ones still blocked with what is missing, and the ones already known, each list in path (or catalogue) order.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param ready      courses to take now, with their next lessons (copied)
 * @param blocked    courses waiting for prerequisites, each naming the missing ones (copied)
 * @param known      courses the learner already knows, and why (copied)
 * @param milestones the path's milestones and whether each is reached; empty for the catalogue (copied)
 * @param nextCursor for the catalogue, the cursor of the next page, or null on the last page; null for a path
 */
public record NextSteps(List<CourseStep> ready, List<CourseStep> blocked, List<CourseStep> known,
                        List<MilestoneProgress> milestones, String nextCursor) {
    /**
     * Copies.
     *
     * @param ready      ready courses
     * @param blocked    blocked courses
     * @param known      known courses
     * @param milestones milestones
     * @param nextCursor the next cursor
     */
    public NextSteps {
        ready = List.copyOf(ready);
        blocked = List.copyOf(blocked);
        known = List.copyOf(known);
        milestones = List.copyOf(milestones);
    }
}
