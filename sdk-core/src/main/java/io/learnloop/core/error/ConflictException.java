package io.learnloop.core.error;

/**
 * The operation conflicts with the current state: a stale version, a taken unique key, or a transition the
 * state machine does not allow. Nothing was changed.
 *
 * <p>Thread-safe: immutable.
 */
public final class ConflictException extends LearnloopException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param code    {@link ErrorCode#VERSION_CONFLICT}, {@link ErrorCode#DUPLICATE_KEY} or {@link ErrorCode#INVALID_STATE}
     * @param message what conflicted and what to do
     */
    public ConflictException(ErrorCode code, String message) {
        super(code, message);
    }
}
