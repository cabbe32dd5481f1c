package io.learnloop.lms.internal;

import io.learnloop.core.identity.UserId;
import io.learnloop.core.privacy.Erasure;
import io.learnloop.core.privacy.ErasureScope;
import io.learnloop.core.privacy.PersonalDataEraser;
import io.learnloop.core.store.Versioned;

import java.util.HashSet;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The LTI tool's erasure step. The platform's user id (the LTI {@code sub}) identifies the learner as well as their
 * Learnloop id does, so it goes from grade links and score deliveries, and the link between the two (the LTI user
 * record) is deleted: a later launch from the platform starts afresh. Seats name the pseudonym, so licence counts
 * stay right.
 *
 * <p>Thread-safe: stateless.
 */
public final class LmsErasure implements PersonalDataEraser {
    private static final Set<String> NONE = Set.of();

    @Override
    public String step() {
        return "lti";
    }

    @Override
    public boolean holds(ErasureScope scope, UserId learner) {
        return scope.context().read(uow -> !uow.findBy(LmsTypes.USER, "learner", learner.value()).isEmpty());
    }

    @Override
    public void erase(Erasure e) {
        String id = e.learner().value();
        Set<String> subjects = new HashSet<>();
        for (Versioned<LtiUserRow> u : e.context().read(uow -> uow.findBy(LmsTypes.USER, "learner", id))) {
            subjects.add(u.value().subject());
        }
        e.rewriteMatching(LmsTypes.SCORE, s -> subjects.contains(s.userId()), Set.of("userId", "problem"),
                UnaryOperator.identity());
        e.rewriteMatching(LmsTypes.GRADE_LINK, g -> id.equals(g.learner()), Set.of("subject"),
                UnaryOperator.identity());
        e.rewriteMatching(LmsTypes.SEAT, s -> id.equals(s.learner()), NONE, UnaryOperator.identity());
        // last: until it is gone, a repeat of this step still finds the platform's user ids through it
        e.rewriteAll(LmsTypes.USER, "learner", id, NONE, null);
    }

    @Override
    public String toString() {
        return "LmsErasure";
    }
}
