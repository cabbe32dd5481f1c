package io.learnloop.lms.internal;

import com.nimbusds.jwt.JWTClaimsSet;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.store.Versioned;
import io.learnloop.lms.DeepLinkingReturn;
import io.learnloop.lms.ExternalTool;
import io.learnloop.lms.LtiException;
import io.learnloop.lms.LtiException.Problem;
import io.learnloop.lms.LtiPlatformConfig;
import io.learnloop.lms.ReturnedContentItem;
import io.learnloop.lms.internal.PlatformRows.ContentItemRow;
import io.learnloop.lms.internal.PlatformRows.DeepLinkingRequestRow;
import io.learnloop.lms.internal.PlatformRows.LineItemRow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies tools' Deep Linking responses (LTI Deep Linking 2.0, section 4.2) and stores what they return: the
 * content items and the line items they ask for, in one transaction with the nonce and the answered request, so a
 * response is accepted once and either wholly or not at all.
 *
 * <p>Thread-safe: immutable.
 */
final class DeepLinkingReturns {
    private static final String WHAT = "Deep Linking response";
    private static final int MAX_ITEMS = 100;

    private final ServiceContext context;
    private final LtiPlatformConfig config;
    private final ToolRegistry tools;
    private final ToolJwts jwts;

    DeepLinkingReturns(ServiceContext context, LtiPlatformConfig config, ToolRegistry tools, ToolJwts jwts) {
        this.context = context;
        this.config = config;
        this.tools = tools;
        this.jwts = jwts;
    }

    DeepLinkingReturn accept(String jwt) {
        ToolJwts.Verified verified = jwts.verify(jwt, WHAT, config.issuer());
        ExternalTool tool = verified.tool();
        JWTClaimsSet claims = verified.claims();
        String type = IdTokenVerifier.string(claims, LtiClaims.MESSAGE_TYPE);
        if (!LtiClaims.DEEP_LINKING_RESPONSE.equals(type)) {
            throw new LtiException(type == null ? Problem.MISSING_CLAIM : Problem.UNSUPPORTED_MESSAGE_TYPE,
                    "The " + WHAT + "'s message type is '" + type + "', not " + LtiClaims.DEEP_LINKING_RESPONSE + ".");
        }
        String version = IdTokenVerifier.string(claims, LtiClaims.VERSION);
        if (!LtiClaims.LTI_VERSION.equals(version)) {
            throw new LtiException(version == null ? Problem.MISSING_CLAIM : Problem.UNSUPPORTED_VERSION,
                    "The " + WHAT + "'s LTI version is '" + version + "'; this platform speaks 1.3.0.");
        }
        String deployment = IdTokenVerifier.string(claims, LtiClaims.DEPLOYMENT_ID);
        tools.requireDeployment(tool.clientId(), deployment);
        String nonce = IdTokenVerifier.string(claims, "nonce");
        if (nonce == null || nonce.isBlank() || nonce.length() > 255) {
            throw ToolJwts.missing(WHAT, "nonce");
        }
        String data = IdTokenVerifier.string(claims, LtiClaims.DL_DATA);
        List<Map<String, Object>> items = items(claims);
        String message = IdTokenVerifier.string(claims, LtiClaims.DL_MSG);
        Instant now = context.now();
        try {
            return context.transact(uow -> {
                Optional<Versioned<DeepLinkingRequestRow>> found = data == null || data.length() > 128
                        ? Optional.empty() : uow.find(PlatformTypes.DL_REQUEST, data);
                if (found.isEmpty() || !found.get().value().clientId().equals(tool.clientId())
                        || !found.get().value().deploymentId().equals(deployment)) {
                    throw new LtiException(Problem.UNKNOWN_STATE, "The " + WHAT + "'s data does not name a Deep "
                            + "Linking request this platform sent to the tool '" + tool.clientId() + "' for deployment '"
                            + deployment + "'.");
                }
                DeepLinkingRequestRow request = found.get().value();
                if (request.answeredAt() != null) {
                    throw new LtiException(Problem.STATE_REPLAYED, "The Deep Linking request was already answered: "
                            + "this is a replay.");
                }
                if (!now.isBefore(request.expiresAt())) {
                    throw new LtiException(Problem.STATE_EXPIRED, "The Deep Linking request lapsed at "
                            + request.expiresAt() + "; pick the content again.");
                }
                UsedTokenIds.use(uow, "dl-nonce", tool.clientId(), nonce, verified.expiresAt().plus(config.clockSkew()),
                        WHAT + "'s nonce");
                uow.update(PlatformTypes.DL_REQUEST, new DeepLinkingRequestRow(request.id(), request.clientId(),
                        request.deploymentId(), request.contextId(), request.user(), request.expiresAt(), now,
                        request.lesson()),
                        found.get().version());
                List<ReturnedContentItem> stored = new ArrayList<>();
                for (int i = 0; i < items.size(); i++) {
                    Map<String, Object> item = items.get(i);
                    String lineItemId = null;
                    if (item.get("lineItem") instanceof Map<?, ?> li) {
                        lineItemId = Keys.of("dl", request.id(), Integer.toString(i));
                        uow.insert(PlatformTypes.LINE_ITEM, lineItem(lineItemId, request, li, item, now));
                    }
                    ReturnedContentItem returned = new ReturnedContentItem(string(item.get("type")),
                            string(item.get("title")), string(item.get("url")), custom(item.get("custom")), lineItemId);
                    uow.insert(PlatformTypes.CONTENT_ITEM, new ContentItemRow(Keys.of(request.id(), Integer.toString(i)),
                            tool.clientId(), deployment, request.contextId(), i, returned.type(), returned.title(),
                            returned.url(), returned.custom(), lineItemId, now));
                    stored.add(returned);
                }
                return new DeepLinkingReturn(tool.clientId(), deployment, request.contextId(), stored, message);
            });
        } catch (ConflictException e) {
            throw UsedTokenIds.replayed(WHAT);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(JWTClaimsSet claims) {
        Object raw = claims.getClaim(LtiClaims.DL_CONTENT_ITEMS);
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof List<?> list) || list.size() > MAX_ITEMS) {
            throw new LtiException(Problem.MISSING_CLAIM, "The " + WHAT + "'s content_items must be a list of at most "
                    + MAX_ITEMS + " items.");
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> m) || !(m.get("type") instanceof String)) {
                throw new LtiException(Problem.MISSING_CLAIM, "Every content item of the " + WHAT
                        + " must be an object with a type.");
            }
            if (m.get("lineItem") != null && !(m.get("lineItem") instanceof Map<?, ?> li
                    && li.get("scoreMaximum") instanceof Number n && n.doubleValue() > 0)) {
                throw new LtiException(Problem.MISSING_CLAIM, "A content item's lineItem must have a scoreMaximum "
                        + "above 0.");
            }
            items.add((Map<String, Object>) m);
        }
        return items;
    }

    private static LineItemRow lineItem(String id, DeepLinkingRequestRow request, Map<?, ?> li, Map<String, Object> item,
                                        Instant now) {
        String label = li.get("label") instanceof String l ? l : string(item.get("title"));
        return new LineItemRow(id, request.clientId(), request.contextId(), label == null ? "Untitled" : label,
                ((Number) li.get("scoreMaximum")).doubleValue(), null, string(li.get("resourceId")),
                string(li.get("tag")), request.lesson(), now);
    }

    private static String string(Object o) {
        return o instanceof String s ? s : null;
    }

    private static Map<String, String> custom(Object o) {
        Map<String, String> custom = new LinkedHashMap<>();
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if (k instanceof String key && v != null) {
                    custom.put(key, v.toString());
                }
            });
        }
        return custom;
    }
}
