package io.learnloop.core.path;

import io.learnloop.core.Page;
import io.learnloop.core.assessment.QuizId;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.UserId;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prerequisites between courses and between lessons, learning paths with milestones, and "what next" for a learner.
 *
 * <p>A learner <em>knows</em> a course once they completed it, hold a standing certificate for it, or passed one of
 * its placement quizzes; a lesson once they completed it or know its course. A course or lesson is ready when every
 * one of its direct prerequisites is known (a prerequisite counts as known however it was learned, so a learner who
 * placed out of a course need not first complete what that course requires).
 *
 * <p>Who may do what: the authors of a course (its creator and co-authors, with the role {@code CREATOR}) and
 * admins declare the course's prerequisites, its lessons' prerequisites and its placement quizzes; creators create
 * paths, and a path's owner or an admin changes it; anyone reads prerequisites and paths; a learner reads their own
 * "what next", and an admin anyone's.
 *
 * <p>Thread-safe.
 */
public interface LearningPathService {
    /** The most direct prerequisites one course or lesson may declare. */
    int MAX_PREREQUISITES = 50;
    /** The most courses one path may hold. */
    int MAX_PATH_COURSES = 100;
    /** The most milestones one path may hold. */
    int MAX_MILESTONES = 20;
    /** The most courses one {@link #missingPrerequisites} call may ask about. */
    int MAX_QUERY = 1000;

    /**
     * Replaces a course's direct prerequisites (an empty set removes them).
     *
     * @param author   an author of the course with the role CREATOR, or an admin
     * @param course   the course
     * @param requires the courses it requires, at most {@value #MAX_PREREQUISITES}
     * @return the stored declaration
     * @throws io.learnloop.core.error.ValidationException   for an unknown course or prerequisite, or a course that
     *                                                       requires itself; nothing is stored
     * @throws PrerequisiteCycleException                    if the prerequisites would form a cycle; nothing is stored
     * @throws io.learnloop.core.error.ForbiddenException    if the actor is not an author of the course nor an admin
     */
    CoursePrerequisites declareCourse(Actor author, CourseId course, Set<CourseId> requires);

    /**
     * Replaces a lesson's direct prerequisites (an empty set removes them); they may be lessons of any course.
     *
     * @param author   an author of the lesson's course with the role CREATOR, or an admin
     * @param lesson   the lesson
     * @param requires the lessons it requires, at most {@value #MAX_PREREQUISITES}
     * @return the stored declaration
     * @throws io.learnloop.core.error.ValidationException   for an unknown lesson or prerequisite, or a lesson that
     *                                                       requires itself; nothing is stored
     * @throws PrerequisiteCycleException                    if the prerequisites would form a cycle; nothing is stored
     * @throws io.learnloop.core.error.ForbiddenException    if the actor is not an author of the course nor an admin
     */
    LessonPrerequisites declareLesson(Actor author, LessonId lesson, Set<LessonId> requires);

    /**
     * A course's direct prerequisites.
     *
     * @param reader anyone
     * @param course the course
     * @return the declaration, with no prerequisites when none were declared
     * @throws io.learnloop.core.error.NotFoundException if the course does not exist
     */
    CoursePrerequisites courseRequirements(Actor reader, CourseId course);

    /**
     * A lesson's direct prerequisites.
     *
     * @param reader anyone
     * @param lesson the lesson
     * @return the declaration, with no prerequisites when none were declared
     * @throws io.learnloop.core.error.NotFoundException if the lesson does not exist
     */
    LessonPrerequisites lessonRequirements(Actor reader, LessonId lesson);

    /**
     * One page of the courses that directly require a course, by id.
     *
     * @param reader anyone
     * @param course the course
     * @param cursor the previous page's {@link Page#nextCursor()}, or null for the first page
     * @param limit  the page size, 1 to {@value Page#MAX_LIMIT}
     * @return the page
     */
    Page<CourseId> requiredBy(Actor reader, CourseId course, String cursor, int limit);

    /**
     * Flags a quiz as the placement quiz of its course: passing it counts as knowing the course. Flagging a quiz
     * twice changes nothing.
     *
     * @param author an author of the quiz's course with the role CREATOR, or an admin
     * @param quiz   the quiz
     * @return the flag
     * @throws io.learnloop.core.error.NotFoundException  if the quiz does not exist
     * @throws io.learnloop.core.error.ForbiddenException if the actor is not an author of the course nor an admin
     */
    PlacementQuiz flagPlacement(Actor author, QuizId quiz);

    /**
     * Removes a quiz's placement flag: passing it no longer counts as knowing the course (learners who passed it
     * lose that standing; completion and certificates still count). Removing a flag that is not there changes
     * nothing.
     *
     * @param author an author of the quiz's course with the role CREATOR, or an admin
     * @param quiz   the quiz
     * @return true if a flag was removed, false if there was none
     * @throws io.learnloop.core.error.NotFoundException  if the quiz does not exist
     * @throws io.learnloop.core.error.ForbiddenException if the actor is not an author of the course nor an admin
     */
    boolean unflagPlacement(Actor author, QuizId quiz);

    /**
     * The placement quizzes of a course.
     *
     * @param reader anyone
     * @param course the course
     * @return the flags, oldest first (a course has few quizzes)
     */
    List<PlacementQuiz> placementQuizzes(Actor reader, CourseId course);

    /**
     * Creates a learning path.
     *
     * @param creator a user with the role CREATOR (or an admin); becomes the path's owner
     * @param draft   the path
     * @return the stored path
     * @throws io.learnloop.core.error.ValidationException naming each problem (blank title, no or too many courses,
     *                                                     an unknown or repeated course, a course placed before one of
     *                                                     its prerequisites, a milestone on a course outside the
     *                                                     path); nothing is stored
     * @throws io.learnloop.core.error.ForbiddenException  without the role CREATOR
     */
    LearningPath createPath(Actor creator, PathDraft draft);

    /**
     * Replaces a path's content, checked as by {@link #createPath}.
     *
     * @param owner the path's owner or an admin
     * @param path  the path
     * @param draft the new content
     * @return the stored path
     * @throws io.learnloop.core.error.NotFoundException  if the path does not exist
     * @throws io.learnloop.core.error.ForbiddenException if the actor neither owns the path nor is an admin
     * @throws io.learnloop.core.error.ConflictException  with {@code INVALID_STATE} if the path is archived
     */
    LearningPath updatePath(Actor owner, PathId path, PathDraft draft);

    /**
     * Archives a path: it leaves the listing of {@link #paths} and can no longer be changed, while learners who follow
     * it still read it and what they take next. Archiving an archived path changes nothing.
     *
     * @param owner the path's owner, or an admin
     * @param path  the path
     * @return the archived path
     * @throws io.learnloop.core.error.NotFoundException  if the path does not exist
     * @throws io.learnloop.core.error.ForbiddenException if the actor is neither its owner nor an admin
     */
    LearningPath archivePath(Actor owner, PathId path);

    /**
     * Reads a path.
     *
     * @param reader anyone
     * @param path   the path
     * @return the path
     * @throws io.learnloop.core.error.NotFoundException if it does not exist
     */
    LearningPath path(Actor reader, PathId path);

    /**
     * One page of the paths on offer (archived ones are left out), oldest first.
     *
     * @param reader anyone
     * @param cursor the previous page's {@link Page#nextCursor()}, or null for the first page
     * @param limit  the page size, 1 to {@value Page#MAX_LIMIT}
     * @return the page
     */
    Page<LearningPath> paths(Actor reader, String cursor, int limit);

    /**
     * What a learner can take next on a path: every course of the path, in path order, as ready, blocked or known,
     * and the milestones reached. A prerequisite outside the path (or declared after the path was made) counts like
     * any other: a course stays blocked until it is known.
     *
     * @param actor   the learner themself, or an admin
     * @param learner the learner
     * @param path    the path
     * @return the steps
     * @throws io.learnloop.core.error.NotFoundException  if the path does not exist
     * @throws io.learnloop.core.error.ForbiddenException for anyone else
     */
    NextSteps next(Actor actor, UserId learner, PathId path);

    /**
     * What a learner can take next in the whole catalogue, one page of live (published) courses at a time, oldest
     * course first. The cursor is a keyset position in the index of live courses, so a course published, archived
     * or created between two pages neither repeats nor hides another.
     *
     * @param actor   the learner themself, or an admin
     * @param learner the learner
     * @param cursor  the previous page's {@link NextSteps#nextCursor()}, or null for the first page
     * @param limit   how many live courses to look at, 1 to {@value Page#MAX_LIMIT}
     * @return the steps of this page's live courses, with the next page's cursor or null after the last
     * @throws io.learnloop.core.error.ForbiddenException  for anyone else
     * @throws io.learnloop.core.error.ValidationException if the cursor is not one this listing returned or the
     *                                                     limit is out of range
     */
    NextSteps nextInCatalogue(Actor actor, UserId learner, String cursor, int limit);

    /**
     * For each given course the learner does not know, its direct prerequisites the learner does not know: what a
     * recommender needs to keep out courses the learner is not ready for. Unknown course ids are ignored.
     *
     * @param actor   the learner themself, or an admin (a recommender runs as a service account with ADMIN)
     * @param learner the learner
     * @param courses up to {@value #MAX_QUERY} courses
     * @return the blocked courses among them, each with its missing prerequisites; ready and known ones are absent
     * @throws io.learnloop.core.error.ForbiddenException for anyone else
     */
    Map<CourseId, List<CourseId>> missingPrerequisites(Actor actor, UserId learner, Collection<CourseId> courses);
}
