package io.learnloop.lms;

import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.UserId;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Learnloop as an LTI 1.3 platform: the host's storefront launches external tools (a lab, a simulator, a proctored
 * exam) inside its courses, and the tools post grades back into Learnloop's records. Build one with
 * {@link LtiPlatforms#platform}.
 *
 * <p>The host registers each tool ({@link #registerTool}) and deployment, serves {@link #jwks()} at its JWKS URL, and
 * routes four endpoints to framework-neutral handlers, copying what they answer onto its HTTP response:
 * <ol>
 *   <li>the OIDC authorization endpoint: {@link #authorize}, which answers with the auto-submitting form that posts
 *       the signed id_token to the tool;</li>
 *   <li>the OAuth 2.0 token endpoint: {@link #token}, client credentials with a JWT client assertion;</li>
 *   <li>the Assignment and Grade Services endpoints: {@link #ags} (line items, scores, results);</li>
 *   <li>the Deep Linking return URL: {@link #deepLinkingReturn}.</li>
 * </ol>
 * A launch starts with {@link #launch}, which stores a single-use login hint bound to the signed-in user and answers
 * with the tool's login initiation URL to redirect the browser to.
 *
 * <p>Scores a tool posts with {@code activityProgress = Completed} and {@code gradingProgress = FullyGraded} to a line
 * item bound to a Learnloop lesson complete that lesson through the core's progress service
 * ({@code ProgressService.markDone}), so the learner's reports and certificates count it; every score is kept as the
 * line item's result, readable through AGS and {@link #result}.
 *
 * <p>All state (tools, hints, subjects, line items, results, used assertion ids, hashed access tokens) lives in the
 * facade's store and tenant, so any host instance serves any step. Bad input gets an {@link LtiException} (or, from an
 * endpoint, an answer carrying its {@link LtiException.Problem}), and nothing is granted, stored or lost.
 *
 * <p>Thread-safe.
 */
public interface LtiPlatform {
    /** AGS scope: manage line items. */
    String SCOPE_LINE_ITEM = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem";
    /** AGS scope: read line items. */
    String SCOPE_LINE_ITEM_READ = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly";
    /** AGS scope: read results. */
    String SCOPE_RESULT_READ = "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly";
    /** AGS scope: post scores. */
    String SCOPE_SCORE = AgsEndpoint.SCORE_SCOPE;
    /** Every AGS scope. */
    List<String> AGS_SCOPES = List.of(SCOPE_LINE_ITEM, SCOPE_LINE_ITEM_READ, SCOPE_RESULT_READ, SCOPE_SCORE);
    /** The LIS role of a learner in a context. */
    String ROLE_LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner";
    /** The LIS role of a teacher in a context. */
    String ROLE_INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor";

    /**
     * Registers a tool, or changes its registration. Registering the same values again changes nothing.
     *
     * @param admin someone with {@link io.learnloop.core.identity.Role#ADMIN}
     * @param tool  the tool
     * @return the tool as stored
     * @throws io.learnloop.core.error.ForbiddenException if the actor is not an admin
     */
    ExternalTool registerTool(Actor admin, ExternalTool tool);

    /**
     * Registers a deployment of a tool. Registering it again changes nothing.
     *
     * @param admin        someone with {@link io.learnloop.core.identity.Role#ADMIN}
     * @param clientId     the tool's client id
     * @param deploymentId the deployment id, 1 to 255 characters
     * @throws io.learnloop.core.error.ForbiddenException if the actor is not an admin
     * @throws LtiException                               with {@link LtiException.Problem#UNKNOWN_CLIENT} if the tool
     *                                                    is not registered
     */
    void registerDeployment(Actor admin, String clientId, String deploymentId);

    /**
     * Finds a tool.
     *
     * @param clientId the client id
     * @return the tool, or empty
     */
    Optional<ExternalTool> tool(String clientId);

    /**
     * Starts a launch for the signed-in user: stores a single-use login hint bound to the user, the tool, the
     * deployment and what is launched, and answers with the tool's login initiation URL.
     *
     * @param launch what to launch
     * @return where to redirect the browser
     * @throws LtiException with {@link LtiException.Problem#UNKNOWN_CLIENT} or
     *                      {@link LtiException.Problem#UNKNOWN_DEPLOYMENT}, or {@link LtiException.Problem#INVALID_REQUEST}
     *                      for a Deep Linking launch into a tool without a Deep Linking URL or a target link URI that
     *                      is not on the tool
     */
    LaunchStart launch(ToolLaunch launch);

    /**
     * The OIDC authorization endpoint (GET query or POST form parameters). Checks {@code client_id}, the registered
     * {@code redirect_uri}, {@code response_type=id_token}, {@code scope=openid}, {@code response_mode=form_post},
     * {@code prompt=none}, a {@code nonce}, and the {@code login_hint} and {@code lti_message_hint} issued by
     * {@link #launch} for the signed-in user (used up here, whatever the outcome); then answers with an
     * auto-submitting HTML form that posts the signed id_token and the {@code state} to the redirect URI.
     *
     * <p>An unknown client or an unregistered redirect URI gets HTTP 400 and no redirect (the request cannot be
     * trusted with one); any other refusal is posted to the redirect URI as an OIDC error ({@code invalid_request},
     * {@code login_required}) with the {@code state}.
     *
     * @param signedIn the user signed in to the host in this browser, or null when nobody is
     * @param params   the request's parameters
     * @return the answer; {@link LtiHttpResponse#problem()} says why a request was refused
     */
    LtiHttpResponse authorize(UserId signedIn, Map<String, String> params);

    /**
     * The OAuth 2.0 token endpoint (form parameters of the POST): {@code grant_type=client_credentials} with a
     * {@code client_assertion} of type {@code urn:ietf:params:oauth:client-assertion-type:jwt-bearer}, signed RS256 by
     * a key in the tool's JWKS, {@code iss = sub =} its client id, {@code aud} this token URL, an {@code exp} not
     * passed and a {@code jti} never used before. Answers with an opaque bearer token (stored hashed) for the
     * requested scopes the tool may have; errors as RFC 6749 JSON ({@code invalid_client}, {@code invalid_grant},
     * {@code invalid_scope}, {@code unsupported_grant_type}, {@code invalid_request}).
     *
     * @param form the form parameters
     * @return the answer
     */
    LtiHttpResponse token(Map<String, String> form);

    /**
     * The Assignment and Grade Services endpoints under the configured AGS URL: the line items container
     * ({@code GET}, {@code POST}), a line item ({@code GET}, {@code PUT}, {@code DELETE}), its scores ({@code POST})
     * and its results ({@code GET}), each with its IMS media type and a bearer token holding the scope it needs.
     * Scores must carry a {@code timestamp} after the last one recorded for the user. Refusals are
     * {@code application/problem+json}.
     *
     * @param method  the HTTP method
     * @param target  the request's path and query, for example {@code /lti/ags/contexts/abc/lineitems?limit=10}
     * @param headers the request headers (names in any case)
     * @param body    the request body, empty for none
     * @return the answer
     */
    LtiHttpResponse ags(String method, String target, Map<String, String> headers, byte[] body);

    /**
     * Verifies a tool's Deep Linking response (the {@code JWT} form parameter posted to the return URL): RS256 with a
     * key from the tool's JWKS (fetched, cached, refreshed on an unknown key id), {@code iss} the tool's client id,
     * {@code aud} this platform's issuer, {@code exp} and {@code iat} within the skew, a {@code nonce} not seen
     * before, a registered deployment, message type {@code LtiDeepLinkingResponse}, version 1.3.0, and the
     * {@code data} of the Deep Linking request it answers (used up here). Stores the content items and creates the
     * line items they ask for.
     *
     * @param jwt the posted JWT
     * @return the verified items
     * @throws LtiException when the response cannot be trusted; nothing is stored then
     */
    DeepLinkingReturn deepLinkingReturn(String jwt);

    /**
     * Reads a line item.
     *
     * @param lineItemId the line item's id
     * @return the line item, or empty
     */
    Optional<LineItem> lineItem(String lineItemId);

    /**
     * The line item of a resource link's gradebook column (created by the link's first launch).
     *
     * @param clientId       the tool
     * @param contextId      the context
     * @param resourceLinkId the resource link
     * @return the line item, or empty
     */
    Optional<LineItem> lineItemOf(String clientId, String contextId, String resourceLinkId);

    /**
     * Reads a learner's latest score in a line item.
     *
     * @param lineItemId the line item's id
     * @param learner    the learner
     * @return the result, or empty when the tool posted none
     */
    Optional<AgsResult> result(String lineItemId, UserId learner);

    /**
     * Deletes what has expired and is no longer needed: login hints, used client assertion ids and Deep Linking
     * nonces, access tokens and unanswered or answered Deep Linking requests, oldest first. Each launch and each token
     * leaves a few small records; run this from the host's scheduler (for example every hour) until it returns 0.
     *
     * @param limit the most records of each kind to delete in this call, 1 to
     *              {@value io.learnloop.core.store.IndexRange#MAX_LIMIT}
     * @return how many were deleted
     * @throws io.learnloop.core.error.ValidationException if the limit is out of range
     */
    int pruneExpired(int limit);

    /**
     * The platform's public keys as a JWK Set, to serve at its JWKS URL.
     *
     * @return the JWK Set JSON
     */
    String jwks();
}
