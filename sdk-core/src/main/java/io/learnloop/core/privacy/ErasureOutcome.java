package io.learnloop.core.privacy;

import java.time.Instant;
import java.util.List;

/**
 * What {@link PersonalDataService#erase} did.
 *
 * <p>Thread-safe: immutable.
 *
 * @param state          always {@link ErasureState#DONE} when returned
 * @param alreadyErased  true if an earlier request had already erased the learner, so this one changed nothing
 * @param stepsRun       the steps this request ran (all of them for a fresh erasure, those left for a resumed one,
 *                       none for a repeat)
 * @param completedAt    when the erasure was done
 */
public record ErasureOutcome(ErasureState state, boolean alreadyErased, List<String> stepsRun, Instant completedAt) {
    /**
     * Copies the steps.
     */
    public ErasureOutcome {
        stepsRun = List.copyOf(stepsRun);
    }
}
