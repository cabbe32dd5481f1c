package io.learnloop.community;

import io.learnloop.core.error.ErrorCode;

import java.time.Duration;

/**
 * Too many requests or posts: try again after {@link #retryAfter()}. Thrown by the Discourse backend for HTTP 429
 * that waits longer than the configured bound, and by the embedded backend's per-user posting limit.
 *
 * <p>Thread-safe: immutable.
 */
public final class RateLimitedException extends CommunityRemoteException {
    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    /**
     * Creates the exception.
     *
     * @param message    what was limited
     * @param retryAfter how long to wait before trying again
     * @param httpStatus 429 from a remote backend, 0 from the embedded one
     * @param body       the parsed error body, or null
     */
    public RateLimitedException(String message, Duration retryAfter, int httpStatus, RemoteErrorBody body) {
        super(ErrorCode.RATE_LIMITED, message, true, false, httpStatus, body, null);
        this.retryAfter = retryAfter;
    }

    /**
     * How long to wait before trying again.
     *
     * @return the wait
     */
    public Duration retryAfter() {
        return retryAfter;
    }
}
