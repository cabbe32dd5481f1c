package io.learnloop.community;

import io.learnloop.core.identity.UserId;

/**
 * A member of a study group.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param groupId the group
 * @param user    the member
 * @param role    the role
 */
public record GroupMember(String groupId, UserId user, GroupRole role) {
}
