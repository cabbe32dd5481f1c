package io.learnloop.core.internal.practice;

import io.learnloop.core.Page;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.access.AccessService;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.error.NotFoundException;
import io.learnloop.core.error.Validator;
import io.learnloop.core.event.EventTypes;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.internal.privacy.AuditTrail;
import io.learnloop.core.learning.CourseFacts;
import io.learnloop.core.learning.LessonCatalog;
import io.learnloop.core.learning.LessonFacts;
import io.learnloop.core.practice.Appeal;
import io.learnloop.core.practice.AppealState;
import io.learnloop.core.practice.Assignment;
import io.learnloop.core.practice.AssignmentDraft;
import io.learnloop.core.practice.AssignmentId;
import io.learnloop.core.practice.GradeFormula;
import io.learnloop.core.practice.PeerGroups;
import io.learnloop.core.practice.PeerReview;
import io.learnloop.core.practice.PracticeGrade;
import io.learnloop.core.practice.PracticeService;
import io.learnloop.core.practice.ReviewExpiredException;
import io.learnloop.core.practice.ReviewKind;
import io.learnloop.core.practice.ReviewTask;
import io.learnloop.core.practice.Submission;
import io.learnloop.core.practice.SubmissionContent;
import io.learnloop.core.practice.SubmissionId;
import io.learnloop.core.privacy.AuditAction;
import io.learnloop.core.store.IndexRange;
import io.learnloop.core.store.Pages;
import io.learnloop.core.store.UnitOfWork;
import io.learnloop.core.store.Versioned;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The practice service over the store.
 *
 * <p>Thread-safe: immutable.
 */
public final class DefaultPracticeService implements PracticeService {
    private static final String SELF = "#self";
    private static final String INSTRUCTOR = "#instructor";

    private final ServiceContext ctx;
    private final LessonCatalog lessons;
    private final AccessService access;
    private final PeerGroups groups;
    private final GradeBook book;
    private final ReviewAllocation allocation;

    /**
     * Creates the service.
     *
     * @param ctx     the facade's context
     * @param lessons course and lesson facts
     * @param access  the access ledger, which says who may take part
     * @param groups  the host's learner groups
     */
    public DefaultPracticeService(ServiceContext ctx, LessonCatalog lessons, AccessService access, PeerGroups groups) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.lessons = Objects.requireNonNull(lessons, "lessons");
        this.access = Objects.requireNonNull(access, "access");
        this.groups = Objects.requireNonNull(groups, "groups");
        this.book = new GradeBook(ctx, lessons);
        this.allocation = new ReviewAllocation();
    }

    // ---- assignments ----

    @Override
    public Assignment createAssignment(Actor author, AssignmentDraft draft) {
        Validator v = new Validator().notNull("author", author).notNull("draft", draft);
        v.throwIfInvalid();
        Optional<LessonFacts> lesson = draft.lesson() == null ? Optional.empty() : lessons.lesson(draft.lesson());
        if (lesson.isPresent()) {
            requireInstructor(author, lesson.get().courseId(), "create an assignment in course '"
                    + lesson.get().courseId() + "'");
        } else {
            author.require(Role.CREATOR, "create an assignment");
        }
        PracticeValidation.draft(v, draft);
        v.check(draft.lesson() == null || lesson.isPresent(), "lesson", "no lesson '" + draft.lesson() + "' exists");
        v.throwIfInvalid();
        Assignment a = new Assignment(new AssignmentId(ctx.newId()), lesson.get().courseId(), draft.lesson(),
                draft.title().strip(), draft.instructions(), draft.rubric(), draft.due(), draft.late(),
                draft.reviewsRequired(), draft.calibrationReviews(), draft.weights(), draft.passingBp(),
                draft.separateGroups(), author.id(), ctx.now(), draft.reviewExpiry());
        return ctx.transact(uow -> uow.insert(PracticeTypes.ASSIGNMENT, a).value());
    }

    @Override
    public Assignment assignment(Actor reader, AssignmentId assignment) {
        new Validator().notNull("reader", reader).notNull("assignmentId", assignment).throwIfInvalid();
        return ctx.read(uow -> uow.get(PracticeTypes.ASSIGNMENT, assignment.value())).value();
    }

    @Override
    public Page<Assignment> assignments(Actor reader, CourseId course, String cursor, int limit) {
        new Validator().notNull("reader", reader).notNull("courseId", course).throwIfInvalid();
        Pages.checkLimit(limit);
        return ctx.read(uow -> Pages.page(uow, PracticeTypes.ASSIGNMENT, PracticeTypes.BY_COURSE, course.value(),
                IndexRange.first(limit), cursor, a -> a));
    }

    // ---- submissions ----

    @Override
    public Submission addCalibration(Actor author, AssignmentId assignment, SubmissionContent content,
                                     Map<String, Integer> referenceScores) {
        new Validator().notNull("author", author).notNull("assignmentId", assignment).throwIfInvalid();
        Assignment a = assignment(author, assignment);
        requireInstructor(author, a.course(), "add a calibration submission to assignment '" + a.id() + "'");
        Validator v = new Validator();
        PracticeValidation.content(v, content);
        PracticeValidation.scores(v, a.rubric(), referenceScores, null);
        v.throwIfInvalid();
        return ctx.transactRetrying(uow -> {
            int existing = uow.findRange(PracticeTypes.SUBMISSION, PracticeTypes.CALIBRATIONS, a.id().value(),
                    IndexRange.first(MAX_CALIBRATION + 1)).size();
            if (existing >= MAX_CALIBRATION) {
                throw new ConflictException(ErrorCode.INVALID_STATE, "Assignment '" + a.id() + "' already has "
                        + MAX_CALIBRATION + " calibration submissions, the most it may have.");
            }
            Submission s = new Submission(new SubmissionId(ctx.newId()), a.id(), author.id(), true, 1, content, null,
                    ctx.now(), 0, 0, 0, referenceScores);
            return uow.insert(PracticeTypes.SUBMISSION, s).value();
        });
    }

    @Override
    public Submission submit(Actor learner, AssignmentId assignment, SubmissionContent content) {
        new Validator().notNull("learner", learner).notNull("assignmentId", assignment).throwIfInvalid();
        Assignment a = assignment(learner, assignment);
        requireParticipant(learner, a, "hand in work for assignment '" + a.id() + "'");
        Validator v = new Validator();
        PracticeValidation.content(v, content);
        v.throwIfInvalid();
        Instant now = ctx.now();
        if (now.isAfter(a.closesAt())) {
            throw new ConflictException(ErrorCode.INVALID_STATE, "Assignment '" + a.id() + "' closed at "
                    + a.closesAt() + " (due " + a.due() + "); no work is accepted after that.");
        }
        int daysLate = daysLate(a.due(), now);
        String group = a.separateGroups() ? groups.groupOf(learner.id(), a.course()) : null;
        return ctx.transactRetrying(uow -> {
            Optional<Versioned<Submission>> existing = uow.findUnique(PracticeTypes.SUBMISSION,
                    PracticeTypes.LEARNER_ASSIGNMENT, PracticeTypes.keyOf(a.id().value(), learner.id().value()));
            Submission stored;
            if (existing.isPresent()) {
                Submission s = existing.get().value();
                requireReplaceable(uow, a, s, now);
                stored = uow.update(PracticeTypes.SUBMISSION, new Submission(s.id(), s.assignment(), s.learner(),
                        false, s.revision() + 1, content, group, now, daysLate, 0, 0, Map.of()),
                        existing.get().version()).value();
            } else {
                stored = uow.insert(PracticeTypes.SUBMISSION, new Submission(new SubmissionId(ctx.newId()), a.id(),
                        learner.id(), false, 1, content, group, now, daysLate, 0, 0, Map.of())).value();
            }
            uow.publish(ctx.event(EventTypes.PRACTICE_SUBMITTED, stored.id().value() + "@" + stored.revision(),
                    Map.of("learnerId", learner.id().value(), "assignmentId", a.id().value(),
                            "submissionId", stored.id().value())));
            return stored;
        });
    }

    private static void requireReplaceable(UnitOfWork uow, Assignment a, Submission s, Instant now) {
        if (now.isAfter(a.due())) {
            throw new ConflictException(ErrorCode.INVALID_STATE, "Submission '" + s.id() + "' can no longer be "
                    + "replaced: assignment '" + a.id() + "' was due at " + a.due() + ".");
        }
        if (s.reviewsAssigned() > 0 || !uow.findBy(PracticeTypes.REVIEW, PracticeTypes.BY_SUBMISSION,
                s.id().value()).isEmpty() || uow.find(PracticeTypes.GRADE, s.id().value()).isPresent()) {
            throw new ConflictException(ErrorCode.INVALID_STATE, "Submission '" + s.id() + "' can no longer be "
                    + "replaced: its review has begun.");
        }
    }

    /** Started days after the due time: one second late is one day late. */
    static int daysLate(Instant due, Instant at) {
        if (!at.isAfter(due)) {
            return 0;
        }
        Duration late = Duration.between(due, at);
        long days = late.toDays();
        return (int) (late.equals(Duration.ofDays(days)) ? days : days + 1);
    }

    @Override
    public Submission submission(Actor reader, SubmissionId submission) {
        new Validator().notNull("reader", reader).notNull("submissionId", submission).throwIfInvalid();
        Submission s = load(submission);
        requireOwnerOrInstructor(reader, s, "read submission '" + s.id() + "'");
        return s;
    }

    @Override
    public Page<Submission> submissions(Actor author, AssignmentId assignment, String cursor, int limit) {
        new Validator().notNull("author", author).notNull("assignmentId", assignment).throwIfInvalid();
        Assignment a = assignment(author, assignment);
        requireInstructor(author, a.course(), "list the submissions of assignment '" + a.id() + "'");
        Pages.checkLimit(limit);
        return ctx.read(uow -> Pages.page(uow, PracticeTypes.SUBMISSION, PracticeTypes.BY_ASSIGNMENT,
                a.id().value(), IndexRange.first(limit), cursor, s -> s));
    }

    // ---- reviews ----

    @Override
    public Optional<ReviewTask> nextToReview(Actor reviewer, AssignmentId assignment) {
        new Validator().notNull("reviewer", reviewer).notNull("assignmentId", assignment).throwIfInvalid();
        Assignment a = assignment(reviewer, assignment);
        requireParticipant(reviewer, a, "review work of assignment '" + a.id() + "'");
        String group = a.separateGroups() ? groups.groupOf(reviewer.id(), a.course()) : null;
        // released in a unit of work of its own, so the allocation below reads the submissions as released
        ctx.transactRetrying(uow -> ReviewAllocation.expire(uow, a, ctx.now(), EXPIRY_BATCH));
        return ctx.transactRetrying(uow -> allocation.next(uow, a, reviewer.id(), group, ctx.now()));
    }

    @Override
    public PeerReview review(Actor reviewer, SubmissionId submission, Map<String, Integer> scores, String comment) {
        new Validator().notNull("reviewer", reviewer).notNull("submissionId", submission).throwIfInvalid();
        Submission s = load(submission);
        Assignment a = assignment(reviewer, s.assignment());
        requireParticipant(reviewer, a, "review work of assignment '" + a.id() + "'");
        Validator v = new Validator();
        PracticeValidation.scores(v, a.rubric(), scores, comment);
        v.throwIfInvalid();
        if (s.calibration()) {
            return ctx.transactRetrying(uow -> calibrate(uow, a, s, reviewer, scores, comment));
        }
        if (s.learner().equals(reviewer.id())) {
            throw new ForbiddenException("User '" + reviewer.id() + "' may not review submission '" + s.id()
                    + "': it is their own work; assess it with selfAssess instead.");
        }
        if (a.separateGroups() && s.group() != null
                && s.group().equals(groups.groupOf(reviewer.id(), a.course()))) {
            throw new ForbiddenException("User '" + reviewer.id() + "' may not review submission '" + s.id()
                    + "': it comes from their own group, and assignment '" + a.id() + "' keeps groups apart.");
        }
        return ctx.transactRetrying(uow -> {
            int calibrated = ReviewAllocation.calibrated(uow, a, reviewer.id()).size();
            if (calibrated < a.calibrationReviews()) {
                throw new ConflictException(ErrorCode.INVALID_STATE, "User '" + reviewer.id() + "' has graded "
                        + calibrated + " of the " + a.calibrationReviews() + " calibration submissions of assignment '"
                        + a.id() + "'; grade those first (nextToReview hands them out).");
            }
            Optional<Versioned<PeerReview>> found = uow.find(PracticeTypes.REVIEW,
                    PeerReview.idOf(s.id(), reviewer.id()));
            if (found.isEmpty() || found.get().value().kind() != ReviewKind.PEER) {
                throw new ConflictException(ErrorCode.INVALID_STATE, "Submission '" + s.id() + "' was not handed "
                        + "to user '" + reviewer.id() + "' for review; ask nextToReview for work.");
            }
            PeerReview open = found.get().value();
            Instant expiry = open.assignedAt().plus(a.reviewExpiry());
            if (open.expired() || (open.open() && !ctx.now().isBefore(expiry))) {
                throw new ReviewExpiredException(s.id(), reviewer.id(), open.expired() ? open.expiredAt() : expiry);
            }
            if (!open.open()) {
                throw new ConflictException(ErrorCode.INVALID_STATE, "User '" + reviewer.id() + "' already "
                        + "reviewed submission '" + s.id() + "' at " + open.submittedAt() + ".");
            }
            Instant now = ctx.now();
            PeerReview written = uow.update(PracticeTypes.REVIEW, new PeerReview(open.id(), s.id(), a.id(),
                    reviewer.id(), ReviewKind.PEER, scores, comment, GradeFormula.score(a.rubric(), scores), 0,
                    open.assignedAt(), now), found.get().version()).value();
            Versioned<Submission> current = uow.get(PracticeTypes.SUBMISSION, s.id().value());
            Submission c = current.value();
            Submission counted = uow.update(PracticeTypes.SUBMISSION, new Submission(c.id(), c.assignment(),
                    c.learner(), false, c.revision(), c.content(), c.group(), c.submittedAt(), c.daysLate(),
                    c.reviewsAssigned(), c.reviewsDone() + 1, c.referenceScores()), current.version()).value();
            uow.publish(ctx.event(EventTypes.PRACTICE_REVIEWED, written.id(), Map.of("reviewerId",
                    reviewer.id().value(), "learnerId", s.learner().value(), "submissionId", s.id().value(),
                    "reviewId", written.id())));
            book.settle(uow, a, counted);
            return written;
        });
    }

    private PeerReview calibrate(UnitOfWork uow, Assignment a, Submission s, Actor reviewer,
                                 Map<String, Integer> scores, String comment) {
        boolean asked = uow.findRange(PracticeTypes.SUBMISSION, PracticeTypes.CALIBRATIONS, a.id().value(),
                IndexRange.first(Math.max(1, a.calibrationReviews()))).stream()
                .anyMatch(c -> c.value().id().equals(s.id()));
        if (!asked || a.calibrationReviews() == 0) {
            throw new ConflictException(ErrorCode.INVALID_STATE, "Calibration submission '" + s.id()
                    + "' is not one that assignment '" + a.id() + "' asks reviewers to grade.");
        }
        String id = PeerReview.idOf(s.id(), reviewer.id());
        if (uow.find(PracticeTypes.REVIEW, id).isPresent()) {
            throw new ConflictException(ErrorCode.INVALID_STATE, "User '" + reviewer.id()
                    + "' already graded calibration submission '" + s.id() + "'.");
        }
        Instant now = ctx.now();
        return uow.insert(PracticeTypes.REVIEW, new PeerReview(id, s.id(), a.id(), reviewer.id(),
                ReviewKind.CALIBRATION, scores, comment, GradeFormula.score(a.rubric(), scores),
                GradeFormula.accuracy(a.rubric(), s.referenceScores(), scores), now, now)).value();
    }

    @Override
    public PeerReview selfAssess(Actor learner, SubmissionId submission, Map<String, Integer> scores, String comment) {
        new Validator().notNull("learner", learner).notNull("submissionId", submission).throwIfInvalid();
        Submission s = load(submission);
        if (s.calibration() || !s.learner().equals(learner.id())) {
            throw new ForbiddenException("User '" + learner.id() + "' may not assess submission '" + s.id()
                    + "'; only the learner who handed it in may.");
        }
        return judge(s, learner, ReviewKind.SELF, SELF, scores, comment);
    }

    @Override
    public PeerReview instructorReview(Actor author, SubmissionId submission, Map<String, Integer> scores,
                                       String comment) {
        new Validator().notNull("author", author).notNull("submissionId", submission).throwIfInvalid();
        Submission s = learnerWork(load(submission));
        Assignment a = assignment(author, s.assignment());
        requireInstructor(author, a.course(), "review submission '" + s.id() + "' as its instructor");
        return judge(s, author, ReviewKind.INSTRUCTOR, INSTRUCTOR, scores, comment);
    }

    private PeerReview judge(Submission s, Actor actor, ReviewKind kind, String slot, Map<String, Integer> scores,
                             String comment) {
        Assignment a = assignment(actor, s.assignment());
        Validator v = new Validator();
        PracticeValidation.scores(v, a.rubric(), scores, comment);
        v.throwIfInvalid();
        return ctx.transactRetrying(uow -> {
            requireOpenGrade(uow, s);
            String id = s.id().value() + "|" + slot;
            if (uow.find(PracticeTypes.REVIEW, id).isPresent()) {
                throw new ConflictException(ErrorCode.INVALID_STATE, "Submission '" + s.id() + "' already has its "
                        + kind.name().toLowerCase(java.util.Locale.ROOT) + " review.");
            }
            Instant now = ctx.now();
            PeerReview r = uow.insert(PracticeTypes.REVIEW, new PeerReview(id, s.id(), a.id(), actor.id(), kind,
                    scores, comment, GradeFormula.score(a.rubric(), scores), 0, now, now)).value();
            book.settle(uow, a, uow.get(PracticeTypes.SUBMISSION, s.id().value()).value());
            return r;
        });
    }

    // ---- grades ----

    @Override
    public PracticeGrade override(Actor author, SubmissionId submission, int scoreBp, String reason) {
        new Validator().notNull("author", author).notNull("submissionId", submission).throwIfInvalid();
        Submission s = learnerWork(load(submission));
        Assignment a = assignment(author, s.assignment());
        requireInstructor(author, a.course(), "override the grade of submission '" + s.id() + "'");
        Validator v = new Validator();
        PracticeValidation.grade(v, "scoreBp", scoreBp);
        PracticeValidation.reason(v, "reason", reason);
        v.throwIfInvalid();
        return ctx.transactRetrying(uow -> {
            requireOpenGrade(uow, s);
            PracticeGrade computed = book.compute(uow, a, uow.get(PracticeTypes.SUBMISSION, s.id().value()).value(),
                    scoreBp);
            PracticeGrade grade = withChanger(computed, author);
            uow.insert(PracticeTypes.GRADE, grade);
            AuditTrail.append(ctx, uow, author.id(), AuditAction.GRADE_CHANGED, s.learner(),
                    "practice_submission:" + s.id(), "override to " + scoreBp + " bp: " + reason.strip());
            book.published(uow, a, grade);
            return grade;
        });
    }

    private static PracticeGrade withChanger(PracticeGrade g, Actor actor) {
        return new PracticeGrade(g.submission(), g.assignment(), g.learner(), g.state(), g.peerBp(), g.selfBp(),
                g.instructorBp(), g.overrideBp(), g.penaltyBp(), g.scoreBp(), g.scoreGiven(), g.scoreMaximum(),
                g.passed(), g.finalAt(), actor.id());
    }

    @Override
    public PracticeGrade grade(Actor reader, SubmissionId submission) {
        new Validator().notNull("reader", reader).notNull("submissionId", submission).throwIfInvalid();
        Submission s = learnerWork(load(submission));
        requireOwnerOrInstructor(reader, s, "read the grade of submission '" + s.id() + "'");
        Assignment a = assignment(reader, s.assignment());
        return ctx.read(uow -> uow.find(PracticeTypes.GRADE, s.id().value()).map(Versioned::value)
                .orElseGet(() -> book.compute(uow, a, s, null)));
    }

    private static void requireOpenGrade(UnitOfWork uow, Submission s) {
        uow.find(PracticeTypes.GRADE, s.id().value()).ifPresent(g -> {
            throw new ConflictException(ErrorCode.INVALID_STATE, "The grade of submission '" + s.id()
                    + "' became final at " + g.value().finalAt() + "; only an appeal changes it now.");
        });
    }

    // ---- appeals ----

    @Override
    public Appeal appeal(Actor learner, SubmissionId submission, String reason) {
        new Validator().notNull("learner", learner).notNull("submissionId", submission).throwIfInvalid();
        Submission s = learnerWork(load(submission));
        if (!s.learner().equals(learner.id())) {
            throw new ForbiddenException("User '" + learner.id() + "' may not appeal the grade of submission '"
                    + s.id() + "'; only the learner who handed it in may.");
        }
        Validator v = new Validator();
        PracticeValidation.reason(v, "reason", reason);
        v.throwIfInvalid();
        return ctx.transactRetrying(uow -> {
            PracticeGrade grade = uow.find(PracticeTypes.GRADE, s.id().value()).map(Versioned::value)
                    .orElseThrow(() -> new ConflictException(ErrorCode.INVALID_STATE, "The grade of submission '"
                            + s.id() + "' is not final yet; appeal once it is."));
            uow.find(PracticeTypes.APPEAL, s.id().value()).ifPresent(previous -> {
                throw new ConflictException(ErrorCode.DUPLICATE_KEY, "The grade of submission '" + s.id()
                        + "' was appealed at " + previous.value().appealedAt() + "; a grade is appealed once.");
            });
            return uow.insert(PracticeTypes.APPEAL, new Appeal(s.id(), s.assignment(), s.learner(), reason.strip(),
                    ctx.now(), AppealState.OPEN, grade.scoreBp(), null, null, null, null)).value();
        });
    }

    @Override
    public Appeal resolveAppeal(Actor author, SubmissionId submission, Integer newScoreBp, String resolution) {
        new Validator().notNull("author", author).notNull("submissionId", submission).throwIfInvalid();
        Submission s = learnerWork(load(submission));
        Assignment a = assignment(author, s.assignment());
        requireInstructor(author, a.course(), "resolve the appeal of submission '" + s.id() + "'");
        Validator v = new Validator();
        if (newScoreBp != null) {
            PracticeValidation.grade(v, "newScoreBp", newScoreBp);
        }
        PracticeValidation.reason(v, "resolution", resolution);
        v.throwIfInvalid();
        return ctx.transactRetrying(uow -> {
            Optional<Versioned<Appeal>> found = uow.find(PracticeTypes.APPEAL, s.id().value());
            if (found.isEmpty() || found.get().value().state() != AppealState.OPEN) {
                throw new ConflictException(ErrorCode.INVALID_STATE, "Submission '" + s.id()
                        + "' has no open appeal to resolve.");
            }
            Appeal open = found.get().value();
            Versioned<PracticeGrade> stored = uow.get(PracticeTypes.GRADE, s.id().value());
            PracticeGrade g = stored.value();
            boolean changed = newScoreBp != null && newScoreBp != g.scoreBp();
            Instant now = ctx.now();
            if (changed) {
                PracticeGrade next = new PracticeGrade(g.submission(), g.assignment(), g.learner(), g.state(),
                        g.peerBp(), g.selfBp(), g.instructorBp(), newScoreBp, 0, newScoreBp,
                        GradeFormula.points(newScoreBp, g.scoreMaximum()), g.scoreMaximum(),
                        newScoreBp >= a.passingBp(), g.finalAt(), author.id());
                uow.update(PracticeTypes.GRADE, next, stored.version());
                book.published(uow, a, next);
            }
            int after = changed ? newScoreBp : g.scoreBp();
            AuditTrail.append(ctx, uow, author.id(), AuditAction.GRADE_CHANGED, s.learner(),
                    "practice_submission:" + s.id(), "appeal " + (changed ? "upheld: " + g.scoreBp() + " to "
                            + after + " bp" : "dismissed: stays " + after + " bp") + ": " + resolution.strip());
            return uow.update(PracticeTypes.APPEAL, new Appeal(open.submission(), open.assignment(), open.learner(),
                    open.reason(), open.appealedAt(), changed ? AppealState.CHANGED : AppealState.KEPT,
                    open.previousBp(), after, author.id(), resolution.strip(), now), found.get().version()).value();
        });
    }

    // ---- roles and loading ----

    private Submission load(SubmissionId submission) {
        return ctx.read(uow -> uow.get(PracticeTypes.SUBMISSION, submission.value())).value();
    }

    private static Submission learnerWork(Submission s) {
        if (s.calibration()) {
            throw new ConflictException(ErrorCode.INVALID_STATE, "Submission '" + s.id() + "' is a calibration "
                    + "submission; it is not graded.");
        }
        return s;
    }

    private boolean isInstructor(Actor actor, CourseId course) {
        if (actor.has(Role.ADMIN)) {
            return true;
        }
        CourseFacts facts = lessons.course(course).orElseThrow(() -> new NotFoundException("course", course.value()));
        return actor.has(Role.CREATOR) && facts.isAuthor(actor.id());
    }

    private void requireInstructor(Actor actor, CourseId course, String operation) {
        if (!isInstructor(actor, course)) {
            throw new ForbiddenException("User '" + actor.id() + "' may not " + operation
                    + "; only the course's authors (with the role CREATOR) or an admin may.");
        }
    }

    private void requireParticipant(Actor actor, Assignment a, String operation) {
        if (!actor.has(Role.ADMIN) && !access.hasAccess(actor.id(), a.course(), ctx.now())) {
            throw new ForbiddenException("User '" + actor.id() + "' may not " + operation
                    + "; it needs access to course '" + a.course() + "'.");
        }
    }

    private void requireOwnerOrInstructor(Actor actor, Submission s, String operation) {
        if (!s.learner().equals(actor.id()) && !isInstructor(actor, assignmentOf(s).course())) {
            throw new ForbiddenException("User '" + actor.id() + "' may not " + operation
                    + "; only its learner, the course's authors or an admin may.");
        }
    }

    private Assignment assignmentOf(Submission s) {
        return ctx.read(uow -> uow.get(PracticeTypes.ASSIGNMENT, s.assignment().value())).value();
    }
}
