package io.learnloop.community.internal.discourse;

import io.learnloop.community.ModerationAction;

/**
 * Which action of a {@code ReviewableFlaggedPost} carries out a moderation decision. Discourse offers different
 * actions for a post that is already hidden (for example hidden automatically once enough users flagged it): there
 * {@code agree_and_hide} and {@code disagree} are not offered, and {@code agree_and_keep_hidden} and
 * {@code disagree_and_restore} take their places ({@code ReviewableFlaggedPost#build_actions}).
 *
 * <p>Thread-safe: stateless.
 */
final class ReviewActions {
    private ReviewActions() {
    }

    /**
     * The action id for {@code PUT /review/{id}/perform/{action}}.
     *
     * @param action     the decision
     * @param postHidden whether the flagged post is hidden now
     * @return the action id
     */
    static String perform(ModerationAction action, boolean postHidden) {
        return switch (action) {
            case HIDE -> postHidden ? "agree_and_keep_hidden" : "agree_and_hide";
            case REMOVE -> "delete_and_agree";
            case DISMISS -> postHidden ? "disagree_and_restore" : "disagree";
        };
    }
}
