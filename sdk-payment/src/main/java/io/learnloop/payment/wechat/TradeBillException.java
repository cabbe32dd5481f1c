package io.learnloop.payment.wechat;

import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.RemoteException;

/**
 * A downloaded WeChat Pay trade bill was refused: its SHA1 digest did not match the one the signed
 * {@code /v3/bill/tradebill} response announced, or the file is not a trade bill. Nothing of the file is returned.
 *
 * <p>Thread-safe: immutable.
 */
public final class TradeBillException extends RemoteException {
    private static final long serialVersionUID = 1L;

    /** What is wrong with the file. */
    public enum Problem {
        /**
         * The bytes do not have the announced digest (altered or truncated in transit); error code
         * {@link ErrorCode#VERIFICATION_FAILED}, retryable.
         */
        DIGEST_MISMATCH,
        /**
         * The file (or the announcement) does not follow the trade bill format; error code
         * {@link ErrorCode#REMOTE_FAILURE}, not retryable unchanged.
         */
        MALFORMED
    }

    private final Problem problem;

    /**
     * Creates the exception.
     *
     * @param problem what is wrong
     * @param message what was found and what to do, without secrets
     * @param cause   the underlying failure, or null
     */
    public TradeBillException(Problem problem, String message, Throwable cause) {
        super(problem == Problem.DIGEST_MISMATCH ? ErrorCode.VERIFICATION_FAILED : ErrorCode.REMOTE_FAILURE, message,
                problem == Problem.DIGEST_MISMATCH, false, 0, null, null, cause);
        this.problem = problem;
    }

    /**
     * What is wrong with the file.
     *
     * @return the problem
     */
    public Problem problem() {
        return problem;
    }
}
