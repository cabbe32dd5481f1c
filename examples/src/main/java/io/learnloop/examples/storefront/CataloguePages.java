package io.learnloop.examples.storefront;

import io.learnloop.core.catalog.Author;
import io.learnloop.core.catalog.Chapter;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseDetails;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.CourseStatus;
import io.learnloop.core.catalog.Lesson;
import io.learnloop.core.commerce.Offer;
import io.learnloop.core.commerce.OfferId;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.review.RatingSummary;
import io.learnloop.core.review.Review;
import io.learnloop.core.review.ReviewDraft;
import io.learnloop.examples.storefront.WebServer.Request;
import io.learnloop.examples.storefront.WebServer.Response;
import io.learnloop.payment.ProviderId;
import io.learnloop.recommend.Recommendation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Sign-in, the catalogue with search and recommendations, and the course page with its reviews. */
final class CataloguePages extends Pages {
    private final Sessions sessions;
    private final OperatorPassword operator;

    CataloguePages(Shop shop, Sessions sessions, OperatorPassword operator) {
        super(shop);
        this.sessions = sessions;
        this.operator = operator;
    }

    @Override
    void register(WebServer web) {
        web.get("/", this::catalogue);
        web.get("/signin", this::signInForm);
        web.post("/signin", this::signIn);
        web.post("/signout", req -> Response.redirect("/").withHeader("Set-Cookie", Sessions.clearCookie()));
        web.get("/courses/{id}", this::course);
        web.post("/courses/{id}/reviews", this::review);
    }

    private Response signInForm(Request req) {
        String next = req.param("next") == null ? "/" : req.param("next");
        return page(req, "Sign in", "<p class=\"muted\">Identity belongs to the host application; this demo only asks "
                + "for a name and keeps it in a signed session cookie.</p><form method=\"post\" action=\"/signin\">"
                + csrfField(req) + "<input type=\"hidden\" name=\"next\" value=\"" + Html.esc(next) + "\">"
                + "<label>Learner id (a-z, 0-9, . _ -) <input type=\"text\" id=\"learner-id\" name=\"learner\" required></label>"
                + "<label>Password (only for the operator account) <input type=\"password\" id=\"operator-password\" "
                + "name=\"password\"></label>"
                + "<button id=\"signin-submit\">Sign in</button></form>");
    }

    private Response signIn(Request req) {
        String id = req.param("learner") == null ? "" : req.param("learner").trim().toLowerCase(Locale.ROOT);
        if (!WebServer.LEARNER_ID.matcher(id).matches()) {
            throw ValidationException.of("learner", "use 1 to 40 of a-z, 0-9, dot, dash or underscore (was '" + id + "')");
        }
        if (id.equals(LmsPages.OPERATOR_ID) && !operator.matches(req.form().get("password"))) {
            throw new ForbiddenException("the operator account needs the operator password");
        }
        String next = req.param("next");
        String target = next != null && next.startsWith("/") && !next.startsWith("//") ? next : "/";
        // a new session id at sign-in: whatever a page saw before (its form token) is worth nothing afterwards
        return Response.redirect(target).withHeader("Set-Cookie", sessions.setCookie(sessions.signedIn(id)));
    }

    private Response catalogue(Request req) {
        String q = req.param("q") == null ? "" : req.param("q").trim();
        StringBuilder b = new StringBuilder();
        b.append("<form method=\"get\" action=\"/\"><input type=\"search\" id=\"search\" name=\"q\" value=\"")
                .append(Html.esc(q)).append("\" placeholder=\"Search courses / 搜索课程\"> <button id=\"search-submit\">Search</button></form>");
        List<Course> hits = new ArrayList<>();
        for (Course c : shop.learnloop.catalog().courses(0, 1_000)) {
            if (c.status() == CourseStatus.PUBLISHED && c.published() != null && matches(c.published().details(), q)) {
                hits.add(c);
            }
        }
        b.append("<p class=\"muted\" id=\"hit-count\">").append(hits.size()).append(hits.size() == 1 ? " course" : " courses")
                .append(q.isEmpty() ? "" : " matching “" + Html.esc(q) + "”").append("</p><div class=\"grid\" id=\"courses\">");
        for (Course c : hits) {
            b.append(card(c, null));
        }
        b.append("</div>");
        if (req.learner() != null || q.isEmpty()) {
            List<Recommendation> recs = shop.recommendations.forLearner(req.learner() == null ? null : learner(req), 3);
            if (!recs.isEmpty()) {
                b.append("<h2>").append(req.learner() == null ? "Popular now" : "Recommended for you")
                        .append("</h2><div class=\"grid\" id=\"recommendations\">");
                for (Recommendation r : recs) {
                    b.append(card(shop.learnloop.catalog().course(CourseId.of(r.courseId())),
                            r.explanation().text()));
                }
                b.append("</div>");
            }
        }
        return page(req, "Catalogue", b.toString());
    }

    private static boolean matches(CourseDetails d, String q) {
        if (q.isEmpty()) {
            return true;
        }
        String needle = q.toLowerCase(Locale.ROOT);
        String hay = String.join(" ", d.title(), nz(d.subtitle()), nz(d.description()), d.category(), String.join(" ", d.tags()))
                .toLowerCase(Locale.ROOT);
        for (String word : needle.split("\\s+")) {
            if (!hay.contains(word)) {
                return false;
            }
        }
        return true;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private String card(Course c, String why) {
        CourseDetails d = c.published().details();
        RatingSummary rating = shop.learnloop.reviews().summary(c.id());
        String price = shop.listing(c.id()).map(l -> Html.money(shop.learnloop.commerce().offer(OfferId.of(l.offerId())).price()))
                .orElse("");
        return "<div class=\"card course\"><a class=\"course-link\" href=\"/courses/" + Html.esc(c.id().value()) + "\"><b>"
                + Html.esc(d.title()) + "</b></a><br><span class=\"muted\">" + Html.esc(d.subtitle()) + "</span><br>"
                + (rating.count() == 0 ? "<span class=\"muted\">No reviews yet</span>" : Html.stars(rating.bayesianAverage())
                + " <span class=\"muted\">" + String.format(Locale.ROOT, "%.1f", rating.bayesianAverage()) + " (" + rating.count() + ")</span>")
                + " · <span class=\"price\">" + price + "</span>"
                + (why == null ? "" : "<br><span class=\"muted why\">" + Html.esc(why) + "</span>") + "</div>";
    }

    private Response course(Request req) {
        Course c = publishedCourse(req.param("id"));
        CourseDetails d = c.published().details();
        boolean entitled = req.learner() != null
                && shop.learnloop.access().hasAccess(learner(req), c.id(), shop.clock.instant());
        StringBuilder b = new StringBuilder();
        b.append(Html.notice(req.param("notice")));
        b.append("<p><b>").append(Html.esc(d.subtitle())).append("</b></p><p>").append(Html.esc(d.description())).append("</p>");
        b.append("<p class=\"muted\">By ");
        List<String> names = new ArrayList<>();
        for (Author a : c.authors()) {
            names.add(Html.esc(a.user().value()));
        }
        b.append(String.join(", ", names)).append(" · ").append(Html.esc(d.language())).append(" · ").append(Html.esc(d.category()))
                .append(" · ").append(Html.esc(d.level())).append("</p><h2>Lessons</h2><ol>");
        for (Chapter ch : c.published().chapters()) {
            for (Lesson l : ch.lessons()) {
                b.append("<li>").append(Html.esc(l.title())).append(" <span class=\"muted\">").append(l.duration().toSeconds())
                        .append(" s").append(l.freePreview() ? " · free preview" : "")
                        .append(l.optional() ? " · optional, not needed for the certificate" : "").append("</span></li>");
            }
        }
        b.append("</ol>");
        if (entitled) {
            b.append("<p class=\"ok\" id=\"owned\">You have access to this course. <a id=\"start-learning\" href=\"/learn/")
                    .append(Html.esc(c.id().value())).append("\">Go to the learning page</a></p>");
        } else {
            b.append(buyForm(c, req));
        }
        b.append(reviews(c, req, entitled));
        return page(req, d.title(), b.toString());
    }

    private String buyForm(Course c, Request req) {
        Offer offer = shop.listing(c.id()).map(l -> shop.learnloop.commerce().offer(OfferId.of(l.offerId()))).orElse(null);
        if (offer == null || !offer.active()) {
            return "<p class=\"muted\">Not on sale.</p>";
        }
        StringBuilder b = new StringBuilder("<div class=\"card\" id=\"buy\"><p>Price: <span class=\"price\" id=\"price\">")
                .append(Html.money(offer.price())).append("</span></p>");
        if (req.learner() == null) {
            return b.append("<p><a id=\"signin-to-buy\" href=\"/signin?next=/courses/").append(Html.esc(c.id().value()))
                    .append("\">Sign in to buy</a></p></div>").toString();
        }
        b.append("<form method=\"post\" action=\"/checkout\">").append(csrfField(req)).append("<input type=\"hidden\" name=\"course\" value=\"")
                .append(Html.esc(c.id().value())).append("\"><input type=\"hidden\" name=\"key\" value=\"")
                .append(Html.esc(UUID.randomUUID().toString())).append("\">");
        Map<ProviderId, Boolean> providers = shop.providers();
        for (ProviderId p : List.of(ProviderId.SANDBOX, ProviderId.STRIPE, ProviderId.ALIPAY, ProviderId.WECHAT_PAY)) {
            boolean on = providers.getOrDefault(p, false);
            b.append("<label><input type=\"radio\" name=\"provider\" value=\"").append(Html.esc(p.value())).append("\" id=\"provider-")
                    .append(Html.esc(p.value())).append("\"").append(p.equals(ProviderId.SANDBOX) ? " checked" : "")
                    .append(on ? "" : " disabled").append("> ").append(Html.esc(CheckoutPages.label(p)))
                    .append(on ? "" : " <span class=\"muted\">(unavailable: no keys configured)</span>").append("</label>");
        }
        return b.append("<button id=\"buy-button\">Buy now</button></form></div>").toString();
    }

    private String reviews(Course c, Request req, boolean entitled) {
        RatingSummary s = shop.learnloop.reviews().summary(c.id());
        StringBuilder b = new StringBuilder("<h2 id=\"reviews\">Reviews</h2><div class=\"card\" id=\"rating-summary\">");
        if (s.count() == 0) {
            // with no reviews the Bayesian average is only the platform's prior: it says nothing about this course
            b.append("<p id=\"no-reviews\">No reviews yet.</p></div>");
        } else {
            b.append(Html.stars(s.bayesianAverage())).append(String.format(Locale.ROOT,
                    " <b>%.2f</b> Bayesian average · mean %.2f from %d review%s (platform mean %.2f, prior weight %.0f)",
                    s.bayesianAverage(), s.mean(), s.count(), s.count() == 1 ? "" : "s", s.priorMean(), s.priorWeight()));
            b.append("<div class=\"table-wrap\"><table>");
            for (int stars = 5; stars >= 1; stars--) {
                long n = s.distribution().get(stars - 1);
                int pct = (int) Math.round(100.0 * n / s.count());
                b.append("<tr><td>").append(stars).append(" ★</td><td>").append(Html.bar(pct)).append("</td><td>").append(n)
                        .append("</td></tr>");
            }
            b.append("</table></div></div>");
        }
        for (Review r : shop.learnloop.reviews().visibleReviews(c.id(), null, 100).items()) {
            b.append("<div class=\"card review\">").append(Html.stars(r.rating())).append(" <b>").append(Html.esc(r.title()))
                    .append("</b> <span class=\"muted\">by ").append(Html.esc(r.learner().value()))
                    .append(r.refunded() ? " · refunded, not counted" : "").append("</span><p class=\"plain\">")
                    .append(Html.esc(r.body())).append("</p></div>");
        }
        if (entitled) {
            Review mine = shop.learnloop.reviews().reviewOf(learner(req), c.id()).orElse(null);
            b.append("<form method=\"post\" class=\"card\" id=\"review-form\" action=\"/courses/").append(Html.esc(c.id().value()))
                    .append("/reviews\">").append(csrfField(req)).append("<b>").append(mine == null ? "Write a review" : "Edit your review").append("</b>")
                    .append("<label>Rating <select name=\"rating\" id=\"review-rating\">");
            for (int i = 5; i >= 1; i--) {
                b.append("<option value=\"").append(i).append("\"").append(mine != null && mine.rating() == i ? " selected" : "")
                        .append(">").append(i).append(" ★</option>");
            }
            b.append("</select></label><label>Title <input type=\"text\" name=\"title\" id=\"review-title\" maxlength=\"200\" value=\"")
                    .append(Html.esc(mine == null ? "" : mine.title())).append("\"></label><label>Review <textarea name=\"body\" id=\"review-body\" rows=\"3\">")
                    .append(Html.esc(mine == null ? "" : mine.body())).append("</textarea></label>")
                    .append("<p class=\"muted\">Reviews count once you have completed 20% of the course.</p>")
                    .append("<button id=\"review-submit\">Publish review</button></form>");
        }
        return b.toString();
    }

    private Response review(Request req) {
        Response signIn = signInFirst(req);
        if (signIn != null) {
            return signIn;
        }
        Course c = publishedCourse(req.param("id"));
        int rating;
        try {
            rating = Integer.parseInt(req.param("rating") == null ? "" : req.param("rating"));
        } catch (NumberFormatException e) {
            throw ValidationException.of("rating", "choose 1 to 5 stars");
        }
        String title = req.param("title");
        String body = req.param("body");
        shop.learnloop.reviews().submit(learner(req), c.id(), new ReviewDraft(rating,
                title == null || title.isBlank() ? null : title, body == null || body.isBlank() ? null : body));
        return Response.redirect("/courses/" + Html.url(c.id().value()) + "?notice=" + Html.url("Thank you: your review is published.")
                + "#reviews");
    }
}
