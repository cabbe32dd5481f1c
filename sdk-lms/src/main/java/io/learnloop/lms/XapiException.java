package io.learnloop.lms;

import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.LearnloopException;

import java.util.Objects;

/**
 * An xAPI statement was invalid, or a learning record store did not take a batch. {@link #problem()} says which;
 * {@link #field()} names the statement property at fault for {@link Problem#INVALID_STATEMENT}, and
 * {@link #httpStatus()} the LRS's answer for the others. Statements stay queued through every problem except
 * {@link Problem#INVALID_STATEMENT} (nothing is queued) and the per-statement refusals recorded by the publisher.
 *
 * <p>Thread-safe: immutable.
 */
public final class XapiException extends LearnloopException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Problem {
        /** A statement breaks an xAPI 1.0.3 data rule; {@link #field()} names the property. Not sent. */
        INVALID_STATEMENT(ErrorCode.VALIDATION_FAILED, false),
        /** No LRS is configured under the given id. */
        UNKNOWN_LRS(ErrorCode.NOT_FOUND, false),
        /** The LRS answered 5xx or 429, or did not answer in time, after every retry. The batch stays queued. */
        LRS_UNAVAILABLE(ErrorCode.REMOTE_FAILURE, true),
        /** The LRS refused the credentials (401, 403). The batch stays queued until the host fixes them. */
        LRS_UNAUTHORIZED(ErrorCode.REMOTE_FAILURE, false),
        /** The LRS refused the statement as malformed (400 or another 4xx). It is not sent again. */
        LRS_REJECTED(ErrorCode.REMOTE_FAILURE, false),
        /**
         * The LRS holds a different statement under the statement's id (409, and its stored statement does not
         * match). It is not sent again: the LRS must not change a stored statement.
         */
        CONFLICT(ErrorCode.DUPLICATE_KEY, false);

        private final ErrorCode code;
        private final boolean retryable;

        Problem(ErrorCode code, boolean retryable) {
            this.code = code;
            this.retryable = retryable;
        }

        /**
         * The stable error code.
         *
         * @return the code
         */
        public ErrorCode code() {
            return code;
        }

        /**
         * Whether sending again later may succeed without anyone changing anything.
         *
         * @return true for a transient failure
         */
        public boolean retryable() {
            return retryable;
        }
    }

    private final Problem problem;
    private final String field;
    private final int httpStatus;

    /**
     * Creates an exception.
     *
     * @param problem    the problem
     * @param field      the statement property at fault (for example {@code result.score.scaled}), or null
     * @param httpStatus the LRS's HTTP status, 0 when it did not answer or was not called
     * @param message    what happened and what to do
     * @param cause      the underlying failure, or null
     */
    public XapiException(Problem problem, String field, int httpStatus, String message, Throwable cause) {
        super(Objects.requireNonNull(problem, "problem").code(), message, cause);
        this.problem = problem;
        this.field = field;
        this.httpStatus = httpStatus;
    }

    /**
     * An invalid statement property.
     *
     * @param field   the property path, for example {@code actor.account.homePage}
     * @param problem what is wrong and what is expected
     * @return the exception
     */
    public static XapiException invalid(String field, String problem) {
        return new XapiException(Problem.INVALID_STATEMENT, field, 0, "Invalid xAPI statement: " + field + " "
                + problem + ".", null);
    }

    /**
     * What went wrong.
     *
     * @return the problem
     */
    public Problem problem() {
        return problem;
    }

    /**
     * The statement property at fault.
     *
     * @return the property path, or null when the problem is not about one property
     */
    public String field() {
        return field;
    }

    /**
     * The LRS's HTTP status.
     *
     * @return the status, 0 when it did not answer or was not called
     */
    public int httpStatus() {
        return httpStatus;
    }

    /**
     * Whether sending again later may succeed unchanged.
     *
     * @return {@code problem().retryable()}
     */
    public boolean isRetryable() {
        return problem.retryable();
    }
}
