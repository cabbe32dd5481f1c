package io.learnloop.community.internal;

import io.learnloop.community.GroupGoal;
import io.learnloop.community.GroupProgress;
import io.learnloop.community.ProgressSource;
import io.learnloop.community.StudyGroup;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.identity.UserId;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns members' course progress into a group's progress towards its goal.
 *
 * <p>Thread-safe: stateless.
 */
public final class GroupProgressCalculator {
    private GroupProgressCalculator() {
    }

    /**
     * Computes the progress.
     *
     * @param group   the group (must have a goal)
     * @param members its members
     * @param source  where progress is read
     * @return the progress
     */
    public static GroupProgress compute(StudyGroup group, List<UserId> members, ProgressSource source) {
        GroupGoal goal = group.goal();
        if (goal == null) {
            throw new ConflictException(ErrorCode.INVALID_STATE, "Study group '" + group.name() + "' has no goal.");
        }
        Map<UserId, Integer> byUser = new LinkedHashMap<>();
        long sum = 0;
        int atGoal = 0;
        for (UserId m : members) {
            int p = Math.max(0, Math.min(100, source.percentComplete(m, goal.courseId())));
            byUser.put(m, p);
            sum += p;
            if (p >= goal.targetPercent()) {
                atGoal++;
            }
        }
        int average = members.isEmpty() ? 0 : (int) (sum / members.size());
        return new GroupProgress(group.id(), goal, byUser, average, atGoal, !members.isEmpty() && atGoal == members.size());
    }
}
