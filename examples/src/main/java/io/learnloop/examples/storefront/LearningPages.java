package io.learnloop.examples.storefront;

import io.learnloop.core.access.AccessDecision;
import io.learnloop.core.assessment.Answer;
import io.learnloop.core.assessment.AttemptId;
import io.learnloop.core.assessment.GradeResult;
import io.learnloop.core.assessment.OptionView;
import io.learnloop.core.assessment.QuestionFeedback;
import io.learnloop.core.assessment.QuestionType;
import io.learnloop.core.assessment.QuestionView;
import io.learnloop.core.assessment.Quiz;
import io.learnloop.core.assessment.QuizAttempt;
import io.learnloop.core.assessment.QuizView;
import io.learnloop.core.catalog.Chapter;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.Lesson;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.credential.Certificate;
import io.learnloop.core.credential.CertificateId;
import io.learnloop.core.credential.CompletionCheck;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.error.NotFoundException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.learning.CourseCompletion;
import io.learnloop.core.learning.LessonProgress;
import io.learnloop.core.learning.Note;
import io.learnloop.core.learning.NoteAnchor;
import io.learnloop.core.learning.NoteDraft;
import io.learnloop.core.learning.NoteVisibility;
import io.learnloop.core.learning.ProgressUpdate;
import io.learnloop.core.learning.WatchReport;
import io.learnloop.core.learning.WatchedSegment;
import io.learnloop.examples.storefront.WebServer.Request;
import io.learnloop.examples.storefront.WebServer.Response;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** My learning, the learning page (progress and notes), the final quiz, certificates and their public verification. */
final class LearningPages extends Pages {
    /** How much one press of the watch button plays. */
    static final int WATCH_SECONDS = 60;

    LearningPages(Shop shop) {
        super(shop);
    }

    @Override
    void register(WebServer web) {
        web.get("/learning", this::myLearning);
        web.get("/learn/{course}", this::learn);
        web.post("/learn/{course}/watch", this::watch);
        web.post("/learn/{course}/skip", this::skip);
        web.post("/learn/{course}/notes", this::note);
        web.get("/quiz/{course}", this::quiz);
        web.post("/quiz/{course}/start", this::startQuiz);
        web.get("/attempts/{id}", this::attempt);
        web.post("/attempts/{id}", this::submitAttempt);
        web.post("/certificates/issue/{course}", this::issue);
        web.get("/certificates/{id}", this::certificate);
        web.get("/verify", this::verify);
        web.get("/.well-known/jwks.json", req -> Response.bytes("application/json",
                shop.learnloop.certificates().jwks().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private Response myLearning(Request req) {
        Response signIn = signInFirst(req);
        if (signIn != null) {
            return signIn;
        }
        UserId me = learner(req);
        StringBuilder b = new StringBuilder();
        List<CourseId> courses = shop.learnloop.access().entitledCourses(me, shop.clock.instant());
        if (courses.isEmpty()) {
            b.append("<p id=\"no-courses\">No courses yet. <a href=\"/\">Browse the catalogue</a>.</p>");
        }
        for (CourseId id : courses) {
            Course c = shop.learnloop.catalog().course(id);
            CourseCompletion done = shop.learnloop.progress().courseCompletion(me, id);
            b.append("<div class=\"card\"><a class=\"learn-link\" href=\"/learn/").append(Html.esc(id.value())).append("\">")
                    .append(Html.esc(title(c))).append("</a> ").append(Html.bar(done.percent())).append("</div>");
        }
        List<Certificate> certs = shop.learnloop.certificates().certificatesOf(me);
        if (!certs.isEmpty()) {
            b.append("<h2>Certificates</h2><ul>");
            for (Certificate cert : certs) {
                b.append("<li><a href=\"/certificates/").append(Html.esc(cert.id().value())).append("\">")
                        .append(Html.esc(title(shop.learnloop.catalog().course(cert.courseId())))).append("</a> · ")
                        .append(Html.esc(Wording.of(cert.status()))).append("</li>");
            }
            b.append("</ul>");
        }
        return page(req, "My learning", b.toString());
    }

    private Response learn(Request req) {
        Response signIn = signInFirst(req);
        if (signIn != null) {
            return signIn;
        }
        Course c = publishedCourse(req.param("course"));
        UserId me = learner(req);
        boolean entitled = shop.learnloop.access().hasAccess(me, c.id(), shop.clock.instant());
        CourseCompletion done = shop.learnloop.progress().courseCompletion(me, c.id());
        StringBuilder b = new StringBuilder(Html.notice(req.param("notice")));
        b.append("<p>Course progress <span id=\"course-progress\">").append(Html.bar(done.percent())).append("</span> · ")
                .append(done.completedLessons()).append(" of ").append(done.totalLessons()).append(" lessons complete");
        if (done.requiredTotal() < done.totalLessons()) {
            b.append(" · required <span id=\"required-progress\">").append(done.requiredDone()).append(" of ")
                    .append(done.requiredTotal()).append("</span>");
        }
        if (done.completed()) {
            b.append(" · <span id=\"course-complete\" class=\"ok\">course complete</span>");
        }
        b.append("</p>");
        if (!entitled) {
            b.append("<p class=\"muted\">You can watch the free preview. <a href=\"/courses/").append(Html.esc(c.id().value()))
                    .append("\">Buy the course</a> for the rest.</p>");
        }
        b.append("<p class=\"muted\">No real video in this demo: “Watch ").append(WATCH_SECONDS).append(" s” lets ")
                .append(WATCH_SECONDS).append(" seconds pass on the shop's clock and reports the segment you watched; "
                        + "“Skip to the end” reports the last seconds without time passing, and the progress rules refuse "
                        + "what could not have been watched.</p>");
        int n = 0;
        for (Chapter ch : c.published().chapters()) {
            b.append("<h2>").append(Html.esc(ch.title())).append("</h2>");
            for (Lesson l : ch.lessons()) {
                n++;
                AccessDecision access = shop.learnloop.access().decide(me, l.id(), shop.clock.instant());
                Optional<LessonProgress> p = shop.learnloop.progress().lessonProgress(me, l.id());
                int pct = p.map(lp -> lp.durationMillis() == 0 ? 0 : (int) (100 * lp.coveredMillis() / lp.durationMillis())).orElse(0);
                boolean complete = p.map(lp -> lp.completedAt() != null).orElse(false);
                b.append("<div class=\"card lesson\" id=\"lesson-").append(n).append("\"><b>").append(n).append(". ")
                        .append(Html.esc(l.title())).append("</b> <span class=\"muted\">").append(l.duration().toSeconds()).append(" s · ")
                        .append(l.optional() ? "<span class=\"lesson-optional\">optional</span> · " : "")
                        .append(Html.esc(Wording.of(access.reason()))).append("</span><br>Watched ").append(Html.bar(pct))
                        .append(complete ? " <span class=\"ok lesson-done\">complete</span>" : "")
                        .append(" <span class=\"muted resume\">")
                        .append(Html.esc(resumeText(shop.learnloop.progress().resumePosition(me, l.id()), p.isPresent())))
                        .append("</span><br>");
                if (access.allowed()) {
                    Map<String, String> lesson = Map.of("lesson", l.id().value());
                    b.append(button(req, "/learn/" + c.id().value() + "/watch", "watch-" + n, "Watch " + WATCH_SECONDS + " s", lesson))
                            .append(button(req, "/learn/" + c.id().value() + "/skip", "skip-" + n, "Skip to the end", lesson));
                }
                b.append("</div>");
            }
        }
        b.append(notes(req, c, me)).append("<h2>Quiz and certificate</h2>");
        b.append("<p><a id=\"quiz-link\" href=\"/quiz/").append(Html.esc(c.id().value())).append("\">Final quiz</a></p>");
        Optional<Certificate> cert = shop.learnloop.certificates().certificatesOf(me).stream()
                .filter(x -> x.courseId().equals(c.id())).reduce((a, z) -> z);
        if (cert.isPresent()) {
            b.append("<p><a id=\"certificate-link\" href=\"/certificates/").append(Html.esc(cert.get().id().value()))
                    .append("\">Your certificate</a> (").append(Html.esc(Wording.of(cert.get().status()))).append(")</p>");
        } else if (entitled) {
            CompletionCheck check = shop.learnloop.certificates().check(me, c.id());
            if (check.met()) {
                b.append(button(req, "/certificates/issue/" + c.id().value(), "issue-certificate", "Get your certificate", Map.of()));
            } else {
                b.append("<p class=\"muted\" id=\"certificate-missing\">For the certificate: ")
                        .append(Html.esc(String.join("; ", check.missing()))).append("</p>");
            }
        }
        return page(req, title(c), b.toString());
    }

    private String notes(Request req, Course c, UserId me) {
        StringBuilder b = new StringBuilder("<h2>Notes</h2>");
        List<Note> mine = shop.learnloop.notes().list(me).stream().filter(x -> x.courseId().equals(c.id())).toList();
        b.append("<ul id=\"notes\">");
        for (Note note : mine) {
            b.append("<li><span class=\"muted\">").append(Html.esc(note.anchor().label())).append(" ")
                    .append(Html.esc(Wording.of(note.visibility()))).append("</span><div class=\"md\">").append(Markdown.render(note.markdown()))
                    .append("</div></li>");
        }
        b.append("</ul><form method=\"post\" class=\"card\" action=\"/learn/").append(Html.esc(c.id().value()))
                .append("/notes\">").append(csrfField(req)).append("<label>Lesson <select name=\"lesson\" id=\"note-lesson\">");
        for (Chapter ch : c.published().chapters()) {
            for (Lesson l : ch.lessons()) {
                b.append("<option value=\"").append(Html.esc(l.id().value())).append("\">").append(Html.esc(l.title())).append("</option>");
            }
        }
        b.append("</select></label><label>At second <input type=\"text\" name=\"at\" id=\"note-at\" value=\"0\" size=\"5\"></label>")
                .append("<label>Note (Markdown) <textarea name=\"text\" id=\"note-text\" rows=\"2\"></textarea></label>")
                .append("<label><input type=\"checkbox\" name=\"shared\" value=\"yes\"> Share with the course community</label>")
                .append("<button id=\"note-submit\">Save note</button></form>");
        return b.toString();
    }

    private Lesson lessonOf(Course c, String lessonId) {
        for (Chapter ch : c.published().chapters()) {
            for (Lesson l : ch.lessons()) {
                if (l.id().value().equals(lessonId)) {
                    return l;
                }
            }
        }
        throw ValidationException.of("lesson", "lesson '" + lessonId + "' is not part of this course");
    }

    private Response watch(Request req) {
        return report(req, false);
    }

    private Response skip(Request req) {
        return report(req, true);
    }

    private Response report(Request req, boolean skip) {
        Response signIn = signInFirst(req);
        if (signIn != null) {
            return signIn;
        }
        Course c = publishedCourse(req.param("course"));
        Lesson l = lessonOf(c, req.param("lesson"));
        UserId me = learner(req);
        AccessDecision access = shop.learnloop.access().decide(me, l.id(), shop.clock.instant());
        if (!access.allowed()) {
            throw new ForbiddenException("no access to lesson '" + l.title() + "': " + access.reason());
        }
        long length = l.duration().toSeconds();
        long from;
        long to;
        if (skip) {
            from = Math.max(0, length - 10);
            to = length;
        } else {
            // exactly the position the page shows: Learnloop's resume position, which it resets to 0 once a report
            // reaches the end of the lesson
            long resume = shop.learnloop.progress().resumePosition(me, l.id()).toSeconds();
            from = resume < length ? resume : 0;
            to = Math.min(length, from + WATCH_SECONDS);
            // the learner spends the watched time: the demo clock moves on by exactly that much
            shop.clock.advance(Duration.ofSeconds(to - from));
        }
        ProgressUpdate u = shop.learnloop.progress().report(new WatchReport(me, l.id(), "browser", shop.clock.instant(),
                List.of(WatchedSegment.of(from, to))));
        String notice = String.format(java.util.Locale.ROOT, "%s %d–%d s of “%s”: %d s accepted, %d s refused%s · %s",
                skip ? "Skipped to" : "Watched", from, to, l.title(), u.accepted().toSeconds(), u.refused().toSeconds(),
                u.newlyCompleted() ? " · lesson complete" : "", resumeText(u.resumeAt(), true));
        return Response.redirect("/learn/" + Html.url(c.id().value()) + "?notice=" + Html.url(notice));
    }

    /**
     * Where the next "watch" starts, worded the same on the lesson card and in the notice after a report, so the two
     * never disagree: a report that reaches the end of the lesson sets Learnloop's resume position back to 0.
     */
    static String resumeText(Duration resumeAt, boolean started) {
        long seconds = resumeAt.toSeconds();
        if (seconds == 0 && started) {
            return "played to the end: the next watch starts again at 0 s";
        }
        return "resume at " + seconds + " s";
    }

    private Response note(Request req) {
        Response signIn = signInFirst(req);
        if (signIn != null) {
            return signIn;
        }
        Course c = publishedCourse(req.param("course"));
        Lesson l = lessonOf(c, req.param("lesson"));
        double at;
        try {
            at = Double.parseDouble(req.param("at") == null || req.param("at").isBlank() ? "0" : req.param("at").trim());
        } catch (NumberFormatException e) {
            throw ValidationException.of("at", "give the second of the lesson the note belongs to, e.g. 42");
        }
        shop.learnloop.notes().add(learner(req), l.id(), new NoteDraft(NoteAnchor.atSecond(at), req.param("text"),
                "yes".equals(req.param("shared")) ? NoteVisibility.SHARED : NoteVisibility.PRIVATE));
        return Response.redirect("/learn/" + Html.url(c.id().value()) + "?notice=" + Html.url("Note saved."));
    }

    private Quiz finalQuiz(Course c) {
        return shop.learnloop.quizzes().finalQuiz(c.id()).orElseThrow(() -> new NotFoundException("final quiz of course", c.id().value()));
    }

    private void requireEntitled(Request req, CourseId course) {
        if (!shop.learnloop.access().hasAccess(learner(req), course, shop.clock.instant())) {
            throw new ForbiddenException("the quiz is for learners who bought the course");
        }
    }

    private Response quiz(Request req) {
        Response signIn = signInFirst(req);
        if (signIn != null) {
            return signIn;
        }
        Course c = publishedCourse(req.param("course"));
        requireEntitled(req, c.id());
        Quiz quiz = finalQuiz(c);
        StringBuilder b = new StringBuilder("<p>").append(quiz.questions().size()).append(" questions · pass with ")
                .append(quiz.settings().passingPercent()).append("% · at most ").append(quiz.settings().maxAttempts())
                .append(" attempts</p><h2>Your attempts</h2><ul id=\"attempts\">");
        for (QuizAttempt a : shop.learnloop.quizzes().attempts(learner(req), quiz.id())) {
            b.append("<li>Attempt ").append(a.number()).append(": ").append(Html.esc(Wording.of(a.state())))
                    .append(a.result() == null ? "" : " · " + a.result().percent() + "% " + (a.result().passed() ? "passed" : "not passed"))
                    .append("</li>");
        }
        b.append("</ul>").append(button(req, "/quiz/" + c.id().value() + "/start", "start-quiz", "Start an attempt", Map.of()));
        return page(req, quiz.title() + " — " + title(c), b.toString());
    }

    private Response startQuiz(Request req) {
        Response signIn = signInFirst(req);
        if (signIn != null) {
            return signIn;
        }
        Course c = publishedCourse(req.param("course"));
        requireEntitled(req, c.id());
        QuizView view = shop.learnloop.quizzes().start(learner(req), finalQuiz(c).id());
        return Response.redirect("/attempts/" + Html.url(view.attemptId().value()));
    }

    private Response attempt(Request req) {
        Response signIn = signInFirst(req);
        if (signIn != null) {
            return signIn;
        }
        QuizView view = shop.learnloop.quizzes().view(learner(req), AttemptId.of(req.param("id")));
        StringBuilder b = new StringBuilder("<form method=\"post\" id=\"quiz-form\" action=\"/attempts/")
                .append(Html.esc(view.attemptId().value())).append("\">").append(csrfField(req));
        for (QuestionView q : view.questions()) {
            b.append("<div class=\"card question\"><p><b>").append(Html.esc(q.prompt())).append("</b> <span class=\"muted\">(")
                    .append(q.points()).append(" pt)</span></p>");
            String name = "a_" + q.key();
            if (q.type() == QuestionType.FILL_IN || q.type() == QuestionType.NUMERIC) {
                b.append("<input type=\"text\" name=\"").append(Html.esc(name)).append("\" id=\"").append(Html.esc(name)).append("\">");
            } else {
                String input = q.type() == QuestionType.MULTIPLE_CHOICE ? "checkbox" : "radio";
                for (OptionView o : q.options()) {
                    b.append("<label><input type=\"").append(input).append("\" name=\"").append(Html.esc(name)).append("\" value=\"")
                            .append(Html.esc(o.key())).append("\" data-text=\"").append(Html.esc(o.text())).append("\"> ")
                            .append(Html.esc(o.text())).append("</label>");
                }
            }
            b.append("</div>");
        }
        b.append("<button id=\"submit-quiz\">Submit answers</button></form>");
        return page(req, view.title() + " · attempt " + view.attemptNumber(), b.toString());
    }

    private Response submitAttempt(Request req) {
        Response signIn = signInFirst(req);
        if (signIn != null) {
            return signIn;
        }
        AttemptId id = AttemptId.of(req.param("id"));
        QuizView view = shop.learnloop.quizzes().view(learner(req), id);
        Map<String, Answer> answers = new LinkedHashMap<>();
        for (QuestionView q : view.questions()) {
            String v = req.form().get("a_" + q.key());
            if (v == null || v.isBlank()) {
                continue;
            }
            answers.put(q.key(), switch (q.type()) {
                case FILL_IN -> Answer.text(v);
                case NUMERIC -> Answer.number(v.trim());
                default -> Answer.choose(Arrays.stream(v.split(",")).toArray(String[]::new));
            });
        }
        GradeResult result = shop.learnloop.quizzes().submit(learner(req), id, answers);
        Quiz quiz = shop.learnloop.quizzes().quiz(view.quizId());
        StringBuilder b = new StringBuilder("<p id=\"quiz-result\" class=\"").append(result.passed() ? "ok" : "bad").append("\">Score ")
                .append(result.score().stripTrailingZeros().toPlainString()).append(" of ").append(result.maxScore()).append(" (")
                .append(result.percent().stripTrailingZeros().toPlainString()).append("%): ")
                .append(result.passed() ? "passed" : "not passed").append("</p><ol>");
        Map<String, String> prompts = new LinkedHashMap<>();
        view.questions().forEach(q -> prompts.put(q.key(), q.prompt()));
        for (QuestionFeedback f : result.feedback()) {
            b.append("<li>").append(Html.esc(prompts.get(f.key()))).append(" — <b>").append(Html.esc(Wording.of(f.outcome()))).append("</b>")
                    .append(f.explanation() == null ? "" : " <span class=\"muted\">" + Html.esc(f.explanation()) + "</span>")
                    .append(f.acceptedAnswers() == null || f.acceptedAnswers().isEmpty() ? ""
                            : " <span class=\"muted\">accepted: " + Html.esc(String.join(", ", f.acceptedAnswers())) + "</span>")
                    .append("</li>");
        }
        b.append("</ol><p><a id=\"back-to-course\" href=\"/learn/").append(Html.esc(quiz.courseId().value()))
                .append("\">Back to the learning page</a></p>");
        return page(req, "Quiz result", b.toString());
    }

    private Response issue(Request req) {
        Response signIn = signInFirst(req);
        if (signIn != null) {
            return signIn;
        }
        Course c = publishedCourse(req.param("course"));
        Certificate cert = shop.learnloop.certificates().issue(learner(req), c.id());
        return Response.redirect("/certificates/" + Html.url(cert.id().value()));
    }

    private Response certificate(Request req) {
        Certificate cert = shop.learnloop.certificates().certificate(CertificateId.of(req.param("id")));
        Course c = shop.learnloop.catalog().course(cert.courseId());
        StringBuilder b = new StringBuilder("<div class=\"card\" id=\"certificate\"><p>This certifies that <b id=\"cert-learner\">")
                .append(Html.esc(cert.learner().value())).append("</b> completed <b>").append(Html.esc(title(c)))
                .append("</b>.</p><p class=\"muted\">Open Badges 3.0 credential, signed ").append(Html.esc(cert.algorithm()))
                .append(" by key <code>").append(Html.esc(cert.kid())).append("</code>, valid ").append(Html.esc(cert.validFrom()))
                .append(" to ").append(Html.esc(cert.validUntil())).append(" · status <b id=\"cert-status\">").append(Html.esc(Wording.of(cert.status())))
                .append("</b></p><label>The credential (VC-JWT)<textarea id=\"cert-jwt\" rows=\"5\" readonly>").append(Html.esc(cert.jwt()))
                .append("</textarea></label><p><a id=\"verify-link\" href=\"/verify?jwt=").append(Html.esc(Html.url(cert.jwt())))
                .append("\">Verify it publicly</a> · <a href=\"/.well-known/jwks.json\">issuer keys (JWKS)</a></p></div>");
        if (req.learner() != null && req.learner().equals(cert.learner().value())) {
            b.append("<p><a id=\"review-link\" href=\"/courses/").append(Html.esc(c.id().value()))
                    .append("#review-form\">Review the course</a></p>");
        }
        return page(req, "Certificate", b.toString());
    }

    private Response verify(Request req) {
        String jwt = req.param("jwt") == null ? "" : req.param("jwt").trim();
        StringBuilder b = new StringBuilder("<p class=\"muted\">Anyone can check a certificate here: the signature, the issuer's "
                + "key, the validity window and the revocation list.</p><form method=\"get\" action=\"/verify\">"
                + "<label>Credential (VC-JWT) <textarea name=\"jwt\" id=\"verify-jwt\" rows=\"4\">").append(Html.esc(jwt))
                .append("</textarea></label><button id=\"verify-submit\">Verify</button></form>");
        if (!jwt.isEmpty()) {
            var r = shop.learnloop.certificates().verify(jwt);
            b.append("<div class=\"card\"><p id=\"verification\" class=\"").append(r.valid() ? "ok" : "bad").append("\">")
                    .append(r.valid() ? "Valid" : "Not valid").append(": ").append(Html.esc(r.status())).append("</p>");
            if (r.message() != null) {
                b.append("<p class=\"muted\">").append(Html.esc(r.message())).append("</p>");
            }
            if (r.valid()) {
                b.append("<div class=\"table-wrap\"><table><tr><th>Achievement</th><td id=\"verified-achievement\">").append(Html.esc(r.achievementName()))
                        .append("</td></tr><tr><th>Subject</th><td>").append(Html.esc(r.subjectId())).append("</td></tr><tr><th>Issuer</th><td>")
                        .append(Html.esc(r.issuerId())).append("</td></tr><tr><th>Valid</th><td>").append(Html.esc(r.validFrom()))
                        .append(" – ").append(Html.esc(r.validUntil())).append("</td></tr></table></div>");
            }
            b.append("</div>");
        }
        return page(req, "Verify a certificate", b.toString());
    }
}
