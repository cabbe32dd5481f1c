package io.learnloop.lms.internal;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.identity.UserId;

import java.util.Optional;

/**
 * Maps platform users to Learnloop learners by issuer and subject alone. An email or a name in the token is never
 * used: a platform user can change them, and two platforms can hand out the same address.
 *
 * <p>Thread-safe: immutable.
 */
final class Learners {
    private final ServiceContext context;

    Learners(ServiceContext context) {
        this.context = context;
    }

    UserId learnerOf(String issuer, String subject) {
        String id = Keys.of(issuer, subject);
        Optional<UserId> known = find(id);
        if (known.isPresent()) {
            return known.get();
        }
        try {
            return context.transact(uow -> uow.find(LmsTypes.USER, id)
                    .map(v -> UserId.of(v.value().learner()))
                    .orElseGet(() -> {
                        LtiUserRow row = new LtiUserRow(id, issuer, subject, context.newId(), context.now());
                        uow.insert(LmsTypes.USER, row);
                        return UserId.of(row.learner());
                    }));
        } catch (ConflictException e) {
            // Two first launches of one user at once: the other one's learner stands.
            return find(id).orElseThrow(() -> e);
        }
    }

    private Optional<UserId> find(String id) {
        return context.read(uow -> uow.find(LmsTypes.USER, id)).map(v -> UserId.of(v.value().learner()));
    }
}
