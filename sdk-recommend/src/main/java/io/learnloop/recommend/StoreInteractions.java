package io.learnloop.recommend;

import io.learnloop.core.Learnloop;
import io.learnloop.core.Page;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseContent;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.CourseSnapshot;
import io.learnloop.core.catalog.CourseStatus;
import io.learnloop.core.error.Validator;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.OrderLine;
import io.learnloop.core.commerce.OrderStatus;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.learning.CourseCompletion;
import io.learnloop.core.learning.LessonProgress;
import io.learnloop.core.review.Review;
import io.learnloop.core.privacy.ConsentPurpose;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the recommender's input from a Learnloop store through the core services: the catalogue as
 * {@link CourseInfo}s, what each learner did as {@link Interaction}s, and the {@link LearnerContext} the business
 * rules need.
 *
 * <p>How the store's facts become interactions, per learner:
 * <ul>
 *   <li>{@link InteractionKind#PURCHASE}: every course of a paid order line that was not fully refunded, at the
 *       order's payment time;</li>
 *   <li>{@link InteractionKind#VIEW}: a course with lesson progress but no completed lesson, or one the learner
 *       neither bought nor holds access to (a free preview), at the latest progress update;</li>
 *   <li>{@link InteractionKind#PROGRESS}: otherwise, with the share of the course's lessons completed (at least
 *       0.05) as value, and {@link InteractionKind#COMPLETE} as well once the course is completed;</li>
 *   <li>{@link InteractionKind#RATING}: the learner's review of a course (star rating as value) unless the
 *       purchase was refunded.</li>
 * </ul>
 * Courses fully refunded to the learner give no progress, view or rating interactions. Each kind's weight is set
 * where the matrix is built ({@link InteractionWeights}). A learner who refused
 * {@link ConsentPurpose#PERSONALISATION} gives no interactions at all: their history neither trains the models nor
 * personalises their own list, which then follows the models' answer for a learner without history.
 *
 * <p>Thread-safe: the catalogue is read once, when the instance is created, and kept immutable; every per-learner
 * read goes through the (thread-safe) services of the facade. Create a new instance to see courses added later.
 */
public final class StoreInteractions {
    /** The name of the recommender's personal-data export section. */
    public static final String EXPORT_SECTION = "recommendation-interactions";
    private static final int PAGE = 500;

    private final Learnloop learnloop;
    private final Actor reader;
    private final Map<CourseId, Course> courses;

    private StoreInteractions(Learnloop learnloop, Actor reader) {
        this.learnloop = learnloop;
        this.reader = reader;
        Map<CourseId, Course> read = new LinkedHashMap<>();
        for (int offset = 0; ; offset += PAGE) {
            List<Course> page = learnloop.catalog().courses(offset, PAGE);
            page.forEach(c -> read.put(c.id(), c));
            if (page.size() < PAGE) {
                break;
            }
        }
        this.courses = Collections.unmodifiableMap(read);
    }

    /**
     * Reads the catalogue of a store. The reader reads every learner's orders, so it acts for someone allowed to:
     * the recommender's service account, with the role FINANCE (or ADMIN).
     *
     * @param learnloop the facade on the store
     * @param reader    who reads, with {@link Role#FINANCE}
     * @return the reader
     * @throws io.learnloop.core.error.ValidationException if an argument is null
     * @throws io.learnloop.core.error.ForbiddenException  if the reader lacks the role
     */
    public static StoreInteractions of(Learnloop learnloop, Actor reader) {
        new Validator().notNull("learnloop", learnloop).notNull("reader", reader).throwIfInvalid();
        reader.require(Role.FINANCE, "read every learner's orders for recommendations");
        return new StoreInteractions(learnloop, reader);
    }

    /**
     * The recommender's section of every learner's personal-data export ({@value #EXPORT_SECTION}), for
     * {@code Learnloop.Builder.personalDataSource}: the learner's interactions as {@link #interactionsOf} gives
     * them, which is all the recommender knows about a learner. sdk-recommend stores nothing of its own (its matrix,
     * models and cache live in the host's memory), so this view is derived from records the export holds anyway
     * (orders, progress, reviews, consents). A learner who refused personalisation has none. After the interactions
     * come the learner's {@link Dismissal}s, which the recommender does store ({@link Dismissals}).
     *
     * <p>The section is registered before the facade exists, and the reader is made from the facade, so it is
     * passed as a supplier read at export time.
     *
     * @param reader gives the reader of the facade whose data is exported
     * @return a thread-safe section
     * @throws io.learnloop.core.error.ValidationException if {@code reader} is null
     */
    public static io.learnloop.core.privacy.PersonalDataSource personalDataSource(
            java.util.function.Supplier<StoreInteractions> reader) {
        new Validator().notNull("reader", reader).throwIfInvalid();
        return new io.learnloop.core.privacy.PersonalDataSource() {
            @Override
            public String section() {
                return EXPORT_SECTION;
            }

            @Override
            public java.util.Iterator<?> records(io.learnloop.core.privacy.ErasureScope scope, UserId learner) {
                StoreInteractions interactions = reader.get();
                if (interactions == null) {
                    throw new io.learnloop.core.error.LearnloopException(
                            io.learnloop.core.error.ErrorCode.CONFIGURATION, "The reader of the '" + EXPORT_SECTION
                            + "' export section is not set: create the StoreInteractions of the facade before"
                            + " exporting.");
                }
                Iterator<Object> records = new ArrayList<Object>(interactions.interactionsOf(learner)).iterator();
                Iterator<Dismissal> dismissals = Dismissals.exported(scope.context(), learner);
                return new Iterator<Object>() {
                    @Override
                    public boolean hasNext() {
                        return records.hasNext() || dismissals.hasNext();
                    }

                    @Override
                    public Object next() {
                        return records.hasNext() ? records.next() : dismissals.next();
                    }
                };
            }

            @Override
            public String toString() {
                return "StoreInteractions.personalDataSource";
            }
        };
    }

    /** Every paid or unpaid order of a learner, read a page at a time. */
    private List<Order> ordersOf(UserId learner) {
        List<Order> all = new ArrayList<>();
        String cursor = null;
        do {
            Page<Order> page = learnloop.commerce().ordersOf(reader, learner, cursor, Page.MAX_LIMIT);
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }

    /**
     * The catalogue: every course with its published version's words (the latest draft for a course never
     * published), its creator and the time it was first published (its creation time if never published). Courses
     * not currently published are marked so, and the recommenders never recommend them.
     *
     * @return the courses, in catalogue order
     */
    public List<CourseInfo> catalogue() {
        List<CourseInfo> out = new ArrayList<>();
        for (Course c : courses.values()) {
            CourseContent content = c.published() != null ? c.published() : c.latest();
            var d = content.details();
            String text = (d.subtitle() == null ? "" : d.subtitle() + " ") + (d.description() == null ? "" : d.description());
            out.add(new CourseInfo(c.id().value(), d.title(), text, d.tags(), d.category(), c.creator().value(),
                    c.status() == CourseStatus.PUBLISHED, firstPublished(c)));
        }
        return out;
    }

    private Instant firstPublished(Course c) {
        List<CourseSnapshot> history = c.published() == null ? List.of() : learnloop.catalog().history(c.id());
        return history.isEmpty() ? c.createdAt() : history.get(0).publishedAt();
    }

    /**
     * Every interaction of the given learners. The store holds no directory of people (identity belongs to the
     * host), so the host names its learners.
     *
     * @param learners the learners, for example the host's members
     * @return the interactions, learner by learner
     * @throws io.learnloop.core.error.ValidationException if {@code learners} is null
     */
    public List<Interaction> interactions(Collection<UserId> learners) {
        new Validator().notNull("learners", learners).throwIfInvalid();
        List<Interaction> out = new ArrayList<>();
        for (UserId learner : learners) {
            out.addAll(interactionsOf(learner));
        }
        return out;
    }

    /**
     * One learner's interactions, read afresh from the store (use it to update that learner's row incrementally).
     *
     * @param learner the learner
     * @return the interactions: purchases, then progress, views and completions, then ratings; none if the learner
     *         refused personalisation
     * @throws io.learnloop.core.error.ValidationException if {@code learner} is null
     */
    public List<Interaction> interactionsOf(UserId learner) {
        new Validator().notNull("learner", learner).throwIfInvalid();
        if (!learnloop.consents().allows(learner, ConsentPurpose.PERSONALISATION)) {
            return List.of();
        }
        List<Interaction> out = new ArrayList<>();
        String who = learner.value();
        Set<CourseId> bought = new HashSet<>();
        for (Order o : ordersOf(learner)) {
            if (o.paidAt() == null) {
                continue;
            }
            for (OrderLine line : o.lines()) {
                if (!line.fullyRefunded()) {
                    for (CourseId c : line.courses()) {
                        bought.add(c);
                        out.add(Interaction.of(who, c.value(), InteractionKind.PURCHASE, o.paidAt()));
                    }
                }
            }
        }
        Map<CourseId, Instant> lastSeen = new LinkedHashMap<>();
        for (LessonProgress p : learnloop.progress().progressOf(learner)) {
            lastSeen.merge(p.courseId(), p.updatedAt(), (a, b) -> a.isAfter(b) ? a : b);
        }
        Set<CourseId> refunded = refundedCourses(learner);
        for (Map.Entry<CourseId, Instant> e : lastSeen.entrySet()) {
            CourseId course = e.getKey();
            if (refunded.contains(course)) {
                continue;
            }
            CourseCompletion done = learnloop.progress().courseCompletion(learner, course);
            if (done.completedLessons() == 0 || (!bought.contains(course)
                    && !learnloop.access().hasAccess(learner, course, e.getValue()))) {
                // only a free preview: a view, not an enrolment
                out.add(Interaction.of(who, course.value(), InteractionKind.VIEW, e.getValue()));
                continue;
            }
            out.add(new Interaction(who, course.value(), InteractionKind.PROGRESS, Math.max(0.05, done.share()), e.getValue()));
            if (done.completed()) {
                out.add(Interaction.of(who, course.value(), InteractionKind.COMPLETE, e.getValue()));
            }
        }
        for (CourseId course : courses.keySet()) {
            learnloop.reviews().reviewOf(learner, course).filter(r -> !r.refunded()).ifPresent((Review r) ->
                    out.add(new Interaction(who, course.value(), InteractionKind.RATING, r.rating(), r.updatedAt())));
        }
        return out;
    }

    /**
     * What the business rules need about a learner: the courses they are entitled to at {@code at} and those
     * fully refunded to them, and those they dismissed ({@link Dismissals}).
     *
     * @param learner the learner
     * @param at      the instant, usually now
     * @return the context
     * @throws io.learnloop.core.error.ValidationException if an argument is null
     */
    public LearnerContext context(UserId learner, Instant at) {
        new Validator().notNull("learner", learner).notNull("at", at).throwIfInvalid();
        Set<String> owned = new HashSet<>();
        learnloop.access().entitledCourses(learner, at).forEach(c -> owned.add(c.value()));
        Set<String> refunded = new HashSet<>();
        refundedCourses(learner).forEach(c -> refunded.add(c.value()));
        return new LearnerContext(learner.value(), owned, refunded,
                Dismissals.of(learnloop.context()).coursesOf(learner));
    }

    private Set<CourseId> refundedCourses(UserId learner) {
        Set<CourseId> out = new HashSet<>();
        for (Order o : ordersOf(learner)) {
            if (o.status() == OrderStatus.PARTIALLY_REFUNDED || o.status() == OrderStatus.REFUNDED) {
                for (OrderLine line : o.lines()) {
                    if (line.fullyRefunded()) {
                        out.addAll(line.courses());
                    }
                }
            }
        }
        return out;
    }
}
