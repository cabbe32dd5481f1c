package io.learnloop.lms.internal;

import com.nimbusds.jwt.JWTClaimsSet;
import io.learnloop.core.identity.UserId;
import io.learnloop.lms.AgsEndpoint;
import io.learnloop.lms.DeepLinkingSettings;
import io.learnloop.lms.LtiLaunch;
import io.learnloop.lms.LtiMessageType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a verified id_token's claims into an {@link LtiLaunch}. Optional claims of the wrong shape are left out
 * rather than refused: the verifier already refused a token without the claims the launch cannot do without.
 *
 * <p>Thread-safe: static functions only.
 */
final class LaunchReader {
    private LaunchReader() {
    }

    static LtiLaunch read(JWTClaimsSet claims, String clientId, UserId learner) {
        LtiMessageType type = LtiMessageType.ofClaim(IdTokenVerifier.string(claims, LtiClaims.MESSAGE_TYPE));
        Map<String, Object> link = IdTokenVerifier.map(claims, LtiClaims.RESOURCE_LINK);
        Map<String, Object> context = IdTokenVerifier.map(claims, LtiClaims.CONTEXT);
        Map<String, Object> ags = IdTokenVerifier.map(claims, LtiClaims.AGS_ENDPOINT);
        Map<String, Object> nrps = IdTokenVerifier.map(claims, LtiClaims.NRPS);
        Map<String, Object> dl = IdTokenVerifier.map(claims, LtiClaims.DL_SETTINGS);
        return new LtiLaunch(type, claims.getIssuer(), clientId,
                IdTokenVerifier.string(claims, LtiClaims.DEPLOYMENT_ID), claims.getSubject(), learner,
                strings(claims.getClaim(LtiClaims.ROLES)),
                link == null ? null : text(link.get("id")),
                IdTokenVerifier.string(claims, LtiClaims.TARGET_LINK_URI),
                context == null ? null : text(context.get("id")),
                custom(IdTokenVerifier.map(claims, LtiClaims.CUSTOM)),
                ags == null ? null : new AgsEndpoint(text(ags.get("lineitems")), text(ags.get("lineitem")),
                        strings(ags.get("scope"))),
                nrps == null ? null : text(nrps.get("context_memberships_url")),
                type != LtiMessageType.DEEP_LINKING || dl == null ? null
                        : new DeepLinkingSettings(text(dl.get("deep_link_return_url")), strings(dl.get("accept_types")),
                        Boolean.TRUE.equals(dl.get("accept_multiple")), !Boolean.FALSE.equals(dl.get("accept_lineitem")),
                        text(dl.get("data"))));
    }

    static String text(Object value) {
        return value instanceof String s ? s : null;
    }

    static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof String s) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    private static Map<String, String> custom(Map<String, Object> custom) {
        Map<String, String> out = new LinkedHashMap<>();
        if (custom != null) {
            custom.forEach((k, v) -> {
                if (v instanceof String || v instanceof Number || v instanceof Boolean) {
                    out.put(k, String.valueOf(v));
                }
            });
        }
        return out;
    }
}
