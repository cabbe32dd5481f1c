package io.learnloop.examples.storefront;

import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.CourseStatus;
import io.learnloop.core.error.NotFoundException;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.UserId;
import io.learnloop.examples.storefront.WebServer.Request;
import io.learnloop.examples.storefront.WebServer.Response;

import java.util.Map;

/** What every page group shares: the shop, the signed-in learner and the layout. */
abstract class Pages {
    final Shop shop;

    Pages(Shop shop) {
        this.shop = shop;
    }

    abstract void register(WebServer web);

    static Response page(Request req, String title, String body) {
        return Response.html(Html.page(title, req.learner(), req.csrf(), body));
    }

    /** The hidden form-token field for a form on this request's page. */
    static String csrfField(Request req) {
        return Html.csrfField(req.csrf());
    }

    /** A one-button form carrying the form token. */
    static String button(Request req, String action, String id, String label, Map<String, String> hidden) {
        return Html.button(req.csrf(), action, id, label, hidden);
    }

    /** Where to send a visitor who must sign in first, or null when signed in. */
    static Response signInFirst(Request req) {
        if (req.learner() != null) {
            return null;
        }
        return Response.redirect("/signin?next=" + Html.url(req.path()));
    }

    static UserId learner(Request req) {
        return UserId.of(req.learner());
    }

    static Actor actor(Request req) {
        return Actor.learner(req.learner());
    }

    Course publishedCourse(String id) {
        Course c = shop.learnloop.catalog().course(CourseId.of(id));
        if (c.status() != CourseStatus.PUBLISHED || c.published() == null) {
            throw new NotFoundException("course", id);
        }
        return c;
    }

    static String title(Course c) {
        return c.published().details().title();
    }
}
