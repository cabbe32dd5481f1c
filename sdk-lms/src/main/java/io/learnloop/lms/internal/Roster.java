package io.learnloop.lms.internal;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.RemoteException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.http.internal.HttpPipeline;
import io.learnloop.http.internal.HttpRequest;
import io.learnloop.http.internal.HttpResponse;
import io.learnloop.lms.LtiLaunch;
import io.learnloop.lms.PlatformRegistration;
import io.learnloop.lms.RosterMember;
import io.learnloop.lms.RosterPage;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a section's roster through Names and Role Provisioning Services 2.0: a GET of the launch's
 * {@code context_memberships_url} with the membership container media type and a token for the
 * {@code contextmembership.readonly} scope, page after page along the {@code Link: rel="next"} header.
 *
 * <p>Thread-safe: immutable.
 */
final class Roster {
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;[^,]*rel=\"?next\"?");

    private final Platforms platforms;
    private final PlatformTokens tokens;
    private final HttpPipeline http;

    Roster(Platforms platforms, PlatformTokens tokens, HttpPipeline http) {
        this.platforms = platforms;
        this.tokens = tokens;
        this.http = http;
    }

    RosterPage page(LtiLaunch launch, String pageUrl) {
        if (launch == null || launch.membershipsUrl() == null) {
            throw ValidationException.of("launch", "offers no Names and Role Provisioning Service; enable it for "
                    + "the tool in the LMS");
        }
        String url = pageUrl == null ? launch.membershipsUrl() : pageUrl;
        if (!HttpRequest.origin(launch.membershipsUrl()).equals(HttpRequest.origin(url))) {
            throw ValidationException.of("pageUrl", "is not on the platform's roster service "
                    + HttpRequest.origin(launch.membershipsUrl()) + "; the token is sent only there");
        }
        PlatformRegistration platform = platforms.require(launch.issuer(), launch.clientId());
        List<String> scopes = List.of(LtiClaims.NRPS_SCOPE);
        String token = tokens.token(platform, scopes);
        HttpRequest request = HttpRequest.get(url).header("Accept", LtiClaims.NRPS_MEDIA_TYPE)
                .header("Authorization", "Bearer " + token).build();
        HttpResponse response = http.call(request, r -> r);
        if (response.status() == 401) {
            tokens.forget(platform, scopes);
        }
        if (!response.ok()) {
            throw new RemoteException(response.status() == 429 ? ErrorCode.RATE_LIMITED : ErrorCode.REMOTE_FAILURE,
                    "The roster service of LTI platform '" + launch.issuer() + "' answered HTTP " + response.status()
                            + "; check that the tool may read the roster.", response.status() == 401
                            || response.status() == 429 || response.status() >= 500, false, response.status(), null,
                    null, null);
        }
        return new RosterPage(members(launch.issuer(), response), next(response.header("Link")));
    }

    private static List<RosterMember> members(String issuer, HttpResponse response) {
        List<RosterMember> members = new ArrayList<>();
        try {
            Map<String, Object> body = JSONObjectUtils.parse(response.text());
            if (body.get("members") instanceof List<?> list) {
                for (Object o : list) {
                    if (o instanceof Map<?, ?> m && m.get("user_id") instanceof String userId) {
                        members.add(new RosterMember(userId, LaunchReader.strings(m.get("roles")),
                                m.get("status") instanceof String s ? s : "Active",
                                m.get("name") instanceof String n ? n : null));
                    }
                }
            }
        } catch (ParseException e) {
            throw new RemoteException(ErrorCode.REMOTE_FAILURE, "The roster service of LTI platform '" + issuer
                    + "' answered with a body that is not JSON.", false, false, response.status(), null, null, e);
        }
        return members;
    }

    static String next(String link) {
        if (link == null) {
            return null;
        }
        Matcher m = NEXT.matcher(link);
        return m.find() ? m.group(1) : null;
    }
}
