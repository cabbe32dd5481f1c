package io.learnloop.core.error;

import java.util.Objects;

/**
 * Root of every exception the SDK throws. Unchecked; carries a stable {@link ErrorCode}.
 * Messages say what to fix and never contain secrets.
 *
 * <p>Thread-safe: immutable after construction.
 */
public class LearnloopException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    /**
     * Creates an exception.
     *
     * @param code    the stable error code
     * @param message what went wrong and what to fix
     */
    public LearnloopException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    /**
     * Creates an exception with a cause.
     *
     * @param code    the stable error code
     * @param message what went wrong and what to fix
     * @param cause   the underlying failure
     */
    public LearnloopException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    /**
     * Returns the stable error code.
     *
     * @return the code
     */
    public ErrorCode code() {
        return code;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + code + "]: " + getMessage();
    }
}
