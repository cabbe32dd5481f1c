package io.learnloop.core.learning;

import io.learnloop.core.testing.Staff;
import io.learnloop.core.testing.TrustedAccess;
import io.learnloop.core.Learnloop;
import io.learnloop.core.access.GrantRequest;
import io.learnloop.core.catalog.Chapter;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseDetails;
import io.learnloop.core.catalog.CourseLevel;
import io.learnloop.core.catalog.Lesson;
import io.learnloop.core.catalog.LessonSpec;
import io.learnloop.core.catalog.LessonType;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.credential.Certificate;
import io.learnloop.core.credential.CertificatePolicy;
import io.learnloop.core.credential.CertificateStatus;
import io.learnloop.core.credential.IssuerProfile;
import io.learnloop.core.credential.SigningKey;
import io.learnloop.core.credential.VerificationStatus;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.review.Review;
import io.learnloop.core.review.ReviewDraft;
import io.learnloop.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The learning services through the facade, over the real catalogue and access ledger. */
class LearnloopLearningIntegrationTest {
    private static final Actor CREATOR = Actor.of("ada", Role.CREATOR);
    private static final UserId LENA = UserId.of("lena");

    @Test
    void facade_whenACourseIsBoughtTakenAndRefunded_followsEveryRule() throws Exception {
        MutableClock clock = new MutableClock(LearningFixture.START);
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        SigningKey key = SigningKey.of("k1", g.generateKeyPair());
        Learnloop learnloop = Learnloop.builder().clock(clock).idGenerator(IdGenerator.sequential("id"))
                .certificates(CertificatePolicy.defaults(new IssuerProfile("https://school.example", "School")), key)
                .build();

        Course course = learnloop.catalog().createCourse(CREATOR, new CourseDetails("Java Streams", "Collectors",
                "A description", "en", "programming", List.of("java"), CourseLevel.BEGINNER, "media://cover/1"));
        Chapter chapter = learnloop.catalog().addChapter(CREATOR, course.id(), "Basics");
        Lesson video = learnloop.catalog().addLesson(CREATOR, course.id(), chapter.id(),
                new LessonSpec("intro", LessonType.VIDEO, Duration.ofSeconds(120), true, "media://v/1"));
        Lesson article = learnloop.catalog().addLesson(CREATOR, course.id(), chapter.id(),
                new LessonSpec("reading", LessonType.ARTICLE, Duration.ofSeconds(40), false, "media://a/1"));
        learnloop.catalog().submit(CREATOR, course.id());
        learnloop.catalog().approve(Actor.of("rita", Role.REVIEWER), course.id());
        OrderId order = new OrderId("order-1");
        new TrustedAccess(learnloop).grant(GrantRequest.purchase(LENA, order, "line-1", List.of(course.id()), clock.instant(), null));

        clock.advance(Duration.ofSeconds(30));
        learnloop.progress().report(new WatchReport(LENA, video.id(), "web", clock.instant(), List.of(WatchedSegment.of(0, 60))));
        clock.advance(Duration.ofSeconds(30));
        ProgressUpdate done = learnloop.progress().report(new WatchReport(LENA, video.id(), "web", clock.instant(),
                List.of(WatchedSegment.of(60, 120))));
        assertThat(done.newlyCompleted()).isTrue();
        assertThat(done.courseCompletion().percent()).isEqualTo(50);

        assertThatThrownBy(() -> learnloop.reviews().submit(UserId.of("ada"), course.id(), new ReviewDraft(5, null, null)))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("creator");
        Review review = learnloop.reviews().submit(LENA, course.id(), new ReviewDraft(4, "Good", "Clear"));

        learnloop.progress().openArticle(LENA, article.id());
        clock.advance(Duration.ofSeconds(10));
        assertThat(learnloop.progress().markRead(LENA, article.id()).courseCompletion().completed()).isTrue();
        Certificate certificate = learnloop.certificates().issue(LENA, course.id());
        assertThat(learnloop.certificates().verify(certificate.jwt()).status()).isEqualTo(VerificationStatus.VALID);

        LearnerReport report = learnloop.learningReports().learner(Actor.learner(LENA.value()), LENA);
        assertThat(report.lessonsCompleted()).isEqualTo(2);
        assertThat(report.coursesCompleted()).isEqualTo(1);
        assertThat(report.certificates()).hasSize(1);

        new TrustedAccess(learnloop).revokeRefund(order, "line-1", "refund-1");

        assertThat(learnloop.certificates().certificate(certificate.id()).status()).isEqualTo(CertificateStatus.REVOKED);
        assertThat(learnloop.certificates().verify(certificate.jwt()).status()).isEqualTo(VerificationStatus.REVOKED);
        assertThat(learnloop.reviews().review(review.id()).refunded()).isTrue();
        assertThat(learnloop.reviews().summary(course.id()).count()).isZero();
        assertThat(learnloop.learningReports().course(Staff.ADMIN, course.id()).ratings().count()).isZero();
    }

    @Test
    void certificates_whenNotConfigured_failWithAConfigurationError() {
        Learnloop learnloop = Learnloop.builder().build();
        assertThatThrownBy(learnloop::certificates)
                .isInstanceOfSatisfying(LearnloopException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION));
    }
}
