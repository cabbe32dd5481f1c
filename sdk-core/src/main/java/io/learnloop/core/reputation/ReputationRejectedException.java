package io.learnloop.core.reputation;

import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.LearnloopException;

import java.time.Duration;
import java.util.Objects;

/**
 * An award broke an anti-gaming rule and was not recorded; nothing was stored. The code is {@code FORBIDDEN} for a
 * self-award, {@code DUPLICATE_KEY} for a second award of the same target, and {@code RATE_LIMITED} for an actor over
 * the day's cap, who may award again after {@link #retryAfter()}.
 *
 * <p>Thread-safe: immutable.
 */
public final class ReputationRejectedException extends LearnloopException {
    private static final long serialVersionUID = 1L;

    private final ReputationRejection reason;
    private final Duration retryAfter;

    /**
     * Creates the exception.
     *
     * @param reason     why
     * @param message    what is wrong and what to do, for people
     * @param retryAfter when the actor may award again (rate limit only), else zero
     */
    public ReputationRejectedException(ReputationRejection reason, String message, Duration retryAfter) {
        super(codeOf(reason), message);
        this.reason = reason;
        this.retryAfter = retryAfter == null ? Duration.ZERO : retryAfter;
    }

    private static ErrorCode codeOf(ReputationRejection reason) {
        return switch (Objects.requireNonNull(reason, "reason")) {
            case SELF_AWARD -> ErrorCode.FORBIDDEN;
            case ALREADY_AWARDED -> ErrorCode.DUPLICATE_KEY;
            case RATE_LIMITED -> ErrorCode.RATE_LIMITED;
        };
    }

    /**
     * Why the award was refused.
     *
     * @return the reason
     */
    public ReputationRejection reason() {
        return reason;
    }

    /**
     * How long until the actor may award again: the time to the next UTC midnight for {@link
     * ReputationRejection#RATE_LIMITED}, zero otherwise.
     *
     * @return the wait
     */
    public Duration retryAfter() {
        return retryAfter;
    }
}
