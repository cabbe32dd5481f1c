package io.learnloop.rest.internal;

import io.learnloop.core.Learnloop;
import io.learnloop.core.access.AccessDecision;
import io.learnloop.core.access.AccessService;
import io.learnloop.core.assessment.Answer;
import io.learnloop.core.assessment.AttemptId;
import io.learnloop.core.assessment.QuizId;
import io.learnloop.core.assessment.QuizView;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.assessment.GradeResult;
import io.learnloop.core.learning.CourseCompletion;
import io.learnloop.core.learning.LearnerReport;
import io.learnloop.core.learning.LessonProgress;
import io.learnloop.core.learning.Note;
import io.learnloop.core.learning.ProgressUpdate;
import io.learnloop.core.learning.NoteDraft;
import io.learnloop.core.learning.WatchReport;
import io.learnloop.rest.Route;

import java.util.List;
import java.util.Map;

/** My learning: reports, progress, notes and quizzes (the answer-free view). */
final class LearningEndpoints {
    private final Learnloop learnloop;
    private final AccessService access;

    LearningEndpoints(Learnloop learnloop, AccessService access) {
        this.learnloop = learnloop;
        this.access = access;
    }

    void register(Router.Builder routes) {
        routes.get("/me/learning", "getMyLearning", Route.Access.SIGNED_IN,
                        Doc.one("The caller's learning report", LearnerReport.class), this::report)
                .get("/me/progress", "listMyProgress", Route.Access.SIGNED_IN,
                        Doc.items("The caller's progress on every lesson started", LessonProgress.class), this::progress)
                .get("/courses/{courseId}/progress", "getCourseProgress", Route.Access.SIGNED_IN,
                        Doc.one("How far the caller is through a course", CourseCompletion.class), this::courseProgress)
                .post("/lessons/{lessonId}/watch", "reportWatching", Route.Access.SIGNED_IN,
                        Doc.one("Reports what the player played of a video or audio lesson", ProgressUpdate.class)
                                .reads(Views.WatchBody.class), this::watch)
                .post("/lessons/{lessonId}/open", "openArticle", Route.Access.SIGNED_IN,
                        Doc.one("Records that the caller opened an article", LessonProgress.class), this::open)
                .post("/lessons/{lessonId}/read", "markLessonRead", Route.Access.SIGNED_IN,
                        Doc.one("Marks an opened article read", ProgressUpdate.class), this::read)
                .post("/lessons/{lessonId}/done", "markLessonDone", Route.Access.SIGNED_IN,
                        Doc.one("Marks a lesson of another kind done", ProgressUpdate.class), this::done)
                .get("/me/notes", "listMyNotes", Route.Access.SIGNED_IN, Doc.items("The caller's notes", Note.class),
                        this::notes)
                .post("/lessons/{lessonId}/notes", "addNote", Route.Access.SIGNED_IN,
                        Doc.one("Adds a note on a lesson", Note.class).reads(NoteDraft.class).creates(), this::addNote)
                .post("/quizzes/{quizId}/attempts", "startQuiz", Route.Access.SIGNED_IN,
                        Doc.one("Starts an attempt; the view holds no answer", QuizView.class).creates(),
                        this::startQuiz)
                .get("/quiz-attempts/{attemptId}", "getQuizAttempt", Route.Access.SIGNED_IN,
                        Doc.one("One of the caller's attempts, without answers", QuizView.class), this::attempt)
                .post("/quiz-attempts/{attemptId}/submission", "submitQuizAttempt", Route.Access.SIGNED_IN,
                        Doc.one("Submits the answers and grades the attempt", GradeResult.class)
                                .reads(Views.Submission.class), this::submit);
    }

    private Reply report(Call call) {
        Actor actor = call.actor();
        return Reply.ok(learnloop.learningReports().learner(actor, actor.id()));
    }

    private Reply progress(Call call) {
        return Reply.ok(new Views.Items<>(learnloop.progress().progressOf(call.actor().id())));
    }

    private Reply courseProgress(Call call) {
        return Reply.ok(learnloop.progress().courseCompletion(call.actor().id(), CourseId.of(call.param("courseId"))));
    }

    /** Progress counts only on lessons the learner may open: a free preview or an entitled course. */
    private void requireAccess(Actor actor, LessonId lesson) {
        AccessDecision decision = access.decide(actor.id(), lesson, learnloop.context().now());
        if (!decision.allowed()) {
            throw new ForbiddenException("User '" + actor.id() + "' has no access to lesson '" + lesson
                    + "' (" + decision.reason() + "); buy the course first.");
        }
    }

    /** Video and audio: the segments the player played; the server decides how much of it counts. */
    private Reply watch(Call call) {
        Actor actor = call.actor();
        LessonId lesson = LessonId.of(call.param("lessonId"));
        Views.WatchBody body = call.body(Views.WatchBody.class);
        requireAccess(actor, lesson);
        return Reply.ok(learnloop.progress().report(new WatchReport(actor.id(), lesson, body.deviceId(),
                learnloop.context().now(), body.segments() == null ? List.of() : body.segments())));
    }

    /** Articles: opened; reading time counts from here. */
    private Reply open(Call call) {
        Actor actor = call.actor();
        LessonId lesson = LessonId.of(call.param("lessonId"));
        requireAccess(actor, lesson);
        return Reply.ok(learnloop.progress().openArticle(actor.id(), lesson));
    }

    /** Articles: read to the end. */
    private Reply read(Call call) {
        Actor actor = call.actor();
        LessonId lesson = LessonId.of(call.param("lessonId"));
        requireAccess(actor, lesson);
        return Reply.ok(learnloop.progress().markRead(actor.id(), lesson));
    }

    /** Other lessons (live sessions, exercises): done on the learner's word. */
    private Reply done(Call call) {
        Actor actor = call.actor();
        LessonId lesson = LessonId.of(call.param("lessonId"));
        requireAccess(actor, lesson);
        return Reply.ok(learnloop.progress().markDone(actor.id(), lesson));
    }

    private Reply notes(Call call) {
        return Reply.ok(new Views.Items<>(learnloop.notes().list(call.actor().id())));
    }

    private Reply addNote(Call call) {
        Actor actor = call.actor();
        LessonId lesson = LessonId.of(call.param("lessonId"));
        NoteDraft draft = call.body(NoteDraft.class);
        requireAccess(actor, lesson);
        Note note = learnloop.notes().add(actor.id(), lesson, draft);
        return Reply.created(note, "/me/notes");
    }

    private Reply startQuiz(Call call) {
        QuizView view = learnloop.quizzes().start(call.actor().id(), QuizId.of(call.param("quizId")));
        return Reply.created(view, "/quiz-attempts/" + view.attemptId().value());
    }

    private Reply attempt(Call call) {
        return Reply.ok(learnloop.quizzes().view(call.actor().id(), AttemptId.of(call.param("attemptId"))));
    }

    private Reply submit(Call call) {
        Actor actor = call.actor();
        Views.Submission body = call.body(Views.Submission.class);
        Map<String, Answer> answers = body.answers() == null ? Map.of() : body.answers();
        return Reply.ok(learnloop.quizzes().submit(actor.id(), AttemptId.of(call.param("attemptId")), answers));
    }
}
