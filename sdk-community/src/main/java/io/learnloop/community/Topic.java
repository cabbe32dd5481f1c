package io.learnloop.community;

import io.learnloop.core.identity.UserId;

import java.time.Instant;

/**
 * A discussion or a question in a space. Its first post carries the opening text.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id             the backend's id
 * @param spaceId        the space it lives in
 * @param title          the title
 * @param author         who opened it
 * @param question       whether it is a question that can have an accepted answer
 * @param acceptedPostId the accepted answer's post id, or null
 * @param replyCount     how many replies it has (not counting the opening post)
 * @param status         open or closed
 * @param createdAt      when it was opened
 */
public record Topic(String id, String spaceId, String title, UserId author, boolean question, String acceptedPostId,
                    int replyCount, TopicStatus status, Instant createdAt) {
}
