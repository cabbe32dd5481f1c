package io.learnloop.recommend;

import java.util.Objects;

/**
 * Why a course was recommended, in a form a host can show as is ({@link #text()}) or translate from its parts.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param reason   the kind of reason
 * @param courseId the learner's course the recommendation relates to ({@link Reason#BECAUSE_YOU}), else empty
 * @param kind     what the learner did with that course ({@link Reason#BECAUSE_YOU}), else null
 * @param topic    the category or interest term ({@link Reason#POPULAR_IN}, {@link Reason#MATCHES_INTEREST}), else
 *                 empty
 * @param text     an English sentence, for example "because you completed Python 入门"
 */
public record Explanation(Reason reason, String courseId, InteractionKind kind, String topic, String text) {
    /**
     * The kinds of reason.
     *
     * <p>Thread-safe: an enum.
     */
    public enum Reason {
        /** Learners who took one of the learner's courses also took this one. */
        BECAUSE_YOU,
        /** Popular overall or in a category. */
        POPULAR_IN,
        /** The content matches a term of the learner's interests. */
        MATCHES_INTEREST,
        /** A course the learner started and has not finished. */
        CONTINUE_LEARNING,
        /** A course created recently. */
        NEW_COURSE
    }

    /**
     * Validates; null strings become empty.
     *
     * @param reason   the reason
     * @param courseId the related course
     * @param kind     the related interaction kind
     * @param topic    the topic
     * @param text     the sentence
     */
    public Explanation {
        Objects.requireNonNull(reason, "reason");
        courseId = courseId == null ? "" : courseId;
        topic = topic == null ? "" : topic;
        text = text == null ? "" : text;
    }
}
