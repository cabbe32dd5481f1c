package io.learnloop.core.testing;

import io.learnloop.core.Learnloop;
import io.learnloop.core.access.GrantRequest;
import io.learnloop.core.catalog.Chapter;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseDetails;
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
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.event.DomainEvent;
import io.learnloop.core.event.EventTypes;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.TenantId;
import io.learnloop.core.practice.Appeal;
import io.learnloop.core.practice.AppealState;
import io.learnloop.core.practice.Assignment;
import io.learnloop.core.practice.AssignmentDraft;
import io.learnloop.core.practice.Criterion;
import io.learnloop.core.practice.FileRef;
import io.learnloop.core.practice.GradeState;
import io.learnloop.core.practice.GradeWeights;
import io.learnloop.core.practice.LatePolicy;
import io.learnloop.core.practice.PeerReview;
import io.learnloop.core.practice.SubmissionId;
import io.learnloop.core.practice.PracticeGrade;
import io.learnloop.core.practice.PracticeService;
import io.learnloop.core.practice.ReviewExpiredException;
import io.learnloop.core.practice.ReviewTask;
import io.learnloop.core.practice.Rubric;
import io.learnloop.core.practice.Submission;
import io.learnloop.core.practice.SubmissionContent;
import io.learnloop.core.privacy.AuditAction;
import io.learnloop.core.privacy.ExportManifest;
import io.learnloop.core.privacy.ExportedSection;
import io.learnloop.core.store.Store;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Practice with peer review, through the public API on a store: assignments, calibration, allocation, reviews,
 * final grades feeding progress, overrides, appeals, export and erasure, and every refusal. A store's test extends
 * this class and returns its store from {@link #store()}; every test works in a tenant of its own.
 */
public abstract class PracticeContract {
    private static final AtomicLong TENANTS = new AtomicLong();
    private static final Instant START = Instant.parse("2026-09-01T08:00:00Z");
    private static final Instant DUE = START.plus(Duration.ofDays(7));
    /** Authors the course: its instructor. */
    protected static final Actor ADA = Actor.of("ada", Role.CREATOR);
    /** A creator who authors nothing here. */
    protected static final Actor LINUS = Actor.of("linus", Role.CREATOR);
    /** Learners with access. */
    protected static final Actor LENA = Actor.learner("lena");
    /** A learner with access. */
    protected static final Actor TOM = Actor.learner("tom");
    /** A learner with access. */
    protected static final Actor ANA = Actor.learner("ana");
    /** A learner without access. */
    protected static final Actor EVE = Actor.learner("eve");

    private final List<DomainEvent> events = new CopyOnWriteArrayList<>();
    private MutableClock clock;
    private Learnloop learnloop;
    private PracticeService practice;
    private Course course;
    private List<LessonId> lessons;

    /**
     * The store under test; may return the same store every time.
     *
     * @return the store
     */
    protected abstract Store store();

    @BeforeEach
    void setUpFacade() throws Exception {
        KeyPairGenerator keys = KeyPairGenerator.getInstance("EC");
        keys.initialize(new ECGenParameterSpec("secp256r1"));
        clock = new MutableClock(START);
        learnloop = Learnloop.builder().store(store())
                .tenant(TenantId.of("practice-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + "-"
                        + TENANTS.incrementAndGet()))
                .clock(clock)
                .idGenerator(IdGenerator.sequential("x"))
                // tom and ana study together; lena is on her own
                .peerGroups((learner, c) -> learner.value().equals("lena") ? null : "group-a")
                .listener(events::add)
                .certificates(CertificatePolicy.defaults(new IssuerProfile("https://school.example", "School")),
                        SigningKey.of("k1", keys.generateKeyPair()))
                .build();
        practice = learnloop.practice();
        var catalog = learnloop.catalog();
        Course c = catalog.createCourse(ADA, new CourseDetails("Writing", "Sub", "Desc", "en", "writing",
                List.of("essay"), CourseLevel.BEGINNER, "media://cover"));
        Chapter ch = catalog.addChapter(ADA, c.id(), "Essays");
        for (int i = 1; i <= 2; i++) {
            catalog.addLesson(ADA, c.id(), ch.id(), new LessonSpec("Essay " + i, LessonType.LIVE,
                    Duration.ofMinutes(30), false, "media://live/" + i));
        }
        catalog.submit(ADA, c.id());
        course = catalog.approve(Catalogue.REVIEWER, c.id());
        lessons = catalog.course(course.id()).published().lessons().stream().map(Lesson::id).toList();
        for (Actor learner : List.of(LENA, TOM, ANA)) {
            learnloop.access().grant(Staff.ADMIN, GrantRequest.manual(learner.id(), List.of(course.id()),
                    "class-2026", START, null));
        }
    }

    private static Rubric rubric() {
        return Rubric.of(new Criterion("clarity", "Clear writing", 6000, 10),
                new Criterion("correctness", "Correct facts", 4000, 5));
    }

    private AssignmentDraft draft(int reviews, int calibration, GradeWeights weights, boolean separateGroups) {
        return new AssignmentDraft(lessons.get(0), "Essay on rivers", "Write 500 words.", rubric(), DUE,
                new LatePolicy(1000, Duration.ofDays(2)), reviews, calibration, weights, 6000, separateGroups);
    }

    private Assignment peerOnly(int reviews) {
        return practice.createAssignment(ADA, draft(reviews, 0, GradeWeights.peerOnly(), false));
    }

    private static Map<String, Integer> scores(int clarity, int correctness) {
        return Map.of("clarity", clarity, "correctness", correctness);
    }

    private Submission hand(Actor learner, Assignment a) {
        clock.advance(Duration.ofMinutes(1));
        return practice.submit(learner, a.id(), new SubmissionContent("My essay by " + learner.id(),
                List.of("https://docs.example/" + learner.id()), List.of(new FileRef("s3://bucket/" + learner.id()
                + ".pdf", "a".repeat(64), 1234))));
    }

    /** The reviewer writes every review handed out to them, with the same scores. */
    private int reviewAll(Actor reviewer, Assignment a, Map<String, Integer> scores) {
        int written = 0;
        for (Optional<ReviewTask> t = practice.nextToReview(reviewer, a.id()); t.isPresent();
             t = practice.nextToReview(reviewer, a.id())) {
            practice.review(reviewer, t.get().submission(), scores, "Reviewed by " + reviewer.id());
            written++;
        }
        return written;
    }

    // ---- the whole flow ----

    @Test
    void grade_whenCalibratedPeersSelfAndInstructorAreIn_isTheDocumentedAggregateAndCompletesTheLesson() {
        Assignment a = practice.createAssignment(ADA, draft(2, 1, new GradeWeights(6000, 1000, 3000), false));
        practice.addCalibration(ADA, a.id(), SubmissionContent.text("A model essay."), scores(8, 4));
        Submission lenas = hand(LENA, a);
        hand(TOM, a);
        hand(ANA, a);

        // calibration first: accuracy = 10000 − Σ weight × |given − reference| / max
        ReviewTask first = practice.nextToReview(TOM, a.id()).orElseThrow();
        assertThat(first.calibration()).isTrue();
        assertThat(practice.review(TOM, first.submission(), scores(8, 4), "spot on").accuracyBp()).isEqualTo(10000);
        assertThat(practice.review(ANA, first.submission(), scores(4, 4), null).accuracyBp())
                .isEqualTo(10000 - 6000 * 4 / 10);
        assertThat(practice.review(LENA, first.submission(), scores(8, 2), null).accuracyBp())
                .isEqualTo(10000 - 4000 * 2 / 5);

        assertThat(reviewAll(TOM, a, scores(10, 5))).isEqualTo(2);   // each review scores 10000
        assertThat(reviewAll(ANA, a, scores(5, 5))).isEqualTo(2);    // 3000 + 4000 = 7000
        assertThat(reviewAll(LENA, a, scores(6, 3))).isEqualTo(2);   // 3600 + 2400 = 6000
        assertThat(practice.grade(LENA, lenas.id()).state()).isEqualTo(GradeState.PROVISIONAL);

        practice.selfAssess(LENA, lenas.id(), scores(8, 4), "I think it is good");      // 4800 + 3200 = 8000
        assertThat(events).noneMatch(e -> e.type().equals(EventTypes.PRACTICE_GRADED));
        practice.instructorReview(ADA, lenas.id(), scores(9, 4), "Well argued");         // 5400 + 3200 = 8600

        PracticeGrade grade = practice.grade(LENA, lenas.id());
        // peer: tom's 10000 at weight 10000 and ana's 7000 at weight 7600 → 153,200,000 / 17,600 = 8704.5 → 8705
        assertThat(grade.peerBp()).isEqualTo(8705);
        assertThat(grade.selfBp()).isEqualTo(8000);
        assertThat(grade.instructorBp()).isEqualTo(8600);
        // (6000 × 8705 + 1000 × 8000 + 3000 × 8600) / 10000 = 8603
        assertThat(grade.scoreBp()).isEqualTo(8603);
        assertThat(grade.state()).isEqualTo(GradeState.FINAL);
        assertThat(grade.passed()).isTrue();
        assertThat(grade.scoreMaximum()).isEqualTo(15);
        assertThat(grade.scoreGiven()).isEqualByComparingTo(new BigDecimal("12.90"));
        assertThat(events).filteredOn(e -> e.type().equals(EventTypes.PRACTICE_GRADED)).singleElement()
                .satisfies(e -> assertThat(e.data()).containsEntry("learnerId", "lena")
                        .containsEntry("scoreGiven", "12.90").containsEntry("scoreMaximum", "15")
                        .containsEntry("passed", "true").containsEntry("lessonId", lessons.get(0).value()));
        assertThat(learnloop.progress().lessonProgress(LENA.id(), lessons.get(0))).hasValueSatisfying(p ->
                assertThat(p.completed()).isTrue());
        assertThat(learnloop.progress().courseCompletion(LENA.id(), course.id()).completedLessons()).isEqualTo(1);
        assertThat(learnloop.progress().lessonProgress(TOM.id(), lessons.get(0))).isEmpty();
    }

    @Test
    void nextToReview_whenSeveralNeedReviews_handsOutLeastReviewedFirstAndNeverOwnWork() {
        Assignment a = peerOnly(2);
        Submission lenas = hand(LENA, a);
        Submission toms = hand(TOM, a);
        Submission anas = hand(ANA, a);

        assertThat(practice.nextToReview(TOM, a.id()).orElseThrow().submission()).isEqualTo(lenas.id());
        // asking again returns the open review instead of a second one
        assertThat(practice.nextToReview(TOM, a.id()).orElseThrow().submission()).isEqualTo(lenas.id());
        // lena's has one review handed out now; tom's and ana's none, tom's handed in first
        assertThat(practice.nextToReview(ANA, a.id()).orElseThrow().submission()).isEqualTo(toms.id());
        assertThat(practice.nextToReview(LENA, a.id()).orElseThrow().submission()).isEqualTo(anas.id());
        assertThat(practice.submission(ADA, lenas.id()).reviewsAssigned()).isEqualTo(1);
        assertThat(practice.submissions(ADA, a.id(), null, 10).items()).extracting(Submission::reviewsAssigned)
                .containsExactly(1, 1, 1);
    }

    @Test
    void nextToReview_whenAnAllocationExpires_handsTheSubmissionToAnotherReviewerAndRefusesTheLateReview() {
        Assignment a = practice.createAssignment(ADA, draft(1, 0, GradeWeights.peerOnly(), false)
                .withReviewExpiry(Duration.ofHours(24)));
        Submission lenas = hand(LENA, a);
        assertThat(practice.nextToReview(TOM, a.id()).orElseThrow().submission()).isEqualTo(lenas.id());
        Instant handedOut = clock.instant();
        assertThat(practice.nextToReview(ANA, a.id())).as("its one review is handed out").isEmpty();

        clock.advance(Duration.ofHours(24).minusSeconds(1));
        assertThat(practice.nextToReview(ANA, a.id())).as("not expired yet").isEmpty();
        clock.advance(Duration.ofSeconds(1));

        assertThat(practice.nextToReview(ANA, a.id()).orElseThrow().submission()).isEqualTo(lenas.id());
        assertThat(practice.submission(ADA, lenas.id()).reviewsAssigned()).isEqualTo(1);
        assertThatThrownBy(() -> practice.review(TOM, lenas.id(), scores(1, 1), "late"))
                .isInstanceOfSatisfying(ReviewExpiredException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE);
                    assertThat(e.reviewer()).isEqualTo(TOM.id());
                    assertThat(e.expiredAt()).isEqualTo(handedOut.plus(Duration.ofHours(24)));
                });
        assertThat(practice.nextToReview(TOM, a.id())).as("never handed the same work again").isEmpty();

        practice.review(ANA, lenas.id(), scores(10, 5), "Clear and correct.");

        PracticeGrade g = practice.grade(LENA, lenas.id());
        assertThat(g.state()).isEqualTo(GradeState.FINAL);
        assertThat(g.scoreBp()).as("only ana's review counts").isEqualTo(10000);
        assertThat(practice.submission(ADA, lenas.id()).reviewsDone()).isEqualTo(1);
    }

    @Test
    void review_whenExpiredButNotYetReleased_isRefusedAndStoresNothing() {
        Assignment a = peerOnly(1);
        assertThat(a.reviewExpiry()).isEqualTo(PracticeService.DEFAULT_REVIEW_EXPIRY);
        Submission lenas = hand(LENA, a);
        practice.nextToReview(TOM, a.id()).orElseThrow();
        clock.advance(Duration.ofHours(72));

        assertThatThrownBy(() -> practice.review(TOM, lenas.id(), scores(10, 5), "too late"))
                .isInstanceOf(ReviewExpiredException.class).hasMessageContaining("expired");
        assertThat(practice.submission(ADA, lenas.id()).reviewsDone()).isZero();
        assertThat(practice.nextToReview(TOM, a.id())).as("an expired review is not handed back").isEmpty();
    }

    @Test
    void createAssignment_whenReviewExpiryOutOfRange_failsValidationNamingIt() {
        for (Duration bad : List.of(Duration.ofMinutes(59), Duration.ofDays(31), Duration.ofHours(-1))) {
            assertThatThrownBy(() -> practice.createAssignment(ADA, draft(1, 0, GradeWeights.peerOnly(), false)
                    .withReviewExpiry(bad))).isInstanceOf(ValidationException.class)
                    .hasMessageContaining("reviewExpiry");
        }
        assertThat(practice.assignments(ADA, course.id(), null, 10).items()).isEmpty();
    }

    @Test
    void nextToReview_whenEveryoneReviewed_runsOutAndFinalisesEachGrade() {
        Assignment a = peerOnly(2);
        List<Submission> work = new ArrayList<>();
        for (Actor learner : List.of(LENA, TOM, ANA)) {
            work.add(hand(learner, a));
        }
        assertThat(reviewAll(TOM, a, scores(10, 5)) + reviewAll(ANA, a, scores(5, 5))
                + reviewAll(LENA, a, scores(10, 5))).isEqualTo(6);
        for (Submission s : work) {
            PracticeGrade g = practice.grade(ADA, s.id());
            assertThat(g.state()).isEqualTo(GradeState.FINAL);
            assertThat(g.scoreBp()).isBetween(7000, 10000);
        }
        // lena's was reviewed by tom (10000) and ana (7000), both at full weight without calibration
        assertThat(practice.grade(LENA, work.get(0).id()).scoreBp()).isEqualTo((10000 + 7000) / 2);
        assertThat(practice.nextToReview(TOM, a.id())).isEmpty();
    }

    @Test
    void grade_whenPassedOnTheLastOpenLesson_completesTheCourseSoACertificateIsIssued() {
        Assignment a = peerOnly(1);
        learnloop.progress().markDone(LENA.id(), lessons.get(1));
        Submission lenas = hand(LENA, a);
        assertThatThrownBy(() -> learnloop.certificates().issue(LENA.id(), course.id()))
                .isInstanceOf(ConflictException.class);
        practice.review(TOM, practice.nextToReview(TOM, a.id()).orElseThrow().submission(), scores(7, 4), null);

        assertThat(practice.grade(LENA, lenas.id()).passed()).isTrue();
        assertThat(learnloop.progress().courseCompletion(LENA.id(), course.id()).completed()).isTrue();
        assertThat(events).anyMatch(e -> e.type().equals(EventTypes.COURSE_COMPLETED));
        assertThat(learnloop.certificates().issue(LENA.id(), course.id()).learner()).isEqualTo(LENA.id());
    }

    @Test
    void grade_whenFailed_leavesTheLessonOpen() {
        Assignment a = peerOnly(1);
        Submission lenas = hand(LENA, a);
        practice.review(TOM, practice.nextToReview(TOM, a.id()).orElseThrow().submission(), scores(3, 1), null);

        PracticeGrade g = practice.grade(LENA, lenas.id());
        assertThat(g.state()).isEqualTo(GradeState.FINAL);
        assertThat(g.passed()).isFalse();
        assertThat(learnloop.progress().lessonProgress(LENA.id(), lessons.get(0))).isEmpty();
    }

    // ---- bad input ----

    @Test
    void createAssignment_whenRubricWeightsDoNotSum_failsValidationAndStoresNothing() {
        AssignmentDraft bad = new AssignmentDraft(lessons.get(0), "Essay", null, Rubric.of(
                new Criterion("clarity", "Clear", 6000, 10), new Criterion("facts", "Facts", 3000, 5)), DUE, null,
                1, 0, new GradeWeights(5000, 0, 4000), 6000, false);
        assertThatThrownBy(() -> practice.createAssignment(ADA, bad))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).fields()).contains("rubric.criteria", "weights"))
                .hasMessageContaining("sum to 9000");
        assertThat(practice.assignments(ADA, course.id(), null, 10).items()).isEmpty();
    }

    @Test
    void createAssignment_whenNoInstructor_isForbidden() {
        AssignmentDraft ok = draft(1, 0, GradeWeights.peerOnly(), false);
        assertThatThrownBy(() -> practice.createAssignment(LINUS, ok)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> practice.createAssignment(LENA, ok)).isInstanceOf(ForbiddenException.class);
        assertThat(practice.createAssignment(Staff.ADMIN, ok).course()).isEqualTo(course.id());
    }

    @Test
    void review_whenOwnWork_isForbiddenAndStoresNothing() {
        Assignment a = peerOnly(1);
        Submission lenas = hand(LENA, a);
        assertThat(practice.nextToReview(LENA, a.id())).isEmpty();
        assertThatThrownBy(() -> practice.review(LENA, lenas.id(), scores(10, 5), "great"))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("own work");
        assertThat(practice.grade(LENA, lenas.id()).peerBp()).isNull();
        assertThat(practice.submission(LENA, lenas.id()).reviewsDone()).isZero();
    }

    @Test
    void review_whenSameGroupAndGroupsAreSeparated_isNeverHandedOutAndIsForbidden() {
        Assignment a = practice.createAssignment(ADA, draft(1, 0, GradeWeights.peerOnly(), true));
        Submission toms = hand(TOM, a);
        // ana is in tom's group: nothing for her; lena is not: she gets tom's
        assertThat(practice.nextToReview(ANA, a.id())).isEmpty();
        assertThatThrownBy(() -> practice.review(ANA, toms.id(), scores(10, 5), null))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("own group");
        assertThat(practice.nextToReview(LENA, a.id()).orElseThrow().submission()).isEqualTo(toms.id());
    }

    @Test
    void review_whenScoreOutOfRangeOrMissing_failsValidationAndStoresNothing() {
        Assignment a = peerOnly(1);
        Submission lenas = hand(LENA, a);
        ReviewTask task = practice.nextToReview(TOM, a.id()).orElseThrow();
        assertThatThrownBy(() -> practice.review(TOM, task.submission(), Map.of("clarity", 11, "style", 1), null))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).fields())
                        .contains("scores.clarity", "scores.correctness", "scores.style"));
        assertThatThrownBy(() -> practice.review(TOM, task.submission(), scores(-1, 2), null))
                .isInstanceOf(ValidationException.class);
        assertThat(practice.submission(LENA, lenas.id()).reviewsDone()).isZero();
        assertThat(practice.review(TOM, task.submission(), scores(10, 5), null).scoreBp()).isEqualTo(10000);
    }

    @Test
    void review_whenCalibrationNotDone_isRefusedUntilItIs() {
        Assignment a = practice.createAssignment(ADA, draft(1, 1, GradeWeights.peerOnly(), false));
        assertThatThrownBy(() -> practice.nextToReview(TOM, a.id()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("calibration");
        var reference = practice.addCalibration(ADA, a.id(), SubmissionContent.text("Model"), scores(8, 4));
        Submission lenas = hand(LENA, a);
        assertThatThrownBy(() -> practice.review(TOM, lenas.id(), scores(10, 5), null))
                .isInstanceOf(ConflictException.class)
                .satisfies(e -> assertThat(((ConflictException) e).code()).isEqualTo(ErrorCode.INVALID_STATE))
                .hasMessageContaining("calibration");
        assertThat(practice.nextToReview(TOM, a.id()).orElseThrow().submission()).isEqualTo(reference.id());
        practice.review(TOM, reference.id(), scores(8, 4), null);
        assertThat(practice.nextToReview(TOM, a.id()).orElseThrow().submission()).isEqualTo(lenas.id());
        practice.review(TOM, lenas.id(), scores(10, 5), null);
        assertThat(practice.grade(LENA, lenas.id()).scoreBp()).isEqualTo(10000);
    }

    @Test
    void submit_whenLateOrAfterCutoff_penalisesOrRefuses() {
        Assignment a = peerOnly(1);
        clock.set(DUE.plus(Duration.ofHours(30)));             // a day and a quarter late: two started days
        Submission lenas = practice.submit(LENA, a.id(), SubmissionContent.text("Late essay"));
        assertThat(lenas.late()).isTrue();
        assertThat(lenas.daysLate()).isEqualTo(2);
        assertThatThrownBy(() -> practice.submit(LENA, a.id(), SubmissionContent.text("Again")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("due");
        clock.set(DUE.plus(Duration.ofDays(2)).plusSeconds(1));
        assertThatThrownBy(() -> practice.submit(TOM, a.id(), SubmissionContent.text("Too late")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("closed");
        assertThat(practice.submissions(ADA, a.id(), null, 10).items()).containsExactly(lenas);

        ReviewTask task = practice.nextToReview(ANA, a.id()).orElseThrow();
        practice.review(ANA, task.submission(), scores(10, 5), null);
        PracticeGrade g = practice.grade(LENA, lenas.id());
        assertThat(g.penaltyBp()).isEqualTo(2 * 1000);
        assertThat(g.scoreBp()).isEqualTo(10000 * (10000 - 2000) / 10000);
    }

    @Test
    void submit_whenResubmittedBeforeDue_replacesWithANewRevision() {
        Assignment a = peerOnly(1);
        Submission first = hand(LENA, a);
        Submission second = practice.submit(LENA, a.id(), SubmissionContent.text("Second draft"));
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.revision()).isEqualTo(2);
        assertThat(practice.submission(LENA, first.id()).content().text()).isEqualTo("Second draft");
        practice.nextToReview(TOM, a.id()).orElseThrow();
        assertThatThrownBy(() -> practice.submit(LENA, a.id(), SubmissionContent.text("Third")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("review has begun");
    }

    @Test
    void submit_whenBadContentOrNoAccess_isRefusedAndStoresNothing() {
        Assignment a = peerOnly(1);
        assertThatThrownBy(() -> practice.submit(LENA, a.id(), new SubmissionContent(" ", List.of("ftp://x"),
                List.of(new FileRef("file:///etc/passwd", "XYZ", -1)))))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).fields()).contains("content.links[0]",
                        "content.files[0].uri", "content.files[0].sha256", "content.files[0].size"));
        assertThatThrownBy(() -> practice.submit(EVE, a.id(), SubmissionContent.text("Essay")))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("access");
        assertThat(practice.submissions(ADA, a.id(), null, 10).items()).isEmpty();
    }

    // ---- override and appeals ----

    @Test
    void override_whenInstructorOverrides_winsIsFinalAndAuditedWhileOthersAreRefused() {
        Assignment a = practice.createAssignment(ADA, draft(1, 0, new GradeWeights(5000, 0, 5000), false));
        Submission lenas = hand(LENA, a);
        practice.review(TOM, practice.nextToReview(TOM, a.id()).orElseThrow().submission(), scores(2, 1), null);
        assertThatThrownBy(() -> practice.override(LINUS, lenas.id(), 9000, "looks fine"))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> practice.override(LENA, lenas.id(), 10000, "mine"))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> practice.override(ADA, lenas.id(), 10001, "x"))
                .isInstanceOf(ValidationException.class);
        assertThat(practice.grade(LENA, lenas.id()).state()).isEqualTo(GradeState.PROVISIONAL);

        PracticeGrade g = practice.override(ADA, lenas.id(), 7300, "the reviewer misread the brief");
        assertThat(g.scoreBp()).isEqualTo(7300);
        assertThat(g.state()).isEqualTo(GradeState.FINAL);
        assertThat(practice.grade(LENA, lenas.id())).isEqualTo(g);
        assertThatThrownBy(() -> practice.instructorReview(ADA, lenas.id(), scores(1, 1), null))
                .isInstanceOf(ConflictException.class);
        assertThat(learnloop.auditLog().about(Staff.ADMIN, LENA.id(), null, 10).items())
                .anySatisfy(e -> assertThat(e.action()).isEqualTo(AuditAction.GRADE_CHANGED));
        assertThat(learnloop.progress().lessonProgress(LENA.id(), lessons.get(0))).hasValueSatisfying(p ->
                assertThat(p.completed()).isTrue());
    }

    @Test
    void appeal_whenAppealedTwiceOrResolvedByOthers_isRefusedAndTheInstructorsNewGradeStands() {
        Assignment a = peerOnly(1);
        Submission lenas = hand(LENA, a);
        assertThatThrownBy(() -> practice.appeal(LENA, lenas.id(), "too early"))
                .isInstanceOf(ConflictException.class).hasMessageContaining("not final");
        practice.review(TOM, practice.nextToReview(TOM, a.id()).orElseThrow().submission(), scores(2, 1), null);
        int before = practice.grade(LENA, lenas.id()).scoreBp();
        assertThat(before).isEqualTo(6000 * 2 / 10 + 4000 / 5);
        assertThat(practice.grade(LENA, lenas.id()).passed()).isFalse();

        assertThatThrownBy(() -> practice.appeal(TOM, lenas.id(), "for her")).isInstanceOf(ForbiddenException.class);
        Appeal open = practice.appeal(LENA, lenas.id(), "The reviewer skipped my second page.");
        assertThat(open.state()).isEqualTo(AppealState.OPEN);
        assertThat(open.previousBp()).isEqualTo(before);
        assertThatThrownBy(() -> practice.appeal(LENA, lenas.id(), "again"))
                .isInstanceOf(ConflictException.class)
                .satisfies(e -> assertThat(((ConflictException) e).code()).isEqualTo(ErrorCode.DUPLICATE_KEY));
        assertThatThrownBy(() -> practice.resolveAppeal(LINUS, lenas.id(), 9000, "sure"))
                .isInstanceOf(ForbiddenException.class);

        Appeal resolved = practice.resolveAppeal(ADA, lenas.id(), 8000, "Second page read; it holds up.");
        assertThat(resolved.state()).isEqualTo(AppealState.CHANGED);
        assertThat(resolved.newBp()).isEqualTo(8000);
        assertThat(practice.grade(LENA, lenas.id()).scoreBp()).isEqualTo(8000);
        assertThat(practice.grade(LENA, lenas.id()).passed()).isTrue();
        assertThatThrownBy(() -> practice.resolveAppeal(ADA, lenas.id(), null, "again"))
                .isInstanceOf(ConflictException.class);
        assertThat(events).filteredOn(e -> e.type().equals(EventTypes.PRACTICE_GRADED)).extracting(e -> e.data()
                .get("scoreBp")).containsExactly(Integer.toString(before), "8000");
        assertThat(learnloop.progress().lessonProgress(LENA.id(), lessons.get(0))).hasValueSatisfying(p ->
                assertThat(p.completed()).isTrue());
    }

    // ---- reading and personal data ----

    @Test
    void submission_whenReadByAnotherLearner_isForbidden() {
        Assignment a = peerOnly(1);
        Submission lenas = hand(LENA, a);
        assertThatThrownBy(() -> practice.submission(TOM, lenas.id())).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> practice.grade(TOM, lenas.id())).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> practice.submissions(TOM, a.id(), null, 10)).isInstanceOf(ForbiddenException.class);
        assertThat(practice.submission(ADA, lenas.id())).isEqualTo(lenas);
    }

    @Test
    void erase_whenLearnerPractised_exportsThenRemovesTheirWorkAndName() {
        Assignment a = peerOnly(1);
        Submission lenas = hand(LENA, a);
        hand(TOM, a);
        practice.review(LENA, practice.nextToReview(LENA, a.id()).orElseThrow().submission(), scores(5, 5),
                "Lena's comment");
        practice.review(TOM, practice.nextToReview(TOM, a.id()).orElseThrow().submission(), scores(5, 5), null);
        practice.appeal(LENA, lenas.id(), "Please look again");

        ExportManifest manifest = learnloop.personalData().export(Staff.ADMIN, LENA.id(),
                OutputStream.nullOutputStream());
        assertThat(manifest.sections()).extracting(ExportedSection::name, ExportedSection::records).contains(
                org.assertj.core.groups.Tuple.tuple("practice-submissions", 1L),
                org.assertj.core.groups.Tuple.tuple("practice-reviews", 1L),
                org.assertj.core.groups.Tuple.tuple("practice-grades", 1L),
                org.assertj.core.groups.Tuple.tuple("practice-appeals", 1L));

        learnloop.personalData().erase(Staff.ADMIN, LENA.id(), "asked by mail");

        Submission erased = practice.submissions(ADA, a.id(), null, 10).items().stream()
                .filter(s -> s.id().equals(lenas.id())).findFirst().orElseThrow();
        assertThat(erased.learner()).isNotEqualTo(LENA.id());
        assertThat(erased.content().text()).isEqualTo("erased");
        assertThat(erased.content().links()).isEmpty();
        assertThat(erased.content().files()).isEmpty();
        assertThat(practice.grade(ADA, lenas.id()).scoreBp()).isEqualTo(7000);
        Submission toms = practice.submissions(ADA, a.id(), null, 10).items().stream()
                .filter(s -> s.learner().equals(TOM.id())).findFirst().orElseThrow();
        assertThat(toms.content().text()).isEqualTo("My essay by tom");
        assertThat(practice.grade(TOM, toms.id()).scoreBp()).isEqualTo(7000);
    }

    @Test
    void peerReview_whenWritten_carriesItsScore() {
        Assignment a = peerOnly(1);
        hand(LENA, a);
        PeerReview r = practice.review(TOM, practice.nextToReview(TOM, a.id()).orElseThrow().submission(),
                scores(10, 0), "no facts");
        assertThat(r.scoreBp()).isEqualTo(6000);
        assertThat(r.open()).isFalse();
        assertThat(r.reviewer()).isEqualTo(TOM.id());
    }

    @Test
    void review_whenPeerReviewWritten_earnsTheReviewerReputationOnce() {
        Assignment a = peerOnly(1);
        hand(LENA, a);
        SubmissionId lenas = practice.nextToReview(TOM, a.id()).orElseThrow().submission();
        PeerReview r = practice.review(TOM, lenas, scores(8, 4), "good");

        assertThat(learnloop.reputation().score(TOM.id()).lifetimePoints()).isEqualTo(10);
        assertThat(learnloop.reputation().score(LENA.id()).lifetimePoints()).isZero();
        assertThat(events).filteredOn(e -> e.type().equals(EventTypes.PRACTICE_REVIEWED))
                .singleElement().satisfies(e -> assertThat(e.get("reviewId")).isEqualTo(r.id()));
        // the award is keyed by the review, so recording it again counts nothing
        learnloop.reputation().recordPeerReview(TOM.id(), LENA.id(), lenas.value(), r.id());
        assertThat(learnloop.reputation().score(TOM.id()).lifetimePoints()).isEqualTo(10);
    }
}
