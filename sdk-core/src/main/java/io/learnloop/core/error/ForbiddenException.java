package io.learnloop.core.error;

/**
 * The caller lacks the role or entitlement the operation needs. Nothing was changed.
 *
 * <p>Thread-safe: immutable.
 */
public final class ForbiddenException extends LearnloopException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was refused and which role or entitlement would allow it
     */
    public ForbiddenException(String message) {
        super(ErrorCode.FORBIDDEN, message);
    }
}
