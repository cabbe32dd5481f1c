package io.learnloop.examples.quickstart;

import io.learnloop.core.Learnloop;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseContent;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.CourseSnapshot;
import io.learnloop.core.catalog.CourseStatus;
import io.learnloop.core.commerce.Order;
import io.learnloop.core.commerce.OrderLine;
import io.learnloop.core.commerce.OrderStatus;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.learning.CourseCompletion;
import io.learnloop.core.learning.LessonProgress;
import io.learnloop.core.review.Review;
import io.learnloop.recommend.CourseInfo;
import io.learnloop.recommend.Interaction;
import io.learnloop.recommend.InteractionKind;
import io.learnloop.recommend.LearnerContext;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the recommender's input from the Learnloop store: the catalogue as {@link CourseInfo}, and what each learner
 * did as {@link Interaction}s: purchases (paid order lines not refunded), free previews watched (views), progress
 * (the share of the course's lessons completed), completions, and ratings.
 *
 * <p>Not thread-safe; build one per read.
 */
public final class StoreInteractions {
    private final Learnloop learnloop;
    private final Map<CourseId, Course> courses = new LinkedHashMap<>();

    /**
     * Creates the adapter.
     *
     * @param learnloop the facade
     */
    public StoreInteractions(Learnloop learnloop) {
        this.learnloop = learnloop;
        for (int offset = 0; ; offset += 500) {
            List<Course> page = learnloop.catalog().courses(offset, 500);
            page.forEach(c -> courses.put(c.id(), c));
            if (page.size() < 500) {
                break;
            }
        }
    }

    /**
     * The catalogue: every course with its published version's words (unpublished courses are marked so and never
     * recommended).
     *
     * @return the courses
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
     * Every interaction of the given learners.
     *
     * @param learners the learners (the host's members)
     * @return the interactions
     */
    public List<Interaction> interactions(Collection<UserId> learners) {
        List<Interaction> out = new ArrayList<>();
        for (UserId learner : learners) {
            out.addAll(interactionsOf(learner));
        }
        return out;
    }

    /**
     * One learner's interactions.
     *
     * @param learner the learner
     * @return the interactions
     */
    public List<Interaction> interactionsOf(UserId learner) {
        List<Interaction> out = new ArrayList<>();
        String who = learner.value();
        Set<CourseId> bought = new HashSet<>();
        for (Order o : learnloop.commerce().ordersOf(learner)) {
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
     * What the business rules need about a learner: what they own now and what was refunded to them.
     *
     * @param learner the learner
     * @param at      the instant
     * @return the context
     */
    public LearnerContext context(UserId learner, Instant at) {
        Set<String> owned = new HashSet<>();
        learnloop.access().entitledCourses(learner, at).forEach(c -> owned.add(c.value()));
        Set<String> refunded = new HashSet<>();
        refundedCourses(learner).forEach(c -> refunded.add(c.value()));
        return new LearnerContext(learner.value(), owned, refunded, Set.of());
    }

    private Set<CourseId> refundedCourses(UserId learner) {
        Set<CourseId> out = new HashSet<>();
        for (Order o : learnloop.commerce().ordersOf(learner)) {
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
