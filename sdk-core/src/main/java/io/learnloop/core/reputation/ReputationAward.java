package io.learnloop.core.reputation;

import io.learnloop.core.error.Validator;
import io.learnloop.core.identity.UserId;

/**
 * One act that earns reputation, as reported to {@link ReputationService#record}: who earns it, whose act awards it,
 * what it is about, and the id of the act in its own system, which makes recording it idempotent.
 *
 * <p>The anti-gaming rules read these fields: the learner and the actor must differ, an actor awards one learner
 * once per source and target, an actor awards at most {@link ReputationPolicy#dailyCapPerActor()} times a UTC day,
 * and one {@code sourceId} of a source is counted once however often it is reported.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param source   what earned it
 * @param learner  who earns the points
 * @param actor    whose act awards them: the voter, the asker who accepted, the learner whose work was reviewed
 * @param target   what the act is about: the post, the note, the submission; at most {@value #MAX_LENGTH} characters
 * @param sourceId the act's id in the system that reported it, for example {@code discourse:like:42:7}; at most
 *                 {@value #MAX_LENGTH} characters
 */
public record ReputationAward(ReputationSource source, UserId learner, UserId actor, String target, String sourceId) {
    /** The longest target or source id, in characters. */
    public static final int MAX_LENGTH = 200;

    /**
     * Validates every field at once.
     *
     * @param source   the source
     * @param learner  the learner
     * @param actor    the actor
     * @param target   the target
     * @param sourceId the source id
     */
    public ReputationAward {
        new Validator().notNull("source", source).notNull("learner", learner).notNull("actor", actor)
                .notBlank("target", target, MAX_LENGTH)
                .check(target == null || target.chars().noneMatch(Character::isISOControl), "target",
                        "must not contain control characters")
                .notBlank("sourceId", sourceId, MAX_LENGTH)
                .check(sourceId == null || sourceId.chars().noneMatch(Character::isISOControl), "sourceId",
                        "must not contain control characters")
                .throwIfInvalid();
    }

    /**
     * An accepted answer: the answer's author earns, the one who accepted it awards.
     *
     * @param answerAuthor who wrote the answer
     * @param accepter     who accepted it (the question's author, or a moderator)
     * @param answerPostId the answer's post id
     * @return the award, its source id {@code accepted:} and the post id
     */
    public static ReputationAward acceptedAnswer(UserId answerAuthor, UserId accepter, String answerPostId) {
        return new ReputationAward(ReputationSource.ACCEPTED_ANSWER, answerAuthor, accepter, answerPostId,
                "accepted:" + answerPostId);
    }

    /**
     * A post marked helpful: the post's author earns, the voter awards.
     *
     * @param postAuthor who wrote the post
     * @param voter      who marked it helpful
     * @param postId     the post
     * @return the award, its source id {@code helpful:}, the post id, {@code :} and the voter
     */
    public static ReputationAward helpfulPost(UserId postAuthor, UserId voter, String postId) {
        return new ReputationAward(ReputationSource.HELPFUL_POST, postAuthor, voter, postId,
                "helpful:" + postId + ":" + (voter == null ? null : voter.value()));
    }

    /**
     * The same award with another source id, for a system whose acts carry ids of their own.
     *
     * @param id the source id
     * @return the changed award
     */
    public ReputationAward withSourceId(String id) {
        return new ReputationAward(source, learner, actor, target, id);
    }
}
