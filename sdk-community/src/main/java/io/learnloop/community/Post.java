package io.learnloop.community;

import io.learnloop.core.identity.UserId;

import java.time.Instant;
import java.util.Map;

/**
 * One post: the opening post of a topic (number 1) or a reply. Text is Markdown.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id            the backend's id
 * @param topicId       the topic
 * @param number        the post's position in the topic, starting at 1
 * @param author        who wrote it
 * @param markdown      the text, as Markdown (Discourse leaves the Markdown out of a topic's post stream; posts read
 *                      through {@link Community#posts} there carry the rendered HTML instead)
 * @param replyToNumber the number of the post this replies to, or 0
 * @param status        moderation state
 * @param reactions     reaction name (for example {@code "like"}) to count; copied
 * @param createdAt     when it was written
 */
public record Post(String id, String topicId, int number, UserId author, String markdown, int replyToNumber,
                   PostStatus status, Map<String, Integer> reactions, Instant createdAt) {
    /**
     * Copies the reactions.
     *
     * @param id            the id
     * @param topicId       the topic
     * @param number        the number
     * @param author        the author
     * @param markdown      the text
     * @param replyToNumber the replied-to number
     * @param status        the status
     * @param reactions     the reaction counts
     * @param createdAt     the creation instant
     */
    public Post {
        reactions = reactions == null ? Map.of() : Map.copyOf(reactions);
    }

    /**
     * How often a reaction was given.
     *
     * @param reaction the reaction name
     * @return the count, 0 if none
     */
    public int reactionCount(String reaction) {
        return reactions.getOrDefault(reaction, 0);
    }
}
