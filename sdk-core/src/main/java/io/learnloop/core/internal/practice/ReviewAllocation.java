package io.learnloop.core.internal.practice;

import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.practice.Assignment;
import io.learnloop.core.practice.PeerReview;
import io.learnloop.core.practice.PracticeService;
import io.learnloop.core.practice.ReviewKind;
import io.learnloop.core.practice.ReviewTask;
import io.learnloop.core.practice.Submission;
import io.learnloop.core.store.IndexRange;
import io.learnloop.core.store.SortKeys;
import io.learnloop.core.store.UnitOfWork;
import io.learnloop.core.store.Versioned;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Hands out review work: calibration first, then the learner submission with the fewest reviews handed out. The
 * choice reads one sorted index a page at a time and stops at the first submission that already has all its
 * reviews (every later one has too), so its cost never grows with the number of submissions beyond
 * {@link PracticeService#ALLOCATION_WINDOW}.
 *
 * <p>Thread-safe: stateless.
 */
final class ReviewAllocation {
    private static final int PAGE = 100;

    /** The calibration submissions a reviewer graded on an assignment. */
    static Set<String> calibrated(UnitOfWork uow, Assignment a, UserId reviewer) {
        return uow.findBy(PracticeTypes.REVIEW, PracticeTypes.CALIBRATED,
                        PracticeTypes.keyOf(reviewer.value(), a.id().value())).stream()
                .map(v -> v.value().submission().value()).collect(Collectors.toSet());
    }

    Optional<ReviewTask> next(UnitOfWork uow, Assignment a, UserId reviewer, String group, Instant now) {
        if (a.calibrationReviews() > 0) {
            List<Versioned<Submission>> references = uow.findRange(PracticeTypes.SUBMISSION,
                    PracticeTypes.CALIBRATIONS, a.id().value(), IndexRange.first(a.calibrationReviews()));
            if (references.size() < a.calibrationReviews()) {
                throw new ConflictException(ErrorCode.INVALID_STATE, "Assignment '" + a.id() + "' asks reviewers to "
                        + "grade " + a.calibrationReviews() + " calibration submissions first, but its instructor has "
                        + "added " + references.size() + "; review can start once they are added.");
            }
            Set<String> done = calibrated(uow, a, reviewer);
            for (Versioned<Submission> r : references) {
                if (!done.contains(r.value().id().value())) {
                    return Optional.of(task(a, r.value()));
                }
            }
        }
        if (a.reviewsRequired() == 0) {
            return Optional.empty();
        }
        // an open review past its expiry is not handed out again, even before it is released
        List<Versioned<PeerReview>> open = uow.findBy(PracticeTypes.REVIEW, PracticeTypes.OPEN,
                PracticeTypes.keyOf(reviewer.value(), a.id().value())).stream()
                .filter(v -> now.isBefore(v.value().assignedAt().plus(a.reviewExpiry()))).toList();
        if (!open.isEmpty()) {
            return Optional.of(task(a, uow.get(PracticeTypes.SUBMISSION,
                    open.get(0).value().submission().value()).value()));
        }
        String after = null;
        int scanned = 0;
        while (scanned < PracticeService.ALLOCATION_WINDOW) {
            List<Versioned<Submission>> page = uow.findRange(PracticeTypes.SUBMISSION, PracticeTypes.NEEDS_REVIEW,
                    a.id().value(), IndexRange.first(PAGE).continuing(after));
            for (Versioned<Submission> candidate : page) {
                Submission s = candidate.value();
                scanned++;
                if (s.reviewsAssigned() >= a.reviewsRequired()) {
                    return Optional.empty();
                }
                if (eligible(uow, a, s, reviewer, group)) {
                    return Optional.of(reserve(uow, a, candidate, reviewer, now));
                }
            }
            if (page.size() < PAGE) {
                break;
            }
            after = PracticeTypes.SUBMISSION.position(PracticeTypes.NEEDS_REVIEW, page.get(page.size() - 1).value());
        }
        return Optional.empty();
    }

    /**
     * Releases up to {@code limit} of an assignment's peer reviews handed out at least its review expiry ago and never
     * written, the oldest first: each is marked expired (so its reviewer's late review is refused and the reviewer
     * never gets the submission again) and no longer counts among its submission's reviews handed out. Reads only
     * the expired part of a sorted index.
     *
     * @return how many were released
     */
    static int expire(UnitOfWork uow, Assignment a, Instant now, int limit) {
        Instant cutoff = now.minus(a.reviewExpiry());
        List<Versioned<PeerReview>> due = uow.findRange(PracticeTypes.REVIEW, PracticeTypes.OPEN_SINCE,
                a.id().value(), new IndexRange(null, SortKeys.after(SortKeys.instant(cutoff)), limit, false));
        Map<String, Integer> released = new LinkedHashMap<>();
        int count = 0;
        for (Versioned<PeerReview> v : due) {
            PeerReview r = v.value();
            // the index and the row may be read at different commits: a review written since is not expired
            if (!r.open() || r.assignedAt().isAfter(cutoff)) {
                continue;
            }
            uow.update(PracticeTypes.REVIEW, r.expire(r.assignedAt().plus(a.reviewExpiry())), v.version());
            released.merge(r.submission().value(), 1, Integer::sum);
            count++;
        }
        for (Map.Entry<String, Integer> e : released.entrySet()) {
            Versioned<Submission> stored = uow.get(PracticeTypes.SUBMISSION, e.getKey());
            Submission s = stored.value();
            uow.update(PracticeTypes.SUBMISSION, new Submission(s.id(), s.assignment(), s.learner(), false,
                    s.revision(), s.content(), s.group(), s.submittedAt(), s.daysLate(),
                    Math.max(0, s.reviewsAssigned() - e.getValue()), s.reviewsDone(), s.referenceScores()),
                    stored.version());
        }
        return count;
    }

    private static boolean eligible(UnitOfWork uow, Assignment a, Submission s, UserId reviewer, String group) {
        if (s.learner().equals(reviewer)) {
            return false;
        }
        if (a.separateGroups() && group != null && Objects.equals(group, s.group())) {
            return false;
        }
        return uow.find(PracticeTypes.REVIEW, PeerReview.idOf(s.id(), reviewer)).isEmpty();
    }

    private static ReviewTask reserve(UnitOfWork uow, Assignment a, Versioned<Submission> stored, UserId reviewer,
                                      Instant now) {
        Submission s = stored.value();
        uow.update(PracticeTypes.SUBMISSION, new Submission(s.id(), s.assignment(), s.learner(), false, s.revision(),
                s.content(), s.group(), s.submittedAt(), s.daysLate(), s.reviewsAssigned() + 1, s.reviewsDone(),
                s.referenceScores()), stored.version());
        uow.insert(PracticeTypes.REVIEW, new PeerReview(PeerReview.idOf(s.id(), reviewer), s.id(), a.id(), reviewer,
                ReviewKind.PEER, null, null, 0, 0, now, null));
        return task(a, s);
    }

    private static ReviewTask task(Assignment a, Submission s) {
        return new ReviewTask(s.id(), a.id(), s.calibration(), s.content(), a.rubric());
    }
}
