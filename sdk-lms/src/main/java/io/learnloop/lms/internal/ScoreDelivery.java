package io.learnloop.lms.internal;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One score to post to a platform's gradebook, written in the transaction that reacts to the learner's result and
 * announced through the outbox; the relay hands it to the poster until it is posted (or refused for good).
 *
 * @param id               {@link Keys#of} the source event id and the link id: one delivery per result and column
 * @param link             the grade link id
 * @param issuer           the platform's issuer
 * @param clientId         the client id
 * @param lineItem         the line item URL; for the tool's own column, null until posted (the URL is then read from
 *                         the column's row)
 * @param userId           the learner's user id at the platform
 * @param scoreGiven       the score
 * @param scoreMaximum     the maximum score
 * @param activityProgress the AGS activity progress
 * @param gradingProgress  the AGS grading progress
 * @param timestamp        when the result happened (the same on every attempt, so the platform sees one score)
 * @param status           PENDING, POSTED or REFUSED
 * @param postedAt         when it was posted, or null
 * @param problem          why the platform refused it for good, or null
 * @param column           the id of the tool's own column ({@link ColumnRow}) it goes to, or null when the platform
 *                         named the line item
 */
record ScoreDelivery(String id, String link, String issuer, String clientId, String lineItem, String userId,
                     BigDecimal scoreGiven, BigDecimal scoreMaximum, String activityProgress, String gradingProgress,
                     Instant timestamp, String status, Instant postedAt, String problem,
                     String column) {
    static final String PENDING = "PENDING";
    static final String POSTED = "POSTED";
    static final String REFUSED = "REFUSED";

    ScoreDelivery posted(Instant at, String to) {
        return new ScoreDelivery(id, link, issuer, clientId, to, userId, scoreGiven, scoreMaximum,
                activityProgress, gradingProgress, timestamp, POSTED, at, null, column);
    }

    ScoreDelivery refused(String why) {
        return new ScoreDelivery(id, link, issuer, clientId, lineItem, userId, scoreGiven, scoreMaximum,
                activityProgress, gradingProgress, timestamp, REFUSED, null, why, column);
    }
}
