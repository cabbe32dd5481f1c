package io.learnloop.http;

import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.RemoteException;

/**
 * The calling thread was interrupted during a call to a remote peer, while sending or while waiting to retry. The
 * SDK stopped at once, sent nothing more and left the thread's interrupt flag set, so the host's own shutdown or
 * cancellation logic still sees it. Payment providers and the Discourse backend throw this same type.
 *
 * <p>{@link #outcomeUnknown()} is true when an earlier attempt of a request that changes something may have reached
 * the peer: look before repeating it. {@link #isRetryable()} is always true: nothing went wrong on the peer's side.
 *
 * <p>Thread-safe: immutable.
 */
public final class CallInterruptedException extends RemoteException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message        what was interrupted (never containing secrets)
     * @param outcomeUnknown whether an earlier attempt may have been carried out by the peer
     * @param cause          the interruption seen by the transport, or null when the wait was interrupted
     */
    public CallInterruptedException(String message, boolean outcomeUnknown, Throwable cause) {
        super(ErrorCode.REMOTE_FAILURE, message, true, outcomeUnknown, 0, null, null, cause);
    }
}
