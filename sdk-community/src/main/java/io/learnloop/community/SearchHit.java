package io.learnloop.community;

/**
 * One search result: a post and its topic.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param topicId the topic
 * @param postId  the matching post
 * @param title   the topic's title
 * @param excerpt a short excerpt of the post
 */
public record SearchHit(String topicId, String postId, String title, String excerpt) {
}
