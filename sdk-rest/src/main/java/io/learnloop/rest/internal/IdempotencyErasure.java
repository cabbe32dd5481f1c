package io.learnloop.rest.internal;

import io.learnloop.core.identity.UserId;
import io.learnloop.core.privacy.Erasure;
import io.learnloop.core.privacy.ErasureScope;
import io.learnloop.core.privacy.PersonalDataEraser;
import io.learnloop.core.store.IndexRange;

import java.util.Set;

/**
 * The HTTP API's step of a learner's erasure: every response stored for the learner's idempotency keys is deleted,
 * found through the index by caller. Deleting rather than rewriting is safe because each operation behind such a key
 * is idempotent in the core and its effect (the order) is there, rewritten by the core's own steps; a stored response
 * is only a copy of what the operation answered, kept for replays.
 *
 * <p>Responses stored before the index by caller existed name no caller and cannot be found by learner; the
 * retention job deletes them (see {@link IdempotencyPruner}).
 *
 * <p>Thread-safe: stateless.
 */
public final class IdempotencyErasure implements PersonalDataEraser {
    @Override
    public String step() {
        return "rest-idempotency";
    }

    @Override
    public boolean holds(ErasureScope scope, UserId learner) {
        return !scope.context().read(uow -> uow.findRange(Idempotency.TYPE, Idempotency.BY_CALLER, learner.value(),
                IndexRange.first(1))).isEmpty();
    }

    @Override
    public void erase(Erasure erasure) {
        erasure.rewriteAll(Idempotency.TYPE, Idempotency.BY_CALLER, erasure.learner().value(), Set.of(), null);
    }
}
