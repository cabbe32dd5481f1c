package io.learnloop.core.catalog;

import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.UserId;

import java.util.List;

/**
 * The course catalogue: authors write courses, reviewers approve them, learners see the published versions.
 *
 * <p>Workflow: a new course is a {@link CourseStatus#DRAFT}; {@link #submit} sends it {@link CourseStatus#IN_REVIEW};
 * reviewers {@link #approve} or {@link #requestChanges}; with {@link #requiredApprovals()} approvals the version is
 * published. Editing a published course makes a new draft version; the published version stays visible until the
 * draft is approved. Authors cannot review their own course.
 *
 * <p>Roles: writing needs {@link io.learnloop.core.identity.Role#CREATOR} and authorship of the course; reviewing
 * needs {@link io.learnloop.core.identity.Role#REVIEWER}; unlisting, relisting and archiving need the course's
 * creator or an {@link io.learnloop.core.identity.Role#ADMIN}. Every change emits a domain event.
 *
 * <p>Thread-safe. Concurrent changes of one course are compare-and-set: one wins, the others get a
 * {@link io.learnloop.core.error.ConflictException}.
 */
public interface CatalogService {
    /**
     * Creates a course as a draft with the actor as its creator and only author.
     *
     * @param creator the creator
     * @param details what the course says about itself
     * @return the new course
     */
    Course createCourse(Actor creator, CourseDetails details);

    /**
     * Replaces the draft's details (making a draft first if the course is published).
     *
     * @param author  an author of the course
     * @param course  the course
     * @param details the new details
     * @return the course
     */
    Course editDetails(Actor author, CourseId course, CourseDetails details);

    /**
     * Replaces the authors and their revenue shares; only the creator (or an admin) may, and the creator stays.
     *
     * @param creator the course's creator
     * @param course  the course
     * @param authors the creator and co-authors
     * @return the course
     */
    Course setAuthors(Actor creator, CourseId course, List<Author> authors);

    /**
     * Adds an empty chapter at the end of the draft.
     *
     * @param author an author
     * @param course the course
     * @param title  the chapter's title
     * @return the new chapter
     */
    Chapter addChapter(Actor author, CourseId course, String title);

    /**
     * Adds a lesson at the end of a chapter of the draft.
     *
     * @param author  an author
     * @param course  the course
     * @param chapter the chapter
     * @param lesson  the lesson's content
     * @return the new lesson with its id
     */
    Lesson addLesson(Actor author, CourseId course, ChapterId chapter, LessonSpec lesson);

    /**
     * Replaces a lesson's content in the draft; its id stays.
     *
     * @param author an author
     * @param course the course
     * @param lesson the lesson
     * @param spec   the new content
     * @return the changed lesson
     */
    Lesson updateLesson(Actor author, CourseId course, LessonId lesson, LessonSpec spec);

    /**
     * Removes a lesson from the draft.
     *
     * @param author an author
     * @param course the course
     * @param lesson the lesson
     * @return the course
     */
    Course removeLesson(Actor author, CourseId course, LessonId lesson);

    /**
     * Submits the draft for review. It needs at least one lesson.
     *
     * @param author an author
     * @param course the course
     * @return the course
     */
    Course submit(Actor author, CourseId course);

    /**
     * Approves the draft in review; with enough approvals it is published at once.
     *
     * @param reviewer a reviewer who is not an author of the course
     * @param course   the course
     * @return the course
     */
    Course approve(Actor reviewer, CourseId course);

    /**
     * Sends the draft in review back to its authors.
     *
     * @param reviewer a reviewer who is not an author of the course
     * @param course   the course
     * @param reasons  what to change, at least one
     * @return the course
     */
    Course requestChanges(Actor reviewer, CourseId course, List<String> reasons);

    /**
     * Takes a published course off the listings; learners holding grants and direct links keep working.
     *
     * @param actor the creator or an admin
     * @param course the course
     * @return the course
     */
    Course unlist(Actor actor, CourseId course);

    /**
     * Lists an unlisted course again.
     *
     * @param actor  the creator or an admin
     * @param course the course
     * @return the course
     */
    Course relist(Actor actor, CourseId course);

    /**
     * Archives a course for good: off sale, previews closed; learners holding grants keep access.
     *
     * @param actor  the creator or an admin
     * @param course the course
     * @return the course
     */
    Course archive(Actor actor, CourseId course);

    /**
     * Reads a course.
     *
     * @param course the id
     * @return the course
     * @throws io.learnloop.core.error.NotFoundException if absent
     */
    Course course(CourseId course);

    /**
     * Reads a published version.
     *
     * @param course  the course
     * @param version the version number
     * @return the snapshot
     * @throws io.learnloop.core.error.NotFoundException if that version was never published
     */
    CourseSnapshot snapshot(CourseId course, int version);

    /**
     * Every published version of a course, oldest first.
     *
     * @param course the course
     * @return the snapshots
     */
    List<CourseSnapshot> history(CourseId course);

    /**
     * Courses in creation order, a page at a time.
     *
     * @param offset how many to skip
     * @param limit  the most to return
     * @return the page
     */
    List<Course> courses(int offset, int limit);

    /**
     * Courses whose published version is in a category.
     *
     * @param category the category
     * @return the courses
     */
    List<Course> coursesInCategory(String category);

    /**
     * Courses a user is an author of.
     *
     * @param author the user
     * @return the courses
     */
    List<Course> coursesBy(UserId author);

    /**
     * How many approvals publish a version.
     *
     * @return at least 1
     */
    int requiredApprovals();
}
