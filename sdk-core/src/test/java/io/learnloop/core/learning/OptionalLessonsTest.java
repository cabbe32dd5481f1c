package io.learnloop.core.learning;

import io.learnloop.core.testing.TrustedAccess;
import io.learnloop.core.Learnloop;
import io.learnloop.core.access.GrantRequest;
import io.learnloop.core.catalog.Chapter;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseDetails;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.CourseLevel;
import io.learnloop.core.catalog.Lesson;
import io.learnloop.core.catalog.LessonSpec;
import io.learnloop.core.catalog.LessonType;
import io.learnloop.core.commerce.OrderId;
import io.learnloop.core.credential.Certificate;
import io.learnloop.core.credential.CertificatePolicy;
import io.learnloop.core.credential.IssuerProfile;
import io.learnloop.core.credential.SigningKey;
import io.learnloop.core.credential.VerificationStatus;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Lessons a creator marks optional, from the catalogue through progress to the certificate. */
class OptionalLessonsTest {
    private static final Actor CREATOR = Actor.of("ada", Role.CREATOR);
    private static final UserId LENA = UserId.of("lena");

    private MutableClock clock;
    private Learnloop learnloop;
    private CourseId courseId;

    @BeforeEach
    void setUp() throws Exception {
        clock = new MutableClock(LearningFixture.START);
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        learnloop = Learnloop.builder().clock(clock).idGenerator(IdGenerator.sequential("id"))
                .certificates(CertificatePolicy.defaults(new IssuerProfile("https://school.example", "School")),
                        SigningKey.of("k1", g.generateKeyPair()))
                .build();
    }

    /** Publishes a course of live lessons (completed by "done"), one per flag, and grants it to Lena. */
    private List<Lesson> publishedCourse(boolean... optional) {
        Course course = learnloop.catalog().createCourse(CREATOR, new CourseDetails("Knots", "Tie them well",
                "A description", "en", "outdoor", List.of(), CourseLevel.BEGINNER, "media://cover"));
        courseId = course.id();
        Chapter chapter = learnloop.catalog().addChapter(CREATOR, course.id(), "One");
        List<Lesson> lessons = new ArrayList<>();
        for (int i = 0; i < optional.length; i++) {
            lessons.add(learnloop.catalog().addLesson(CREATOR, course.id(), chapter.id(),
                    new LessonSpec("lesson " + i, LessonType.LIVE, Duration.ofMinutes(30), false, "live://" + i,
                            optional[i])));
        }
        learnloop.catalog().submit(CREATOR, course.id());
        learnloop.catalog().approve(Actor.of("rita", Role.REVIEWER), course.id());
        new TrustedAccess(learnloop).grant(GrantRequest.purchase(LENA, new OrderId("order-1"), "line-1",
                List.of(course.id()), clock.instant(), null));
        return lessons;
    }

    @Test
    void courseCompletion_whenOnlyTheOptionalLessonIsLeft_completesAndIssuesTheCertificate() {
        List<Lesson> lessons = publishedCourse(false, false, true);
        CourseId course = courseId;

        CourseCompletion oneLeft = learnloop.progress().markDone(LENA, lessons.get(0).id()).courseCompletion();
        assertThat(oneLeft.completed()).isFalse();
        assertThat(learnloop.certificates().check(LENA, course).met()).isFalse();

        CourseCompletion done = learnloop.progress().markDone(LENA, lessons.get(1).id()).courseCompletion();

        assertThat(done.completed()).isTrue();
        assertThat(done.requiredDone()).isEqualTo(2);
        assertThat(done.requiredTotal()).isEqualTo(2);
        // the percentage counts every lesson, bonus ones included
        assertThat(done.percent()).isEqualTo(66);
        assertThat(done.totalLessons()).isEqualTo(3);
        assertThat(learnloop.certificates().check(LENA, course).met()).isTrue();
        Certificate certificate = learnloop.certificates().issue(LENA, course);
        assertThat(learnloop.certificates().verify(certificate.jwt()).status()).isEqualTo(VerificationStatus.VALID);
    }

    @Test
    void courseCompletion_whenEveryLessonIsOptional_needsEveryLesson() {
        List<Lesson> lessons = publishedCourse(true, true);
        CourseId course = courseId;

        CourseCompletion half = learnloop.progress().markDone(LENA, lessons.get(0).id()).courseCompletion();
        assertThat(half.completed()).isFalse();
        assertThat(half.requiredTotal()).isEqualTo(2);
        assertThat(learnloop.certificates().check(LENA, course).met()).isFalse();

        CourseCompletion all = learnloop.progress().markDone(LENA, lessons.get(1).id()).courseCompletion();

        assertThat(all.completed()).isTrue();
        assertThat(all.percent()).isEqualTo(100);
        assertThat(learnloop.certificates().check(LENA, course).met()).isTrue();
    }

    @Test
    void courseCompletion_whenALessonIsMadeOptionalInANewVersion_followsThePublishedVersion() {
        List<Lesson> lessons = publishedCourse(false, false);
        CourseId course = courseId;
        learnloop.progress().markDone(LENA, lessons.get(0).id());
        assertThat(learnloop.progress().courseCompletion(LENA, course).completed()).isFalse();

        learnloop.catalog().updateLesson(CREATOR, course, lessons.get(1).id(), lessons.get(1).spec().withOptional(true));
        // the draft is not what learners take
        assertThat(learnloop.progress().courseCompletion(LENA, course).completed()).isFalse();
        learnloop.catalog().submit(CREATOR, course);
        learnloop.catalog().approve(Actor.of("rita", Role.REVIEWER), course);

        assertThat(learnloop.progress().courseCompletion(LENA, course).completed()).isTrue();
        assertThat(learnloop.catalog().snapshot(course, 2).content().lesson(lessons.get(1).id()).optional()).isTrue();
        assertThat(learnloop.catalog().snapshot(course, 1).content().lesson(lessons.get(1).id()).optional()).isFalse();
    }
}
