package io.learnloop.core.reputation;

import io.learnloop.core.error.Validator;

/**
 * Something a creator or helper achieved, issued as an Open Badges 3.0 credential ({@link Badge}) once per learner.
 * The built-in ones are issued by {@link ReputationService} itself; a host issues its own (course creator milestones,
 * say) with {@link ReputationService#issueBadge}.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param key         a stable key (lower-case letters, digits and hyphens), part of the achievement's id
 * @param name        its name, shown by badge wallets
 * @param description what it means
 * @param criteria    how it is earned, in words (the credential's {@code criteria.narrative})
 */
public record Achievement(String key, String name, String description, String criteria) {
    /** Issued with the learner's first accepted answer. */
    public static final Achievement FIRST_ACCEPTED_ANSWER = new Achievement("first-accepted-answer",
            "First accepted answer", "Answered a fellow learner's question well enough that it was accepted.",
            "Wrote an answer that the question's author or a moderator accepted.");
    /** Issued when the learner first becomes a {@link ReputationRole#COMMUNITY_MENTOR}. */
    public static final Achievement COMMUNITY_MENTOR = new Achievement("community-mentor", "Community mentor",
            "Earned the community's trust by helping other learners.",
            "Reached the reputation that makes a learner a community mentor.");
    /** A course creator's milestone: their first course went live. */
    public static final Achievement COURSE_CREATOR = new Achievement("course-creator", "Course creator",
            "Created a course that passed review and was published.", "Published a first course.");

    /**
     * Validates every field at once.
     *
     * @param key         the key
     * @param name        the name
     * @param description the description
     * @param criteria    the criteria
     */
    public Achievement {
        new Validator().notBlank("key", key, 64)
                .check(key == null || key.matches("[a-z0-9-]+"), "key", "must be lower-case letters, digits and '-'")
                .notBlank("name", name, 200).notBlank("description", description, 2000)
                .notBlank("criteria", criteria, 2000).throwIfInvalid();
    }

    /**
     * The achievement of {@code count} posts marked helpful.
     *
     * @param count how many, positive
     * @return the achievement, keyed {@code helpful-posts-} and the count
     */
    public static Achievement helpfulPosts(int count) {
        new Validator().check(count > 0, "count", "must be positive (was " + count + ")").throwIfInvalid();
        return new Achievement("helpful-posts-" + count, count + " helpful posts",
                "Wrote posts that fellow learners found helpful.",
                "Other learners marked " + count + " of the learner's posts helpful.");
    }
}
