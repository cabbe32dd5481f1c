package io.learnloop.lms.internal;

import com.nimbusds.jwt.JWTClaimsSet;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.store.Versioned;
import io.learnloop.lms.ExternalTool;
import io.learnloop.lms.LtiException;
import io.learnloop.lms.LtiException.Problem;
import io.learnloop.lms.LtiHttpResponse;
import io.learnloop.lms.LtiPlatformConfig;
import io.learnloop.lms.internal.PlatformRows.AccessTokenRow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The platform's OAuth 2.0 token endpoint for tools (LTI Security Framework 4.1, RFC 7523 client authentication):
 * client credentials with a JWT client assertion, answered with a short-lived opaque bearer token. Only the token's
 * SHA-256 is stored, so a copy of the store cannot call the services; the assertion's {@code jti} is recorded in the
 * same transaction, so an assertion buys one token.
 *
 * <p>Thread-safe: immutable.
 */
final class TokenEndpoint {
    private static final Set<Problem> CLIENT_PROBLEMS = Set.of(Problem.UNKNOWN_CLIENT, Problem.MALFORMED_TOKEN,
            Problem.UNSUPPORTED_ALGORITHM, Problem.BAD_SIGNATURE, Problem.UNKNOWN_KEY, Problem.WRONG_AUDIENCE,
            Problem.EXPIRED_TOKEN, Problem.ISSUED_IN_FUTURE, Problem.MISSING_CLAIM, Problem.TOKEN_REPLAYED);

    private final ServiceContext context;
    private final LtiPlatformConfig config;
    private final ToolJwts jwts;

    TokenEndpoint(ServiceContext context, LtiPlatformConfig config, ToolJwts jwts) {
        this.context = context;
        this.config = config;
        this.jwts = jwts;
    }

    LtiHttpResponse token(Map<String, String> form) {
        Map<String, String> f = form == null ? Map.of() : form;
        try {
            if (!"client_credentials".equals(f.get("grant_type"))) {
                return PlatformHttp.tokenError("unsupported_grant_type", new LtiException(Problem.INVALID_REQUEST,
                        "grant_type must be client_credentials, not '" + f.get("grant_type") + "'."));
            }
            if (!PlatformTokens.ASSERTION_TYPE.equals(f.get("client_assertion_type"))) {
                return PlatformHttp.tokenError("invalid_request", new LtiException(Problem.INVALID_REQUEST,
                        "client_assertion_type must be " + PlatformTokens.ASSERTION_TYPE + "."));
            }
            ToolJwts.Verified verified = jwts.verify(f.get("client_assertion"), "client assertion", config.tokenUrl());
            ExternalTool tool = verified.tool();
            JWTClaimsSet claims = verified.claims();
            if (!tool.clientId().equals(claims.getSubject())) {
                throw new LtiException(Problem.MISSING_CLAIM, "The client assertion's sub must be its iss, the "
                        + "client id '" + tool.clientId() + "'.");
            }
            String jti = claims.getJWTID();
            if (jti == null || jti.isBlank() || jti.length() > 255) {
                throw ToolJwts.missing("client assertion", "jti");
            }
            List<String> granted = granted(tool, f.get("scope"));
            if (granted.isEmpty()) {
                return PlatformHttp.tokenError("invalid_scope", new LtiException(Problem.INSUFFICIENT_SCOPE,
                        "None of the requested scopes '" + f.get("scope") + "' is granted to the LTI tool '"
                                + tool.clientId() + "'; it may have " + tool.scopes() + "."));
            }
            return issue(tool, jti, verified.expiresAt().plus(config.clockSkew()), granted);
        } catch (LtiException e) {
            return PlatformHttp.tokenError(CLIENT_PROBLEMS.contains(e.problem()) ? "invalid_client" : "invalid_request", e);
        }
    }

    private static List<String> granted(ExternalTool tool, String scope) {
        List<String> granted = new ArrayList<>();
        if (scope != null) {
            for (String s : scope.trim().split("\\s+")) {
                if (tool.scopes().contains(s) && !granted.contains(s)) {
                    granted.add(s);
                }
            }
        }
        return granted;
    }

    private LtiHttpResponse issue(ExternalTool tool, String jti, Instant jtiExpiresAt, List<String> scopes) {
        String token = PlatformHttp.secret();
        Instant expiresAt = context.now().plus(config.accessTokenLifetime());
        try {
            context.transact(uow -> {
                UsedTokenIds.use(uow, "jti", tool.clientId(), jti, jtiExpiresAt, "client assertion's jti");
                uow.insert(PlatformTypes.ACCESS_TOKEN, new AccessTokenRow(hash(token), tool.clientId(), scopes,
                        expiresAt));
                return null;
            });
        } catch (ConflictException e) {
            throw UsedTokenIds.replayed("client assertion's jti");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", token);
        body.put("token_type", "Bearer");
        body.put("expires_in", config.accessTokenLifetime().toSeconds());
        body.put("scope", String.join(" ", scopes));
        return PlatformHttp.json(200, "application/json", body, Map.of("Cache-Control", "no-store"));
    }

    static String hash(String token) {
        return Keys.of("access-token", token);
    }

    /** The stored token of an {@code Authorization: Bearer} header; unknown, expired or missing ones are refused. */
    static AccessTokenRow bearer(ServiceContext context, String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new LtiException(Problem.INVALID_ACCESS_TOKEN, "The request carries no bearer token; get one from "
                    + "the token endpoint and send 'Authorization: Bearer <token>'.");
        }
        String token = authorization.substring(7).trim();
        Optional<AccessTokenRow> row = token.isEmpty() || token.length() > 256 ? Optional.empty()
                : context.read(uow -> uow.find(PlatformTypes.ACCESS_TOKEN, hash(token))).map(Versioned::value);
        if (row.isEmpty()) {
            throw new LtiException(Problem.INVALID_ACCESS_TOKEN, "The bearer token was not issued by this platform.");
        }
        if (!context.now().isBefore(row.get().expiresAt())) {
            throw new LtiException(Problem.INVALID_ACCESS_TOKEN, "The bearer token expired at " + row.get().expiresAt()
                    + "; get a new one from the token endpoint.");
        }
        return row.get();
    }
}
