package io.learnloop.recommend;

/**
 * The prerequisite facts the business rules need: whether a learner lacks a prerequisite of a course. A course the
 * learner is not ready for is never recommended; it comes back once its prerequisites are known (completed,
 * certified or placed out of). {@link StorePrerequisites} reads them from a Learnloop store; tests and other hosts
 * may answer from anything.
 *
 * <p>Implementations must be thread-safe, and quick: the rules ask about each candidate as they reach it, so a
 * request asks about about as many courses as it returns.
 */
@FunctionalInterface
public interface Prerequisites {
    /** No course has prerequisites: nothing is held back. */
    Prerequisites NONE = (learnerId, courseId) -> false;

    /**
     * Whether the learner lacks at least one direct prerequisite of the course.
     *
     * @param learnerId the learner
     * @param courseId  the course
     * @return true when the course must not be recommended to the learner yet
     */
    boolean lacks(String learnerId, String courseId);
}
