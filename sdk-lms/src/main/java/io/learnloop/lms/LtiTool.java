package io.learnloop.lms;

import io.learnloop.core.access.Grant;
import io.learnloop.core.event.EventListener;
import io.learnloop.core.identity.Actor;

import java.util.List;
import java.util.Optional;

/**
 * Learnloop as an LTI 1.3 tool: a learning management system (the platform) launches courses and lessons, and the
 * tool verifies each launch, maps its user to a Learnloop learner and asks the access ledger whether they may open
 * what the link names. Build one with {@link LtiTools#tool}.
 *
 * <p>A launch is three requests the host routes to the tool:
 * <ol>
 *   <li>the platform's login initiation at the tool's login URL: {@link #initiateLogin}, answered with a redirect;</li>
 *   <li>the platform's form POST of {@code id_token} and {@code state} at the tool's redirect URI: {@link #launch};</li>
 *   <li>the platforms' requests for the tool's public keys at its JWKS URL: {@link #jwks}.</li>
 * </ol>
 * Login states are kept through the core store, so any host instance can finish a launch another one started.
 *
 * <p>Thread-safe.
 */
public interface LtiTool {
    /**
     * Registers a platform (or changes a registration's endpoints): the platform's issuer, the client id it gave the
     * tool and its endpoints. Registering the same values again changes nothing.
     *
     * @param admin        someone with {@link io.learnloop.core.identity.Role#ADMIN}
     * @param registration the registration
     * @return the registration as stored
     * @throws io.learnloop.core.error.ForbiddenException if the actor is not an admin
     */
    PlatformRegistration registerPlatform(Actor admin, PlatformRegistration registration);

    /**
     * Registers a deployment of the tool at a registered platform: launches from other deployments are refused.
     * Registering it again changes nothing.
     *
     * @param admin        someone with {@link io.learnloop.core.identity.Role#ADMIN}
     * @param issuer       the platform's issuer
     * @param clientId     the client id
     * @param deploymentId the deployment id, 1 to 255 characters
     * @throws io.learnloop.core.error.ForbiddenException if the actor is not an admin
     * @throws LtiException                               with {@link LtiException.Problem#UNKNOWN_ISSUER} or
     *                                                    {@link LtiException.Problem#UNKNOWN_CLIENT} if the
     *                                                    platform is not registered
     */
    void registerDeployment(Actor admin, String issuer, String clientId, String deploymentId);

    /**
     * Finds a registration.
     *
     * @param issuer   the issuer
     * @param clientId the client id
     * @return the registration, or empty
     */
    Optional<PlatformRegistration> platform(String issuer, String clientId);

    /**
     * The registrations of one issuer (a platform rarely registers the tool more than a few times).
     *
     * @param issuer the issuer
     * @return the registrations
     */
    List<PlatformRegistration> platforms(String issuer);

    /**
     * Answers a platform's third-party-initiated login: checks the platform (and the deployment, when named),
     * stores a fresh single-use {@code state} with its {@code nonce}, and builds the redirect to the platform's
     * authorization endpoint.
     *
     * @param initiation the login request's parameters
     * @return where to redirect the browser
     * @throws LtiException with {@link LtiException.Problem#INVALID_REQUEST}, {@link LtiException.Problem#UNKNOWN_ISSUER},
     *                      {@link LtiException.Problem#UNKNOWN_CLIENT} or {@link LtiException.Problem#UNKNOWN_DEPLOYMENT}
     */
    LoginRedirect initiateLogin(LoginInitiation initiation);

    /**
     * Finishes a launch: uses up the {@code state}, verifies the {@code id_token} (RS256 signature with the platform's
     * JWKS, issuer, audience and authorized party, expiry and issue time with the configured skew, nonce,
     * deployment, message type and LTI version), maps the user to a learner and, for a resource link, decides access
     * to the course or lesson named by the link's custom parameter {@code learnloop_course} or
     * {@code learnloop_lesson}, consuming a seat of the deployment's organisation licence on a learner's first
     * launch when nothing else lets them in (only users with the Learner role take seats; give teachers access
     * another way, for example a manual grant).
     *
     * @param idToken the posted {@code id_token}
     * @param state   the posted {@code state}
     * @return the verified launch and the access decision
     * @throws LtiException when the launch cannot be trusted; nothing is granted or consumed then
     */
    LaunchResult launch(String idToken, String state);

    /**
     * Records an organisation licence: {@code seats} seats of some courses for the learners launched from one
     * deployment. Recording the same deployment and reference again returns the licence already recorded.
     *
     * @param admin   someone with {@link io.learnloop.core.identity.Role#ADMIN}; named as the granter of its seats
     * @param request the licence
     * @return the licence
     * @throws io.learnloop.core.error.ForbiddenException  if the actor is not an admin
     * @throws io.learnloop.core.error.ValidationException if the deployment is not registered
     * @throws io.learnloop.core.error.NotFoundException   if a course does not exist
     */
    SeatLicence recordLicence(Actor admin, LicenceRequest request);

    /**
     * Reads a licence with its count of taken seats.
     *
     * @param id the licence id
     * @return the licence, or empty
     */
    Optional<SeatLicence> licence(String id);

    /**
     * The licences of one deployment (an institution holds a handful, not a number that grows with history).
     *
     * @param issuer       the platform's issuer
     * @param deploymentId the deployment
     * @return the licences
     */
    List<SeatLicence> licences(String issuer, String deploymentId);

    /**
     * Answers a Deep Linking launch with the courses or lessons the teacher picked (host UI over
     * {@code Learnloop.catalog()}): a signed {@code LtiDeepLinkingResponse} whose {@code ltiResourceLink} items carry
     * the custom parameters later launches open, and, for items {@link ContentItem#withGradebookColumn() with a
     * column}, a {@code lineItem} that makes the platform create the gradebook column. An empty list tells the
     * platform that nothing was picked.
     *
     * @param launch the verified Deep Linking launch ({@link LaunchResult#launch()})
     * @param items  the picked items
     * @return the response to form-POST to the platform
     * @throws io.learnloop.core.error.ValidationException if the launch is not a Deep Linking launch, or the platform
     *                                                    does not accept these items (type or number)
     * @throws io.learnloop.core.error.ForbiddenException  if the launching user is not a teacher or administrator
     * @throws io.learnloop.core.error.NotFoundException   if a course does not exist
     */
    DeepLinkingResponse deepLinkingResponse(LtiLaunch launch, List<ContentItem> items);

    /**
     * Reads one page of the launch's course section roster through Names and Role Provisioning Services, with a
     * client-credentials token for the {@code contextmembership.readonly} scope.
     *
     * @param launch  a verified launch that carries the roster service claim
     * @param pageUrl null for the first page, else {@link RosterPage#nextPage()} of the previous one
     * @return the page
     * @throws io.learnloop.core.error.ValidationException if the launch has no roster service, or the page URL is not
     *                                                    on the platform's roster service
     * @throws io.learnloop.core.error.RemoteException     if the platform refuses or cannot be reached
     */
    RosterPage roster(LtiLaunch launch, String pageUrl);

    /**
     * Gives seats of an organisation licence to the active learners of a roster page before they first launch, so
     * that the seats are counted (and the learners can open the courses) from the start. Members who already hold a
     * seat keep it; instructors and inactive members are skipped; when the seats run out, the rest get none.
     *
     * @param admin     someone with {@link io.learnloop.core.identity.Role#ADMIN}
     * @param licenceId the licence
     * @param members   the roster members (one page)
     * @return the seat grants of the learners who hold a seat of the licence after the call
     * @throws io.learnloop.core.error.ForbiddenException if the actor is not an admin
     * @throws io.learnloop.core.error.NotFoundException  if the licence does not exist
     */
    List<Grant> provisionSeats(Actor admin, String licenceId, List<RosterMember> members);

    /**
     * The listener that posts learners' results to the LMS gradebooks through Assignment and Grade Services:
     * register it on the facade ({@code Learnloop.Builder#listener}). On a graded quiz or a completed course of a
     * learner who launched the course from a link with a gradebook column (and the platform granted the score
     * scope), it writes a score delivery and announces it through the outbox in one transaction; on that
     * announcement it posts the score ({@code FullyGraded}) with a client-credentials token. A failed post throws, so
     * the outbox hands it out again; a posted score is never posted again.
     *
     * @return the listener
     */
    EventListener outboxListener();

    /**
     * The latest scores sent to LMS gradebooks for a learner, with where each delivery stands: newest first, up to
     * {@code limit} for each gradebook column the learner launched a course from.
     *
     * @param learner the learner
     * @param limit   the most scores per column, 1 to {@value io.learnloop.core.store.IndexRange#MAX_LIMIT}
     * @return the scores, newest first within each column
     * @throws io.learnloop.core.error.ValidationException if the limit is out of range
     */
    List<ScorePost> scoresOf(io.learnloop.core.identity.UserId learner, int limit);

    /**
     * Deletes login states that have expired (used or not), oldest first. Each login leaves one small record; run
     * this from the host's scheduler (for example every hour) until it returns less than {@code limit}.
     *
     * @param limit the most states to delete in this call, 1 to {@value io.learnloop.core.store.IndexRange#MAX_LIMIT}
     * @return how many were deleted
     * @throws io.learnloop.core.error.ValidationException if the limit is out of range
     */
    int pruneLoginStates(int limit);

    /**
     * The tool's public keys as a JWK Set, to serve at the tool's JWKS URL.
     *
     * @return the JWK Set JSON
     */
    String jwks();
}
