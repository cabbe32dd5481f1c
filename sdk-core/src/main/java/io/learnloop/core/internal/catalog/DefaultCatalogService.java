package io.learnloop.core.internal.catalog;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.catalog.Author;
import io.learnloop.core.catalog.CatalogService;
import io.learnloop.core.catalog.Chapter;
import io.learnloop.core.catalog.ChapterId;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseContent;
import io.learnloop.core.catalog.CourseDetails;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.CourseSnapshot;
import io.learnloop.core.catalog.CourseStatus;
import io.learnloop.core.catalog.DraftState;
import io.learnloop.core.catalog.Lesson;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.catalog.LessonSpec;
import io.learnloop.core.catalog.ReviewDecision;
import io.learnloop.core.catalog.ReviewVerdict;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.error.NotFoundException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.error.Validator;
import io.learnloop.core.event.EventTypes;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.store.UnitOfWork;
import io.learnloop.core.store.Versioned;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The catalogue on the core store. Each operation reads the course, checks the actor and the state, and writes the
 * new state with a compare-and-set update and its events in one unit of work.
 *
 * <p>Thread-safe: immutable.
 */
public final class DefaultCatalogService implements CatalogService {
    private final ServiceContext ctx;
    private final int requiredApprovals;

    /**
     * Creates the service.
     *
     * @param ctx               the facade's context
     * @param requiredApprovals how many approvals publish a version, at least 1
     */
    public DefaultCatalogService(ServiceContext ctx, int requiredApprovals) {
        if (requiredApprovals < 1) {
            throw ValidationException.of("requiredApprovals", "must be at least 1 (was " + requiredApprovals + ")");
        }
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.requiredApprovals = requiredApprovals;
    }

    @Override
    public Course createCourse(Actor creator, CourseDetails details) {
        requireActor(creator);
        creator.require(Role.CREATOR, "create a course");
        new Validator().notNull("details", details).throwIfInvalid();
        Instant now = ctx.now();
        Course course = new Course(CourseId.of(ctx.newId()), creator.id(), List.of(new Author(creator.id(), 1)),
                CourseStatus.DRAFT, null, new CourseContent(1, details, List.of()), DraftState.EDITING, List.of(),
                now, now);
        return ctx.transact(uow -> {
            uow.insert(CatalogTypes.COURSE, course);
            uow.publish(ctx.event(EventTypes.COURSE_CREATED, course.id().value(),
                    data(course, creator, course.draft().version())));
            return course;
        });
    }

    @Override
    public Course editDetails(Actor author, CourseId course, CourseDetails details) {
        new Validator().notNull("details", details).throwIfInvalid();
        return editDraft(author, course, "edit a course", (c, draft) -> draft.withDetails(details)).value();
    }

    @Override
    public Course setAuthors(Actor creator, CourseId course, List<Author> authors) {
        requireActor(creator);
        new Validator().notEmpty("authors", authors).throwIfInvalid();
        return change(course, creator, EventTypes.COURSE_DRAFT_UPDATED, c -> {
            requireCreatorOrAdmin(creator, c, "change the authors of");
            requireNotArchived(c);
            // Validates the list (creator included, no duplicates) before anything is written.
            return new Course(c.id(), c.creator(), authors, c.status(), c.published(), c.draft(), c.draftState(),
                    c.reviews(), c.createdAt(), ctx.now());
        });
    }

    @Override
    public Chapter addChapter(Actor author, CourseId course, String title) {
        new Validator().notBlank("chapter.title", title, 200).throwIfInvalid();
        Chapter chapter = new Chapter(ChapterId.of(ctx.newId()), title, List.of());
        editDraft(author, course, "edit a course", (c, draft) -> {
            List<Chapter> chapters = new ArrayList<>(draft.chapters());
            chapters.add(chapter);
            return draft.withChapters(chapters);
        });
        return chapter;
    }

    @Override
    public Lesson addLesson(Actor author, CourseId course, ChapterId chapter, LessonSpec spec) {
        new Validator().notNull("chapterId", chapter).notNull("lesson", spec).throwIfInvalid();
        Lesson lesson = Lesson.of(LessonId.of(ctx.newId()), spec);
        editDraft(author, course, "edit a course", (c, draft) -> {
            List<Chapter> chapters = new ArrayList<>(draft.chapters());
            int at = indexOf(chapters, chapter);
            chapters.set(at, chapters.get(at).withLesson(lesson));
            return draft.withChapters(chapters);
        });
        return lesson;
    }

    @Override
    public Lesson updateLesson(Actor author, CourseId course, LessonId lesson, LessonSpec spec) {
        new Validator().notNull("lessonId", lesson).notNull("lesson", spec).throwIfInvalid();
        Lesson changed = Lesson.of(lesson, spec);
        editDraft(author, course, "edit a course", (c, draft) -> draft.withChapters(replaceLesson(draft, lesson, changed)));
        return changed;
    }

    @Override
    public Course removeLesson(Actor author, CourseId course, LessonId lesson) {
        new Validator().notNull("lessonId", lesson).throwIfInvalid();
        return editDraft(author, course, "edit a course",
                (c, draft) -> draft.withChapters(replaceLesson(draft, lesson, null))).value();
    }

    @Override
    public Course submit(Actor author, CourseId course) {
        requireActor(author);
        author.require(Role.CREATOR, "submit a course for review");
        return change(course, author, EventTypes.COURSE_SUBMITTED, c -> {
            requireAuthor(author, c, "submit");
            requireNotArchived(c);
            if (c.draft() == null || c.draftState() != DraftState.EDITING) {
                throw invalidState(c, c.draft() == null
                        ? "has no draft to submit; edit the course first"
                        : "is already in review");
            }
            if (c.draft().lessons().isEmpty()) {
                throw ValidationException.of("chapters", "a course needs at least one lesson before it can be reviewed");
            }
            CourseStatus status = c.status() == CourseStatus.DRAFT ? CourseStatus.IN_REVIEW : c.status();
            return new Course(c.id(), c.creator(), c.authors(), status, c.published(), c.draft(), DraftState.IN_REVIEW,
                    List.of(), c.createdAt(), ctx.now());
        });
    }

    @Override
    public Course approve(Actor reviewer, CourseId course) {
        requireActor(reviewer);
        reviewer.require(Role.REVIEWER, "review courses");
        required("course", course);
        return ctx.transact(uow -> {
            Versioned<Course> current = load(uow, course);
            Course c = current.value();
            requireReviewable(reviewer, c);
            for (ReviewDecision d : c.reviews()) {
                if (d.reviewer().equals(reviewer.id()) && d.verdict() == ReviewVerdict.APPROVED) {
                    throw invalidState(c, "was already approved by reviewer '" + reviewer.id() + "'");
                }
            }
            Instant now = ctx.now();
            int version = c.draft().version();
            List<ReviewDecision> reviews = new ArrayList<>(c.reviews());
            reviews.add(new ReviewDecision(reviewer.id(), ReviewVerdict.APPROVED, version, List.of(), now));
            Course approved = new Course(c.id(), c.creator(), c.authors(), c.status(), c.published(), c.draft(),
                    c.draftState(), reviews, c.createdAt(), now);
            int approvals = approved.approvals();
            Map<String, String> data = data(c, reviewer, version);
            data.put("approvals", Integer.toString(approvals));
            data.put("requiredApprovals", Integer.toString(requiredApprovals));
            uow.publish(ctx.event(EventTypes.COURSE_APPROVED, c.id().value(), data));
            Course next = approved;
            if (approvals >= requiredApprovals) {
                next = publish(uow, approved, reviewer, now);
            }
            uow.update(CatalogTypes.COURSE, next, current.version());
            return next;
        });
    }

    @Override
    public Course requestChanges(Actor reviewer, CourseId course, List<String> reasons) {
        requireActor(reviewer);
        reviewer.require(Role.REVIEWER, "review courses");
        new Validator().notNull("course", course).notEmpty("reasons", reasons).throwIfInvalid();
        return ctx.transact(uow -> {
            Versioned<Course> current = load(uow, course);
            Course c = current.value();
            requireReviewable(reviewer, c);
            Instant now = ctx.now();
            ReviewDecision decision = new ReviewDecision(reviewer.id(), ReviewVerdict.CHANGES_REQUESTED,
                    c.draft().version(), reasons, now);
            List<ReviewDecision> reviews = new ArrayList<>(c.reviews());
            reviews.add(decision);
            CourseStatus status = c.status() == CourseStatus.IN_REVIEW ? CourseStatus.DRAFT : c.status();
            Course next = new Course(c.id(), c.creator(), c.authors(), status, c.published(), c.draft(),
                    DraftState.EDITING, reviews, c.createdAt(), now);
            uow.update(CatalogTypes.COURSE, next, current.version());
            Map<String, String> data = data(c, reviewer, c.draft().version());
            data.put("reasons", String.join("\n", decision.reasons()));
            uow.publish(ctx.event(EventTypes.COURSE_CHANGES_REQUESTED, c.id().value(), data));
            return next;
        });
    }

    @Override
    public Course unlist(Actor actor, CourseId course) {
        return setStatus(actor, course, "unlist", CourseStatus.PUBLISHED, CourseStatus.UNLISTED,
                EventTypes.COURSE_UNLISTED);
    }

    @Override
    public Course relist(Actor actor, CourseId course) {
        return setStatus(actor, course, "relist", CourseStatus.UNLISTED, CourseStatus.PUBLISHED,
                EventTypes.COURSE_PUBLISHED);
    }

    @Override
    public Course archive(Actor actor, CourseId course) {
        return setStatus(actor, course, "archive", null, CourseStatus.ARCHIVED, EventTypes.COURSE_ARCHIVED);
    }

    @Override
    public Course course(CourseId course) {
        required("course", course);
        return ctx.read(uow -> load(uow, course).value());
    }

    @Override
    public CourseSnapshot snapshot(CourseId course, int version) {
        required("course", course);
        return ctx.read(uow -> uow.get(CatalogTypes.SNAPSHOT, CourseSnapshot.key(course, version)).value());
    }

    @Override
    public List<CourseSnapshot> history(CourseId course) {
        required("course", course);
        return ctx.read(uow -> uow.findBy(CatalogTypes.SNAPSHOT, CatalogTypes.BY_COURSE, course.value()).stream()
                .map(Versioned::value)
                .sorted(Comparator.comparingInt(s -> s.content().version()))
                .toList());
    }

    @Override
    public List<Course> courses(int offset, int limit) {
        return ctx.read(uow -> uow.list(CatalogTypes.COURSE, offset, limit).stream().map(Versioned::value).toList());
    }

    @Override
    public List<Course> coursesInCategory(String category) {
        new Validator().notBlank("category", category, 100).throwIfInvalid();
        return ctx.read(uow -> uow.findBy(CatalogTypes.COURSE, CatalogTypes.BY_CATEGORY, category.strip()).stream()
                .map(Versioned::value).toList());
    }

    @Override
    public List<Course> coursesBy(UserId author) {
        required("author", author);
        return ctx.read(uow -> uow.findBy(CatalogTypes.COURSE, CatalogTypes.BY_AUTHOR, author.value()).stream()
                .map(Versioned::value).toList());
    }

    @Override
    public int requiredApprovals() {
        return requiredApprovals;
    }

    @Override
    public String toString() {
        return "CatalogService[requiredApprovals=" + requiredApprovals + "]";
    }

    /** Makes the approved draft the published version and keeps it as a snapshot. */
    private Course publish(UnitOfWork uow, Course c, Actor reviewer, Instant now) {
        List<UserId> approvers = new ArrayList<>();
        for (ReviewDecision d : c.reviews()) {
            if (d.verdict() == ReviewVerdict.APPROVED && d.version() == c.draft().version()) {
                approvers.add(d.reviewer());
            }
        }
        uow.insert(CatalogTypes.SNAPSHOT, new CourseSnapshot(c.id(), c.draft(), approvers, now));
        CourseStatus status = c.status() == CourseStatus.UNLISTED ? CourseStatus.UNLISTED : CourseStatus.PUBLISHED;
        Course next = new Course(c.id(), c.creator(), c.authors(), status, c.draft(), null, null, c.reviews(),
                c.createdAt(), now);
        Map<String, String> data = data(c, reviewer, c.draft().version());
        if (c.published() != null) {
            data.put("previousVersion", Integer.toString(c.published().version()));
        }
        uow.publish(ctx.event(EventTypes.COURSE_PUBLISHED, c.id().value(), data));
        return next;
    }

    private Course setStatus(Actor actor, CourseId course, String verb, CourseStatus from, CourseStatus to,
                             String eventType) {
        requireActor(actor);
        return change(course, actor, eventType, c -> {
            requireCreatorOrAdmin(actor, c, verb);
            boolean allowed = from != null ? c.status() == from : c.status() != to;
            if (!allowed) {
                throw invalidState(c, "cannot be " + (verb.endsWith("e") ? verb + "d" : verb + "ed")
                        + " while " + c.status() + (from != null ? "; it must be " + from : ""));
            }
            return new Course(c.id(), c.creator(), c.authors(), to, c.published(), c.draft(), c.draftState(),
                    c.reviews(), c.createdAt(), ctx.now());
        });
    }

    /** Applies an edit to the draft, making the draft from the published version first if needed. */
    private Versioned<Course> editDraft(Actor author, CourseId course, String operation,
                                        java.util.function.BiFunction<Course, CourseContent, CourseContent> edit) {
        requireActor(author);
        author.require(Role.CREATOR, operation);
        required("course", course);
        return ctx.transact(uow -> {
            Versioned<Course> current = load(uow, course);
            Course c = current.value();
            requireAuthor(author, c, "edit");
            requireNotArchived(c);
            if (c.draftState() == DraftState.IN_REVIEW) {
                throw invalidState(c, "is in review and cannot be edited until a reviewer decides");
            }
            CourseContent draft = c.draft() != null ? c.draft() : c.published().nextVersion();
            CourseContent edited = edit.apply(c, draft);
            Course next = new Course(c.id(), c.creator(), c.authors(), c.status(), c.published(), edited,
                    DraftState.EDITING, c.reviews(), c.createdAt(), ctx.now());
            Versioned<Course> saved = uow.update(CatalogTypes.COURSE, next, current.version());
            uow.publish(ctx.event(EventTypes.COURSE_DRAFT_UPDATED, c.id().value(), data(c, author, edited.version())));
            return saved;
        });
    }

    private Course change(CourseId course, Actor actor, String eventType, Function<Course, Course> f) {
        required("course", course);
        return ctx.transact(uow -> {
            Versioned<Course> current = load(uow, course);
            Course next = f.apply(current.value());
            uow.update(CatalogTypes.COURSE, next, current.version());
            // Status events speak of the live version; edits and submissions of the draft.
            boolean statusEvent = !eventType.equals(EventTypes.COURSE_DRAFT_UPDATED)
                    && !eventType.equals(EventTypes.COURSE_SUBMITTED);
            int version = statusEvent && next.published() != null ? next.published().version() : next.latest().version();
            uow.publish(ctx.event(eventType, course.value(), data(next, actor, version)));
            return next;
        });
    }

    private static Versioned<Course> load(UnitOfWork uow, CourseId course) {
        return uow.find(CatalogTypes.COURSE, course.value())
                .orElseThrow(() -> new NotFoundException("course", course.value()));
    }

    private static int indexOf(List<Chapter> chapters, ChapterId chapter) {
        for (int i = 0; i < chapters.size(); i++) {
            if (chapters.get(i).id().equals(chapter)) {
                return i;
            }
        }
        throw new NotFoundException("chapter", chapter.value());
    }

    /** The chapters with one lesson replaced ({@code replacement} null removes it). */
    private static List<Chapter> replaceLesson(CourseContent draft, LessonId lesson, Lesson replacement) {
        List<Chapter> chapters = new ArrayList<>(draft.chapters());
        for (int i = 0; i < chapters.size(); i++) {
            Chapter ch = chapters.get(i);
            List<Lesson> lessons = new ArrayList<>(ch.lessons());
            for (int j = 0; j < lessons.size(); j++) {
                if (lessons.get(j).id().equals(lesson)) {
                    if (replacement == null) {
                        lessons.remove(j);
                    } else {
                        lessons.set(j, replacement);
                    }
                    chapters.set(i, new Chapter(ch.id(), ch.title(), lessons));
                    return chapters;
                }
            }
        }
        throw new NotFoundException("lesson", lesson.value());
    }

    private static void requireActor(Actor actor) {
        new Validator().notNull("actor", actor).throwIfInvalid();
    }

    private static void requireAuthor(Actor actor, Course c, String verb) {
        if (!actor.roles().contains(Role.ADMIN) && !c.isAuthor(actor.id())) {
            throw new ForbiddenException("User '" + actor.id() + "' is not an author of course '" + c.id()
                    + "' and cannot " + verb + " it.");
        }
    }

    private static void requireCreatorOrAdmin(Actor actor, Course c, String verb) {
        if (!actor.has(Role.ADMIN) && !actor.id().equals(c.creator())) {
            throw new ForbiddenException("Only the creator of course '" + c.id() + "' or an admin may " + verb
                    + " it; user '" + actor.id() + "' is neither.");
        }
    }

    private static void requireNotArchived(Course c) {
        if (c.status() == CourseStatus.ARCHIVED) {
            throw invalidState(c, "is archived and can no longer change");
        }
    }

    private static void requireReviewable(Actor reviewer, Course c) {
        if (c.isAuthor(reviewer.id())) {
            throw new ForbiddenException("User '" + reviewer.id() + "' is an author of course '" + c.id()
                    + "' and cannot review it; ask another reviewer.");
        }
        requireNotArchived(c);
        if (c.draftState() != DraftState.IN_REVIEW) {
            throw invalidState(c, "is not in review");
        }
    }

    private static ConflictException invalidState(Course c, String problem) {
        return new ConflictException(ErrorCode.INVALID_STATE, "Course '" + c.id() + "' " + problem
                + " (status " + c.status() + (c.draftState() != null ? ", draft " + c.draftState() : "") + ").");
    }

    private static Map<String, String> data(Course c, Actor actor, int version) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("course", c.id().value());
        data.put("version", Integer.toString(version));
        data.put("actor", actor.id().value());
        return data;
    }

    /** Null input is a validation failure naming the field, like every other bad input. */
    private static void required(String field, Object value) {
        if (value == null) {
            throw io.learnloop.core.error.ValidationException.of(field, "is required");
        }
    }
}
