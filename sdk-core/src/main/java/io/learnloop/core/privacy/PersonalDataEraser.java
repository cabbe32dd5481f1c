package io.learnloop.core.privacy;

import io.learnloop.core.identity.UserId;

import java.util.Optional;

/**
 * One step of a learner's erasure: what one module (or one kind of record of sdk-core) holds about a learner is
 * pseudonymised or deleted, registered with {@code Learnloop.Builder.personalDataEraser} as an export section is.
 * Steps run in order, sdk-core's own last (so a module can still find the learner's orders), each to its end before
 * the next; the erasure record remembers which steps are done, so an erasure that stopped midway resumes at the step
 * it was in.
 *
 * <p>A step must be idempotent: running it again after it did part or all of its work (a crash, a retry) finds what
 * is left and finishes it. Rewriting each record in its own unit of work, and finding the records to rewrite by the
 * learner's id (which the rewrite removes), gives that for free.
 *
 * <p>A step is registered before the facade exists, so it is handed the facade (an {@link ErasureScope}) on each call rather than
 * holding one.
 *
 * <p>Thread-safe: implementations must be.
 */
public interface PersonalDataEraser {
    /**
     * The step's name, shown in the erasure's progress: lower-case letters, digits and hyphens, unique across steps.
     *
     * @return the name
     */
    String step();

    /**
     * Why the learner cannot be erased now, checked before an erasure starts (for example a refund still waiting
     * for the provider's answer, whose confirmation must reach the learner's order).
     *
     * @param scope   the facade whose data is erased
     * @param learner the learner
     * @return the reason, or empty if nothing stands in the way
     */
    default Optional<String> blocker(ErasureScope scope, UserId learner) {
        return Optional.empty();
    }

    /**
     * Whether this step holds anything about the learner; a learner no step knows is unknown to Learnloop.
     *
     * @param scope   the facade whose data is erased
     * @param learner the learner
     * @return true if something would be erased
     */
    boolean holds(ErasureScope scope, UserId learner);

    /**
     * Erases what this step holds about the learner, in as many units of work as it needs.
     *
     * @param erasure the erasure under way: the learner, its pseudonym, the facade's context, and the rewriting
     *                every step shares
     */
    void erase(Erasure erasure);
}
