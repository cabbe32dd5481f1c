package io.learnloop.core.retention;

/**
 * What one batch of a {@link RetentionPruner} did.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param deleted how many records the batch deleted
 * @param cursor  where the next batch continues (an opaque key of the pruner), or null when nothing older than the
 *                cut-off is left
 */
public record PruneStep(int deleted, String cursor) {
    /**
     * Checks the count.
     *
     * @throws IllegalArgumentException if {@code deleted} is negative
     */
    public PruneStep {
        if (deleted < 0) {
            throw new IllegalArgumentException("deleted must not be negative (was " + deleted + ")");
        }
    }

    /**
     * The last batch.
     *
     * @param deleted how many records it deleted
     * @return the step
     */
    public static PruneStep done(int deleted) {
        return new PruneStep(deleted, null);
    }

    /**
     * Whether nothing is left to prune.
     *
     * @return true after the last batch
     */
    public boolean finished() {
        return cursor == null;
    }
}
