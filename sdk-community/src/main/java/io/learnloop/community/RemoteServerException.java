package io.learnloop.community;

import io.learnloop.core.error.ErrorCode;

/**
 * The backend failed (HTTP 5xx) or answered something that is not what the call expects (for example an HTML page
 * to a JSON call).
 *
 * <p>Thread-safe: immutable.
 */
public final class RemoteServerException extends CommunityRemoteException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message        what failed and what to do
     * @param retryable      whether repeating the call is safe
     * @param outcomeUnknown whether the backend may have acted
     * @param httpStatus     the status
     * @param body           the parsed error body, or null
     */
    public RemoteServerException(String message, boolean retryable, boolean outcomeUnknown, int httpStatus,
                                 RemoteErrorBody body) {
        super(ErrorCode.REMOTE_FAILURE, message, retryable, outcomeUnknown, httpStatus, body, null);
    }
}
