package io.learnloop.examples.boot;

import io.learnloop.community.Community;
import io.learnloop.community.NewSpace;
import io.learnloop.core.Learnloop;
import io.learnloop.core.assessment.ChoiceOption;
import io.learnloop.core.assessment.Question;
import io.learnloop.core.assessment.QuizDraft;
import io.learnloop.core.assessment.QuizSettings;
import io.learnloop.core.catalog.CatalogService;
import io.learnloop.core.catalog.Chapter;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseDetails;
import io.learnloop.core.catalog.CourseLevel;
import io.learnloop.core.catalog.LessonSpec;
import io.learnloop.core.catalog.LessonType;
import io.learnloop.core.commerce.OfferDraft;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.money.Money;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;

/**
 * DEMO ONLY: the catalogue the application starts with, created through the services as staff would: a creator's
 * course of two one-minute video lessons (the first a free preview) reviewed and published, its final quiz, an offer
 * that sells it, and a community space for its learners beside a general one. It runs once, when the application has
 * started, on the empty in-memory database.
 *
 * <p>The course page lists the course's offers on sale from the store, so they outlive a restart of the database.
 *
 * <p>Thread-safe: Spring calls it once.
 */
@Component
public class DemoCatalogue implements ApplicationRunner {
    /** The creator of the demo course. */
    static final Actor CREATOR = Actor.of("creator-ada", Role.CREATOR);
    /** The reviewer who approves it. */
    static final Actor REVIEWER = Actor.of("reviewer-rita", Role.REVIEWER);
    /** The operator who opens the community spaces. */
    static final Actor OPERATOR = Actor.of("operator", Role.ADMIN, Role.MODERATOR);
    /** The demo course's title. */
    public static final String COURSE_TITLE = "Learnloop on Spring Boot";

    private final Learnloop learnloop;
    private final Community community;

    /**
     * Created by Spring.
     *
     * @param learnloop the facade
     * @param community the community
     */
    public DemoCatalogue(Learnloop learnloop, Community community) {
        this.learnloop = learnloop;
        this.community = community;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!learnloop.catalog().courses(0, 1).isEmpty()) {
            // a database that outlived a restart keeps its catalogue; the demo seeds an empty one only
            return;
        }
        CatalogService catalog = learnloop.catalog();
        Course draft = catalog.createCourse(CREATOR, new CourseDetails(COURSE_TITLE, "From the starter to a certificate",
                "Mount the HTTP API, take a Sandbox payment, learn, pass the quiz and earn a verifiable certificate.",
                "en", "programming", List.of("spring", "java", "learnloop"), CourseLevel.BEGINNER, null));
        Chapter chapter = catalog.addChapter(CREATOR, draft.id(), "Getting started");
        catalog.addLesson(CREATOR, draft.id(), chapter.id(), new LessonSpec("The starter in one minute", LessonType.VIDEO,
                Duration.ofMinutes(1), true, "media://boot-demo/starter"));
        catalog.addLesson(CREATOR, draft.id(), chapter.id(), new LessonSpec("Payments and the webhook", LessonType.VIDEO,
                Duration.ofMinutes(1), false, "media://boot-demo/webhook"));
        catalog.submit(CREATOR, draft.id());
        Course course = catalog.approve(REVIEWER, draft.id());

        learnloop.quizzes().create(CREATOR, new QuizDraft(course.id(), null, "Final quiz", List.of(
                Question.singleChoice("retry", "Which header makes a retried POST /orders place one order only?",
                        List.of(new ChoiceOption("a", "Idempotency-Key"), new ChoiceOption("b", "If-Match"),
                                new ChoiceOption("c", "X-Request-Id")), "a", 1),
                Question.trueFalse("offline", "Anyone can verify a Learnloop certificate with the issuer's public key.",
                        true, 1)),
                QuizSettings.defaults().withFinalQuiz(true).withPassingPercent(60).withMaxAttempts(5)));

        learnloop.commerce().createOffer(CREATOR,
                OfferDraft.course(COURSE_TITLE, Money.ofMinor(9900, "CNY"), course.id()));

        community.createSpace(OPERATOR, NewSpace.general("Lounge"));
        community.createSpace(OPERATOR, NewSpace.course(COURSE_TITLE, course.id().value()));
    }
}
