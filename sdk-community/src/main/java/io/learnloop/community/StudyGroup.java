package io.learnloop.community;

/**
 * A study group: members, an optional goal, and a private space. On Discourse it is a group with a private category.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id         the backend's id
 * @param name       the name
 * @param spaceId    the group's private space
 * @param inviteOnly whether joining needs an invitation
 * @param goal       the goal, or null
 */
public record StudyGroup(String id, String name, String spaceId, boolean inviteOnly, GroupGoal goal) {
}
