package io.learnloop.core.internal.commerce;

import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.commerce.OfferDraft;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.error.Validator;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.internal.catalog.CatalogTypes;
import io.learnloop.core.store.UnitOfWork;
import io.learnloop.core.store.Versioned;

import java.util.ArrayList;
import java.util.List;

/**
 * Who may sell what: an offer lists only courses that exist and are live (published or unlisted), and only their
 * authors (creator or co-authors) or an admin may sell them. A plan that covers whole categories reaches other
 * creators' courses, so only an admin may create one.
 *
 * <p>Thread-safe: stateless.
 */
final class SaleRights {
    private SaleRights() {
    }

    /**
     * Throws unless {@code actor} may create an offer of {@code draft}.
     *
     * @param uow   the unit of work to read the catalogue in
     * @param actor the would-be seller
     * @param draft what they want to sell
     * @throws io.learnloop.core.error.ValidationException naming each course that does not exist or is not live
     * @throws ForbiddenException                           if a course is not the actor's to sell
     */
    static void requireSellable(UnitOfWork uow, Actor actor, OfferDraft draft) {
        boolean admin = actor.has(Role.ADMIN);
        List<CourseId> courses = draft.membership() != null ? draft.membership().courses() : draft.courses();
        String field = draft.membership() != null ? "membership.courses" : "courses";
        Validator v = new Validator();
        List<CourseId> notTheirs = new ArrayList<>();
        for (int i = 0; i < courses.size(); i++) {
            CourseId id = courses.get(i);
            Course course = uow.find(CatalogTypes.COURSE, id.value()).map(Versioned::value).orElse(null);
            String f = field + "[" + i + "]";
            if (course == null) {
                v.check(false, f, "no course with id '" + id + "' exists; create and publish it first");
                continue;
            }
            v.check(course.status().isLive(), f, "course '" + id + "' is " + course.status()
                    + "; only a published (or unlisted) course can be sold");
            if (!admin && !course.isAuthor(actor.id())) {
                notTheirs.add(id);
            }
        }
        v.throwIfInvalid();
        if (!notTheirs.isEmpty()) {
            throw new ForbiddenException("User '" + actor.id() + "' may not sell " + notTheirs
                    + ": only a course's authors (its creator and co-authors) or an admin may create offers for it.");
        }
        if (!admin && draft.membership() != null && !draft.membership().categories().isEmpty()) {
            throw new ForbiddenException("User '" + actor.id() + "' may not create a plan covering the categories "
                    + draft.membership().categories() + ": a category reaches other creators' courses, so only an admin"
                    + " may; list your own courses in the plan instead.");
        }
    }

    /**
     * Whether every course an offer sells is still live, so it may be bought now.
     *
     * @param uow     the unit of work
     * @param courses the offer's courses
     * @return the first course that no longer exists or is not live, or null if all are
     */
    static CourseId firstUnavailable(UnitOfWork uow, List<CourseId> courses) {
        for (CourseId id : courses) {
            Course course = uow.find(CatalogTypes.COURSE, id.value()).map(Versioned::value).orElse(null);
            if (course == null || !course.status().isLive()) {
                return id;
            }
        }
        return null;
    }
}
