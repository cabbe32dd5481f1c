package io.learnloop.community;

/**
 * The kinds of community events a backend pushes to the host (Discourse webhooks).
 *
 * <p>Thread-safe: an enum.
 */
public enum CommunityEventKind {
    /** A connectivity check ({@code {"ping":"OK"}}). */
    PING,
    /** A topic was created. */
    TOPIC_CREATED,
    /** A topic was edited. */
    TOPIC_EDITED,
    /** A topic was deleted. */
    TOPIC_DESTROYED,
    /** A post was created. */
    POST_CREATED,
    /** A post was edited. */
    POST_EDITED,
    /** A post was deleted. */
    POST_DESTROYED,
    /** A post was restored. */
    POST_RECOVERED,
    /** An answer was accepted (discourse-solved). */
    ANSWER_ACCEPTED,
    /**
     * A post was liked ({@code post_liked}): {@link CommunityEvent#username()} is the post's author and the field
     * {@code liker} the user who liked it.
     */
    POST_LIKED,
    /** A post was flagged or another item entered the review queue. */
    REPORT_CREATED,
    /** A user was created. */
    USER_CREATED,
    /** Any other event; see {@link CommunityEvent#event()}. */
    OTHER;

    /**
     * Maps Discourse's {@code X-Discourse-Event} name.
     *
     * @param event the event name, for example {@code post_created}
     * @return the kind
     */
    public static CommunityEventKind ofDiscourse(String event) {
        if (event == null) {
            return OTHER;
        }
        return switch (event) {
            case "ping" -> PING;
            case "topic_created" -> TOPIC_CREATED;
            case "topic_edited" -> TOPIC_EDITED;
            case "topic_destroyed" -> TOPIC_DESTROYED;
            case "post_created" -> POST_CREATED;
            case "post_edited" -> POST_EDITED;
            case "post_destroyed" -> POST_DESTROYED;
            case "post_recovered" -> POST_RECOVERED;
            case "accepted_solution" -> ANSWER_ACCEPTED;
            case "post_liked" -> POST_LIKED;
            case "flag_created", "reviewable_created" -> REPORT_CREATED;
            case "user_created" -> USER_CREATED;
            default -> OTHER;
        };
    }
}
