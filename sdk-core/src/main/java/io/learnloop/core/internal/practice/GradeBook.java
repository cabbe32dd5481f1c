package io.learnloop.core.internal.practice;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.event.EventTypes;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.internal.learning.CompletionRecorder;
import io.learnloop.core.internal.learning.CourseStats;
import io.learnloop.core.internal.learning.LearningTypes;
import io.learnloop.core.learning.LessonCatalog;
import io.learnloop.core.learning.LessonFacts;
import io.learnloop.core.learning.LessonProgress;
import io.learnloop.core.practice.Assignment;
import io.learnloop.core.practice.Criterion;
import io.learnloop.core.practice.GradeFormula;
import io.learnloop.core.practice.GradeState;
import io.learnloop.core.practice.GradeWeights;
import io.learnloop.core.practice.PeerReview;
import io.learnloop.core.practice.PracticeGrade;
import io.learnloop.core.practice.Submission;
import io.learnloop.core.store.UnitOfWork;
import io.learnloop.core.store.Versioned;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Works out grades inside the caller's unit of work, makes them final, and lets a final pass complete the
 * assignment's lesson, so the grade, its event and the completion are one transaction.
 *
 * <p>Thread-safe: immutable.
 */
final class GradeBook {
    private final ServiceContext ctx;
    private final LessonCatalog lessons;
    private final CompletionRecorder recorder;

    GradeBook(ServiceContext ctx, LessonCatalog lessons) {
        this.ctx = ctx;
        this.lessons = lessons;
        this.recorder = new CompletionRecorder(ctx);
    }

    /** The grade so far, or the final one with the override when one is given. */
    PracticeGrade compute(UnitOfWork uow, Assignment a, Submission s, Integer overrideBp) {
        List<GradeFormula.Weighted> peers = new ArrayList<>();
        Integer self = null;
        Integer instructor = null;
        for (Versioned<PeerReview> v : uow.findBy(PracticeTypes.REVIEW, PracticeTypes.BY_SUBMISSION, s.id().value())) {
            PeerReview r = v.value();
            if (r.open() || r.expired()) {
                continue;
            }
            switch (r.kind()) {
                case PEER -> peers.add(new GradeFormula.Weighted(r.scoreBp(), reviewerWeight(uow, a, r.reviewer())));
                case SELF -> self = r.scoreBp();
                case INSTRUCTOR -> instructor = r.scoreBp();
                case CALIBRATION -> {
                    // calibration gradings are not filed under a learner's submission
                }
            }
        }
        Integer peer = GradeFormula.peer(peers);
        Integer combined = GradeFormula.combine(a.weights(), peer, self, instructor);
        int penalty = overrideBp != null ? 0 : GradeFormula.penalty(a.late(), s.daysLate());
        int score = overrideBp != null ? overrideBp
                : combined == null ? 0 : GradeFormula.grade(combined, penalty, null);
        GradeWeights w = a.weights();
        boolean complete = overrideBp != null || ((w.peerBp() == 0 || s.reviewsDone() >= a.reviewsRequired())
                && (w.selfBp() == 0 || self != null) && (w.instructorBp() == 0 || instructor != null));
        int max = maxPoints(a);
        return new PracticeGrade(s.id(), a.id(), s.learner(), complete ? GradeState.FINAL : GradeState.PROVISIONAL,
                peer, self, instructor, overrideBp, penalty, score, GradeFormula.points(score, max), max,
                score >= a.passingBp(), complete ? ctx.now() : null, null);
    }

    private int reviewerWeight(UnitOfWork uow, Assignment a, UserId reviewer) {
        if (a.calibrationReviews() == 0) {
            return GradeFormula.reviewerWeight(List.of());
        }
        List<Integer> accuracies = uow.findBy(PracticeTypes.REVIEW, PracticeTypes.CALIBRATED,
                PracticeTypes.keyOf(reviewer.value(), a.id().value())).stream()
                .map(v -> v.value().accuracyBp()).toList();
        return GradeFormula.reviewerWeight(accuracies);
    }

    static int maxPoints(Assignment a) {
        return a.rubric().criteria().stream().mapToInt(Criterion::maxPoints).sum();
    }

    /** Makes the grade final when every judgement is in; does nothing to a grade already final. */
    Optional<PracticeGrade> settle(UnitOfWork uow, Assignment a, Submission s) {
        if (uow.find(PracticeTypes.GRADE, s.id().value()).isPresent()) {
            return Optional.empty();
        }
        PracticeGrade grade = compute(uow, a, s, null);
        if (grade.state() != GradeState.FINAL) {
            return Optional.empty();
        }
        uow.insert(PracticeTypes.GRADE, grade);
        published(uow, a, grade);
        return Optional.of(grade);
    }

    /** Emits the grade's event and, when it passes, completes the lesson. */
    void published(UnitOfWork uow, Assignment a, PracticeGrade grade) {
        uow.publish(ctx.event(EventTypes.PRACTICE_GRADED, grade.submission().value(), Map.of(
                "learnerId", grade.learner().value(),
                "courseId", a.course().value(),
                "lessonId", a.lesson().value(),
                "assignmentId", a.id().value(),
                "submissionId", grade.submission().value(),
                "scoreBp", Integer.toString(grade.scoreBp()),
                "scoreGiven", grade.scoreGiven().toPlainString(),
                "scoreMaximum", Integer.toString(grade.scoreMaximum()),
                "passed", Boolean.toString(grade.passed()))));
        if (grade.passed()) {
            completeLesson(uow, grade.learner(), a.lesson(), ctx.now());
        }
    }

    private void completeLesson(UnitOfWork uow, UserId learner, LessonId lesson, Instant now) {
        Optional<LessonFacts> facts = lessons.lesson(lesson);
        if (facts.isEmpty()) {
            return;
        }
        LessonFacts f = facts.get();
        String id = LessonProgress.idOf(learner, lesson);
        Optional<Versioned<LessonProgress>> found = uow.find(LearningTypes.LESSON_PROGRESS, id);
        if (found.isPresent() && found.get().value().completed()) {
            return;
        }
        LessonProgress p = found.map(v -> completed(v.value(), now)).orElseGet(() -> new LessonProgress(id, learner,
                lesson, f.courseId(), f.kind(), f.duration() == null ? 0 : f.duration().toMillis(), List.of(), 0, 0,
                null, Map.of(), 0, List.of(), null, now, now));
        if (found.isPresent()) {
            uow.update(LearningTypes.LESSON_PROGRESS, p, found.get().version());
        } else {
            uow.insert(LearningTypes.LESSON_PROGRESS, p);
            CourseStats.lessonStarted(uow, learner, f.courseId(), lesson, now);
        }
        recorder.lessonCompleted(uow, p, lessons.lessons(f.courseId()));
    }

    private static LessonProgress completed(LessonProgress p, Instant now) {
        return new LessonProgress(p.id(), p.learner(), p.lessonId(), p.courseId(), p.kind(), p.durationMillis(),
                p.spans(), p.coveredMillis(), p.resumeAtMillis(), p.resumeReportedAt(), p.lastReportAt(),
                p.timeSpentMillis(), p.activeDays(), p.openedAt(), now, now);
    }
}
