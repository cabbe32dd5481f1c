package io.learnloop.community;

import io.learnloop.core.error.ErrorCode;

/**
 * The backend has no such thing (HTTP 404), or hides it from the acting user.
 *
 * <p>Thread-safe: immutable.
 */
public final class RemoteNotFoundException extends CommunityRemoteException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message    what failed and what to do
     * @param httpStatus the status
     * @param body       the parsed error body, or null
     */
    public RemoteNotFoundException(String message, int httpStatus, RemoteErrorBody body) {
        super(ErrorCode.NOT_FOUND, message, false, false, httpStatus, body, null);
    }
}
