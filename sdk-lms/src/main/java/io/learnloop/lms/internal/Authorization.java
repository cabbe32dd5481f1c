package io.learnloop.lms.internal;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.store.UnitOfWork;
import io.learnloop.lms.ExternalTool;
import io.learnloop.lms.LtiException;
import io.learnloop.lms.LtiException.Problem;
import io.learnloop.lms.LtiHttpResponse;
import io.learnloop.lms.LtiMessageType;
import io.learnloop.lms.LtiPlatformConfig;
import io.learnloop.lms.internal.PlatformRows.DeepLinkingRequestRow;
import io.learnloop.lms.internal.PlatformRows.LaunchHint;
import io.learnloop.lms.internal.PlatformRows.LineItemRow;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The platform's OIDC authorization endpoint (LTI Security Framework 5.1.1.2 and 5.1.1.3, OpenID Connect Core 3.2.2):
 * checks the tool's authentication request against the tool's registration and the launch's hint, then answers
 * with the form that posts the signed id_token to the tool's redirect URI.
 *
 * <p>Thread-safe: immutable.
 */
final class Authorization {
    /** How long a teacher may take to pick content at a tool before the Deep Linking request lapses. */
    static final Duration DEEP_LINKING_WINDOW = Duration.ofHours(1);
    private static final int MAX_NONCE = 255;

    private final ServiceContext context;
    private final LtiPlatformConfig config;
    private final ToolRegistry tools;
    private final LaunchHints hints;
    private final AgsUrls urls;

    Authorization(ServiceContext context, LtiPlatformConfig config, ToolRegistry tools, LaunchHints hints, AgsUrls urls) {
        this.context = context;
        this.config = config;
        this.tools = tools;
        this.hints = hints;
        this.urls = urls;
    }

    LtiHttpResponse authorize(UserId signedIn, Map<String, String> params) {
        Map<String, String> p = params == null ? Map.of() : params;
        ExternalTool tool;
        String redirectUri = p.get("redirect_uri");
        try {
            tool = tools.require(p.get("client_id"));
            if (redirectUri == null || !tool.redirectUris().contains(redirectUri)) {
                throw new LtiException(Problem.INVALID_REDIRECT_URI, "The redirect_uri '" + redirectUri
                        + "' is not registered for the LTI tool '" + tool.clientId() + "'; registered: "
                        + tool.redirectUris() + ".");
            }
        } catch (LtiException e) {
            // Nothing is sent to a redirect URI that cannot be trusted.
            return PlatformHttp.plain(400, e);
        }
        String state = p.get("state");
        try {
            checkRequest(p);
            LaunchHint hint = hints.use(p.get("login_hint"));
            if (!hint.clientId().equals(tool.clientId()) || !hint.messageHint().equals(p.get("lti_message_hint"))) {
                throw new LtiException(Problem.UNKNOWN_LOGIN_HINT, "The login_hint and lti_message_hint were not "
                        + "issued together for the LTI tool '" + tool.clientId() + "'; launch the tool again.");
            }
            if (signedIn == null || !signedIn.value().equals(hint.user())) {
                throw new LtiException(Problem.LOGIN_REQUIRED, "The launch was started for another user than the one "
                        + "signed in here (or nobody is signed in); sign in and launch the tool again.");
            }
            String idToken = idToken(hint, p.get("nonce"));
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("id_token", idToken);
            if (state != null) {
                fields.put("state", state);
            }
            return PlatformHttp.formPost(200, redirectUri, fields, null);
        } catch (LtiException e) {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("error", e.problem() == Problem.LOGIN_REQUIRED ? "login_required" : "invalid_request");
            fields.put("error_description", e.getMessage());
            if (state != null) {
                fields.put("state", state);
            }
            return PlatformHttp.formPost(200, redirectUri, fields, e.problem());
        }
    }

    private static void checkRequest(Map<String, String> p) {
        List<String> wrong = new java.util.ArrayList<>();
        if (!"id_token".equals(p.get("response_type"))) {
            wrong.add("response_type must be id_token");
        }
        String scope = p.get("scope");
        if (scope == null || !List.of(scope.split(" ")).contains("openid")) {
            wrong.add("scope must hold openid");
        }
        if (!"form_post".equals(p.get("response_mode"))) {
            wrong.add("response_mode must be form_post");
        }
        if (!"none".equals(p.get("prompt"))) {
            wrong.add("prompt must be none");
        }
        String nonce = p.get("nonce");
        if (nonce == null || nonce.isBlank() || nonce.length() > MAX_NONCE) {
            wrong.add("nonce must be 1 to " + MAX_NONCE + " characters");
        }
        if (p.get("login_hint") == null) {
            wrong.add("login_hint is required");
        }
        if (!wrong.isEmpty()) {
            throw new LtiException(Problem.INVALID_REQUEST, "The authentication request is not an LTI 1.3 one: "
                    + String.join("; ", wrong) + ".");
        }
    }

    private String idToken(LaunchHint hint, String nonce) {
        Instant now = context.now();
        boolean deepLinking = LtiMessageType.DEEP_LINKING.claim().equals(hint.messageType());
        ExternalTool tool = tools.require(hint.clientId());
        Map<String, Object> claims = new LinkedHashMap<>();
        context.transactRetrying(uow -> {
            claims.clear();
            String subject = Subjects.ensure(uow, hint.clientId(), hint.user());
            claims.put("iss", config.issuer());
            claims.put("sub", subject);
            claims.put("aud", hint.clientId());
            claims.put("azp", hint.clientId());
            claims.put("iat", now.getEpochSecond());
            claims.put("exp", now.plus(config.idTokenLifetime()).getEpochSecond());
            claims.put("nonce", nonce);
            claims.put(LtiClaims.MESSAGE_TYPE, hint.messageType());
            claims.put(LtiClaims.VERSION, LtiClaims.LTI_VERSION);
            claims.put(LtiClaims.DEPLOYMENT_ID, hint.deploymentId());
            claims.put(LtiClaims.TARGET_LINK_URI, hint.targetLinkUri());
            claims.put(LtiClaims.ROLES, hint.roles());
            Map<String, Object> ctx = new LinkedHashMap<>();
            ctx.put("id", hint.contextId());
            if (hint.contextTitle() != null) {
                ctx.put("title", hint.contextTitle());
            }
            ctx.put("type", List.of("http://purl.imsglobal.org/vocab/lis/v2/course#CourseSection"));
            claims.put(LtiClaims.CONTEXT, ctx);
            if (!hint.custom().isEmpty()) {
                claims.put(LtiClaims.CUSTOM, hint.custom());
            }
            if (deepLinking) {
                claims.put(LtiClaims.DL_SETTINGS, deepLinkingSettings(uow, hint, now));
            } else {
                Map<String, Object> link = new LinkedHashMap<>();
                link.put("id", hint.resourceLinkId());
                if (hint.resourceLinkTitle() != null) {
                    link.put("title", hint.resourceLinkTitle());
                }
                claims.put(LtiClaims.RESOURCE_LINK, link);
            }
            if (!tool.scopes().isEmpty()) {
                claims.put(LtiClaims.AGS_ENDPOINT, agsClaim(uow, hint, tool, now, deepLinking));
            }
            return null;
        });
        return config.keys().active().signJwt(claims);
    }

    private Map<String, Object> agsClaim(UnitOfWork uow, LaunchHint hint, ExternalTool tool, Instant now,
                                         boolean deepLinking) {
        Map<String, Object> ags = new LinkedHashMap<>();
        ags.put("scope", tool.scopes());
        ags.put("lineitems", urls.lineItems(hint.contextId()));
        if (!deepLinking && hint.scoreMaximum() > 0) {
            ags.put("lineitem", urls.lineItem(ensureLineItem(uow, hint, now).id()));
        }
        return ags;
    }

    /** The resource link's own column, created on its first launch; later launches find the same one. */
    private static LineItemRow ensureLineItem(UnitOfWork uow, LaunchHint hint, Instant now) {
        String id = Keys.of("link", hint.clientId(), hint.contextId(), hint.resourceLinkId());
        Optional<LineItemRow> existing = uow.find(PlatformTypes.LINE_ITEM, id).map(v -> v.value());
        if (existing.isPresent()) {
            return existing.get();
        }
        LineItemRow row = new LineItemRow(id, hint.clientId(), hint.contextId(),
                hint.resourceLinkTitle() != null ? hint.resourceLinkTitle() : hint.resourceLinkId(), hint.scoreMaximum(),
                hint.resourceLinkId(), null, null, hint.lesson(), now);
        uow.insert(PlatformTypes.LINE_ITEM, row);
        return row;
    }

    private Map<String, Object> deepLinkingSettings(UnitOfWork uow, LaunchHint hint, Instant now) {
        String data = PlatformHttp.secret();
        uow.insert(PlatformTypes.DL_REQUEST, new DeepLinkingRequestRow(data, hint.clientId(), hint.deploymentId(),
                hint.contextId(), hint.user(), now.plus(DEEP_LINKING_WINDOW), null, hint.lesson()));
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("deep_link_return_url", config.deepLinkingReturnUrl());
        settings.put("accept_types", List.of("ltiResourceLink"));
        settings.put("accept_presentation_document_targets", List.of("iframe", "window"));
        settings.put("accept_multiple", true);
        settings.put("accept_lineitem", true);
        settings.put("auto_create", false);
        settings.put("data", data);
        return settings;
    }
}
