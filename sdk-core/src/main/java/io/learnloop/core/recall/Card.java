package io.learnloop.core.recall;

import io.learnloop.core.error.Validator;

import java.time.Instant;

/**
 * The memory state and schedule of one card, as FSRS keeps it (the fields of ts-fsrs's {@code Card}).
 *
 * <p>Thread-safe: immutable record.
 *
 * @param due           when the card is next due
 * @param stability     the interval in days at which recall falls to 90% (0 while new)
 * @param difficulty    how hard the card is, 1 to 10 (0 while new)
 * @param elapsedDays   calendar days (UTC) between the last two reviews
 * @param scheduledDays the interval in days the last review scheduled (0 while in a learning step)
 * @param learningStep  the index of the current (re)learning step
 * @param reps          how many reviews the card has had
 * @param lapses        how many times it was forgotten after graduating
 * @param state         where it stands
 * @param lastReview    when it was last reviewed, or null while new
 */
public record Card(Instant due, double stability, double difficulty, long elapsedDays, long scheduledDays,
                   int learningStep, int reps, int lapses, CardState state, Instant lastReview) {
    /**
     * Validates.
     *
     * @param due           the due instant
     * @param stability     the stability
     * @param difficulty    the difficulty
     * @param elapsedDays   the elapsed days
     * @param scheduledDays the scheduled days
     * @param learningStep  the step
     * @param reps          the review count
     * @param lapses        the lapse count
     * @param state         the state
     * @param lastReview    the last review, or null
     * @throws io.learnloop.core.error.ValidationException naming each bad field
     */
    public Card {
        Validator v = new Validator().notNull("due", due).notNull("state", state)
                .finite("stability", stability).finite("difficulty", difficulty)
                .check(stability >= 0, "stability", "must not be negative (was " + stability + ")")
                .check(difficulty >= 0, "difficulty", "must not be negative (was " + difficulty + ")")
                .notNegative("elapsedDays", elapsedDays).notNegative("scheduledDays", scheduledDays)
                .notNegative("learningStep", learningStep).notNegative("reps", reps).notNegative("lapses", lapses);
        v.check(state == null || state == CardState.NEW || lastReview != null, "lastReview",
                "is required once a card has been reviewed (state " + state + ")");
        v.throwIfInvalid();
    }

    /**
     * A card never reviewed, due at once.
     *
     * @param now when it is created
     * @return the card
     */
    public static Card newCard(Instant now) {
        return new Card(now, 0, 0, 0, 0, 0, 0, 0, CardState.NEW, null);
    }
}
