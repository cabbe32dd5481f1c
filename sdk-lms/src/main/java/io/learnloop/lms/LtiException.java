package io.learnloop.lms;

import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.LearnloopException;

import java.util.Objects;

/**
 * An LTI message or exchange was refused: a login initiation or a launch that cannot be trusted (forged, expired,
 * replayed, meant for another tool, from an unknown platform or deployment), or a platform that could not be reached
 * to check it. {@link #problem()} says which, in a stable form hosts may switch on; nothing was granted, consumed or
 * recorded when it is thrown (a login {@code state} is used up by the attempt that presented it, whatever its
 * outcome, so that it can never be tried twice).
 *
 * <p>{@link #code()} is {@link ErrorCode#REMOTE_FAILURE} for {@link Problem#JWKS_UNAVAILABLE} (try again later),
 * {@link ErrorCode#NOT_FOUND} for a platform or deployment that was never registered (register it, or refuse the
 * LMS), {@link ErrorCode#VALIDATION_FAILED} for a malformed request and {@link ErrorCode#VERIFICATION_FAILED} for
 * everything else. Messages name the claim or parameter to look at and never contain a token.
 *
 * <p>Thread-safe: immutable.
 */
public final class LtiException extends LearnloopException {
    private static final long serialVersionUID = 1L;

    /** Why an LTI message was refused. A constant never changes meaning once released. */
    public enum Problem {
        /** A request parameter is missing or malformed (login initiation, registration). */
        INVALID_REQUEST(ErrorCode.VALIDATION_FAILED),
        /** No platform is registered with this issuer. */
        UNKNOWN_ISSUER(ErrorCode.NOT_FOUND),
        /** The issuer is registered, but not with this client id (or with several, and none was named). */
        UNKNOWN_CLIENT(ErrorCode.NOT_FOUND),
        /** The deployment id is not registered for the platform and client. */
        UNKNOWN_DEPLOYMENT(ErrorCode.NOT_FOUND),
        /** The {@code state} was never issued by this tool (or belongs to another tenant). */
        UNKNOWN_STATE(ErrorCode.VERIFICATION_FAILED),
        /** The {@code state} was issued, but its time to live has passed: the learner must launch again. */
        STATE_EXPIRED(ErrorCode.VERIFICATION_FAILED),
        /** The {@code state} was already used by an earlier launch: a replay. */
        STATE_REPLAYED(ErrorCode.VERIFICATION_FAILED),
        /** The id_token is not a compact signed JWT. */
        MALFORMED_TOKEN(ErrorCode.VERIFICATION_FAILED),
        /** The id_token is not signed with RS256 (the only algorithm LTI 1.3 allows). */
        UNSUPPORTED_ALGORITHM(ErrorCode.VERIFICATION_FAILED),
        /** The platform's JWKS has no key with the id_token's {@code kid}, even after a refresh. */
        UNKNOWN_KEY(ErrorCode.VERIFICATION_FAILED),
        /** The signature does not verify with the platform's key: forged or altered. */
        BAD_SIGNATURE(ErrorCode.VERIFICATION_FAILED),
        /** The id_token's {@code iss} is not the platform the login was initiated with. */
        ISSUER_MISMATCH(ErrorCode.VERIFICATION_FAILED),
        /** The id_token's {@code aud} does not hold this tool's client id. */
        WRONG_AUDIENCE(ErrorCode.VERIFICATION_FAILED),
        /** The id_token's {@code azp} is missing (several audiences) or is not this tool's client id. */
        WRONG_AUTHORIZED_PARTY(ErrorCode.VERIFICATION_FAILED),
        /** The id_token's {@code exp} has passed, allowing for the configured clock skew. */
        EXPIRED_TOKEN(ErrorCode.VERIFICATION_FAILED),
        /** The id_token's {@code iat} lies in the future, allowing for the configured clock skew. */
        ISSUED_IN_FUTURE(ErrorCode.VERIFICATION_FAILED),
        /** The id_token's {@code nonce} is not the one issued with the {@code state}. */
        NONCE_MISMATCH(ErrorCode.VERIFICATION_FAILED),
        /** A claim LTI 1.3 requires is missing or has the wrong type. */
        MISSING_CLAIM(ErrorCode.VERIFICATION_FAILED),
        /** The message type is neither {@code LtiResourceLinkRequest} nor {@code LtiDeepLinkingRequest}. */
        UNSUPPORTED_MESSAGE_TYPE(ErrorCode.VERIFICATION_FAILED),
        /** The LTI version claim is not {@code 1.3.0}. */
        UNSUPPORTED_VERSION(ErrorCode.VERIFICATION_FAILED),
        /** The platform's JWKS could not be fetched or read, and no cached key could stand in. */
        JWKS_UNAVAILABLE(ErrorCode.REMOTE_FAILURE),
        /** Platform role: the {@code redirect_uri} of an authentication request is not registered for the tool. */
        INVALID_REDIRECT_URI(ErrorCode.VALIDATION_FAILED),
        /** Platform role: the {@code login_hint} (or its {@code lti_message_hint}) was never issued by this platform. */
        UNKNOWN_LOGIN_HINT(ErrorCode.VERIFICATION_FAILED),
        /** Platform role: the {@code login_hint} was issued, but its time to live has passed: launch again. */
        LOGIN_HINT_EXPIRED(ErrorCode.VERIFICATION_FAILED),
        /** Platform role: the {@code login_hint} was already used by an earlier authentication request: a replay. */
        LOGIN_HINT_REPLAYED(ErrorCode.VERIFICATION_FAILED),
        /** Platform role: the signed-in user is not the learner the launch was started for (or nobody is signed in). */
        LOGIN_REQUIRED(ErrorCode.FORBIDDEN),
        /** Platform role: a client assertion's {@code jti} or a Deep Linking response's {@code nonce} was used before. */
        TOKEN_REPLAYED(ErrorCode.VERIFICATION_FAILED),
        /** Platform role: a service request carries no access token, or one that is unknown or expired. */
        INVALID_ACCESS_TOKEN(ErrorCode.VERIFICATION_FAILED),
        /** Platform role: the access token was not granted the scope the service requires. */
        INSUFFICIENT_SCOPE(ErrorCode.FORBIDDEN),
        /** Platform role: a score's {@code timestamp} is not after the last score recorded for the user and line item. */
        STALE_SCORE(ErrorCode.INVALID_STATE),
        /** Platform role: no line item with this id belongs to the calling tool. */
        UNKNOWN_LINE_ITEM(ErrorCode.NOT_FOUND);

        private final ErrorCode code;

        Problem(ErrorCode code) {
            this.code = code;
        }

        /**
         * The error code exceptions with this problem carry.
         *
         * @return the code
         */
        public ErrorCode code() {
            return code;
        }
    }

    private final Problem problem;

    /**
     * Creates the exception.
     *
     * @param problem what was wrong
     * @param message what to look at or fix; never a token
     */
    public LtiException(Problem problem, String message) {
        this(problem, message, null);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param problem what was wrong
     * @param message what to look at or fix; never a token
     * @param cause   the underlying failure, or null
     */
    public LtiException(Problem problem, String message, Throwable cause) {
        super(Objects.requireNonNull(problem, "problem").code(), message, cause);
        this.problem = problem;
    }

    /**
     * What was wrong.
     *
     * @return the problem
     */
    public Problem problem() {
        return problem;
    }
}
