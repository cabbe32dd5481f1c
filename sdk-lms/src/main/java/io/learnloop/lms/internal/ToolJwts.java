package io.learnloop.lms.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.learnloop.lms.ExternalTool;
import io.learnloop.lms.LtiException;
import io.learnloop.lms.LtiException.Problem;

import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Verifies what a tool signs (client assertions, Deep Linking responses): RS256 with a key from the tool's JWKS
 * (fetched, cached, refreshed on an unknown key id), {@code iss} a registered tool, the expected audience, an
 * {@code exp} not passed and an {@code iat} not in the future, both within the skew. What is single-use (the
 * {@code jti}, the {@code nonce}) is the caller's to record, in the transaction that acts on the token.
 *
 * <p>Thread-safe: immutable.
 */
final class ToolJwts {
    private static final int MAX_LENGTH = 64 * 1024;

    /** A verified token and the tool that signed it. */
    record Verified(ExternalTool tool, JWTClaimsSet claims) {
        Instant expiresAt() {
            return claims.getExpirationTime().toInstant();
        }
    }

    private final ToolRegistry tools;
    private final JwksCache jwks;
    private final Clock clock;
    private final Duration skew;

    ToolJwts(ToolRegistry tools, JwksCache jwks, Clock clock, Duration skew) {
        this.tools = tools;
        this.jwks = jwks;
        this.clock = clock;
        this.skew = skew;
    }

    Verified verify(String token, String what, String audience) {
        if (token == null || token.isBlank() || token.length() > MAX_LENGTH) {
            throw new LtiException(Problem.MALFORMED_TOKEN, "The " + what + " is missing (or over " + MAX_LENGTH
                    + " characters).");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new LtiException(Problem.MALFORMED_TOKEN, "The " + what + " is not a compact signed JWT.", e);
        }
        if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
            throw new LtiException(Problem.UNSUPPORTED_ALGORITHM, "The " + what + " is signed with "
                    + jwt.getHeader().getAlgorithm() + "; LTI 1.3 requires RS256.");
        }
        String issuer = claims.getIssuer();
        if (issuer == null) {
            throw missing(what, "iss");
        }
        ExternalTool tool = tools.require(issuer);
        RSAPublicKey key = jwks.key(tool.jwksUrl(), jwt.getHeader().getKeyID());
        try {
            if (!jwt.verify(new RSASSAVerifier(key))) {
                throw new LtiException(Problem.BAD_SIGNATURE, "The " + what + "'s signature does not verify with the "
                        + "tool's key '" + jwt.getHeader().getKeyID() + "': it was forged or altered.");
            }
        } catch (JOSEException e) {
            throw new LtiException(Problem.BAD_SIGNATURE, "The " + what + "'s signature cannot be checked with the "
                    + "tool's key: " + e.getMessage(), e);
        }
        List<String> aud = claims.getAudience();
        if (aud == null || !aud.contains(audience)) {
            throw new LtiException(Problem.WRONG_AUDIENCE, "The " + what + "'s audience " + aud + " does not hold '"
                    + audience + "': it was meant for another server.");
        }
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw missing(what, "exp");
        }
        if (!now.isBefore(exp.toInstant().plus(skew))) {
            throw new LtiException(Problem.EXPIRED_TOKEN, "The " + what + " expired at " + exp.toInstant() + " (now "
                    + now + ", allowed skew " + skew + ").");
        }
        Date iat = claims.getIssueTime();
        if (iat != null && iat.toInstant().isAfter(now.plus(skew))) {
            throw new LtiException(Problem.ISSUED_IN_FUTURE, "The " + what + " was issued at " + iat.toInstant()
                    + ", after now (" + now + ") plus the allowed skew " + skew + "; check the tool's clock.");
        }
        return new Verified(tool, claims);
    }

    static LtiException missing(String what, String claim) {
        return new LtiException(Problem.MISSING_CLAIM, "The " + what + " lacks the claim '" + claim
                + "' (or it has the wrong type).");
    }
}
