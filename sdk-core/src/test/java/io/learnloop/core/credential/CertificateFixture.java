package io.learnloop.core.credential;

import io.learnloop.core.assessment.Answer;
import io.learnloop.core.assessment.DrawnQuestion;
import io.learnloop.core.assessment.Question;
import io.learnloop.core.assessment.Quiz;
import io.learnloop.core.assessment.QuizAttempt;
import io.learnloop.core.assessment.QuizDraft;
import io.learnloop.core.assessment.QuizService;
import io.learnloop.core.assessment.QuizSettings;
import io.learnloop.core.assessment.QuizView;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.learning.LearningFixture;
import io.learnloop.core.learning.LessonKind;
import io.learnloop.core.learning.ProgressService;
import io.learnloop.core.learning.WatchReport;
import io.learnloop.core.learning.WatchedSegment;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A course with two required videos and a final quiz, and services over it. */
final class CertificateFixture {
    static final CourseId COURSE = CourseId.of("c1");
    static final String ISSUER = "https://school.example";

    final LearningFixture fx = new LearningFixture();
    final ProgressService progress;
    final QuizService quizzes;
    final Quiz finalQuiz;

    CertificateFixture() {
        fx.catalog.course("c1", "Bread Baking", "baker");
        fx.catalog.add("c1", "v1", LessonKind.VIDEO, Duration.ofSeconds(60), true);
        fx.catalog.add("c1", "v2", LessonKind.VIDEO, Duration.ofSeconds(60), true);
        fx.catalog.add("c1", "extra", LessonKind.VIDEO, Duration.ofSeconds(60), false);
        progress = fx.progress();
        quizzes = QuizService.create(fx.context, fx.catalog);
        finalQuiz = quizzes.create(Actor.of("baker", Role.CREATOR), new QuizDraft(COURSE, null, "Final exam",
                List.of(Question.trueFalse("yeast", "Yeast makes bread rise.", true, 1)),
                QuizSettings.defaults().withFinalQuiz(true)));
    }

    static KeyPair keyPair(SigningAlgorithm algorithm) {
        try {
            return switch (algorithm) {
                case ES256 -> {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                    g.initialize(new ECGenParameterSpec("secp256r1"));
                    yield g.generateKeyPair();
                }
                case EdDSA -> KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                case RS256 -> {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                    g.initialize(2048);
                    yield g.generateKeyPair();
                }
            };
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    CertificateService service(CertificatePolicy policy, SigningKey key) {
        CertificateService s = CertificateService.create(fx.context, fx.catalog, progress, quizzes, policy, key);
        fx.listen(s.refundListener());
        return s;
    }

    void watch(String learner, String lesson) {
        fx.clock.advance(Duration.ofSeconds(30));
        progress.report(new WatchReport(UserId.of(learner), LessonId.of(lesson), "web", fx.clock.instant(),
                List.of(WatchedSegment.of(0, 60))));
    }

    void passFinal(String learner, boolean pass) {
        UserId user = UserId.of(learner);
        QuizView view = quizzes.start(user, finalQuiz.id());
        QuizAttempt attempt = quizzes.attempts(user, finalQuiz.id()).stream()
                .filter(a -> a.id().equals(view.attemptId())).findFirst().orElseThrow();
        int index = attempt.questions().get(0).optionOrder().indexOf(pass ? Question.TRUE : Question.FALSE);
        quizzes.submit(user, view.attemptId(), Map.of("q1", Answer.choose(DrawnQuestion.optionKey(index))));
    }

    void complete(String learner) {
        watch(learner, "v1");
        watch(learner, "v2");
        passFinal(learner, true);
    }
}
