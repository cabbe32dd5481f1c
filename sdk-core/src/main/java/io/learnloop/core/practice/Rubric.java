package io.learnloop.core.practice;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How an assignment is graded: its criteria, whose weights sum to exactly {@value #FULL} basis points. Checked by
 * {@link PracticeService#createAssignment}, which names each problem.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param criteria 1 to {@value #MAX_CRITERIA} criteria with distinct keys (copied)
 */
public record Rubric(List<Criterion> criteria) {
    /** The sum every rubric's weights must reach, and the basis points of a full grade. */
    public static final int FULL = 10_000;
    /** The most criteria one rubric holds. */
    public static final int MAX_CRITERIA = 20;
    /** The most points one criterion may give. */
    public static final int MAX_POINTS = 1_000;

    /**
     * Copies the criteria (a null list becomes empty; the service checks the elements).
     *
     * @param criteria the criteria
     */
    public Rubric {
        criteria = criteria == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(criteria));
    }

    /**
     * A rubric of the given criteria.
     *
     * @param criteria the criteria
     * @return the rubric
     */
    public static Rubric of(Criterion... criteria) {
        return new Rubric(List.of(criteria));
    }
}
