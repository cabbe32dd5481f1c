package io.learnloop.community;

/**
 * What a space is for.
 *
 * <p>Thread-safe: an enum.
 */
public enum SpaceKind {
    /** Open to every member of the community. */
    GENERAL,
    /** Readable and writable only by learners entitled to one course (and by moderators). */
    COURSE,
    /** The private space of one study group. */
    GROUP
}
