package io.learnloop.community;

import io.learnloop.core.error.ErrorCode;

/**
 * No response arrived: the connection failed or timed out. When the request may have been sent,
 * {@link #outcomeUnknown()} is true and the caller must look before repeating it.
 *
 * <p>Thread-safe: immutable.
 */
public final class RemoteConnectionException extends CommunityRemoteException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message        what failed
     * @param retryable      whether repeating the call is safe
     * @param outcomeUnknown whether the request may have reached the backend
     * @param cause          the I/O failure
     */
    public RemoteConnectionException(String message, boolean retryable, boolean outcomeUnknown, Throwable cause) {
        super(ErrorCode.REMOTE_FAILURE, message, retryable, outcomeUnknown, 0, null, cause);
    }
}
