package io.learnloop.community;

import io.learnloop.core.error.Validator;

/**
 * What a learner supplies to start a study group.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param name       the name: 3 to 20 letters, digits, dashes or underscores (Discourse's group name rules)
 * @param inviteOnly whether joining needs an invitation
 * @param goal       the group's goal, or null
 */
public record NewStudyGroup(String name, boolean inviteOnly, GroupGoal goal) {
    /**
     * Checks every field.
     *
     * @throws io.learnloop.core.error.ValidationException naming each bad field
     */
    public void validate() {
        Validator v = new Validator()
                .check(name != null && name.matches("[A-Za-z0-9_-]{3,20}"), "name",
                        "must be 3 to 20 letters, digits, '-' or '_' (was '" + name + "')");
        v.throwIfInvalid();
        if (goal != null) {
            goal.validate();
        }
    }
}
