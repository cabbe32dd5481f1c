package io.learnloop.examples.learning;

import io.learnloop.examples.quickstart.DemoClock;
import io.learnloop.core.Learnloop;
import io.learnloop.core.access.GrantRequest;
import io.learnloop.core.assessment.Answer;
import io.learnloop.core.assessment.ChoiceOption;
import io.learnloop.core.assessment.GradeResult;
import io.learnloop.core.assessment.OptionView;
import io.learnloop.core.assessment.Question;
import io.learnloop.core.assessment.QuestionFeedback;
import io.learnloop.core.assessment.QuestionView;
import io.learnloop.core.assessment.Quiz;
import io.learnloop.core.assessment.QuizDraft;
import io.learnloop.core.assessment.QuizSettings;
import io.learnloop.core.assessment.QuizView;
import io.learnloop.core.catalog.CatalogService;
import io.learnloop.core.catalog.Chapter;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseDetails;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.Lesson;
import io.learnloop.core.catalog.LessonSpec;
import io.learnloop.core.catalog.LessonType;
import io.learnloop.core.credential.Certificate;
import io.learnloop.core.credential.CertificatePolicy;
import io.learnloop.core.credential.CertificateVerifier;
import io.learnloop.core.credential.IssuerProfile;
import io.learnloop.core.credential.SigningKey;
import io.learnloop.core.credential.VerificationResult;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.learning.CourseCompletion;
import io.learnloop.core.learning.ProgressUpdate;
import io.learnloop.core.learning.WatchReport;
import io.learnloop.core.learning.WatchedSegment;

import java.io.PrintStream;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The code docs/learning.md shows, as one program on the SDK's API: a learner's player reports what it played (a
 * seek to the end is not believed), the course completes, she takes the final quiz and reads its feedback, earns a
 * certificate, and the certificate is verified with the issuer's public key, with the JWK Set the issuer publishes,
 * and by the issuing service itself.
 *
 * <p>Run it with {@code mvn -B -q -pl examples exec:java -Dexec.mainClass=io.learnloop.examples.learning.LearningRecords}.
 * Not thread-safe: a program run from one thread.
 */
public final class LearningRecords {
    /** The certificate issuer's id, which every certificate names and every verifier checks. */
    public static final String ISSUER = "https://school.example";

    static final Actor ADA = Actor.of("ada", Role.CREATOR);
    static final Actor RITA = Actor.of("rita", Role.REVIEWER);
    static final UserId LENA = UserId.of("lena");

    private LearningRecords() {
    }

    /**
     * What the run found, for a test to check.
     *
     * <p>Thread-safe: immutable record.
     *
     * @param seek        the answer to a report that claimed a whole lesson at once
     * @param completion  the course's completion once every lesson was watched
     * @param grade       the graded quiz attempt
     * @param certificate the certificate issued
     * @param byKey       its verification with the issuer's public key
     * @param byJwks      its verification with the issuer's published JWK Set
     * @param byService   its verification by the issuing service
     */
    public record Outcome(ProgressUpdate seek, CourseCompletion completion, GradeResult grade, Certificate certificate,
                          VerificationResult byKey, VerificationResult byJwks, VerificationResult byService) {
    }

    /**
     * Runs the program.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(System.out);
    }

    /**
     * Runs every step on an in-memory store, printing what happens.
     *
     * @param out where to print the steps
     * @return what happened
     */
    public static Outcome run(PrintStream out) {
        // a day ago, so that certificates are already valid for verifiers on the system clock
        DemoClock clock = new DemoClock(Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(1)));
        SigningKey signingKey = SigningKey.of("school-2026", newP256KeyPair());
        Learnloop learnloop = Learnloop.builder()
                .clock(clock)
                .certificates(CertificatePolicy.defaults(new IssuerProfile(ISSUER, "Example School")), signingKey)
                .build();
        Course course = publishCourse(learnloop);
        learnloop.access().grant(ADA, GrantRequest.free(LENA, course.id(), clock.instant()));
        Quiz quiz = createQuiz(learnloop, course.id());
        out.println("1. \"" + course.published().details().title() + "\": " + course.published().lessons().size()
                + " videos and the final quiz \"" + quiz.title() + "\"");

        Lesson first = course.published().lessons().get(0);
        clock.advance(Duration.ofSeconds(5));
        ProgressUpdate seek = learnloop.progress().report(new WatchReport(LENA, first.id(), "phone-1",
                clock.instant(), List.of(WatchedSegment.of(0, first.duration().toSeconds()))));
        out.println("2. Lena's player claims the whole first video at once: " + seek.accepted().toSeconds()
                + " s believed, " + seek.refused().toSeconds() + " s refused");

        for (Lesson lesson : course.published().lessons()) {
            watch(learnloop, clock, LENA, lesson);
        }
        CourseCompletion completion = learnloop.progress().courseCompletion(LENA, course.id());
        out.println("3. She watches both videos: " + completion.completedLessons() + " of "
                + completion.totalLessons() + " lessons, " + completion.percent() + "%, course complete: "
                + completion.completed());

        GradeResult grade = takeQuiz(learnloop, LENA, quiz);
        out.println("4. The quiz: " + grade.score() + " of " + grade.maxScore() + " points, " + grade.percent()
                + "%, passed: " + grade.passed());
        for (QuestionFeedback f : grade.feedback()) {
            out.println("   " + f.key() + " " + f.outcome() + " " + f.earned() + "/" + f.points()
                    + (f.explanation() == null ? "" : " - " + f.explanation()));
        }

        Certificate certificate = learnloop.certificates().issue(LENA, course.id());
        out.println("5. Her certificate " + certificate.credentialId() + " (" + certificate.algorithm() + ", "
                + certificate.jwt().length() + " characters)");

        CertificateVerifier byKey = CertificateVerifier.builder()
                .issuer(ISSUER)
                .key(signingKey.kid(), signingKey.publicKey())
                .build();
        VerificationResult withKey = byKey.verify(certificate.jwt());

        // what the issuer serves at, say, https://school.example/.well-known/jwks.json
        String jwks = learnloop.certificates().jwks();
        CertificateVerifier byJwks = CertificateVerifier.builder()
                .issuer(ISSUER)
                .jwks(jwks)
                .build();
        VerificationResult withJwks = byJwks.verify(certificate.jwt());

        VerificationResult withService = learnloop.certificates().verify(certificate.jwt());
        out.println("6. Verified with the public key: " + withKey.status() + "; with the JWK Set: "
                + withJwks.status() + " (" + withJwks.achievementName() + ", " + withJwks.subjectId()
                + "); by the issuing service: " + withService.status());
        return new Outcome(seek, completion, grade, certificate, withKey, withJwks, withService);
    }

    /**
     * A player that reports what it played every 30 seconds, as clients should (every 10 to 30 s). The clock stands
     * in for the time a real player spends playing.
     */
    static ProgressUpdate watch(Learnloop learnloop, DemoClock clock, UserId learner, Lesson lesson) {
        ProgressUpdate update = null;
        long length = lesson.duration().toSeconds();
        for (long from = 0; from < length; from += 30) {
            clock.advance(Duration.ofSeconds(30));
            update = learnloop.progress().report(new WatchReport(learner, lesson.id(), "phone-1", clock.instant(),
                    List.of(WatchedSegment.of(from, Math.min(from + 30, length)))));
        }
        return update;
    }

    /** The course's final quiz: a certificate needs it passed, at 70% by default. */
    static Quiz createQuiz(Learnloop learnloop, CourseId course) {
        return learnloop.quizzes().create(ADA, new QuizDraft(course, null, "Check your Java", List.of(
                Question.singleChoice("whole", "Which type holds a whole number?", List.of(
                        new ChoiceOption("int", "int"),
                        new ChoiceOption("string", "String"),
                        new ChoiceOption("boolean", "boolean")), "int", 2),
                Question.trueFalse("final", "A final variable can be assigned twice.", false, 1)
                        .withExplanation("A final variable is assigned exactly once."),
                Question.numeric("bits", "How many bits does an int have?", "32", "0", 1)),
                QuizSettings.defaults().withFinalQuiz(true)));
    }

    /**
     * The learner starts an attempt, sees the questions with neutral option keys in the attempt's order (never the
     * answers), and submits her answers by question key. She gets the true/false question wrong.
     */
    static GradeResult takeQuiz(Learnloop learnloop, UserId learner, Quiz quiz) {
        QuizView view = learnloop.quizzes().start(learner, quiz.id());
        Map<String, Answer> answers = new LinkedHashMap<>();
        for (QuestionView q : view.questions()) {
            Answer answer = switch (q.prompt()) {
                case "Which type holds a whole number?" -> Answer.choose(keyOf(q, "int"));
                case "A final variable can be assigned twice." -> Answer.choose(keyOf(q, "True"));
                default -> Answer.number("32");
            };
            answers.put(q.key(), answer);
        }
        return learnloop.quizzes().submit(learner, view.attemptId(), answers);
    }

    /** The key of the option the learner picks by its text, as she would on a screen. */
    private static String keyOf(QuestionView question, String text) {
        return question.options().stream().filter(o -> o.text().equals(text)).map(OptionView::key).findFirst()
                .orElseThrow();
    }

    /** A course of two short videos: a creator writes it, a reviewer publishes it. */
    private static Course publishCourse(Learnloop learnloop) {
        CatalogService catalog = learnloop.catalog();
        Course draft = catalog.createCourse(ADA, CourseDetails.of("Java in a Week", "en", "programming"));
        Chapter basics = catalog.addChapter(ADA, draft.id(), "Basics");
        catalog.addLesson(ADA, draft.id(), basics.id(), new LessonSpec("Welcome", LessonType.VIDEO,
                Duration.ofMinutes(2), true, "video:welcome"));
        catalog.addLesson(ADA, draft.id(), basics.id(), new LessonSpec("Variables and types", LessonType.VIDEO,
                Duration.ofMinutes(3), false, "video:variables"));
        catalog.submit(ADA, draft.id());
        return catalog.approve(RITA, draft.id());
    }

    /** The host's certificate key: here a fresh P-256 pair; a host loads its own from its key store. */
    private static KeyPair newP256KeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot make a P-256 key", e);
        }
    }
}
