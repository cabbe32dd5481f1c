package io.learnloop.core.recall;

import java.time.Instant;

/**
 * What one review saw: the card's state before it and the rating given (the fields of ts-fsrs's
 * {@code ReviewLog}). The memory state in a log is the one <em>before</em> the review, as in ts-fsrs.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param rating          the rating given
 * @param state           the card's state before the review
 * @param due             the card's last review before this one, or its due instant if it had none
 * @param stability       the stability before the review
 * @param difficulty      the difficulty before the review
 * @param elapsedDays     calendar days (UTC) since the previous review
 * @param lastElapsedDays the elapsed days the card held before this review
 * @param scheduledDays   the interval the previous review had scheduled
 * @param learningStep    the (re)learning step before the review
 * @param reviewedAt      when the review happened
 */
public record ReviewLog(Rating rating, CardState state, Instant due, double stability, double difficulty,
                        long elapsedDays, long lastElapsedDays, long scheduledDays, int learningStep,
                        Instant reviewedAt) {
}
