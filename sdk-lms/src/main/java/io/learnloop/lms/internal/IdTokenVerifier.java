package io.learnloop.lms.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.learnloop.lms.LtiException;
import io.learnloop.lms.LtiException.Problem;
import io.learnloop.lms.LtiMessageType;
import io.learnloop.lms.PlatformRegistration;

import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Verifies a launch's id_token the way LTI 1.3 (Security Framework 5.1.3) and OpenID Connect Core 3.1.3.7 require:
 * RS256 signature with the platform's key, {@code iss} equal to the platform the login started with, the client id in
 * {@code aud} (and in {@code azp} when there are several audiences or an {@code azp} at all), {@code exp} not passed
 * and {@code iat} not in the future (both within the skew), the {@code nonce} issued with the state, a registered
 * deployment, an accepted message type and version 1.3.0, and the claims each message type cannot do without.
 *
 * <p>Thread-safe: immutable.
 */
final class IdTokenVerifier {
    private static final int MAX_TOKEN_LENGTH = 64 * 1024;

    private final Platforms platforms;
    private final JwksCache jwks;
    private final Clock clock;
    private final Duration skew;

    IdTokenVerifier(Platforms platforms, JwksCache jwks, Clock clock, Duration skew) {
        this.platforms = platforms;
        this.jwks = jwks;
        this.clock = clock;
        this.skew = skew;
    }

    /** The verified claims; the state must have been used up by the caller already. */
    JWTClaimsSet verify(String idToken, LoginState state) {
        SignedJWT jwt = parse(idToken);
        if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
            throw new LtiException(Problem.UNSUPPORTED_ALGORITHM, "The id_token is signed with "
                    + jwt.getHeader().getAlgorithm() + "; LTI 1.3 platforms sign with RS256.");
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new LtiException(Problem.MALFORMED_TOKEN, "The id_token's payload is not a JWT claims set.", e);
        }
        String issuer = claims.getIssuer();
        if (issuer == null) {
            throw missing("iss");
        }
        if (!issuer.equals(state.issuer())) {
            // Told apart so that a host sees "register it" for a platform it never heard of.
            platforms.requireIssuer(issuer);
            throw new LtiException(Problem.ISSUER_MISMATCH, "The id_token was issued by '" + issuer
                    + "' but the login was started by '" + state.issuer() + "'.");
        }
        PlatformRegistration platform = platforms.require(issuer, state.clientId());
        RSAPublicKey key = jwks.key(platform.jwksUrl(), jwt.getHeader().getKeyID());
        try {
            if (!jwt.verify(new RSASSAVerifier(key))) {
                throw new LtiException(Problem.BAD_SIGNATURE, "The id_token's signature does not verify with the "
                        + "platform's key '" + jwt.getHeader().getKeyID() + "': it was forged or altered.");
            }
        } catch (JOSEException e) {
            throw new LtiException(Problem.BAD_SIGNATURE, "The id_token's signature cannot be checked with the "
                    + "platform's key: " + e.getMessage(), e);
        }
        checkAudience(claims, platform.clientId());
        checkTimes(claims);
        if (!state.nonce().equals(string(claims, "nonce"))) {
            throw new LtiException(Problem.NONCE_MISMATCH, "The id_token's nonce is not the one issued with its "
                    + "state: the token belongs to another login (a replay).");
        }
        String deployment = string(claims, LtiClaims.DEPLOYMENT_ID);
        if (deployment == null) {
            throw missing(LtiClaims.DEPLOYMENT_ID);
        }
        if (state.deploymentId() != null && !state.deploymentId().equals(deployment)) {
            throw new LtiException(Problem.UNKNOWN_DEPLOYMENT, "The id_token names deployment '" + deployment
                    + "' but the login was started for '" + state.deploymentId() + "'.");
        }
        platforms.requireDeployment(issuer, platform.clientId(), deployment);
        String type = string(claims, LtiClaims.MESSAGE_TYPE);
        if (type == null) {
            throw missing(LtiClaims.MESSAGE_TYPE);
        }
        LtiMessageType messageType = LtiMessageType.ofClaim(type);
        if (messageType == null) {
            throw new LtiException(Problem.UNSUPPORTED_MESSAGE_TYPE, "The message type '" + type
                    + "' is not supported; this tool accepts LtiResourceLinkRequest and LtiDeepLinkingRequest.");
        }
        String version = string(claims, LtiClaims.VERSION);
        if (!LtiClaims.LTI_VERSION.equals(version)) {
            throw new LtiException(version == null ? Problem.MISSING_CLAIM : Problem.UNSUPPORTED_VERSION,
                    "The LTI version claim is '" + version + "'; this tool speaks LTI 1.3.0.");
        }
        String subject = claims.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new LtiException(Problem.MISSING_CLAIM, "The id_token has no 'sub': anonymous launches cannot be "
                    + "mapped to a learner; enable sharing the user id in the LMS's tool settings.");
        }
        if (object(claims, LtiClaims.ROLES) == null) {
            throw missing(LtiClaims.ROLES);
        }
        if (messageType == LtiMessageType.RESOURCE_LINK) {
            Map<String, Object> link = map(claims, LtiClaims.RESOURCE_LINK);
            if (link == null || !(link.get("id") instanceof String id) || id.isBlank()) {
                throw missing(LtiClaims.RESOURCE_LINK + " id");
            }
            if (string(claims, LtiClaims.TARGET_LINK_URI) == null) {
                throw missing(LtiClaims.TARGET_LINK_URI);
            }
        } else {
            Map<String, Object> settings = map(claims, LtiClaims.DL_SETTINGS);
            if (settings == null || !(settings.get("deep_link_return_url") instanceof String)) {
                throw missing(LtiClaims.DL_SETTINGS + " deep_link_return_url");
            }
        }
        return claims;
    }

    private static SignedJWT parse(String idToken) {
        if (idToken == null || idToken.isBlank() || idToken.length() > MAX_TOKEN_LENGTH) {
            throw new LtiException(Problem.MALFORMED_TOKEN, "The launch carries no id_token (or one over "
                    + MAX_TOKEN_LENGTH + " characters).");
        }
        try {
            return SignedJWT.parse(idToken);
        } catch (ParseException e) {
            throw new LtiException(Problem.MALFORMED_TOKEN, "The id_token is not a compact signed JWT.", e);
        }
    }

    private static void checkAudience(JWTClaimsSet claims, String clientId) {
        List<String> audience = claims.getAudience();
        if (audience == null || !audience.contains(clientId)) {
            throw new LtiException(Problem.WRONG_AUDIENCE, "The id_token's audience " + audience
                    + " does not hold this tool's client id '" + clientId + "': it was meant for another tool.");
        }
        String azp = string(claims, "azp");
        if (audience.size() > 1 && azp == null) {
            throw new LtiException(Problem.WRONG_AUTHORIZED_PARTY, "The id_token has several audiences and no "
                    + "'azp'; LTI 1.3 requires azp then.");
        }
        if (azp != null && !azp.equals(clientId)) {
            throw new LtiException(Problem.WRONG_AUTHORIZED_PARTY, "The id_token's azp '" + azp
                    + "' is not this tool's client id '" + clientId + "'.");
        }
    }

    private void checkTimes(JWTClaimsSet claims) {
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        Date iat = claims.getIssueTime();
        if (exp == null) {
            throw missing("exp");
        }
        if (iat == null) {
            throw missing("iat");
        }
        if (!now.isBefore(exp.toInstant().plus(skew))) {
            throw new LtiException(Problem.EXPIRED_TOKEN, "The id_token expired at " + exp.toInstant()
                    + " (now " + now + ", allowed skew " + skew + ").");
        }
        if (iat.toInstant().isAfter(now.plus(skew))) {
            throw new LtiException(Problem.ISSUED_IN_FUTURE, "The id_token was issued at " + iat.toInstant()
                    + ", after now (" + now + ") plus the allowed skew " + skew + "; check the platform's clock.");
        }
    }

    static String string(JWTClaimsSet claims, String name) {
        return claims.getClaim(name) instanceof String s ? s : null;
    }

    static Object object(JWTClaimsSet claims, String name) {
        return claims.getClaim(name);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(JWTClaimsSet claims, String name) {
        return claims.getClaim(name) instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    private static LtiException missing(String claim) {
        return new LtiException(Problem.MISSING_CLAIM, "The id_token lacks the claim '" + claim
                + "' (or it has the wrong type), which LTI 1.3 requires.");
    }
}
