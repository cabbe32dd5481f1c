package io.learnloop.core.path;

/**
 * Whether a learner has reached a milestone of a path.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param milestone the milestone
 * @param reached   true once every course of the path up to its course is known
 */
public record MilestoneProgress(Milestone milestone, boolean reached) {
}
