package io.learnloop.community;

import io.learnloop.core.identity.UserId;

import java.util.Map;

/**
 * How far a study group is towards its goal, from its members' course progress.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param groupId        the group
 * @param goal           the goal
 * @param percentByUser  each member's progress in the goal's course, 0 to 100; copied
 * @param averagePercent the members' average progress, rounded down
 * @param membersAtGoal  how many members reached the target
 * @param reached        whether every member reached the target
 */
public record GroupProgress(String groupId, GroupGoal goal, Map<UserId, Integer> percentByUser, int averagePercent,
                            int membersAtGoal, boolean reached) {
    /**
     * Copies the map.
     *
     * @param groupId        the group
     * @param goal           the goal
     * @param percentByUser  progress by member
     * @param averagePercent the average
     * @param membersAtGoal  members at the target
     * @param reached        whether all reached it
     */
    public GroupProgress {
        percentByUser = Map.copyOf(percentByUser);
    }
}
