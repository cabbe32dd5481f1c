package io.learnloop.core.practice;

import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.core.identity.UserId;

import java.time.Instant;
import java.util.Objects;

/**
 * A peer review was written after its allocation expired ({@link Assignment#reviewExpiry()} after it was handed
 * out): the submission may have gone to another reviewer, and the late review is not stored. Code
 * {@code INVALID_STATE}; the reviewer asks {@link PracticeService#nextToReview} for new work.
 *
 * <p>Thread-safe: immutable.
 */
public final class ReviewExpiredException extends LearnloopException {
    private static final long serialVersionUID = 1L;

    private final SubmissionId submission;
    private final UserId reviewer;
    private final Instant expiredAt;

    /**
     * Creates the exception.
     *
     * @param submission the submission
     * @param reviewer   the reviewer who let the allocation expire
     * @param expiredAt  when it expired
     */
    public ReviewExpiredException(SubmissionId submission, UserId reviewer, Instant expiredAt) {
        super(ErrorCode.INVALID_STATE, "The review of submission '" + Objects.requireNonNull(submission, "submission")
                + "' handed to user '" + Objects.requireNonNull(reviewer, "reviewer") + "' expired at "
                + Objects.requireNonNull(expiredAt, "expiredAt") + " and is no longer accepted; ask nextToReview for "
                + "new work.");
        this.submission = submission;
        this.reviewer = reviewer;
        this.expiredAt = expiredAt;
    }

    /**
     * The submission.
     *
     * @return its id
     */
    public SubmissionId submission() {
        return submission;
    }

    /**
     * The reviewer.
     *
     * @return their id
     */
    public UserId reviewer() {
        return reviewer;
    }

    /**
     * When the allocation expired.
     *
     * @return the instant
     */
    public Instant expiredAt() {
        return expiredAt;
    }
}
