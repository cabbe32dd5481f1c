package io.learnloop.core.internal.path;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.assessment.QuizService;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.credential.Certificate;
import io.learnloop.core.credential.CertificateService;
import io.learnloop.core.credential.CertificateStatus;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.learning.LessonProgress;
import io.learnloop.core.learning.ProgressService;
import io.learnloop.core.path.KnownBy;
import io.learnloop.core.path.PlacementQuiz;
import io.learnloop.core.store.Versioned;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one learner knows, read from progress, certificates and placement quizzes as it is asked for and remembered
 * for the rest of one request.
 *
 * <p>Not thread-safe: one per request.
 */
final class LearnerKnowledge {
    private final ServiceContext context;
    private final UserId learner;
    private final ProgressService progress;
    private final QuizService quizzes;
    private final CertificateService certificates;
    private final Instant now;
    private final Map<CourseId, Optional<KnownBy>> courses = new HashMap<>();
    private Set<CourseId> certified;

    LearnerKnowledge(ServiceContext context, UserId learner, ProgressService progress, QuizService quizzes,
                     CertificateService certificates) {
        this.context = context;
        this.learner = learner;
        this.progress = progress;
        this.quizzes = quizzes;
        this.certificates = certificates;
        this.now = context.now();
    }

    /**
     * Why the learner knows a course, if they do.
     *
     * @param course the course
     * @return the first reason that holds (completed, then certified, then placement), or empty
     */
    Optional<KnownBy> course(CourseId course) {
        Optional<KnownBy> known = courses.get(course);
        if (known == null) {
            known = find(course);
            courses.put(course, known);
        }
        return known;
    }

    boolean knows(CourseId course) {
        return course(course).isPresent();
    }

    /**
     * Whether the learner completed a lesson, or knows its course.
     *
     * @param lesson the lesson
     * @param course its course
     * @return true when known
     */
    boolean knowsLesson(LessonId lesson, CourseId course) {
        return progress.lessonProgress(learner, lesson).map(LessonProgress::completed).orElse(false) || knows(course);
    }

    private Optional<KnownBy> find(CourseId course) {
        if (progress.courseCompletion(learner, course).completed()) {
            return Optional.of(KnownBy.COMPLETED);
        }
        if (certified().contains(course)) {
            return Optional.of(KnownBy.CERTIFIED);
        }
        for (Versioned<PlacementQuiz> p : context.read(uow -> uow.findBy(PathTypes.PLACEMENT, PathTypes.BY_COURSE,
                course.value()))) {
            if (quizzes.hasPassed(learner, p.value().quiz())) {
                return Optional.of(KnownBy.PLACEMENT);
            }
        }
        return Optional.empty();
    }

    private Set<CourseId> certified() {
        if (certified == null) {
            certified = new HashSet<>();
            if (certificates != null) {
                for (Certificate c : certificates.certificatesOf(learner)) {
                    if (c.status() == CertificateStatus.ACTIVE && (c.validUntil() == null || now.isBefore(c.validUntil()))) {
                        certified.add(c.courseId());
                    }
                }
            }
        }
        return certified;
    }
}
