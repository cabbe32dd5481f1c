package io.learnloop.examples.quickstart;

import io.learnloop.core.Learnloop;
import io.learnloop.core.assessment.GradeResult;
import io.learnloop.core.catalog.Lesson;
import io.learnloop.core.catalog.LessonType;
import io.learnloop.core.credential.Certificate;
import io.learnloop.core.credential.VerificationResult;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.learning.ProgressUpdate;
import io.learnloop.core.review.RatingSummary;
import io.learnloop.core.review.ReviewDraft;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Stage 3: learners watch, read and take quizzes; progress only counts what was really played (a seek to the end is
 * refused), certificates are issued and verified with nothing but the public key, and learners review the courses
 * they took (a creator reviewing her own course is refused). Rating summaries carry a Bayesian average.
 *
 * <p>Not thread-safe.
 */
public final class LearningStage {
    private final DemoPlatform platform;
    private final Narrator narrator;

    /**
     * Creates the stage.
     *
     * @param platform the platform
     * @param narrator the narrator
     */
    public LearningStage(DemoPlatform platform, Narrator narrator) {
        this.platform = platform;
        this.narrator = narrator;
    }

    /**
     * What the stage produced.
     *
     * <p>Thread-safe: immutable record.
     *
     * @param seekRefused      the coverage refused when Li Ming's player claimed the whole video at once
     * @param failedQuiz       Zhang Wei's first, unprepared quiz attempt
     * @param liMingCertificate Li Ming's certificate for the Python course
     * @param emmaCertificate   Emma's certificate for the visualisation course (through the membership)
     * @param zhangCertificate  Zhang Wei's certificate for the machine-learning course
     * @param verifications    the verification of each certificate right after issue
     * @param selfReview       the refusal Wang Fang got when reviewing her own course
     * @param summaries        the rating summary of each reviewed course
     */
    public record Result(Duration seekRefused, GradeResult failedQuiz, Certificate liMingCertificate,
                         Certificate emmaCertificate, Certificate zhangCertificate,
                         List<VerificationResult> verifications, String selfReview, List<RatingSummary> summaries) {
        /**
         * Copies the lists.
         *
         * @param seekRefused       the refused coverage
         * @param failedQuiz        the failed attempt
         * @param liMingCertificate Li Ming's certificate
         * @param emmaCertificate   Emma's certificate
         * @param zhangCertificate  Zhang Wei's certificate
         * @param verifications     the verifications
         * @param selfReview        the refusal
         * @param summaries         the summaries
         */
        public Result {
            verifications = List.copyOf(verifications);
            summaries = List.copyOf(summaries);
        }
    }

    /**
     * Runs the stage.
     *
     * @param catalog what stage 1 published
     * @return what happened
     */
    public Result run(CatalogStage.Result catalog) {
        narrator.stage("Learners learn: honest progress, quizzes, certificates, reviews");
        Learnloop ll = platform.learnloop();
        Cast cast = platform.cast();
        platform.clock().advance(Duration.ofHours(20));

        Learner liMing = new Learner(platform, cast.liMing().id(), Duration.ofSeconds(60));
        Lesson core = lesson(catalog.python(), 1);
        liMing.play(core, 0, 60);
        ProgressUpdate seek = liMing.claim(core, 60, core.duration().toSeconds());
        narrator.say("Li Ming's player claims the whole %d-minute video five seconds after the first minute:",
                core.duration().toMinutes());
        narrator.detail("accepted %ds, refused %ds, coverage %.0f%% (seeking to the end completes nothing)",
                seek.accepted().toSeconds(), seek.refused().toSeconds(), 100 * seek.coverage());
        Certificate liMingCert = complete(liMing, catalog.python(), "Li Ming");

        platform.clock().advance(Duration.ofDays(1));
        Learner emma = new Learner(platform, cast.emma().id(), Duration.ofSeconds(45));
        Certificate emmaCert = complete(emma, catalog.dataviz(), "Emma (membership)");

        platform.clock().advance(Duration.ofDays(1));
        Learner zhang = new Learner(platform, cast.zhangWei().id(), Duration.ofSeconds(60));
        for (Lesson l : catalog.ml().lessons()) {
            if (l.type() != LessonType.QUIZ) {
                zhang.take(catalog.ml(), l);
            }
        }
        GradeResult failed = zhang.quiz(catalog.ml(), false);
        narrator.say("Zhang Wei takes the 机器学习实战 quiz unprepared: %s%% (passing is 75%%), passed %s",
                failed.percent(), failed.passed());
        Certificate zhangCert = complete(zhang, catalog.ml(), "Zhang Wei");
        zhang.take(catalog.design(), catalog.design().lessons().get(0));
        zhang.take(catalog.design(), catalog.design().lessons().get(1));
        narrator.say("Zhang Wei also starts Product Design: %d%% done",
                ll.progress().courseCompletion(zhang.id(), catalog.design().id()).percent());

        List<VerificationResult> verifications = new ArrayList<>();
        narrator.say("Anyone can verify a certificate offline with the issuer's public key (JWKS %d bytes):",
                ll.certificates().jwks().length());
        for (Certificate c : List.of(liMingCert, emmaCert, zhangCert)) {
            VerificationResult v = ll.certificates().verify(c.jwt());
            verifications.add(v);
            narrator.detail("%-12s %s %s (%s, kid %s)", c.learner(), Narrator.pad(v.achievementName(), 34), v.status(),
                    c.algorithm(), v.kid());
        }
        String tampered = flipOne(liMingCert.jwt());
        narrator.detail("the same token with one character changed: %s", ll.certificates().verify(tampered).status());

        platform.clock().advance(Duration.ofHours(6));
        review(cast.liMing().id(), catalog.python(), 5, "讲得很清楚", "From zero to my first pandas report in a weekend.");
        review(cast.emma().id(), catalog.dataviz(), 4, "Solid and practical", "Great chart advice; wish it had more exercises.");
        review(cast.zhangWei().id(), catalog.ml(), 5, "实战性强", "Clear path from regression to random forests.");
        review(cast.zhangWei().id(), catalog.design(), 4, "Good start", "Helpful wireframing tips.");
        String selfReview;
        try {
            ll.reviews().submit(cast.wang().id(), catalog.python().id(), new ReviewDraft(5, "Best course ever", null));
            throw new IllegalStateException("a creator reviewed her own course");
        } catch (LearnloopException e) {
            selfReview = e.getMessage();
        }
        narrator.say("Wang Fang tries to give her own course five stars: refused");
        narrator.detail("%s", selfReview);
        List<RatingSummary> summaries = new ArrayList<>();
        narrator.say("Ratings (Bayesian average pulls few reviews towards the platform mean %.2f):", ll.reviews().platformMean());
        for (CourseRef c : List.of(catalog.python(), catalog.ml(), catalog.design(), catalog.dataviz())) {
            RatingSummary s = ll.reviews().summary(c.id());
            summaries.add(s);
            narrator.detail("%s %d review(s), mean %.2f, Bayesian %.2f", Narrator.pad(c.title(), 36), s.count(), s.mean(),
                    s.bayesianAverage());
        }
        return new Result(seek.refused(), failed, liMingCert, emmaCert, zhangCert, verifications, selfReview, summaries);
    }

    private Certificate complete(Learner learner, CourseRef course, String who) {
        Learnloop ll = platform.learnloop();
        GradeResult grade = null;
        for (Lesson l : course.lessons()) {
            if (l.type() == LessonType.QUIZ) {
                grade = learner.quiz(course, true);
            } else {
                learner.take(course, l);
            }
        }
        var completion = ll.progress().courseCompletion(learner.id(), course.id());
        Certificate cert = ll.certificates().issue(learner.id(), course.id());
        narrator.say("%s completes %s: %d/%d lessons, quiz %s%%, certificate %s", who, course.title(),
                completion.completedLessons(), completion.totalLessons(), grade == null ? "-" : grade.percent(),
                cert.credentialId());
        return cert;
    }

    private void review(UserId learner, CourseRef course, int stars, String title, String body) {
        platform.learnloop().reviews().submit(learner, course.id(), new ReviewDraft(stars, title, body));
        platform.clock().advance(Duration.ofMinutes(30));
    }

    private static Lesson lesson(CourseRef course, int index) {
        return course.lessons().get(index);
    }

    private static String flipOne(String jwt) {
        int i = jwt.lastIndexOf('.') + 5;
        char c = jwt.charAt(i);
        return jwt.substring(0, i) + (c == 'A' ? 'B' : 'A') + jwt.substring(i + 1);
    }
}
