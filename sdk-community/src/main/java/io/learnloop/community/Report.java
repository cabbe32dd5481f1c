package io.learnloop.community;

import io.learnloop.core.identity.UserId;

import java.time.Instant;

/**
 * A report of a post, as seen in the moderation queue. On Discourse a report is a flag and its id is the
 * reviewable's id.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id        the report's id
 * @param postId    the reported post
 * @param topicId   the post's topic
 * @param reporter  who reported it (null when the backend does not say)
 * @param reason    why
 * @param status    where it stands
 * @param createdAt when it was made
 */
public record Report(String id, String postId, String topicId, UserId reporter, ReportReason reason,
                     ReportStatus status, Instant createdAt) {
}
