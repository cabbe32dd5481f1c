package io.learnloop.community;

/**
 * What becomes of an erased learner's community posts and topics. Either way the learner's id is replaced by the
 * erasure's pseudonym, so threads keep their shape (replies, numbers, reactions of others).
 *
 * <p>Thread-safe: an enum.
 */
public enum PostsOnErasure {
    /** The default: the text stays, under an anonymous author; the id is replaced wherever it appears in it. */
    ANONYMISE,
    /** The text is erased and the post marked {@link PostStatus#REMOVED}; topic titles are erased too. */
    REMOVE
}
