package io.learnloop.lms.internal;

import io.learnloop.core.Learnloop;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.lms.ContentItem;
import io.learnloop.lms.DeepLinkingResponse;
import io.learnloop.lms.DeepLinkingSettings;
import io.learnloop.lms.LtiLaunch;
import io.learnloop.lms.LtiMessageType;
import io.learnloop.lms.LtiToolConfig;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds {@code LtiDeepLinkingResponse} messages (LTI Deep Linking 2.0, section 4): {@code iss} the tool's client id,
 * {@code aud} the platform's issuer, a short {@code exp}, a fresh {@code nonce}, the deployment, the content items and
 * the platform's {@code data} echoed back, signed RS256 with the tool's active key.
 *
 * <p>Thread-safe: immutable.
 */
final class DeepLinking {
    private static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String LINK_TYPE = "ltiResourceLink";

    private final Learnloop learnloop;
    private final LtiToolConfig config;

    DeepLinking(Learnloop learnloop, LtiToolConfig config) {
        this.learnloop = learnloop;
        this.config = config;
    }

    DeepLinkingResponse respond(LtiLaunch launch, List<ContentItem> items) {
        if (launch == null || launch.messageType() != LtiMessageType.DEEP_LINKING || launch.deepLinking() == null) {
            throw ValidationException.of("launch", "is not a Deep Linking launch; answer only LtiDeepLinkingRequest "
                    + "launches with a Deep Linking response");
        }
        if (!mayPickContent(launch.roles())) {
            throw new ForbiddenException("Only a teacher (Instructor or ContentDeveloper role) or an administrator "
                    + "may place Learnloop content; the launch's roles are " + launch.roles() + ".");
        }
        DeepLinkingSettings settings = launch.deepLinking();
        List<ContentItem> picked = items == null ? List.of() : List.copyOf(items);
        if (!picked.isEmpty() && !settings.acceptTypes().contains(LINK_TYPE)) {
            throw ValidationException.of("items", "the platform accepts " + settings.acceptTypes()
                    + ", not LTI resource links");
        }
        if (picked.size() > 1 && !settings.acceptMultiple()) {
            throw ValidationException.of("items", "the platform accepts one item, not " + picked.size());
        }
        if (!settings.acceptLineItem() && picked.stream().anyMatch(i -> i.scoreMaximum() > 0)) {
            throw ValidationException.of("items", "the platform accepts no gradebook column (accept_lineitem is "
                    + "false); pick the items without withGradebookColumn()");
        }
        List<Map<String, Object>> contentItems = new ArrayList<>();
        for (ContentItem item : picked) {
            learnloop.catalog().course(item.course()); // NotFoundException for a course that does not exist
            contentItems.add(json(item));
        }
        Instant now = learnloop.context().now();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", launch.clientId());
        // Not in the IMS example, but Blackboard Learn requires it; the tool is the subject of its own message.
        claims.put("sub", launch.clientId());
        claims.put("aud", List.of(launch.issuer()));
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(LIFETIME).getEpochSecond());
        claims.put("nonce", random());
        claims.put(LtiClaims.DEPLOYMENT_ID, launch.deploymentId());
        claims.put(LtiClaims.MESSAGE_TYPE, LtiClaims.DEEP_LINKING_RESPONSE);
        claims.put(LtiClaims.VERSION, LtiClaims.LTI_VERSION);
        claims.put(LtiClaims.DL_CONTENT_ITEMS, contentItems);
        if (settings.data() != null) {
            claims.put(LtiClaims.DL_DATA, settings.data());
        }
        return new DeepLinkingResponse(settings.returnUrl(), config.keys().active().signJwt(claims));
    }

    private Map<String, Object> json(ContentItem item) {
        Map<String, Object> custom = new LinkedHashMap<>();
        custom.put(LtiClaims.CUSTOM_COURSE, item.course().value());
        if (item.lesson() != null) {
            custom.put(LtiClaims.CUSTOM_LESSON, item.lesson().value());
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", LINK_TYPE);
        json.put("title", item.title());
        json.put("url", config.redirectUri());
        json.put("custom", custom);
        if (item.scoreMaximum() > 0) {
            Map<String, Object> lineItem = new LinkedHashMap<>();
            lineItem.put("scoreMaximum", item.scoreMaximum());
            lineItem.put("label", item.title());
            lineItem.put("resourceId", item.lesson() != null ? item.lesson().value() : item.course().value());
            lineItem.put("tag", "learnloop");
            json.put("lineItem", lineItem);
        }
        return json;
    }

    private static boolean mayPickContent(List<String> roles) {
        return roles.stream().anyMatch(r -> r.endsWith("membership#Instructor") || r.endsWith("membership#ContentDeveloper")
                || r.endsWith("#Administrator"));
    }

    private static String random() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
