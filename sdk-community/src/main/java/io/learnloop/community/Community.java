package io.learnloop.community;

import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.UserId;

import java.time.Instant;
import java.util.List;

/**
 * The community client API: spaces, topics and replies, questions with accepted answers, reactions, study groups,
 * reports and moderation, notifications and search. The same interface is served by the embedded backend (on the
 * core store) and by the Discourse backend; get one from {@link Communities}.
 *
 * <p>Every call names the acting user. A course space is readable and writable only by users entitled to its course
 * (see {@link CourseAccess}); users with the {@link io.learnloop.core.identity.Role#MODERATOR} role may read,
 * write and moderate everywhere. Bad input fails with a {@link io.learnloop.core.error.ValidationException} before
 * anything is stored or sent; unknown ids fail with an exception whose code is
 * {@link io.learnloop.core.error.ErrorCode#NOT_FOUND}; refused access with code
 * {@link io.learnloop.core.error.ErrorCode#FORBIDDEN}.
 *
 * <p>Implementations are thread-safe.
 */
public interface Community {
    /** The longest post accepted, in characters (Discourse's default {@code max_post_length}). */
    int MAX_POST_LENGTH = 32_000;
    /** The longest topic title accepted, in characters. */
    int MAX_TITLE_LENGTH = 255;

    /**
     * Creates a general or course space. Needs the moderator role. A course space's course is checked against the
     * catalogue set with {@link CommunityOptions.Builder#catalog}: it must exist and not be archived (drafts, courses
     * in review, published and unlisted courses are accepted, so a space can be ready at launch).
     *
     * @param actor the moderator
     * @param space what to create
     * @return the space
     * @throws io.learnloop.core.error.NotFoundException if the catalogue has no such course
     * @throws io.learnloop.core.error.ValidationException if the course is archived or a field is bad
     * @throws io.learnloop.core.error.LearnloopException with {@link io.learnloop.core.error.ErrorCode#CONFIGURATION}
     *         for a course space when no catalogue was set
     */
    Space createSpace(Actor actor, NewSpace space);

    /**
     * Reads one space.
     *
     * @param actor who reads
     * @param spaceId the space
     * @return the space
     */
    Space space(Actor actor, String spaceId);

    /** The largest page size a listing that takes one accepts. */
    int MAX_PAGE_SIZE = 500;

    /**
     * Lists the spaces the actor can read, oldest first; the same as {@link #spaces(Actor, String)} without a cursor.
     *
     * @param actor who reads
     * @return the first page
     */
    default Page<Space> spaces(Actor actor) {
        return spaces(actor, null);
    }

    /**
     * Lists the spaces the actor can read, oldest first, from the page a cursor names, with the community's page
     * size ({@link CommunityOptions#pageSize()}).
     *
     * @param actor  who reads
     * @param cursor the previous page's {@link Page#nextCursor()}, or null for the first page
     * @return the page, whose {@link Page#nextCursor()} is null when it is the last
     * @throws io.learnloop.core.error.ValidationException naming {@code cursor} when it is not a cursor of this
     *         listing
     */
    Page<Space> spaces(Actor actor, String cursor);

    /**
     * Lists the spaces the actor can read, oldest first, from the page a cursor names, at most {@code pageSize} of
     * them. On Discourse the spaces are the site's categories, which Discourse lists in its own (position) order.
     *
     * @param actor    who reads
     * @param cursor   the previous page's {@link Page#nextCursor()}, or null for the first page
     * @param pageSize the most spaces on the page, 1 to {@value #MAX_PAGE_SIZE}
     * @return the page, whose {@link Page#nextCursor()} is null when it is the last
     * @throws io.learnloop.core.error.ValidationException naming {@code cursor} or {@code pageSize}
     */
    Page<Space> spaces(Actor actor, String cursor, int pageSize);

    /**
     * Opens a topic (discussion or question) with its first post.
     *
     * @param actor    the author
     * @param spaceId  the space
     * @param title    the title, 1 to {@value #MAX_TITLE_LENGTH} characters
     * @param markdown the opening post, 1 to {@value #MAX_POST_LENGTH} characters of Markdown
     * @param question whether it is a question that can have an accepted answer
     * @return the topic
     */
    Topic createTopic(Actor actor, String spaceId, String title, String markdown, boolean question);

    /**
     * Reads one topic.
     *
     * @param actor   who reads
     * @param topicId the topic
     * @return the topic
     */
    Topic topic(Actor actor, String topicId);

    /**
     * Lists a space's topics, oldest first; the same as {@link #topics(Actor, String, String)} without a cursor.
     *
     * @param actor   who reads
     * @param spaceId the space
     * @return the first page
     */
    default Page<Topic> topics(Actor actor, String spaceId) {
        return topics(actor, spaceId, null);
    }

    /**
     * Lists a space's topics, oldest first, from the page a cursor names: pass the {@link Page#nextCursor()} of the
     * page before, or null for the first page. Each call reads one page.
     *
     * @param actor   who reads
     * @param spaceId the space
     * @param cursor  the previous page's {@link Page#nextCursor()}, or null for the first page
     * @return the page, whose {@link Page#nextCursor()} is null when it is the last
     * @throws io.learnloop.core.error.ValidationException naming {@code cursor} when it is not a cursor of this
     *         listing
     */
    Page<Topic> topics(Actor actor, String spaceId, String cursor);

    /**
     * Lists a space's topics, oldest first, from the page a cursor names, at most {@code pageSize} of them. The
     * Discourse backend asks Discourse for pages of that size ({@code per_page}); a Discourse site may cap it at its
     * own topic page size (30 by default), so a page may be shorter and still be followed by another.
     *
     * @param actor    who reads
     * @param spaceId  the space
     * @param cursor   the previous page's {@link Page#nextCursor()}, or null for the first page
     * @param pageSize the most topics on the page, 1 to {@value #MAX_PAGE_SIZE}
     * @return the page, whose {@link Page#nextCursor()} is null when it is the last
     * @throws io.learnloop.core.error.ValidationException naming {@code cursor} or {@code pageSize}; a cursor
     *         belongs to the page size it was issued with on Discourse (a page number)
     */
    Page<Topic> topics(Actor actor, String spaceId, String cursor, int pageSize);

    /**
     * Replies in a topic.
     *
     * @param actor         the author
     * @param topicId       the topic
     * @param markdown      the reply, 1 to {@value #MAX_POST_LENGTH} characters of Markdown
     * @param replyToNumber the number of the post replied to, or 0 for the topic itself
     * @return the new post
     */
    Post reply(Actor actor, String topicId, String markdown, int replyToNumber);

    /**
     * Lists a topic's posts in order, starting with the opening post; the same as
     * {@link #posts(Actor, String, String)} without a cursor.
     *
     * @param actor   who reads
     * @param topicId the topic
     * @return the first page
     */
    default Page<Post> posts(Actor actor, String topicId) {
        return posts(actor, topicId, null);
    }

    /**
     * Lists a topic's posts in order, from the page a cursor names: pass the {@link Page#nextCursor()} of the page
     * before, or null for the first page. Each call reads one page. Hidden and removed posts are listed to
     * moderators only, so a page may hold fewer posts than the page size and still be followed by another.
     *
     * @param actor   who reads
     * @param topicId the topic
     * @param cursor  the previous page's {@link Page#nextCursor()}, or null for the first page
     * @return the page, whose {@link Page#nextCursor()} is null when it is the last
     * @throws io.learnloop.core.error.ValidationException naming {@code cursor} when it is not a cursor of this
     *         listing
     */
    Page<Post> posts(Actor actor, String topicId, String cursor);

    /**
     * Lists a topic's posts in order, from the page a cursor names, at most {@code pageSize} of them. The Discourse
     * backend reads at most 20 posts per request (Discourse's chunk size), so there a page holds at most
     * {@code min(pageSize, 20)} posts.
     *
     * @param actor    who reads
     * @param topicId  the topic
     * @param cursor   the previous page's {@link Page#nextCursor()}, or null for the first page
     * @param pageSize the most posts on the page, 1 to {@value #MAX_PAGE_SIZE}
     * @return the page, whose {@link Page#nextCursor()} is null when it is the last
     * @throws io.learnloop.core.error.ValidationException naming {@code cursor} or {@code pageSize}
     */
    Page<Post> posts(Actor actor, String topicId, String cursor, int pageSize);

    /**
     * Lists the newest posts across every space the actor can read, newest first.
     *
     * @param actor who reads
     * @return the first page
     */
    Page<Post> latestPosts(Actor actor);

    /**
     * Reads one post.
     *
     * @param actor  who reads
     * @param postId the post
     * @return the post
     */
    Post post(Actor actor, String postId);

    /**
     * Accepts a reply as the answer to its question. Allowed to the question's author and to moderators.
     *
     * @param actor  who accepts
     * @param postId the answer
     * @return the topic with its accepted answer
     */
    Topic acceptAnswer(Actor actor, String postId);

    /**
     * Reacts to a post ({@code "like"}, or another reaction where the backend supports it).
     *
     * @param actor    who reacts
     * @param postId   the post
     * @param reaction the reaction's name
     * @return the post with its reaction counts
     */
    Post react(Actor actor, String postId, String reaction);

    /**
     * Starts a study group; the actor becomes its owner.
     *
     * @param actor the founder
     * @param group what to create
     * @return the group
     */
    StudyGroup createGroup(Actor actor, NewStudyGroup group);

    /**
     * Reads one study group.
     *
     * @param actor   who reads
     * @param groupId the group
     * @return the group
     */
    StudyGroup group(Actor actor, String groupId);

    /**
     * Lists the study groups.
     *
     * @param actor who reads
     * @return the first page
     */
    Page<StudyGroup> groups(Actor actor);

    /**
     * Joins a group: open groups admit anyone (entitled to the goal's course, if any); invite-only groups need an
     * invitation.
     *
     * @param actor   who joins
     * @param groupId the group
     * @return the membership
     */
    GroupMember join(Actor actor, String groupId);

    /**
     * Leaves a group.
     *
     * @param actor   who leaves
     * @param groupId the group
     */
    void leave(Actor actor, String groupId);

    /**
     * Invites a user to a group; needs the group's owner role. The invitee is notified.
     *
     * @param actor   an owner of the group
     * @param groupId the group
     * @param invitee who is invited
     */
    void invite(Actor actor, String groupId, UserId invitee);

    /**
     * Changes a member's role; needs the group's owner role or the moderator role.
     *
     * @param actor   an owner
     * @param groupId the group
     * @param member  the member
     * @param role    the new role
     * @return the membership
     */
    GroupMember setRole(Actor actor, String groupId, UserId member, GroupRole role);

    /**
     * Lists a group's members.
     *
     * @param actor   who reads
     * @param groupId the group
     * @return the first page
     */
    Page<GroupMember> members(Actor actor, String groupId);

    /**
     * Computes a group's progress towards its goal from its members' course progress.
     *
     * @param actor   who reads
     * @param groupId the group (must have a goal)
     * @return the progress
     */
    GroupProgress progress(Actor actor, String groupId);

    /**
     * Reports a post to the moderators.
     *
     * @param actor  who reports
     * @param postId the post
     * @param reason why
     * @param note   a note for the moderators, may be null
     * @return the report
     */
    Report report(Actor actor, String postId, ReportReason reason, String note);

    /**
     * Lists pending reports; needs the moderator role.
     *
     * @param actor the moderator
     * @return the first page
     */
    Page<Report> moderationQueue(Actor actor);

    /**
     * Acts on a report: hides or removes the post, or dismisses the report. Needs the moderator role.
     *
     * @param actor    the moderator
     * @param reportId the report
     * @param action   what to do
     * @return the report as resolved
     */
    Report moderate(Actor actor, String reportId, ModerationAction action);

    /**
     * Makes a hidden or removed post visible again. Needs the moderator role.
     *
     * @param actor  the moderator
     * @param postId the post
     * @return the post
     */
    Post restore(Actor actor, String postId);

    /**
     * Suspends a user until an instant: they can still read but not post, react, report or join. Needs the
     * moderator role.
     *
     * @param actor  the moderator
     * @param user   who is suspended
     * @param until  when the suspension ends
     * @param reason why, shown to the user
     */
    void suspend(Actor actor, UserId user, Instant until, String reason);

    /**
     * Lists the actor's notifications, newest first.
     *
     * @param actor whose
     * @return the first page
     */
    Page<Notification> notifications(Actor actor);

    /**
     * Marks notifications read.
     *
     * @param actor whose
     * @param ids   the notifications
     */
    void markRead(Actor actor, List<String> ids);

    /**
     * Searches posts the actor can read.
     *
     * @param actor who searches
     * @param query the words, 1 to 200 characters
     * @return the first page of hits
     */
    Page<SearchHit> search(Actor actor, String query);

    /**
     * Brings a host user's community account and course memberships up to date with the host: on Discourse this
     * sends a DiscourseConnect {@code sync_sso} that adds the user to the groups of the courses they are entitled to
     * and removes them from the others, and sets the account's moderator and admin rights from the user's host roles
     * (call it after a purchase, a refund, the end of a time-limited grant or a role change; {@link MembershipSync}
     * does it from the core's access events). The embedded backend asks {@link CourseAccess} on every call, so there
     * it only validates.
     *
     * @param user the user
     */
    void syncMember(CommunityUser user);
}
