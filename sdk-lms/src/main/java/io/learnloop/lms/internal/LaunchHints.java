package io.learnloop.lms.internal;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.store.Versioned;
import io.learnloop.lms.ExternalTool;
import io.learnloop.lms.LaunchStart;
import io.learnloop.lms.LtiException;
import io.learnloop.lms.LtiException.Problem;
import io.learnloop.lms.LtiMessageType;
import io.learnloop.lms.LtiPlatformConfig;
import io.learnloop.lms.ToolLaunch;
import io.learnloop.lms.internal.PlatformRows.LaunchHint;
import io.learnloop.http.internal.HttpRequest;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Starts launches (third-party initiated login, LTI 1.3 core 5.1.1 and Security Framework 5.1.1) and uses up their
 * hints. The {@code login_hint} is a random single-use id of a stored {@link LaunchHint} and the
 * {@code lti_message_hint} a second random value bound to it, so that neither can be guessed or moved to another
 * user, tool or launch.
 *
 * <p>Thread-safe: immutable.
 */
final class LaunchHints {
    private final ServiceContext context;
    private final LtiPlatformConfig config;
    private final ToolRegistry tools;

    LaunchHints(ServiceContext context, LtiPlatformConfig config, ToolRegistry tools) {
        this.context = context;
        this.config = config;
        this.tools = tools;
    }

    LaunchStart start(ToolLaunch launch) {
        ExternalTool tool = tools.require(launch.clientId());
        tools.requireDeployment(tool.clientId(), launch.deploymentId());
        String target;
        if (launch.messageType() == LtiMessageType.DEEP_LINKING) {
            if (tool.deepLinkingUrl() == null) {
                throw new LtiException(Problem.INVALID_REQUEST, "The LTI tool '" + tool.clientId() + "' has no Deep "
                        + "Linking URL; register one to let teachers pick its content.");
            }
            target = tool.deepLinkingUrl();
        } else {
            target = launch.targetLinkUri() != null ? launch.targetLinkUri() : tool.targetLinkUri();
        }
        String origin = HttpRequest.origin(target);
        if (origin == null || !(origin.equals(HttpRequest.origin(tool.targetLinkUri()))
                || tool.redirectUris().stream().anyMatch(u -> origin.equals(HttpRequest.origin(u))))) {
            throw new LtiException(Problem.INVALID_REQUEST, "The target link URI '" + target + "' is not on the LTI "
                    + "tool '" + tool.clientId() + "'; use a URL on " + HttpRequest.origin(tool.targetLinkUri()) + ".");
        }
        Instant now = context.now();
        LaunchHint hint = new LaunchHint(PlatformHttp.secret(), PlatformHttp.secret(), tool.clientId(),
                launch.deploymentId(), launch.user().value(), launch.messageType().claim(), launch.roles(),
                launch.contextId(), launch.contextTitle(), launch.resourceLinkId(), launch.resourceLinkTitle(), target,
                launch.custom(), launch.lesson() == null ? null : launch.lesson().value(), launch.scoreMaximum(), now,
                now.plus(config.hintTtl()), null);
        context.transact(uow -> uow.insert(PlatformTypes.HINT, hint));
        Map<String, String> params = new LinkedHashMap<>();
        params.put("iss", config.issuer());
        params.put("login_hint", hint.id());
        params.put("target_link_uri", target);
        params.put("lti_message_hint", hint.messageHint());
        params.put("client_id", tool.clientId());
        params.put("lti_deployment_id", launch.deploymentId());
        return new LaunchStart(DefaultLtiTool.withQuery(tool.loginUrl(), params), hint.expiresAt());
    }

    /**
     * Uses up a hint and returns it; the checks that follow (client, message hint, user, expiry) run after it is
     * marked used, so a hint presented with anything wrong can never be tried again.
     */
    LaunchHint use(String loginHint) {
        if (loginHint == null || loginHint.isBlank() || loginHint.length() > 128) {
            throw unknown();
        }
        Instant now = context.now();
        LaunchHint used = context.transactRetrying(uow -> {
            Optional<Versioned<LaunchHint>> found = uow.find(PlatformTypes.HINT, loginHint);
            if (found.isEmpty()) {
                return null;
            }
            LaunchHint h = found.get().value();
            if (h.usedAt() != null) {
                return h;
            }
            uow.update(PlatformTypes.HINT, h.used(now), found.get().version());
            return h; // as presented: unused
        });
        if (used == null) {
            throw unknown();
        }
        if (used.usedAt() != null) {
            throw new LtiException(Problem.LOGIN_HINT_REPLAYED, "The login_hint was already used by an earlier "
                    + "authentication request: this is a replay. Launch the tool again.");
        }
        if (!now.isBefore(used.expiresAt())) {
            throw new LtiException(Problem.LOGIN_HINT_EXPIRED, "The login_hint expired at " + used.expiresAt()
                    + " (it lives " + config.hintTtl() + "); launch the tool again.");
        }
        return used;
    }

    private static LtiException unknown() {
        return new LtiException(Problem.UNKNOWN_LOGIN_HINT, "The login_hint was not issued by this platform; launch "
                + "the tool again from the course.");
    }
}
