package io.learnloop.community;

import io.learnloop.core.error.ErrorCode;

/**
 * The backend rejected the input (HTTP 400 or 422); {@link #errorBody()} lists its messages.
 *
 * <p>Thread-safe: immutable.
 */
public final class RemoteValidationException extends CommunityRemoteException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message    what failed and what to do
     * @param httpStatus the status
     * @param body       the parsed error body, or null
     */
    public RemoteValidationException(String message, int httpStatus, RemoteErrorBody body) {
        super(ErrorCode.VALIDATION_FAILED, message, false, false, httpStatus, body, null);
    }
}
