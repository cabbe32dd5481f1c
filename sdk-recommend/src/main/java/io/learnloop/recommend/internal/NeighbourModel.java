package io.learnloop.recommend.internal;

import io.learnloop.recommend.Explanation;
import io.learnloop.recommend.InteractionMatrix;
import io.learnloop.recommend.LearnerHistory;

/**
 * A model that scores a course by the weights from the learner's courses to it, kept as each course's top
 * neighbours: what item-kNN and RP3beta share once trained (they differ only in how the weights are computed).
 *
 * <p>Thread-safe: immutable once trained.
 */
abstract class NeighbourModel extends ScoringModel {
    private final NeighbourLists lists;

    /**
     * Keeps the trained neighbour lists.
     *
     * @param matrix    the matrix
     * @param catalogue the catalogue
     * @param lists     the trained lists
     */
    NeighbourModel(InteractionMatrix matrix, Catalogue catalogue, NeighbourLists lists) {
        super(matrix, catalogue);
        this.lists = lists;
    }

    @Override
    public boolean score(LearnerHistory history, int learner, float[] scores) {
        return score(history, learner, null, scores);
    }

    @Override
    public boolean score(LearnerHistory history, int learner, float[] rowWeights, float[] scores) {
        if (history.isEmpty()) {
            return false;
        }
        lists.score(history, rowWeights, scores);
        return true;
    }

    @Override
    public Explanation explain(LearnerHistory history, int course) {
        int best = lists.strongest(history, course);
        return best < 0 ? popular(course) : becauseYou(history, best);
    }

    @Override
    public long memoryBytes() {
        return lists.memoryBytes();
    }
}
