package io.learnloop.community;

import io.learnloop.core.error.ErrorCode;

/**
 * The backend refused the acting user (HTTP 403).
 *
 * <p>Thread-safe: immutable.
 */
public final class RemoteForbiddenException extends CommunityRemoteException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message    what failed and what to do
     * @param httpStatus the status
     * @param body       the parsed error body, or null
     */
    public RemoteForbiddenException(String message, int httpStatus, RemoteErrorBody body) {
        super(ErrorCode.FORBIDDEN, message, false, false, httpStatus, body, null);
    }
}
