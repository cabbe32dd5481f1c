/**
 * Retention of operational records: how long each data class is kept ({@link io.learnloop.core.retention.RetentionPolicy})
 * and the pruners modules contribute ({@link io.learnloop.core.retention.RetentionPruner}), run once a day by
 * {@code Learnloop.runScheduledJobs()}.
 */
package io.learnloop.core.retention;
