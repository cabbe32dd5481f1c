package io.learnloop.payment.internal.apple;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.identity.UserId;
import io.learnloop.payment.apple.AppleConfig;
import io.learnloop.payment.apple.AppleTransaction;

import java.util.Optional;

/**
 * Finds the learner behind a transaction: the host's map of its account token, else the learner recorded for its
 * subscription ({@code originalTransactionId}) when an earlier transaction of it paid an order.
 *
 * <p>Thread-safe: immutable.
 */
final class AppleLearners {
    private final ServiceContext ctx;
    private final AppleConfig config;

    AppleLearners(ServiceContext ctx, AppleConfig config) {
        this.ctx = ctx;
        this.config = config;
    }

    Optional<UserId> of(AppleTransaction t) {
        if (t.appAccountToken() != null) {
            Optional<UserId> mapped = config.accounts().learnerFor(t.appAccountToken());
            if (mapped != null && mapped.isPresent()) {
                return mapped;
            }
        }
        return ctx.read(uow -> uow.find(AppleTypes.SUBSCRIPTION, t.originalTransactionId()))
                .map(v -> new UserId(v.value().learner()));
    }
}
