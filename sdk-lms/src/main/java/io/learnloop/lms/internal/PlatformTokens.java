package io.learnloop.lms.internal;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.RemoteException;
import io.learnloop.http.internal.HttpPipeline;
import io.learnloop.http.internal.HttpRequest;
import io.learnloop.http.internal.HttpResponse;
import io.learnloop.lms.LtiToolConfig;
import io.learnloop.lms.PlatformRegistration;

import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens for the platforms' services (grades, roster), from the OAuth 2.0 client-credentials grant with a
 * JWT client assertion (RFC 7523, LTI Security Framework 4.1): the tool signs {@code iss = sub = client id},
 * {@code aud =} the token URL, a short {@code exp} and a unique {@code jti} with its active key. Tokens are kept
 * until shortly before they expire, per platform, client and scope set.
 *
 * <p>Thread-safe.
 */
final class PlatformTokens {
    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final Duration ASSERTION_LIFETIME = Duration.ofMinutes(5);
    private static final Duration EARLY = Duration.ofSeconds(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Token(String value, Instant expiresAt) {
    }

    private final HttpPipeline http;
    private final LtiToolConfig config;
    private final Clock clock;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    PlatformTokens(HttpPipeline http, LtiToolConfig config, Clock clock) {
        this.http = http;
        this.config = config;
        this.clock = clock;
    }

    String token(PlatformRegistration platform, List<String> scopes) {
        String key = Keys.of(platform.issuer(), platform.clientId(), String.join(" ", scopes));
        Token cached = tokens.get(key);
        Instant now = clock.instant();
        if (cached != null && now.isBefore(cached.expiresAt())) {
            return cached.value();
        }
        Token fresh = fetch(platform, scopes, now);
        tokens.put(key, fresh);
        return fresh.value();
    }

    /** Forgets a token the platform refused (revoked before it expired). */
    void forget(PlatformRegistration platform, List<String> scopes) {
        tokens.remove(Keys.of(platform.issuer(), platform.clientId(), String.join(" ", scopes)));
    }

    String assertion(PlatformRegistration platform, Instant now) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", platform.clientId());
        claims.put("sub", platform.clientId());
        claims.put("aud", platform.tokenUrl());
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(ASSERTION_LIFETIME).getEpochSecond());
        claims.put("jti", random());
        return config.keys().active().signJwt(claims);
    }

    private Token fetch(PlatformRegistration platform, List<String> scopes, Instant now) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_assertion_type", ASSERTION_TYPE);
        form.put("client_assertion", assertion(platform, now));
        form.put("scope", String.join(" ", scopes));
        // Asking again for a token only yields another token, so the request is safe to repeat.
        HttpRequest request = HttpRequest.post(platform.tokenUrl()).header("Accept", "application/json").form(form)
                .idempotent().build();
        return http.call(request, response -> parse(platform, response, now));
    }

    private static Token parse(PlatformRegistration platform, HttpResponse response, Instant now) {
        Map<String, Object> body;
        try {
            body = JSONObjectUtils.parse(response.text());
        } catch (ParseException e) {
            body = Map.of();
        }
        if (!response.ok()) {
            Object error = body.get("error");
            boolean retryable = response.status() == 429 || response.status() >= 500;
            throw new RemoteException(response.status() == 429 ? ErrorCode.RATE_LIMITED : ErrorCode.REMOTE_FAILURE,
                    "The token endpoint of LTI platform '" + platform.issuer() + "' answered HTTP " + response.status()
                            + (error == null ? "" : " (" + error + ")")
                            + "; check that the platform has the tool's JWKS URL and granted the scopes.",
                    retryable, false, response.status(), error == null ? null : error.toString(), null, null);
        }
        Object token = body.get("access_token");
        if (!(token instanceof String value) || value.isBlank()) {
            throw new RemoteException(ErrorCode.REMOTE_FAILURE, "The token endpoint of LTI platform '"
                    + platform.issuer() + "' answered without an access_token.", true, false, response.status(), null,
                    null, null);
        }
        long seconds = body.get("expires_in") instanceof Number n ? n.longValue() : 3600;
        Instant expiresAt = now.plusSeconds(seconds).minus(EARLY);
        return new Token(value, expiresAt);
    }

    private static String random() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
