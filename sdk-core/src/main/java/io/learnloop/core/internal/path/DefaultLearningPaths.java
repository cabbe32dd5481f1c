package io.learnloop.core.internal.path;

import io.learnloop.core.Page;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.assessment.Quiz;
import io.learnloop.core.assessment.QuizId;
import io.learnloop.core.assessment.QuizService;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.internal.catalog.CatalogTypes;
import io.learnloop.core.credential.CertificateService;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.error.NotFoundException;
import io.learnloop.core.error.Validator;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.learning.CourseFacts;
import io.learnloop.core.learning.LessonCatalog;
import io.learnloop.core.learning.LessonFacts;
import io.learnloop.core.learning.ProgressService;
import io.learnloop.core.path.BlockedLesson;
import io.learnloop.core.path.CoursePrerequisites;
import io.learnloop.core.path.CourseStep;
import io.learnloop.core.path.KnownBy;
import io.learnloop.core.path.LearningPath;
import io.learnloop.core.path.LearningPathService;
import io.learnloop.core.path.LessonPrerequisites;
import io.learnloop.core.path.MilestoneProgress;
import io.learnloop.core.path.NextSteps;
import io.learnloop.core.path.PathDraft;
import io.learnloop.core.path.PathId;
import io.learnloop.core.path.PlacementQuiz;
import io.learnloop.core.path.Milestone;
import io.learnloop.core.path.PrerequisiteCycleException;
import io.learnloop.core.path.StepState;
import io.learnloop.core.store.IndexRange;
import io.learnloop.core.store.Pages;
import io.learnloop.core.store.SortKeys;
import io.learnloop.core.store.UnitOfWork;
import io.learnloop.core.store.Versioned;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The learning-path service over the store.
 *
 * <p>Thread-safe: immutable.
 */
public final class DefaultLearningPaths implements LearningPathService {
    private static final String COURSE_GRAPH = "course";
    private static final String LESSON_GRAPH = "lesson";

    private final ServiceContext context;
    private final LessonCatalog lessons;
    private final ProgressService progress;
    private final QuizService quizzes;
    private final CertificateService certificates;

    /**
     * Creates the service.
     *
     * @param context      the facade's context
     * @param lessons      course and lesson facts
     * @param progress     completion of lessons and courses
     * @param quizzes      placement quizzes and their passes
     * @param certificates certificates, or null when the host issues none
     */
    public DefaultLearningPaths(ServiceContext context, LessonCatalog lessons,
                                ProgressService progress, QuizService quizzes, CertificateService certificates) {
        this.context = Objects.requireNonNull(context, "context");
        this.lessons = Objects.requireNonNull(lessons, "lessons");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.quizzes = Objects.requireNonNull(quizzes, "quizzes");
        this.certificates = certificates;
    }

    // ---- prerequisites ----

    @Override
    public CoursePrerequisites declareCourse(Actor author, CourseId course, Set<CourseId> requires) {
        new Validator().notNull("author", author).notNull("courseId", course).notNull("requires", requires)
                .throwIfInvalid();
        CourseFacts facts = lessons.course(course).orElseThrow(() -> new NotFoundException("course", course.value()));
        requireAuthor(author, facts, "declare the prerequisites of course '" + course + "'");
        List<CourseId> wanted = sortedIds(requires, CourseId::value);
        Validator v = countCheck(requires);
        for (CourseId r : wanted) {
            v.check(!r.equals(course), "requires", "course '" + course + "' cannot require itself");
            v.check(r.equals(course) || lessons.course(r).isPresent(), "requires", "no course '" + r + "' exists");
        }
        v.throwIfInvalid();
        Instant now = context.now();
        return context.transactRetrying(uow -> {
            bump(uow, COURSE_GRAPH);
            PrerequisiteGraph graph = new PrerequisiteGraph(id -> courseEdges(uow, id));
            List<String> cycle = graph.cycleThrough(course.value(), wanted.stream().map(CourseId::value).toList());
            if (!cycle.isEmpty()) {
                throw new PrerequisiteCycleException("course", cycle);
            }
            CoursePrerequisites next = new CoursePrerequisites(course, wanted, author.id(), now);
            Optional<Versioned<CoursePrerequisites>> current = uow.find(PathTypes.COURSE_PREREQUISITES, course.value());
            if (current.isPresent()) {
                return uow.update(PathTypes.COURSE_PREREQUISITES, next, current.get().version()).value();
            }
            return uow.insert(PathTypes.COURSE_PREREQUISITES, next).value();
        });
    }

    @Override
    public LessonPrerequisites declareLesson(Actor author, LessonId lesson, Set<LessonId> requires) {
        new Validator().notNull("author", author).notNull("lessonId", lesson).notNull("requires", requires)
                .throwIfInvalid();
        LessonFacts facts = lessons.lesson(lesson).orElseThrow(() -> new NotFoundException("lesson", lesson.value()));
        CourseFacts course = lessons.course(facts.courseId())
                .orElseThrow(() -> new NotFoundException("course", facts.courseId().value()));
        requireAuthor(author, course, "declare the prerequisites of lesson '" + lesson + "'");
        List<LessonId> wanted = sortedIds(requires, LessonId::value);
        Validator v = countCheck(requires);
        for (LessonId r : wanted) {
            v.check(!r.equals(lesson), "requires", "lesson '" + lesson + "' cannot require itself");
            v.check(r.equals(lesson) || lessons.lesson(r).isPresent(), "requires", "no lesson '" + r + "' exists");
        }
        v.throwIfInvalid();
        Instant now = context.now();
        return context.transactRetrying(uow -> {
            bump(uow, LESSON_GRAPH);
            PrerequisiteGraph graph = new PrerequisiteGraph(id -> lessonEdges(uow, id));
            List<String> cycle = graph.cycleThrough(lesson.value(), wanted.stream().map(LessonId::value).toList());
            if (!cycle.isEmpty()) {
                throw new PrerequisiteCycleException("lesson", cycle);
            }
            LessonPrerequisites next = new LessonPrerequisites(lesson, facts.courseId(), wanted, author.id(), now);
            Optional<Versioned<LessonPrerequisites>> current = uow.find(PathTypes.LESSON_PREREQUISITES, lesson.value());
            if (current.isPresent()) {
                return uow.update(PathTypes.LESSON_PREREQUISITES, next, current.get().version()).value();
            }
            return uow.insert(PathTypes.LESSON_PREREQUISITES, next).value();
        });
    }

    private static Validator countCheck(Set<?> requires) {
        Validator v = new Validator();
        v.check(requires.size() <= MAX_PREREQUISITES, "requires",
                "must hold at most " + MAX_PREREQUISITES + " prerequisites (was " + requires.size() + ")");
        v.check(requires.stream().noneMatch(Objects::isNull), "requires", "must not hold null");
        return v;
    }

    private static <T> List<T> sortedIds(Set<T> ids, Function<T, String> value) {
        TreeSet<T> sorted = new TreeSet<>(Comparator.comparing(value));
        for (T id : ids) {
            if (id != null) {
                sorted.add(id);
            }
        }
        return List.copyOf(sorted);
    }

    private static void bump(UnitOfWork uow, String graph) {
        Optional<Versioned<GraphHead>> head = uow.find(PathTypes.GRAPH_HEAD, graph);
        if (head.isPresent()) {
            uow.update(PathTypes.GRAPH_HEAD, new GraphHead(graph, head.get().value().revision() + 1),
                    head.get().version());
        } else {
            uow.insert(PathTypes.GRAPH_HEAD, new GraphHead(graph, 1));
        }
    }

    private static List<String> courseEdges(UnitOfWork uow, String course) {
        return uow.find(PathTypes.COURSE_PREREQUISITES, course)
                .map(v -> v.value().requires().stream().map(CourseId::value).toList()).orElse(List.of());
    }

    private static List<String> lessonEdges(UnitOfWork uow, String lesson) {
        return uow.find(PathTypes.LESSON_PREREQUISITES, lesson)
                .map(v -> v.value().requires().stream().map(LessonId::value).toList()).orElse(List.of());
    }

    @Override
    public CoursePrerequisites courseRequirements(Actor reader, CourseId course) {
        new Validator().notNull("reader", reader).notNull("courseId", course).throwIfInvalid();
        if (lessons.course(course).isEmpty()) {
            throw new NotFoundException("course", course.value());
        }
        return requirementsOf(course);
    }

    private CoursePrerequisites requirementsOf(CourseId course) {
        return context.read(uow -> uow.find(PathTypes.COURSE_PREREQUISITES, course.value()))
                .map(Versioned::value).orElseGet(() -> CoursePrerequisites.none(course));
    }

    @Override
    public LessonPrerequisites lessonRequirements(Actor reader, LessonId lesson) {
        new Validator().notNull("reader", reader).notNull("lessonId", lesson).throwIfInvalid();
        LessonFacts facts = lessons.lesson(lesson).orElseThrow(() -> new NotFoundException("lesson", lesson.value()));
        return requirementsOf(facts);
    }

    private LessonPrerequisites requirementsOf(LessonFacts lesson) {
        return context.read(uow -> uow.find(PathTypes.LESSON_PREREQUISITES, lesson.lessonId().value()))
                .map(Versioned::value)
                .orElseGet(() -> new LessonPrerequisites(lesson.lessonId(), lesson.courseId(), List.of(), null, null));
    }

    @Override
    public Page<CourseId> requiredBy(Actor reader, CourseId course, String cursor, int limit) {
        new Validator().notNull("reader", reader).notNull("courseId", course).throwIfInvalid();
        Pages.checkLimit(limit);
        return context.read(uow -> Pages.page(uow, PathTypes.COURSE_PREREQUISITES, PathTypes.REQUIRED_BY,
                course.value(), IndexRange.first(limit), cursor, CoursePrerequisites::course));
    }

    // ---- placement ----

    @Override
    public PlacementQuiz flagPlacement(Actor author, QuizId quiz) {
        new Validator().notNull("author", author).notNull("quizId", quiz).throwIfInvalid();
        Quiz q = quizzes.quiz(quiz);
        CourseFacts course = lessons.course(q.courseId())
                .orElseThrow(() -> new NotFoundException("course", q.courseId().value()));
        requireAuthor(author, course, "flag a placement quiz of course '" + q.courseId() + "'");
        PlacementQuiz flag = new PlacementQuiz(quiz, q.courseId(), author.id(), context.now());
        return context.transactRetrying(uow -> uow.find(PathTypes.PLACEMENT, quiz.value()).map(Versioned::value)
                .orElseGet(() -> uow.insert(PathTypes.PLACEMENT, flag).value()));
    }

    @Override
    public boolean unflagPlacement(Actor author, QuizId quiz) {
        new Validator().notNull("author", author).notNull("quizId", quiz).throwIfInvalid();
        Quiz q = quizzes.quiz(quiz);
        CourseFacts course = lessons.course(q.courseId())
                .orElseThrow(() -> new NotFoundException("course", q.courseId().value()));
        requireAuthor(author, course, "remove the placement flag of a quiz of course '" + q.courseId() + "'");
        return context.transactRetrying(uow -> {
            Optional<Versioned<PlacementQuiz>> flag = uow.find(PathTypes.PLACEMENT, quiz.value());
            flag.ifPresent(f -> uow.delete(PathTypes.PLACEMENT, quiz.value(), f.version()));
            return flag.isPresent();
        });
    }

    @Override
    public List<PlacementQuiz> placementQuizzes(Actor reader, CourseId course) {
        new Validator().notNull("reader", reader).notNull("courseId", course).throwIfInvalid();
        return context.read(uow -> uow.findBy(PathTypes.PLACEMENT, PathTypes.BY_COURSE, course.value())).stream()
                .map(Versioned::value).sorted(Comparator.comparing(PlacementQuiz::flaggedAt)).toList();
    }

    // ---- paths ----

    @Override
    public LearningPath createPath(Actor creator, PathDraft draft) {
        new Validator().notNull("creator", creator).throwIfInvalid();
        creator.require(Role.CREATOR, "create a learning path");
        validate(draft);
        Instant now = context.now();
        LearningPath path = new LearningPath(new PathId(context.newId()), draft.title().strip(), draft.description(),
                draft.courses(), draft.milestones(), creator.id(), now, now, null);
        return context.transact(uow -> uow.insert(PathTypes.PATH, path).value());
    }

    @Override
    public LearningPath updatePath(Actor owner, PathId path, PathDraft draft) {
        new Validator().notNull("owner", owner).notNull("pathId", path).throwIfInvalid();
        requireOwner(owner, path(owner, path), "change");
        validate(draft);
        return context.transactRetrying(uow -> {
            Versioned<LearningPath> current = uow.get(PathTypes.PATH, path.value());
            LearningPath p = current.value();
            if (p.archived()) {
                throw new ConflictException(ErrorCode.INVALID_STATE, "Learning path '" + path + "' was archived at "
                        + p.archivedAt() + " and can no longer be changed; create a new path instead.");
            }
            LearningPath next = new LearningPath(p.id(), draft.title().strip(), draft.description(), draft.courses(),
                    draft.milestones(), p.owner(), p.createdAt(), context.now(), null);
            return uow.update(PathTypes.PATH, next, current.version()).value();
        });
    }

    @Override
    public LearningPath archivePath(Actor owner, PathId path) {
        new Validator().notNull("owner", owner).notNull("pathId", path).throwIfInvalid();
        requireOwner(owner, path(owner, path), "archive");
        return context.transactRetrying(uow -> {
            Versioned<LearningPath> current = uow.get(PathTypes.PATH, path.value());
            LearningPath p = current.value();
            if (p.archived()) {
                return p;
            }
            Instant now = context.now();
            LearningPath archived = new LearningPath(p.id(), p.title(), p.description(), p.courses(), p.milestones(),
                    p.owner(), p.createdAt(), now, now);
            return uow.update(PathTypes.PATH, archived, current.version()).value();
        });
    }

    private static void requireOwner(Actor actor, LearningPath path, String what) {
        if (!path.owner().equals(actor.id()) && !actor.has(Role.ADMIN)) {
            throw new ForbiddenException("User '" + actor.id() + "' may not " + what + " learning path '" + path.id()
                    + "'; only its owner '" + path.owner() + "' or an admin may.");
        }
    }

    private void validate(PathDraft draft) {
        Validator v = new Validator();
        PrerequisiteGraph graph = new PrerequisiteGraph(id -> context.read(uow -> courseEdges(uow, id)));
        PathValidation.check(v, draft, c -> lessons.course(c).isPresent(), graph);
        v.throwIfInvalid();
    }

    @Override
    public LearningPath path(Actor reader, PathId path) {
        new Validator().notNull("reader", reader).notNull("pathId", path).throwIfInvalid();
        return context.read(uow -> uow.get(PathTypes.PATH, path.value())).value();
    }

    @Override
    public Page<LearningPath> paths(Actor reader, String cursor, int limit) {
        new Validator().notNull("reader", reader).throwIfInvalid();
        Pages.checkLimit(limit);
        return context.read(uow -> Pages.page(uow, PathTypes.PATH, PathTypes.ALL, PathTypes.ALL_KEY,
                IndexRange.first(limit), cursor, p -> p));
    }

    // ---- what next ----

    @Override
    public NextSteps next(Actor actor, UserId learner, PathId path) {
        requireSelf(actor, learner, "read what learner '" + learner + "' takes next");
        LearningPath p = path(actor, path);
        LearnerKnowledge knowledge = knowledge(learner);
        List<CourseStep> steps = new ArrayList<>();
        for (CourseId course : p.courses()) {
            steps.add(step(course, knowledge));
        }
        List<MilestoneProgress> milestones = new ArrayList<>();
        for (Milestone m : p.milestones()) {
            int last = p.courses().indexOf(m.reachedWith());
            boolean reached = last >= 0 && p.courses().subList(0, last + 1).stream().allMatch(knowledge::knows);
            milestones.add(new MilestoneProgress(m, reached));
        }
        return steps(steps, milestones, null);
    }

    @Override
    public NextSteps nextInCatalogue(Actor actor, UserId learner, String cursor, int limit) {
        requireSelf(actor, learner, "read what learner '" + learner + "' takes next");
        Pages.checkLimit(limit);
        if (cursor != null) {
            // a position of this index starts with a creation time; anything else was not returned by it
            SortKeys.instantOf(cursor);
        }
        Page<Course> page = context.read(uow -> Pages.page(uow, CatalogTypes.COURSE, CatalogTypes.LIVE,
                CatalogTypes.LIVE_KEY, IndexRange.first(limit), cursor, c -> c));
        LearnerKnowledge knowledge = knowledge(learner);
        List<CourseStep> steps = new ArrayList<>();
        for (Course c : page.items()) {
            steps.add(step(c.id(), knowledge));
        }
        return steps(steps, List.of(), page.nextCursor());
    }

    @Override
    public Map<CourseId, List<CourseId>> missingPrerequisites(Actor actor, UserId learner,
                                                             Collection<CourseId> courses) {
        new Validator().notNull("courses", courses).throwIfInvalid();
        requireSelf(actor, learner, "read what learner '" + learner + "' knows");
        new Validator().check(courses.size() <= MAX_QUERY, "courses",
                "must hold at most " + MAX_QUERY + " courses (was " + courses.size() + ")")
                .check(courses.stream().noneMatch(Objects::isNull), "courses", "must not hold null").throwIfInvalid();
        LearnerKnowledge knowledge = knowledge(learner);
        Map<CourseId, List<CourseId>> blocked = new LinkedHashMap<>();
        for (CourseId course : new LinkedHashSet<>(courses)) {
            List<CourseId> missing = missing(course, knowledge);
            if (!missing.isEmpty() && !knowledge.knows(course)) {
                blocked.put(course, missing);
            }
        }
        return Map.copyOf(blocked);
    }

    private LearnerKnowledge knowledge(UserId learner) {
        return new LearnerKnowledge(context, learner, progress, quizzes, certificates);
    }

    private List<CourseId> missing(CourseId course, LearnerKnowledge knowledge) {
        return requirementsOf(course).requires().stream().filter(r -> !knowledge.knows(r)).toList();
    }

    private CourseStep step(CourseId course, LearnerKnowledge knowledge) {
        Optional<KnownBy> known = knowledge.course(course);
        if (known.isPresent()) {
            return new CourseStep(course, StepState.KNOWN, known.get(), List.of(), List.of(),
                    List.of());
        }
        List<CourseId> missing = missing(course, knowledge);
        if (!missing.isEmpty()) {
            return new CourseStep(course, StepState.BLOCKED, null, missing, List.of(),
                    List.of());
        }
        List<LessonId> ready = new ArrayList<>();
        List<BlockedLesson> waiting = new ArrayList<>();
        for (LessonFacts lesson : lessons.lessons(course)) {
            if (knowledge.knowsLesson(lesson.lessonId(), course)) {
                continue;
            }
            List<LessonId> lacking = new ArrayList<>();
            for (LessonId r : requirementsOf(lesson).requires()) {
                Optional<LessonFacts> required = lessons.lesson(r);
                // a lesson removed from its course cannot be taken any more, so it blocks nothing
                if (required.isPresent() && !knowledge.knowsLesson(r, required.get().courseId())) {
                    lacking.add(r);
                }
            }
            if (lacking.isEmpty()) {
                ready.add(lesson.lessonId());
            } else {
                waiting.add(new BlockedLesson(lesson.lessonId(), lacking));
            }
        }
        return new CourseStep(course, StepState.READY, null, List.of(), ready, waiting);
    }

    private static NextSteps steps(List<CourseStep> steps, List<MilestoneProgress> milestones, String next) {
        List<CourseStep> ready = new ArrayList<>();
        List<CourseStep> blocked = new ArrayList<>();
        List<CourseStep> known = new ArrayList<>();
        for (CourseStep s : steps) {
            switch (s.state()) {
                case READY -> ready.add(s);
                case BLOCKED -> blocked.add(s);
                case KNOWN -> known.add(s);
            }
        }
        return new NextSteps(ready, blocked, known, milestones, next);
    }

    // ---- roles ----

    private static void requireAuthor(Actor actor, CourseFacts course, String operation) {
        if (actor.has(Role.ADMIN)) {
            return;
        }
        if (!actor.has(Role.CREATOR) || !course.isAuthor(actor.id())) {
            throw new ForbiddenException("User '" + actor.id() + "' may not " + operation
                    + "; only its authors (with the role CREATOR) or an admin may.");
        }
    }

    private static void requireSelf(Actor actor, UserId learner, String operation) {
        new Validator().notNull("actor", actor).notNull("learner", learner).throwIfInvalid();
        if (!actor.id().equals(learner) && !actor.has(Role.ADMIN)) {
            throw new ForbiddenException("User '" + actor.id() + "' may not " + operation
                    + "; only that learner or an admin may.");
        }
    }
}
