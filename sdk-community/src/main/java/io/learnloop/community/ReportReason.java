package io.learnloop.community;

/**
 * Why a post is reported. On Discourse each reason maps to a flag type whose id is read from {@code /site.json}.
 *
 * <p>Thread-safe: an enum.
 */
public enum ReportReason {
    /** Not about the topic (Discourse {@code off_topic}). */
    OFF_TOPIC("off_topic"),
    /** Rude or otherwise inappropriate (Discourse {@code inappropriate}). */
    INAPPROPRIATE("inappropriate"),
    /** Spam (Discourse {@code spam}). */
    SPAM("spam"),
    /** Illegal content (Discourse {@code illegal}). */
    ILLEGAL("illegal"),
    /** Something else moderators should look at (Discourse {@code notify_moderators}). */
    OTHER("notify_moderators");

    private final String discourseKey;

    ReportReason(String discourseKey) {
        this.discourseKey = discourseKey;
    }

    /**
     * The Discourse flag's {@code name_key}.
     *
     * @return the key
     */
    public String discourseKey() {
        return discourseKey;
    }
}
