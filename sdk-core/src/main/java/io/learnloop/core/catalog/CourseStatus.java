package io.learnloop.core.catalog;

/**
 * Where a course stands in its life: {@code DRAFT -> IN_REVIEW -> PUBLISHED -> UNLISTED / ARCHIVED}. A course that
 * has been published stays {@code PUBLISHED} (or {@code UNLISTED}) while a new version is edited and reviewed; the
 * state of that new version is the course's {@link DraftState}.
 *
 * <p>Thread-safe: an enum.
 */
public enum CourseStatus {
    /** Never published; the first version is being written. */
    DRAFT,
    /** Never published; the first version waits for reviewers. */
    IN_REVIEW,
    /** A version is live and listed. */
    PUBLISHED,
    /** A version is live for learners who hold a grant and for direct links, but not listed. */
    UNLISTED,
    /** Off sale for good; learners who hold a grant keep their access. */
    ARCHIVED;

    /**
     * Whether the published version is open: free previews play and new grants make sense.
     *
     * @return true for {@code PUBLISHED} and {@code UNLISTED}
     */
    public boolean isLive() {
        return this == PUBLISHED || this == UNLISTED;
    }
}
