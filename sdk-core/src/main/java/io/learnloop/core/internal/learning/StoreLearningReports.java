package io.learnloop.core.internal.learning;

import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.internal.catalog.CatalogTypes;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.assessment.AttemptState;
import io.learnloop.core.assessment.Quiz;
import io.learnloop.core.assessment.QuizAttempt;
import io.learnloop.core.assessment.QuizId;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.credential.Certificate;
import io.learnloop.core.credential.CertificateStatus;
import io.learnloop.core.error.Validator;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.internal.assessment.AssessmentTypes;
import io.learnloop.core.internal.credential.CredentialTypes;
import io.learnloop.core.learning.CertificateEntry;
import io.learnloop.core.learning.CourseProgress;
import io.learnloop.core.learning.CourseReport;
import io.learnloop.core.learning.FunnelStep;
import io.learnloop.core.learning.LearnerReport;
import io.learnloop.core.learning.LearningReports;
import io.learnloop.core.learning.LessonCatalog;
import io.learnloop.core.learning.LessonFacts;
import io.learnloop.core.learning.LessonProgress;
import io.learnloop.core.learning.QuizOutcome;
import io.learnloop.core.review.ReviewService;
import io.learnloop.core.store.Versioned;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Learning reports computed from the stored progress, attempts, certificates and reviews.
 *
 * <p>Thread-safe: immutable.
 */
public final class StoreLearningReports implements LearningReports {
    private final ServiceContext context;
    private final LessonCatalog catalog;
    private final ReviewService reviews;

    /**
     * Creates the reports.
     *
     * @param context the context
     * @param catalog lesson facts
     * @param reviews reviews
     */
    public StoreLearningReports(ServiceContext context, LessonCatalog catalog, ReviewService reviews) {
        this.context = Objects.requireNonNull(context, "context");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.reviews = Objects.requireNonNull(reviews, "reviews");
    }

    @Override
    public LearnerReport learner(Actor viewer, UserId learner) {
        new Validator().notNull("viewer", viewer).notNull("learner", learner).throwIfInvalid();
        if (!viewer.id().equals(learner) && !viewer.has(Role.ADMIN)) {
            throw new ForbiddenException("User '" + viewer.id() + "' may not read the learning report of '" + learner
                    + "': only the learner or an admin may.");
        }
        return context.read(uow -> {
            long spent = 0;
            int lessons = 0;
            TreeSet<LocalDate> days = new TreeSet<>();
            for (Versioned<LessonProgress> v : uow.findBy(LearningTypes.LESSON_PROGRESS, LearningTypes.BY_LEARNER, learner.value())) {
                LessonProgress p = v.value();
                spent += p.timeSpentMillis();
                lessons += p.completed() ? 1 : 0;
                days.addAll(p.activeDays());
            }
            List<Versioned<CourseProgress>> courses = uow.findBy(LearningTypes.COURSE_PROGRESS, LearningTypes.BY_LEARNER, learner.value());
            int completedCourses = (int) courses.stream().filter(c -> c.value().completedAt() != null).count();

            Map<QuizId, List<QuizAttempt>> byQuiz = new LinkedHashMap<>();
            for (Versioned<QuizAttempt> v : uow.findBy(AssessmentTypes.ATTEMPT, AssessmentTypes.BY_LEARNER, learner.value())) {
                byQuiz.computeIfAbsent(v.value().quizId(), q -> new ArrayList<>()).add(v.value());
            }
            List<QuizOutcome> quizzes = new ArrayList<>();
            for (Map.Entry<QuizId, List<QuizAttempt>> e : byQuiz.entrySet()) {
                Quiz quiz = uow.get(AssessmentTypes.QUIZ, e.getKey().value()).value();
                BigDecimal best = null;
                boolean passed = false;
                for (QuizAttempt a : e.getValue()) {
                    if (a.result() != null) {
                        best = best == null || a.result().percent().compareTo(best) > 0 ? a.result().percent() : best;
                        passed |= a.result().passed();
                    }
                }
                quizzes.add(new QuizOutcome(e.getKey(), quiz.courseId(), e.getValue().size(), best, passed));
            }
            List<CertificateEntry> certificates = new ArrayList<>();
            for (Versioned<Certificate> v : uow.findBy(CredentialTypes.CERTIFICATE, CredentialTypes.BY_LEARNER, learner.value())) {
                Certificate c = v.value();
                certificates.add(new CertificateEntry(c.id(), c.courseId(), c.validFrom(), c.status() == CertificateStatus.ACTIVE));
            }
            LocalDate today = LocalDate.ofInstant(context.now(), ZoneOffset.UTC);
            return new LearnerReport(learner, Duration.ofMillis(spent), lessons, courses.size(), completedCourses,
                    currentStreak(days, today), longestStreak(days), quizzes, certificates);
        });
    }

    /**
     * The run of consecutive days ending today, or yesterday when the learner has not learnt yet today.
     *
     * @param days  active days
     * @param today the current day
     * @return the streak length
     */
    static int currentStreak(TreeSet<LocalDate> days, LocalDate today) {
        LocalDate day = days.contains(today) ? today : today.minusDays(1);
        int streak = 0;
        while (days.contains(day)) {
            streak++;
            day = day.minusDays(1);
        }
        return streak;
    }

    /**
     * The longest run of consecutive days.
     *
     * @param days active days
     * @return the length
     */
    static int longestStreak(TreeSet<LocalDate> days) {
        int best = 0;
        int run = 0;
        LocalDate previous = null;
        for (LocalDate d : days) {
            run = previous != null && previous.plusDays(1).equals(d) ? run + 1 : 1;
            best = Math.max(best, run);
            previous = d;
        }
        return best;
    }

    @Override
    public CourseReport course(Actor viewer, CourseId course) {
        new Validator().notNull("viewer", viewer).notNull("courseId", course).throwIfInvalid();
        if (!viewer.has(Role.ADMIN)
                && !context.read(uow -> uow.get(CatalogTypes.COURSE, course.value()).value()).isAuthor(viewer.id())) {
            throw new ForbiddenException("User '" + viewer.id() + "' may not read the report of course '" + course
                    + "': only its authors or an admin may.");
        }
        List<LessonFacts> lessons = catalog.lessons(course);
        // the funnel is kept up to date as learners progress: a few counters, whatever the number of learners
        CourseFunnel stats = context.read(uow -> CourseStats.of(uow, course));
        long tracked = stats.stopped().values().stream().mapToLong(Long::longValue).sum();
        // learners who completed no lesson yet stop at the first one
        long atFirst = stats.enrolments() - stats.completions() - tracked;
        List<FunnelStep> funnel = new ArrayList<>();
        LessonId dropOff = null;
        long most = 0;
        for (int i = 0; i < lessons.size(); i++) {
            String id = lessons.get(i).lessonId().value();
            long stop = stats.stopped().getOrDefault(id, 0L) + (i == 0 ? atFirst : 0);
            funnel.add(new FunnelStep(lessons.get(i).lessonId(), (int) (long) stats.started().getOrDefault(id, 0L),
                    (int) (long) stats.completed().getOrDefault(id, 0L), (int) stop));
            if (stop > most) {
                most = stop;
                dropOff = lessons.get(i).lessonId();
            }
        }
        BigDecimal average = stats.quizzesGraded() == 0 ? null : stats.quizPercentSum()
                .divide(BigDecimal.valueOf(stats.quizzesGraded()), 2, RoundingMode.HALF_EVEN);
        CourseReport partial = new CourseReport(course, (int) stats.enrolments(), (int) stats.completions(), funnel,
                dropOff, average, null);
        return new CourseReport(course, partial.enrolments(), partial.completions(), partial.funnel(),
                partial.dropOffLesson(), partial.averageQuizScore(), reviews.summary(course));
    }
}
