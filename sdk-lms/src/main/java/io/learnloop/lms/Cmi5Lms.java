package io.learnloop.lms;

import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.UserId;

import java.util.Map;
import java.util.Optional;

/**
 * Learnloop as a cmi5 LMS: the host imports cmi5 course structures into its courses, its learners launch the
 * assignable units (AUs), and the AUs report to a learning record store inside Learnloop, whose statements complete
 * the bound lessons. Build one with {@link Cmi5#lms}.
 *
 * <p>The host routes two URLs to framework-neutral handlers and copies what they answer onto its HTTP response: the
 * fetch URL ({@link #fetch}) and every path under the LRS endpoint ({@link #lrs}). The LRS is part of Learnloop
 * rather than a forwarding proxy because the LMS must enforce the cmi5 rules on each statement before it is stored
 * (order, results, the context template, the mastery score), must keep {@code LMS.LaunchData} read-only for the AU and
 * must act on {@code completed} and {@code passed} as they arrive; all of it lives in the facade's store, so any host
 * instance serves any request.
 *
 * <p>When an AU's statements meet its {@code moveOn}, the bound lesson is completed once through the core's progress
 * service (so course completion and certificates follow) and, when every AU of a block or of the course is
 * satisfied, the LMS records the {@code satisfied} statement for it.
 *
 * <p>Thread-safe.
 */
public interface Cmi5Lms {
    /** The xAPI version the learning record store speaks. */
    String XAPI_VERSION = "1.0.3";

    /**
     * Imports a course structure: parses it without DTDs or external entities, validates it against the cmi5
     * CourseStructure XSD and the cmi5 rules (unique ids, absolute launch URLs, launch parameter names), binds each AU
     * to its lesson and stores it. Importing the same structure with the same bindings again returns what is stored.
     *
     * @param admin   someone with {@link io.learnloop.core.identity.Role#ADMIN}
     * @param request the structure and the bindings
     * @return the imported course
     * @throws io.learnloop.core.error.ForbiddenException if the actor is not an admin
     * @throws Cmi5Exception                              naming what is wrong; nothing is stored then
     */
    Cmi5Course importCourse(Actor admin, Cmi5Import request);

    /**
     * The structure imported into a course.
     *
     * @param course the Learnloop course
     * @return the structure, or empty
     */
    Optional<Cmi5Course> course(CourseId course);

    /**
     * Launches the AU bound to a lesson for the acting learner, if the access ledger lets them open the lesson:
     * reuses (or creates) their registration for the course, starts a session, writes the {@code LMS.LaunchData}
     * state document, records the {@code launched} statement (and {@code abandoned} for a previous session of the
     * registration that never terminated) and answers with the launch URL.
     *
     * @param learner the learner, launching for themselves
     * @param request what to launch
     * @return where to send the learner
     * @throws Cmi5Exception with {@link Cmi5Exception.Problem#UNKNOWN_AU} or {@link Cmi5Exception.Problem#NO_ACCESS};
     *                       nothing is stored then
     */
    Cmi5Launch launch(Actor learner, Cmi5LaunchRequest request);

    /**
     * The fetch URL (cmi5 section 8.2): a POST with the launch's one-time key {@code k} answers
     * {@code {"auth-token": ...}} once; any later request answers the cmi5 error JSON with {@code error-code} 1, an
     * unknown key {@code error-code} 2 (both with HTTP 200, as the specification says). A GET is refused with 405.
     *
     * @param method the HTTP method
     * @param target the request's path and query
     * @return the answer
     */
    Cmi5HttpResponse fetch(String method, String target);

    /**
     * The learning record store the AUs talk to, under the configured endpoint: {@code statements} (PUT, POST, GET by
     * id or by registration, paged), {@code activities/state} (GET, PUT, POST, DELETE; {@code LMS.LaunchData} is
     * read-only), {@code agents/profile} ({@code cmi5LearnerPreferences}) and {@code about}. Every request but
     * {@code about} needs {@code X-Experience-API-Version} 1.0.x and the session's {@code auth-token} as Basic
     * credentials; answers use the xAPI status codes (400, 401, 403, 404, 409).
     *
     * @param method  the HTTP method
     * @param target  the request's path and query
     * @param headers the request headers (names in any case)
     * @param body    the request body, empty for none
     * @return the answer
     */
    Cmi5HttpResponse lrs(String method, String target, Map<String, String> headers, byte[] body);

    /**
     * What a learner's registration reached in the AU bound to a lesson.
     *
     * @param actor   the learner themself, or an admin
     * @param learner the learner
     * @param lesson  the lesson
     * @return the progress, or empty when the learner never launched the course's AUs
     * @throws io.learnloop.core.error.ForbiddenException if the actor is someone else and not an admin
     */
    Optional<Cmi5Progress> progress(Actor actor, UserId learner, LessonId lesson);

    /**
     * Deletes expired credentials: fetch keys and the auth-tokens of sessions that have ended, oldest first. Every
     * launch leaves two small records; run this from the host's scheduler (for example every hour) until it
     * returns 0. Sessions, statements and documents are the learner's record and stay.
     *
     * @param limit the most credentials to delete in this call, 1 to
     *              {@value io.learnloop.core.store.IndexRange#MAX_LIMIT}
     * @return how many were deleted
     * @throws io.learnloop.core.error.ValidationException if the limit is out of range
     */
    int pruneExpired(int limit);
}
