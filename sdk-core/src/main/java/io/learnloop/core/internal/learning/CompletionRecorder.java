package io.learnloop.core.internal.learning;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.event.EventTypes;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.learning.CourseCompletion;
import io.learnloop.core.learning.CourseProgress;
import io.learnloop.core.learning.LessonFacts;
import io.learnloop.core.learning.LessonProgress;
import io.learnloop.core.store.UnitOfWork;
import io.learnloop.core.store.Versioned;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Records lesson and course completion inside the caller's unit of work, publishing each completion event once:
 * the event is written in the same transaction that first sets the completion time, and a concurrent writer loses
 * the compare-and-set and retries against the completed state.
 *
 * <p>Thread-safe: stateless apart from the immutable context.
 */
public final class CompletionRecorder {
    private final ServiceContext context;

    /**
     * Creates the recorder.
     *
     * @param context the context
     */
    public CompletionRecorder(ServiceContext context) {
        this.context = context;
    }

    /**
     * Makes sure the learner's course progress exists, so the learner counts as enrolled.
     *
     * @param uow     the unit of work
     * @param learner the learner
     * @param course  the course
     * @return the course progress
     */
    public Versioned<CourseProgress> ensureCourse(UnitOfWork uow, UserId learner, CourseId course) {
        String id = CourseProgress.idOf(learner, course);
        Optional<Versioned<CourseProgress>> found = uow.find(LearningTypes.COURSE_PROGRESS, id);
        if (found.isPresent()) {
            return found.get();
        }
        Instant now = context.now();
        CourseStats.enrolled(uow, learner, course, now);
        return uow.insert(LearningTypes.COURSE_PROGRESS, new CourseProgress(id, learner, course, List.of(), now, null, now));
    }

    /**
     * Completes a lesson (if it is not yet) and, when that completes every required lesson, the course.
     *
     * @param uow      the unit of work
     * @param progress the lesson progress, already updated with its completion time by the caller or not
     * @param lessons  the course's lessons
     * @return the course completion afterwards
     */
    public CourseCompletion lessonCompleted(UnitOfWork uow, LessonProgress progress, List<LessonFacts> lessons) {
        Versioned<CourseProgress> course = ensureCourse(uow, progress.learner(), progress.courseId());
        CourseProgress cp = course.value();
        if (cp.completedLessons().contains(progress.lessonId())) {
            return completion(cp.courseId(), cp, lessons);
        }
        Instant now = context.now();
        uow.publish(context.event(EventTypes.LESSON_COMPLETED, progress.id(), Map.of(
                "learnerId", progress.learner().value(),
                "lessonId", progress.lessonId().value(),
                "courseId", progress.courseId().value())));
        List<LessonId> done = new ArrayList<>(cp.completedLessons());
        done.add(progress.lessonId());
        CourseProgress next = new CourseProgress(cp.id(), cp.learner(), cp.courseId(), done, cp.startedAt(),
                cp.completedAt(), now);
        CourseCompletion completion = completion(cp.courseId(), next, lessons);
        if (completion.completed() && cp.completedAt() == null) {
            next = new CourseProgress(cp.id(), cp.learner(), cp.courseId(), done, cp.startedAt(), now, now);
            uow.publish(context.event(EventTypes.COURSE_COMPLETED, cp.id(), Map.of(
                    "learnerId", cp.learner().value(),
                    "courseId", cp.courseId().value())));
        }
        uow.update(LearningTypes.COURSE_PROGRESS, next, course.version());
        CourseStats.lessonCompleted(uow, cp, next, lessons.stream().map(LessonFacts::lessonId).toList(),
                next.completedAt() != null && cp.completedAt() == null, progress.lessonId(), now);
        return completion;
    }

    /**
     * Computes a course's completion from a learner's completed lessons.
     *
     * @param course   the course
     * @param progress the course progress, or null
     * @param lessons  the course's lessons
     * @return the completion
     */
    public static CourseCompletion completion(CourseId course, CourseProgress progress, List<LessonFacts> lessons) {
        Set<LessonId> done = progress == null ? Set.of() : new HashSet<>(progress.completedLessons());
        boolean anyRequired = lessons.stream().anyMatch(LessonFacts::required);
        int completed = 0;
        int required = 0;
        int requiredDone = 0;
        for (LessonFacts l : lessons) {
            boolean isDone = done.contains(l.lessonId());
            if (isDone) {
                completed++;
            }
            if (l.required() || !anyRequired) {
                required++;
                if (isDone) {
                    requiredDone++;
                }
            }
        }
        int total = lessons.size();
        int percent = total == 0 ? 0 : (int) (100L * completed / total);
        boolean complete = total > 0 && requiredDone == required;
        return new CourseCompletion(course, completed, total, requiredDone, required, percent, complete);
    }
}
