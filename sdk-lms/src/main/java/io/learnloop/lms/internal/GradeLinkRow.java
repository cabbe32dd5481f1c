package io.learnloop.lms.internal;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A placed link with a gradebook column that a learner launched: where their results in the course are posted.
 *
 * @param id           {@link Keys#of} learner, course, issuer, client id and line item; for the tool's own column,
 *                     "column" and the column's id instead of the line item, however many times the link is launched
 * @param learner      the learner
 * @param course       the course the link opens
 * @param issuer       the platform's issuer
 * @param clientId     the client id
 * @param subject      the learner's user id at the platform, the score's {@code userId}
 * @param lineItem     the line item URL, or null for the tool's own column (its URL is in the {@link ColumnRow})
 * @param lastPercent  the latest quiz result posted to the column, or null
 * @param launchedAt   when the learner last launched the link
 * @param column       the id of the tool's own column ({@link ColumnRow}), or null when the platform made the column
 */
record GradeLinkRow(String id, String learner, String course, String issuer, String clientId, String subject,
                    String lineItem, BigDecimal lastPercent, Instant launchedAt, String column) {
    String learnerCourse() {
        return Keys.of(learner, course);
    }

    GradeLinkRow withLastPercent(BigDecimal percent) {
        return new GradeLinkRow(id, learner, course, issuer, clientId, subject, lineItem, percent, launchedAt, column);
    }
}
