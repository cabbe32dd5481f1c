package io.learnloop.core.learning;

import io.learnloop.core.internal.learning.StoreLearningReports;
import io.learnloop.core.internal.privacy.DefaultConsentService;
import io.learnloop.core.privacy.ConsentDecision;
import io.learnloop.core.privacy.ConsentPurpose;
import io.learnloop.core.privacy.ConsentService;
import io.learnloop.core.testing.Staff;
import io.learnloop.core.assessment.Answer;
import io.learnloop.core.assessment.Question;
import io.learnloop.core.assessment.Quiz;
import io.learnloop.core.assessment.QuizDraft;
import io.learnloop.core.assessment.QuizService;
import io.learnloop.core.assessment.QuizSettings;
import io.learnloop.core.assessment.QuizView;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.review.AffiliateDirectory;
import io.learnloop.core.review.PurchaseStanding;
import io.learnloop.core.review.ReviewDraft;
import io.learnloop.core.review.ReviewPolicy;
import io.learnloop.core.review.ReviewService;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LearningReportsTest {
    private static final CourseId C1 = CourseId.of("c1");

    private final LearningFixture fx = new LearningFixture();
    private final ProgressService progress;
    private final QuizService quizzes;
    private final ReviewService reviews;
    private final LearningReports reports;

    LearningReportsTest() {
        fx.catalog.course("c1", "Course", "creator");
        for (int i = 1; i <= 4; i++) {
            fx.catalog.video("c1", "l" + i, 60);
        }
        progress = fx.progress();
        quizzes = QuizService.create(fx.context, fx.catalog);
        reviews = ReviewService.create(fx.context, fx.catalog, progress, (l, c) -> PurchaseStanding.QUALIFYING,
                AffiliateDirectory.NONE, ReviewPolicy.defaults());
        reports = new StoreLearningReports(fx.context, fx.catalog, reviews);
    }

    private void complete(String learner, String lesson) {
        fx.clock.advance(Duration.ofSeconds(30));
        progress.report(new WatchReport(UserId.of(learner), LessonId.of(lesson), "web", fx.clock.instant(),
                List.of(WatchedSegment.of(0, 60))));
    }

    @Test
    void course_whenLearnersStopAtDifferentLessons_reportsTheFunnelAndTheDropOff() {
        for (String l : List.of("l1", "l2", "l3", "l4")) {
            complete("finisher", l);
        }
        complete("a", "l1");
        complete("b", "l1");
        complete("c", "l1");
        complete("c", "l2");
        fx.clock.advance(Duration.ofSeconds(30));
        progress.report(new WatchReport(UserId.of("d"), LessonId.of("l1"), "web", fx.clock.instant(),
                List.of(WatchedSegment.of(0, 10))));

        Quiz quiz = quizzes.create(Actor.of("creator", Role.CREATOR), new QuizDraft(C1, null, "Check",
                List.of(Question.numeric("n", "2+2?", "4", "0", 1), Question.numeric("m", "3+3?", "6", "0", 1)),
                QuizSettings.defaults()));
        QuizView v1 = quizzes.start(UserId.of("a"), quiz.id());
        quizzes.submit(UserId.of("a"), v1.attemptId(), Map.of("q1", Answer.number("4"), "q2", Answer.number("6")));
        QuizView v2 = quizzes.start(UserId.of("b"), quiz.id());
        quizzes.submit(UserId.of("b"), v2.attemptId(), Map.of("q1", Answer.number("1")));
        reviews.submit(UserId.of("finisher"), C1, new ReviewDraft(5, null, null));

        CourseReport r = reports.course(Staff.ADMIN, C1);
        assertThat(r.enrolments()).isEqualTo(5);
        assertThat(r.completions()).isEqualTo(1);
        assertThat(r.funnel()).containsExactly(
                new FunnelStep(LessonId.of("l1"), 5, 4, 1),
                new FunnelStep(LessonId.of("l2"), 2, 2, 2),
                new FunnelStep(LessonId.of("l3"), 1, 1, 1),
                new FunnelStep(LessonId.of("l4"), 1, 1, 0));
        assertThat(r.dropOffLesson()).isEqualTo(LessonId.of("l2"));
        // (100.00 + 0.00) / 2
        assertThat(r.averageQuizScore()).isEqualByComparingTo("50.00");
        assertThat(r.ratings().count()).isEqualTo(1);
    }

    @Test
    void course_whenALearnerRefusedAnalytics_leavesTheirLaterActivityOutOfTheFunnel() {
        ConsentService consents = new DefaultConsentService(fx.context);
        complete("counted", "l1");
        complete("quiet", "l1");
        consents.record(Actor.learner("quiet"), UserId.of("quiet"), ConsentDecision.refuse(ConsentPurpose.ANALYTICS,
                "v1", "settings"));
        complete("quiet", "l2");
        complete("private", "l1");
        consents.record(Actor.learner("private"), UserId.of("private"), ConsentDecision.refuse(
                ConsentPurpose.ANALYTICS, "v1", "settings"));
        complete("private", "l2");
        Quiz quiz = quizzes.create(Actor.of("creator", Role.CREATOR), new QuizDraft(C1, null, "Check",
                List.of(Question.numeric("n", "2+2?", "4", "0", 1)), QuizSettings.defaults()));
        QuizView attempt = quizzes.start(UserId.of("quiet"), quiz.id());
        quizzes.submit(UserId.of("quiet"), attempt.attemptId(), Map.of("q1", Answer.number("4")));

        CourseReport r = reports.course(Staff.ADMIN, C1);

        // counted before they refused, not after: the l2 starts and completions and the quiz are theirs alone; where
        // they had stopped stays counted as it was when they refused
        assertThat(r.enrolments()).isEqualTo(3);
        assertThat(r.funnel().get(0)).isEqualTo(new FunnelStep(LessonId.of("l1"), 3, 3, 0));
        assertThat(r.funnel().get(1)).isEqualTo(new FunnelStep(LessonId.of("l2"), 0, 0, 3));
        assertThat(r.averageQuizScore()).isNull();
        assertThat(progress.courseCompletion(UserId.of("quiet"), C1).completedLessons()).isEqualTo(2);
    }

    @Test
    void learner_whenActiveOnSeveralDays_reportsTimeStreaksQuizzesAndCertificates() {
        complete("ana", "l1");
        fx.clock.advance(Duration.ofDays(1));
        complete("ana", "l2");
        fx.clock.advance(Duration.ofDays(2));
        complete("ana", "l3");
        fx.clock.advance(Duration.ofDays(1));
        complete("ana", "l4");

        LearnerReport r = reports.learner(Staff.ADMIN, UserId.of("ana"));
        assertThat(r.lessonsCompleted()).isEqualTo(4);
        assertThat(r.coursesStarted()).isEqualTo(1);
        assertThat(r.coursesCompleted()).isEqualTo(1);
        // each report credits the 30 s of wall-clock time behind 60 s played at... 1x: capped by elapsed time
        assertThat(r.timeSpent()).isEqualTo(Duration.ofSeconds(4 * 30));
        assertThat(r.longestStreak()).isEqualTo(2);
        assertThat(r.currentStreak()).isEqualTo(2);
        fx.clock.advance(Duration.ofDays(2));
        assertThat(reports.learner(Staff.ADMIN, UserId.of("ana")).currentStreak()).isZero();
    }
}
