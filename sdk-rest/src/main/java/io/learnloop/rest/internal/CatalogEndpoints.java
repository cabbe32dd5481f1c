package io.learnloop.rest.internal;

import io.learnloop.core.Learnloop;
import io.learnloop.core.Page;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.CourseStatus;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.commerce.OfferId;
import io.learnloop.core.error.NotFoundException;
import io.learnloop.core.review.Review;
import io.learnloop.rest.Route;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The public storefront: catalogue and search, the course page with reviews, offers. */
final class CatalogEndpoints {
    /** Courses read from the catalogue per request at most, whatever the filter keeps: a search costs a bound. */
    static final int SCAN_LIMIT = 500;
    private static final int CHUNK = 100;
    private static final int PAGE_REVIEWS = 10;
    /** The offers on sale a course page lists at most, oldest first. */
    static final int PAGE_OFFERS = 20;

    private final Learnloop learnloop;

    CatalogEndpoints(Learnloop learnloop) {
        this.learnloop = learnloop;
    }

    void register(Router.Builder routes) {
        routes.get("/courses", "listCourses", Route.Access.PUBLIC,
                        Doc.page("Published courses, searched by q (title, subtitle, tags) and category; a page scans"
                                + " at most " + SCAN_LIMIT + " courses, so it may hold fewer than limit and still have a"
                                + " next cursor", Views.CourseSummary.class, "q", "category"), this::courses)
                .get("/courses/{courseId}", "getCoursePage", Route.Access.PUBLIC,
                        Doc.one("The course page: outline, rating, first reviews, and the offers on sale that sell"
                                + " the course (the first " + PAGE_OFFERS + ", with pay-per-outcome terms)",
                                Views.CoursePage.class),
                        this::coursePage)
                .get("/courses/{courseId}/quizzes", "listCourseQuizzes", Route.Access.PUBLIC,
                        Doc.items("The course's quizzes, without their questions: what a learner starts an attempt on",
                                Views.QuizSummary.class), this::quizzes)
                .get("/courses/{courseId}/reviews", "listCourseReviews", Route.Access.PUBLIC,
                        Doc.page("The course's visible reviews", Review.class), this::reviews)
                .get("/offers/{offerId}", "getOffer", Route.Access.PUBLIC,
                        Doc.one("An active offer, with its pay-per-outcome terms", Views.OfferView.class),
                        this::offer);
    }

    /**
     * Published courses, filtered by {@code q} (title, subtitle and tags) and {@code category}. A page scans at most
     * {@link #SCAN_LIMIT} courses, so a narrow search may return a short or empty page with a next cursor.
     */
    private Reply courses(Call call) {
        int limit = call.limit();
        int offset = OffsetCursor.offset(call.cursor());
        String q = call.query("q");
        String category = call.query("category");
        if (q != null && q.length() > 200) {
            throw RestFailure.invalid("q", "must be at most 200 characters");
        }
        List<Views.CourseSummary> items = new ArrayList<>();
        int scanned = 0;
        boolean exhausted = false;
        while (items.size() < limit && scanned < SCAN_LIMIT) {
            List<Course> chunk = learnloop.catalog().courses(offset, CHUNK);
            int used = 0;
            for (Course c : chunk) {
                used++;
                if (listed(c) && matches(c, q, category)) {
                    items.add(Views.CourseSummary.of(c));
                    if (items.size() == limit) {
                        break;
                    }
                }
            }
            offset += used;
            scanned += used;
            if (chunk.size() < CHUNK && used == chunk.size()) {
                exhausted = true;
                break;
            }
        }
        return Reply.ok(new Page<>(items, exhausted ? null : OffsetCursor.of(offset)));
    }

    private static boolean listed(Course c) {
        return c.status() == CourseStatus.PUBLISHED && c.published() != null;
    }

    private static boolean matches(Course c, String q, String category) {
        var d = c.published().details();
        if (category != null && !category.equals(d.category())) {
            return false;
        }
        if (q == null) {
            return true;
        }
        String needle = q.toLowerCase(Locale.ROOT);
        return contains(d.title(), needle) || contains(d.subtitle(), needle)
                || d.tags().stream().anyMatch(t -> contains(t, needle));
    }

    private static boolean contains(String text, String needle) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(needle);
    }

    private Course publishedCourse(String id) {
        Course c = learnloop.catalog().course(CourseId.of(id));
        if (!listed(c)) {
            // A draft, unlisted or archived course is not part of the storefront; saying so would reveal it.
            throw new NotFoundException("course", id);
        }
        return c;
    }

    private Reply coursePage(Call call) {
        Course c = publishedCourse(call.param("courseId"));
        List<Offer> offers = learnloop.commerce().offersOnSale(c.id(), null, PAGE_OFFERS).items();
        return Reply.ok(Views.CoursePage.of(c, learnloop.reviews().summary(c.id()),
                learnloop.reviews().visibleReviews(c.id(), null, PAGE_REVIEWS), offers));
    }

    private Reply quizzes(Call call) {
        Course c = publishedCourse(call.param("courseId"));
        return Reply.ok(new Views.Items<>(learnloop.quizzes().quizzesOf(c.id()).stream().map(Views.QuizSummary::of)
                .toList()));
    }

    private Reply reviews(Call call) {
        Course c = publishedCourse(call.param("courseId"));
        return Reply.ok(learnloop.reviews().visibleReviews(c.id(), call.cursor(), call.limit()));
    }

    private Reply offer(Call call) {
        Offer o = learnloop.commerce().offer(OfferId.of(call.param("offerId")));
        if (!o.active()) {
            throw new NotFoundException("offer", o.id().value());
        }
        return Reply.ok(Views.OfferView.of(o));
    }
}
