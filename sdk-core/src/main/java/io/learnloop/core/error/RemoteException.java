package io.learnloop.core.error;

/**
 * A call to a remote peer (payment provider, community backend) failed.
 *
 * <p>{@link #isRetryable()} says whether the same call may simply be repeated; {@link #outcomeUnknown()} says the
 * peer may have acted even though we saw a failure, so the caller must query before retrying.
 *
 * <p>Thread-safe: immutable.
 */
public class RemoteException extends LearnloopException {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;
    private final boolean outcomeUnknown;
    private final int httpStatus;
    private final String providerCode;
    private final String requestId;

    /**
     * Creates the exception.
     *
     * @param code           usually {@link ErrorCode#REMOTE_FAILURE} or {@link ErrorCode#RATE_LIMITED}
     * @param message        what failed (never containing secrets)
     * @param retryable      whether repeating the same call is safe and may succeed
     * @param outcomeUnknown whether the peer may have carried out the call
     * @param httpStatus     the HTTP status, or 0 when no response arrived
     * @param providerCode   the peer's own error code, or null
     * @param requestId      the peer's request id, or null
     * @param cause          the underlying failure, or null
     */
    public RemoteException(ErrorCode code, String message, boolean retryable, boolean outcomeUnknown,
                           int httpStatus, String providerCode, String requestId, Throwable cause) {
        super(code, message, cause);
        this.retryable = retryable;
        this.outcomeUnknown = outcomeUnknown;
        this.httpStatus = httpStatus;
        this.providerCode = providerCode;
        this.requestId = requestId;
    }

    /**
     * Whether repeating the same call is safe and may succeed.
     *
     * @return true if retryable
     */
    public boolean isRetryable() {
        return retryable;
    }

    /**
     * Whether the peer may have acted although the call failed; query before any retry.
     *
     * @return true if the outcome is unknown
     */
    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }

    /**
     * The HTTP status of the response.
     *
     * @return the status, or 0 when no response arrived
     */
    public int httpStatus() {
        return httpStatus;
    }

    /**
     * The peer's own error code.
     *
     * @return the code, or null
     */
    public String providerCode() {
        return providerCode;
    }

    /**
     * The peer's request id, for support tickets.
     *
     * @return the id, or null
     */
    public String requestId() {
        return requestId;
    }
}
