package io.learnloop.core.testing;

import io.learnloop.core.Learnloop;
import io.learnloop.core.Page;
import io.learnloop.core.assessment.Answer;
import io.learnloop.core.assessment.Question;
import io.learnloop.core.assessment.Quiz;
import io.learnloop.core.assessment.QuizDraft;
import io.learnloop.core.assessment.QuizSettings;
import io.learnloop.core.assessment.QuizView;
import io.learnloop.core.catalog.Chapter;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseDetails;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.CourseLevel;
import io.learnloop.core.catalog.Lesson;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.catalog.LessonSpec;
import io.learnloop.core.catalog.LessonType;
import io.learnloop.core.credential.CertificatePolicy;
import io.learnloop.core.credential.IssuerProfile;
import io.learnloop.core.credential.SigningKey;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.core.error.NotFoundException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.TenantId;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.path.BlockedLesson;
import io.learnloop.core.path.CourseStep;
import io.learnloop.core.path.KnownBy;
import io.learnloop.core.path.LearningPath;
import io.learnloop.core.path.LearningPathService;
import io.learnloop.core.path.Milestone;
import io.learnloop.core.path.MilestoneProgress;
import io.learnloop.core.path.NextSteps;
import io.learnloop.core.path.PathDraft;
import io.learnloop.core.path.PathId;
import io.learnloop.core.path.PrerequisiteCycleException;
import io.learnloop.core.store.Store;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Prerequisites, placement quizzes, learning paths and "what next", through the public API on a store. A store's
 * test extends this class and returns its store from {@link #store()}; every test works in a tenant of its own.
 */
public abstract class LearningPathContract {
    private static final AtomicLong TENANTS = new AtomicLong();
    /** Authors the courses. */
    protected static final Actor ADA = Actor.of("ada", Role.CREATOR);
    /** A creator who authors none of them. */
    protected static final Actor LINUS = Actor.of("linus", Role.CREATOR);
    /** The learner. */
    protected static final Actor LENA = Actor.learner("lena");
    /** Another learner. */
    protected static final Actor TOM = Actor.learner("tom");

    private Learnloop learnloop;
    private LearningPathService paths;

    /**
     * The store under test; may return the same store every time.
     *
     * @return the store
     */
    protected abstract Store store();

    @BeforeEach
    void setUpFacade() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        learnloop = Learnloop.builder().store(store())
                .tenant(TenantId.of("paths-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + "-"
                        + TENANTS.incrementAndGet()))
                .clock(new MutableClock(Instant.parse("2026-09-01T08:00:00Z")))
                .idGenerator(IdGenerator.sequential("p"))
                .certificates(CertificatePolicy.defaults(new IssuerProfile("https://school.example", "School")),
                        SigningKey.of("k1", g.generateKeyPair()))
                .build();
        paths = learnloop.paths();
    }

    /** A published course of ada's with live lessons, which a learner completes by marking them done. */
    private Course course(String title, int lessons) {
        var catalog = learnloop.catalog();
        Course c = catalog.createCourse(ADA, new CourseDetails(title, "A subtitle", "A description", "en",
                "programming", List.of("test"), CourseLevel.BEGINNER, "media://cover/1"));
        Chapter ch = catalog.addChapter(ADA, c.id(), "Basics");
        for (int i = 1; i <= lessons; i++) {
            catalog.addLesson(ADA, c.id(), ch.id(), new LessonSpec(title + " " + i, LessonType.LIVE,
                    Duration.ofMinutes(30), false, "media://live/" + i));
        }
        catalog.submit(ADA, c.id());
        return catalog.approve(Catalogue.REVIEWER, c.id());
    }

    private List<LessonId> lessonsOf(Course c) {
        return learnloop.catalog().course(c.id()).published().lessons().stream().map(Lesson::id).toList();
    }

    private void complete(Actor learner, Course c) {
        for (LessonId l : lessonsOf(c)) {
            learnloop.progress().markDone(learner.id(), l);
        }
    }

    private static List<CourseId> courses(List<CourseStep> steps) {
        return steps.stream().map(CourseStep::course).toList();
    }

    // ---- course prerequisites ----

    @Test
    void declareCourse_whenChainDeclared_readsBackAndListsDependents() {
        Course basics = course("Basics", 1);
        Course web = course("Web", 1);
        Course apis = course("APIs", 1);
        paths.declareCourse(ADA, web.id(), Set.of(basics.id()));
        paths.declareCourse(ADA, apis.id(), Set.of(web.id(), basics.id()));

        assertThat(paths.courseRequirements(LENA, apis.id()).requires())
                .containsExactlyInAnyOrder(web.id(), basics.id());
        assertThat(paths.courseRequirements(LENA, basics.id()).requires()).isEmpty();
        Page<CourseId> first = paths.requiredBy(LENA, basics.id(), null, 1);
        Page<CourseId> second = paths.requiredBy(LENA, basics.id(), first.nextCursor(), 1);
        assertThat(first.items().size() + second.items().size()).isEqualTo(2);
        assertThat(List.of(first.items().get(0), second.items().get(0)))
                .containsExactlyInAnyOrder(web.id(), apis.id());
        assertThat(second.hasNext()).isFalse();
    }

    @Test
    void declareCourse_whenItWouldCloseACycle_isRefusedAndStoresNothing() {
        Course a = course("A", 1);
        Course b = course("B", 1);
        Course c = course("C", 1);
        paths.declareCourse(ADA, a.id(), Set.of(b.id()));
        paths.declareCourse(ADA, b.id(), Set.of(c.id()));

        assertThatThrownBy(() -> paths.declareCourse(ADA, c.id(), Set.of(a.id())))
                .isInstanceOf(PrerequisiteCycleException.class)
                .satisfies(e -> {
                    PrerequisiteCycleException cycle = (PrerequisiteCycleException) e;
                    assertThat(cycle.code()).isEqualTo(ErrorCode.PREREQUISITE_CYCLE);
                    assertThat(cycle.cycle()).containsExactly(c.id().value(), a.id().value(), b.id().value(),
                            c.id().value());
                });
        assertThat(paths.courseRequirements(LENA, c.id()).requires()).isEmpty();
        assertThat(paths.requiredBy(LENA, a.id(), null, 10).items()).isEmpty();
    }

    @Test
    void declareCourse_whenSelfOrUnknownPrerequisite_failsValidationNamingEach() {
        Course a = course("A", 1);
        assertThatThrownBy(() -> paths.declareCourse(ADA, a.id(), Set.of(a.id(), CourseId.of("no-such-course"))))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("cannot require itself").hasMessageContaining("no-such-course");
        assertThatThrownBy(() -> paths.declareCourse(ADA, CourseId.of("missing"), Set.of(a.id())))
                .isInstanceOf(NotFoundException.class);
        assertThat(paths.courseRequirements(LENA, a.id()).requires()).isEmpty();
    }

    @Test
    void declareCourse_whenActorIsNoAuthor_isForbidden() {
        Course a = course("A", 1);
        Course b = course("B", 1);
        assertThatThrownBy(() -> paths.declareCourse(LINUS, b.id(), Set.of(a.id())))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> paths.declareCourse(LENA, b.id(), Set.of(a.id())))
                .isInstanceOf(ForbiddenException.class);
        assertThat(paths.declareCourse(Staff.ADMIN, b.id(), Set.of(a.id())).requires()).containsExactly(a.id());
    }

    @Test
    void declareCourse_whenTwoAuthorsRaceOppositeEdges_atMostOneWins() throws Exception {
        Course a = course("A", 1);
        Course b = course("B", 1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Callable<Boolean> ab = () -> declared(start, a.id(), b.id());
            Callable<Boolean> ba = () -> declared(start, b.id(), a.id());
            Future<Boolean> first = pool.submit(ab);
            Future<Boolean> second = pool.submit(ba);
            start.countDown();
            boolean one = first.get(60, TimeUnit.SECONDS);
            boolean other = second.get(60, TimeUnit.SECONDS);
            assertThat(one && other).as("both opposite edges stored: a cycle").isFalse();
            assertThat(one || other).isTrue();
        } finally {
            pool.shutdownNow();
        }
        boolean aNeedsB = paths.courseRequirements(LENA, a.id()).requires().contains(b.id());
        boolean bNeedsA = paths.courseRequirements(LENA, b.id()).requires().contains(a.id());
        assertThat(aNeedsB && bNeedsA).isFalse();
    }

    private boolean declared(CountDownLatch start, CourseId course, CourseId requires) throws InterruptedException {
        start.await();
        try {
            paths.declareCourse(ADA, course, Set.of(requires));
            return true;
        } catch (PrerequisiteCycleException e) {
            return false;
        }
    }

    // ---- lesson prerequisites ----

    @Test
    void declareLesson_whenItWouldCloseACycle_isRefusedAndUnknownLessonsAreNamed() {
        Course a = course("A", 3);
        List<LessonId> l = lessonsOf(a);
        paths.declareLesson(ADA, l.get(1), Set.of(l.get(0)));
        paths.declareLesson(ADA, l.get(2), Set.of(l.get(1)));

        assertThatThrownBy(() -> paths.declareLesson(ADA, l.get(0), Set.of(l.get(2))))
                .isInstanceOf(PrerequisiteCycleException.class);
        assertThatThrownBy(() -> paths.declareLesson(ADA, l.get(0), Set.of(LessonId.of("no-such-lesson"))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("no-such-lesson");
        assertThatThrownBy(() -> paths.declareLesson(LINUS, l.get(0), Set.of()))
                .isInstanceOf(ForbiddenException.class);
        assertThat(paths.lessonRequirements(LENA, l.get(0)).requires()).isEmpty();
        assertThat(paths.lessonRequirements(LENA, l.get(2)).requires()).containsExactly(l.get(1));
    }

    // ---- paths ----

    @Test
    void createPath_whenOrderContradictsPrerequisites_isRefusedAndStoresNothing() {
        Course basics = course("Basics", 1);
        Course web = course("Web", 1);
        Course apis = course("APIs", 1);
        paths.declareCourse(ADA, web.id(), Set.of(basics.id()));
        paths.declareCourse(ADA, apis.id(), Set.of(web.id()));

        // apis needs basics through web: basics may not come after it
        assertThatThrownBy(() -> paths.createPath(ADA, new PathDraft("Backend", null,
                List.of(web.id(), apis.id(), basics.id()), List.of())))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).fields()).contains("courses[0]", "courses[1]"))
                .hasMessageContaining("put '" + basics.id() + "' first");
        assertThat(paths.paths(LENA, null, 10).items()).isEmpty();
    }

    @Test
    void createPath_whenDraftIsBad_namesEveryProblem() {
        Course basics = course("Basics", 1);
        Course web = course("Web", 1);
        assertThatThrownBy(() -> paths.createPath(ADA, new PathDraft(" ", null,
                List.of(basics.id(), basics.id(), CourseId.of("ghost")),
                List.of(new Milestone("Done", web.id())))))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).fields())
                        .contains("title", "courses[1]", "courses[2]", "milestones[0].reachedWith"));
        assertThatThrownBy(() -> paths.createPath(ADA, new PathDraft("Empty", null, List.of(), null)))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> paths.createPath(LENA, new PathDraft("Mine", null, List.of(basics.id()), null)))
                .isInstanceOf(ForbiddenException.class);
        assertThat(paths.paths(LENA, null, 10).items()).isEmpty();
    }

    @Test
    void updatePath_whenNotOwner_isForbiddenAndOwnerChangesIt() {
        Course basics = course("Basics", 1);
        Course web = course("Web", 1);
        LearningPath path = paths.createPath(ADA, new PathDraft("Backend", null, List.of(basics.id()), null));
        PathDraft longer = new PathDraft("Backend", "Longer", List.of(basics.id(), web.id()),
                List.of(new Milestone("Web ready", web.id())));
        assertThatThrownBy(() -> paths.updatePath(LINUS, path.id(), longer)).isInstanceOf(ForbiddenException.class);
        assertThat(paths.updatePath(ADA, path.id(), longer).courses()).containsExactly(basics.id(), web.id());
        assertThat(paths.path(TOM, path.id()).milestones()).containsExactly(new Milestone("Web ready", web.id()));
        assertThat(paths.paths(TOM, null, 10).items()).extracting(LearningPath::id).containsExactly(path.id());
    }

    @Test
    void archivePath_whenOwnerArchives_leavesTheListingRefusesChangesAndStillGuidesItsLearners() {
        Course basics = course("Basics", 1);
        LearningPath kept = paths.createPath(ADA, new PathDraft("Kept", null, List.of(basics.id()), null));
        LearningPath old = paths.createPath(ADA, new PathDraft("Old", null, List.of(basics.id()), null));
        assertThatThrownBy(() -> paths.archivePath(LINUS, old.id())).isInstanceOf(ForbiddenException.class);
        assertThat(paths.path(TOM, old.id()).archived()).isFalse();

        LearningPath archived = paths.archivePath(ADA, old.id());
        LearningPath again = paths.archivePath(ADA, old.id());

        assertThat(archived.archived()).isTrue();
        assertThat(again).isEqualTo(archived);
        assertThat(paths.paths(TOM, null, 10).items()).extracting(LearningPath::id).containsExactly(kept.id());
        assertThatThrownBy(() -> paths.updatePath(ADA, old.id(), new PathDraft("Old", "changed",
                List.of(basics.id()), null))).isInstanceOfSatisfying(ConflictException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE));
        assertThat(paths.path(TOM, old.id()).description()).isEqualTo(old.description());
        assertThat(courses(paths.next(LENA, LENA.id(), old.id()).ready())).containsExactly(basics.id());
        assertThatThrownBy(() -> paths.archivePath(ADA, new PathId("no-such-path")))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void unflagPlacement_whenAuthorRemovesTheFlag_passingNoLongerCountsAsKnowing() {
        Course basics = course("Basics", 1);
        Course web = course("Web", 1);
        paths.declareCourse(ADA, web.id(), Set.of(basics.id()));
        Quiz placement = learnloop.quizzes().create(ADA, new QuizDraft(basics.id(), null, "Placement",
                List.of(Question.fillIn("capital", "Capital of France?", List.of("Paris"), 1)),
                QuizSettings.defaults()));
        paths.flagPlacement(ADA, placement.id());
        QuizView view = learnloop.quizzes().start(LENA.id(), placement.id());
        String key = learnloop.quizzes().attempts(LENA.id(), placement.id()).get(0).questions().get(0).key();
        learnloop.quizzes().submit(LENA.id(), view.attemptId(), Map.of(key, Answer.text("Paris")));
        assertThat(paths.missingPrerequisites(LENA, LENA.id(), List.of(web.id()))).isEmpty();
        assertThatThrownBy(() -> paths.unflagPlacement(LINUS, placement.id())).isInstanceOf(ForbiddenException.class);

        assertThat(paths.unflagPlacement(ADA, placement.id())).isTrue();
        assertThat(paths.unflagPlacement(ADA, placement.id())).isFalse();

        assertThat(paths.placementQuizzes(LENA, basics.id())).isEmpty();
        assertThat(paths.missingPrerequisites(LENA, LENA.id(), List.of(web.id())))
                .isEqualTo(Map.of(web.id(), List.of(basics.id())));
    }

    // ---- what next ----

    @Test
    void next_whenLearnerCompletesPrerequisites_unblocksCoursesInPathOrderAndReachesMilestones() {
        Course basics = course("Basics", 2);
        Course web = course("Web", 1);
        Course apis = course("APIs", 1);
        paths.declareCourse(ADA, web.id(), Set.of(basics.id()));
        paths.declareCourse(ADA, apis.id(), Set.of(web.id()));
        LearningPath path = paths.createPath(ADA, new PathDraft("Backend", null,
                List.of(basics.id(), web.id(), apis.id()),
                List.of(new Milestone("Foundations", basics.id()), new Milestone("Backend developer", apis.id()))));

        NextSteps before = paths.next(LENA, LENA.id(), path.id());
        assertThat(courses(before.ready())).containsExactly(basics.id());
        assertThat(before.ready().get(0).readyLessons()).containsExactlyElementsOf(lessonsOf(basics));
        assertThat(courses(before.blocked())).containsExactly(web.id(), apis.id());
        assertThat(before.blocked().get(0).missing()).containsExactly(basics.id());
        assertThat(before.blocked().get(1).missing()).containsExactly(web.id());
        assertThat(before.milestones()).extracting(MilestoneProgress::reached).containsExactly(false, false);

        complete(LENA, basics);
        NextSteps after = paths.next(LENA, LENA.id(), path.id());
        assertThat(courses(after.known())).containsExactly(basics.id());
        assertThat(after.known().get(0).knownBy()).isEqualTo(KnownBy.COMPLETED);
        assertThat(courses(after.ready())).containsExactly(web.id());
        assertThat(courses(after.blocked())).containsExactly(apis.id());
        assertThat(after.milestones()).extracting(MilestoneProgress::reached).containsExactly(true, false);

        assertThat(courses(paths.next(TOM, TOM.id(), path.id()).ready())).containsExactly(basics.id());
    }

    @Test
    void next_whenLearnerPassedAPlacementQuiz_countsTheCourseAsKnown() {
        Course basics = course("Basics", 1);
        Course web = course("Web", 1);
        paths.declareCourse(ADA, web.id(), Set.of(basics.id()));
        Quiz placement = learnloop.quizzes().create(ADA, new QuizDraft(basics.id(), null, "Placement",
                List.of(Question.fillIn("capital", "Capital of France?", List.of("Paris"), 1)),
                QuizSettings.defaults()));
        assertThatThrownBy(() -> paths.flagPlacement(LINUS, placement.id())).isInstanceOf(ForbiddenException.class);
        paths.flagPlacement(ADA, placement.id());
        paths.flagPlacement(ADA, placement.id());
        assertThat(paths.placementQuizzes(LENA, basics.id())).hasSize(1);

        QuizView view = learnloop.quizzes().start(LENA.id(), placement.id());
        String key = learnloop.quizzes().attempts(LENA.id(), placement.id()).get(0).questions().get(0).key();
        assertThat(learnloop.quizzes().submit(LENA.id(), view.attemptId(), Map.of(key, Answer.text("Paris")))
                .passed()).isTrue();

        LearningPath path = paths.createPath(ADA, new PathDraft("Web", null, List.of(basics.id(), web.id()), null));
        NextSteps next = paths.next(LENA, LENA.id(), path.id());
        assertThat(courses(next.known())).containsExactly(basics.id());
        assertThat(next.known().get(0).knownBy()).isEqualTo(KnownBy.PLACEMENT);
        assertThat(courses(next.ready())).containsExactly(web.id());
        assertThat(paths.missingPrerequisites(LENA, LENA.id(), List.of(web.id()))).isEmpty();
        assertThat(paths.missingPrerequisites(TOM, TOM.id(), List.of(web.id(), basics.id())))
                .isEqualTo(Map.of(web.id(), List.of(basics.id())));
    }

    @Test
    void next_whenCertifiedButCourseGrewSinceCompletion_countsTheCertificate() {
        Course basics = course("Basics", 1);
        complete(LENA, basics);
        learnloop.certificates().issue(LENA.id(), basics.id());
        // a new lesson makes the course incomplete again; the certificate still stands
        var catalog = learnloop.catalog();
        catalog.addLesson(ADA, basics.id(), catalog.course(basics.id()).published().chapters().get(0).id(),
                new LessonSpec("Extra", LessonType.LIVE, Duration.ofMinutes(30), false, "media://live/extra"));
        catalog.submit(ADA, basics.id());
        catalog.approve(Catalogue.REVIEWER, basics.id());
        assertThat(learnloop.progress().courseCompletion(LENA.id(), basics.id()).completed()).isFalse();

        LearningPath path = paths.createPath(ADA, new PathDraft("One", null, List.of(basics.id()), null));
        NextSteps next = paths.next(LENA, LENA.id(), path.id());
        assertThat(next.known()).singleElement().satisfies(s -> assertThat(s.knownBy()).isEqualTo(KnownBy.CERTIFIED));
    }

    @Test
    void next_whenALessonWaitsForAnother_listsItBlockedWithTheMissingLesson() {
        Course basics = course("Basics", 3);
        List<LessonId> l = lessonsOf(basics);
        paths.declareLesson(ADA, l.get(2), Set.of(l.get(0)));
        LearningPath path = paths.createPath(ADA, new PathDraft("One", null, List.of(basics.id()), null));

        CourseStep step = paths.next(LENA, LENA.id(), path.id()).ready().get(0);
        assertThat(step.readyLessons()).containsExactly(l.get(0), l.get(1));
        assertThat(step.blockedLessons()).containsExactly(new BlockedLesson(l.get(2), List.of(l.get(0))));

        learnloop.progress().markDone(LENA.id(), l.get(0));
        step = paths.next(LENA, LENA.id(), path.id()).ready().get(0);
        assertThat(step.readyLessons()).containsExactly(l.get(1), l.get(2));
        assertThat(step.blockedLessons()).isEmpty();
    }

    @Test
    void next_whenAnotherLearnerAsks_isForbiddenButAdminMayRead() {
        Course basics = course("Basics", 1);
        LearningPath path = paths.createPath(ADA, new PathDraft("One", null, List.of(basics.id()), null));
        assertThatThrownBy(() -> paths.next(TOM, LENA.id(), path.id())).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> paths.nextInCatalogue(ADA, LENA.id(), null, 10))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> paths.missingPrerequisites(TOM, LENA.id(), List.of(basics.id())))
                .isInstanceOf(ForbiddenException.class);
        assertThat(paths.next(Staff.ADMIN, LENA.id(), path.id()).ready()).hasSize(1);
    }

    @Test
    void nextInCatalogue_whenPaged_coversEveryPublishedCourseOnce() {
        List<CourseId> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            all.add(course("Course " + i, 1).id());
        }
        paths.declareCourse(ADA, all.get(4), Set.of(all.get(0)));
        complete(LENA, learnloop.catalog().course(all.get(1)));
        List<CourseStep> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            NextSteps page = paths.nextInCatalogue(LENA, LENA.id(), cursor, 2);
            seen.addAll(page.ready());
            seen.addAll(page.blocked());
            seen.addAll(page.known());
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(courses(seen)).containsExactlyInAnyOrderElementsOf(all);
        assertThat(seen).filteredOn(s -> s.course().equals(all.get(4))).singleElement()
                .satisfies(s -> assertThat(s.missing()).containsExactly(all.get(0)));
        assertThat(seen).filteredOn(s -> s.course().equals(all.get(1))).singleElement()
                .satisfies(s -> assertThat(s.knownBy()).isEqualTo(KnownBy.COMPLETED));
        assertThatThrownBy(() -> paths.nextInCatalogue(LENA, LENA.id(), "not-a-cursor", 2))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void nextInCatalogue_whenDraftsAreMixedIn_fillsEachPageWithLiveCoursesOldestFirst() {
        // created in the same instant (the clock stands still), courses follow in the order of their ids
        CourseId first = course("First", 1).id();
        for (int i = 0; i < 3; i++) {
            learnloop.catalog().createCourse(ADA, new CourseDetails("Draft " + i, "A subtitle", "A description",
                    "en", "programming", List.of("test"), CourseLevel.BEGINNER, "media://cover/1"));
        }
        CourseId second = course("Second", 1).id();
        CourseId third = course("Third", 1).id();

        NextSteps page1 = paths.nextInCatalogue(LENA, LENA.id(), null, 2);
        // a course archived between the two pages hides none of the others
        learnloop.catalog().archive(ADA, first);
        NextSteps page2 = paths.nextInCatalogue(LENA, LENA.id(), page1.nextCursor(), 2);

        assertThat(courses(page1.ready())).containsExactlyElementsOf(
                List.of(first, second).stream().sorted(Comparator.comparing(CourseId::value)).toList());
        assertThat(page1.nextCursor()).isNotNull();
        assertThat(courses(page2.ready())).containsExactly(third);
        assertThat(third.value()).isGreaterThan(first.value()).isGreaterThan(second.value());
        assertThat(page2.nextCursor()).isNull();
    }

    @Test
    void missingPrerequisites_whenTooManyCoursesAsked_failsValidation() {
        List<CourseId> many = new ArrayList<>();
        for (int i = 0; i <= LearningPathService.MAX_QUERY; i++) {
            many.add(CourseId.of("c" + i));
        }
        assertThatThrownBy(() -> paths.missingPrerequisites(LENA, LENA.id(), many))
                .isInstanceOf(LearnloopException.class)
                .satisfies(e -> assertThat(((LearnloopException) e).code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
        assertThat(paths.missingPrerequisites(LENA, UserId.of("lena"), List.of(CourseId.of("unknown")))).isEmpty();
    }
}
