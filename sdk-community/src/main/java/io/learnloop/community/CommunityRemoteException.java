package io.learnloop.community;

import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.RemoteException;

/**
 * A call to the community backend failed. The subclasses say how; each carries the HTTP status and the parsed error
 * body.
 *
 * <p>Thread-safe: immutable.
 */
public class CommunityRemoteException extends RemoteException {
    private static final long serialVersionUID = 1L;

    /** The parsed error body; records are serializable by their components, this one is rebuilt if needed. */
    private final transient RemoteErrorBody body;

    /**
     * Creates the exception.
     *
     * @param code           the error code
     * @param message        what failed and what to do
     * @param retryable      whether the same call may simply be repeated
     * @param outcomeUnknown whether the backend may have acted
     * @param httpStatus     the status, or 0 without a response
     * @param body           the parsed error body, or null
     * @param cause          the underlying failure, or null
     */
    public CommunityRemoteException(ErrorCode code, String message, boolean retryable, boolean outcomeUnknown,
                                    int httpStatus, RemoteErrorBody body, Throwable cause) {
        super(code, message, retryable, outcomeUnknown, httpStatus,
                body == null ? null : body.errorType(), null, cause);
        this.body = body == null ? RemoteErrorBody.EMPTY : body;
    }

    /**
     * The backend's parsed error body.
     *
     * @return the body, empty if there was none
     */
    public RemoteErrorBody errorBody() {
        return body == null ? RemoteErrorBody.EMPTY : body;
    }
}
