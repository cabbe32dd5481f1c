package io.learnloop.recommend.eval;

import io.learnloop.recommend.Interaction;

import java.util.List;

/**
 * A train/test split of interactions.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param train the interactions to train on, copied
 * @param test  the held-out interactions, copied; each test learner-course pair counts as relevant
 */
public record Split(List<Interaction> train, List<Interaction> test) {
    /**
     * Copies.
     *
     * @param train the training interactions
     * @param test  the test interactions
     */
    public Split {
        train = List.copyOf(train);
        test = List.copyOf(test);
    }
}
