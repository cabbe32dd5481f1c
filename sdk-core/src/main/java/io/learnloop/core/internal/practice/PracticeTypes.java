package io.learnloop.core.internal.practice;

import io.learnloop.core.practice.Appeal;
import io.learnloop.core.practice.Assignment;
import io.learnloop.core.practice.PeerReview;
import io.learnloop.core.practice.PracticeGrade;
import io.learnloop.core.practice.ReviewKind;
import io.learnloop.core.practice.Submission;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.SortKeys;

import java.util.List;

/**
 * The aggregate types of practice: assignments, submissions, reviews, final grades and appeals.
 *
 * <p>Thread-safe: constants only.
 */
public final class PracticeTypes {
    /** Sorted index of a course's assignments, by creation time. */
    public static final String BY_COURSE = "course";
    /** Unique key of a learner's one submission per assignment ({@code assignment|learner}). */
    public static final String LEARNER_ASSIGNMENT = "learner_assignment";
    /** Sorted index of an assignment's learner submissions, by hand-in time. */
    public static final String BY_ASSIGNMENT = "assignment";
    /** Sorted index of an assignment's learner submissions, fewest reviews handed out first. */
    public static final String NEEDS_REVIEW = "needs_review";
    /** Sorted index of an assignment's calibration submissions, in the order added. */
    public static final String CALIBRATIONS = "calibrations";
    /** Sorted index of a learner's records, by time. */
    public static final String BY_LEARNER = "learner";
    /** Index of the peer, self and instructor reviews of a learner submission (bounded by the assignment). */
    public static final String BY_SUBMISSION = "submission";
    /** Index of a reviewer's open review on an assignment ({@code reviewer|assignment}); at most one. */
    public static final String OPEN = "open";
    /** Index of a reviewer's calibration gradings on an assignment ({@code reviewer|assignment}); a few. */
    public static final String CALIBRATED = "calibrated";
    /** Sorted index of an assignment's open peer reviews, by the time handed out: the oldest expire first. */
    public static final String OPEN_SINCE = "open_since";
    /** Sorted index of a reviewer's reviews, by the time handed out. */
    public static final String BY_REVIEWER = "reviewer";

    /** An assignment. */
    public static final AggregateType<Assignment> ASSIGNMENT = AggregateType
            .builder("practice_assignment", Assignment.class, a -> a.id().value())
            .sortedIndex(BY_COURSE, a -> a.course().value(), a -> SortKeys.instant(a.createdAt()))
            .build();

    /** A submission: a learner's work or a calibration submission. */
    public static final AggregateType<Submission> SUBMISSION = AggregateType
            .builder("practice_submission", Submission.class, s -> s.id().value())
            .unique(LEARNER_ASSIGNMENT, s -> s.calibration() ? "calibration|" + s.id().value()
                    : keyOf(s.assignment().value(), s.learner().value()))
            .sortedMultiIndex(BY_ASSIGNMENT, s -> learnerWork(s, s.assignment().value()),
                    s -> SortKeys.instant(s.submittedAt()))
            .sortedMultiIndex(NEEDS_REVIEW, s -> learnerWork(s, s.assignment().value()),
                    s -> SortKeys.number(s.reviewsAssigned()) + SortKeys.instant(s.submittedAt()))
            .sortedMultiIndex(CALIBRATIONS, s -> s.calibration() ? List.of(s.assignment().value()) : List.of(),
                    s -> SortKeys.instant(s.submittedAt()))
            .sortedMultiIndex(BY_LEARNER, s -> learnerWork(s, s.learner().value()),
                    s -> SortKeys.instant(s.submittedAt()))
            .build();

    /** A review of any kind. */
    public static final AggregateType<PeerReview> REVIEW = AggregateType
            .builder("practice_review", PeerReview.class, PeerReview::id)
            .multiIndex(BY_SUBMISSION, r -> r.kind() == ReviewKind.CALIBRATION ? List.of()
                    : List.of(r.submission().value()))
            .multiIndex(OPEN, r -> r.open() ? List.of(keyOf(r.reviewer().value(), r.assignment().value()))
                    : List.of())
            .multiIndex(CALIBRATED, r -> r.kind() == ReviewKind.CALIBRATION
                    ? List.of(keyOf(r.reviewer().value(), r.assignment().value())) : List.of())
            .sortedIndex(BY_REVIEWER, r -> r.reviewer().value(), r -> SortKeys.instant(r.assignedAt()))
            .sortedIndex(OPEN_SINCE, r -> r.kind() == ReviewKind.PEER && r.open() ? r.assignment().value() : null,
                    r -> SortKeys.instant(r.assignedAt()))
            .build();

    /** A final grade. */
    public static final AggregateType<PracticeGrade> GRADE = AggregateType
            .builder("practice_grade", PracticeGrade.class, g -> g.submission().value())
            .sortedIndex(BY_LEARNER, g -> g.learner().value(), g -> SortKeys.instant(g.finalAt()))
            .build();

    /** An appeal. */
    public static final AggregateType<Appeal> APPEAL = AggregateType
            .builder("practice_appeal", Appeal.class, a -> a.submission().value())
            .sortedIndex(BY_LEARNER, a -> a.learner().value(), a -> SortKeys.instant(a.appealedAt()))
            .build();

    private PracticeTypes() {
    }

    /**
     * A composite key.
     *
     * @param first  the first part
     * @param second the second part
     * @return {@code first|second}
     */
    public static String keyOf(String first, String second) {
        return first + "|" + second;
    }

    private static List<String> learnerWork(Submission s, String key) {
        return s.calibration() ? List.of() : List.of(key);
    }
}
