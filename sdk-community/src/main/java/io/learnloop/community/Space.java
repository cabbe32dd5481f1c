package io.learnloop.community;

/**
 * A place where topics live: a general board, a course's space or a study group's space. On Discourse a space is a
 * category.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id          the backend's id of the space
 * @param name        the display name
 * @param slug        the URL slug
 * @param kind        what the space is for
 * @param courseId    the course whose learners may use a {@link SpaceKind#COURSE} space, otherwise null
 * @param groupId     the study group owning a {@link SpaceKind#GROUP} space, otherwise null
 * @param description a short description, possibly empty
 */
public record Space(String id, String name, String slug, SpaceKind kind, String courseId, String groupId,
                    String description) {
}
