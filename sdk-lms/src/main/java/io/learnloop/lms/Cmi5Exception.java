package io.learnloop.lms;

import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.LearnloopException;

import java.util.Objects;

/**
 * A cmi5 operation was refused: a course structure that is malformed or unsafe, a launch the access ledger does not
 * allow, or an assignable unit's request that breaks the xAPI or cmi5 rules. {@link #problem()} says which, in a
 * stable form hosts may switch on; nothing was stored, granted or completed when it is thrown.
 *
 * <p>Thread-safe: immutable.
 */
public final class Cmi5Exception extends LearnloopException {
    private static final long serialVersionUID = 1L;

    /** Why a cmi5 operation was refused. A constant never changes meaning once released. */
    public enum Problem {
        /** The course structure is not well-formed XML, or declares a DTD or entities (refused as unsafe). */
        MALFORMED_XML(ErrorCode.VALIDATION_FAILED, 400),
        /** The course structure does not conform to the cmi5 CourseStructure XSD (cmi5 section 13.2). */
        SCHEMA_VIOLATION(ErrorCode.VALIDATION_FAILED, 400),
        /** The structure is valid XML but not usable: a duplicate id, a relative URL, an AU without a lesson. */
        INVALID_STRUCTURE(ErrorCode.VALIDATION_FAILED, 400),
        /** A different structure was already imported for the course. */
        ALREADY_IMPORTED(ErrorCode.INVALID_STATE, 409),
        /** No imported structure binds the lesson to an assignable unit. */
        UNKNOWN_AU(ErrorCode.NOT_FOUND, 404),
        /** The access ledger does not let the learner open the lesson. */
        NO_ACCESS(ErrorCode.FORBIDDEN, 403),
        /** The request is malformed: a missing or wrong parameter, header or body. */
        INVALID_REQUEST(ErrorCode.VALIDATION_FAILED, 400),
        /** {@code X-Experience-API-Version} is missing or not a 1.0.x version. */
        UNSUPPORTED_VERSION(ErrorCode.VALIDATION_FAILED, 400),
        /** No credentials, or credentials that are unknown or expired. */
        UNAUTHORIZED(ErrorCode.VERIFICATION_FAILED, 401),
        /** The credentials do not allow this: another learner, registration, session or document. */
        FORBIDDEN(ErrorCode.FORBIDDEN, 403),
        /** The statement breaks a cmi5 rule (order, result, context template, mastery score). */
        CMI5_RULE(ErrorCode.VALIDATION_FAILED, 400),
        /** A statement with this id was already stored with different content. */
        CONFLICTING_STATEMENT(ErrorCode.INVALID_STATE, 409),
        /** No such statement, state or profile document. */
        NOT_FOUND(ErrorCode.NOT_FOUND, 404),
        /** The fetch URL was already used, or its session expired (cmi5 section 8.2.3, error-code 1). */
        FETCH_USED(ErrorCode.VERIFICATION_FAILED, 200),
        /** The fetch URL was never issued (cmi5 section 8.2.3, error-code 2). */
        FETCH_INVALID(ErrorCode.VERIFICATION_FAILED, 200);

        private final ErrorCode code;
        private final int status;

        Problem(ErrorCode code, int status) {
            this.code = code;
            this.status = status;
        }

        /**
         * The error code exceptions with this problem carry.
         *
         * @return the code
         */
        public ErrorCode code() {
            return code;
        }

        /**
         * The HTTP status an endpoint answers with (the fetch URL answers its errors with 200, as cmi5 8.2.2 says).
         *
         * @return the status
         */
        public int status() {
            return status;
        }
    }

    private final Problem problem;

    /**
     * Creates the exception.
     *
     * @param problem what was wrong
     * @param message what to look at or fix; never a token
     */
    public Cmi5Exception(Problem problem, String message) {
        this(problem, message, null);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param problem what was wrong
     * @param message what to look at or fix; never a token
     * @param cause   the underlying failure, or null
     */
    public Cmi5Exception(Problem problem, String message, Throwable cause) {
        super(Objects.requireNonNull(problem, "problem").code(), message, cause);
        this.problem = problem;
    }

    /**
     * What was wrong.
     *
     * @return the problem
     */
    public Problem problem() {
        return problem;
    }
}
