package io.learnloop.lms.internal;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.store.IndexRange;
import io.learnloop.core.store.SortKeys;
import io.learnloop.core.store.Versioned;
import io.learnloop.lms.LtiException;
import io.learnloop.lms.LtiException.Problem;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Issues and uses up login states. A state and its nonce are random (they guard the launch, so they come from a
 * {@link SecureRandom}, not from the facade's id generator, which tests make predictable), kept in the core store so
 * that any host instance can finish the launch, accepted once, and only until they expire by the facade's clock.
 *
 * <p>Thread-safe: immutable ({@link SecureRandom} is thread-safe).
 */
final class LoginStates {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ServiceContext context;
    private final Duration ttl;

    LoginStates(ServiceContext context, Duration ttl) {
        this.context = context;
        this.ttl = ttl;
    }

    LoginState issue(String issuer, String clientId, String deploymentId, String targetLinkUri) {
        Instant now = context.now();
        LoginState state = new LoginState(random(), random(), issuer, clientId, deploymentId, targetLinkUri, now,
                now.plus(ttl), null);
        context.transact(uow -> uow.insert(LmsTypes.LOGIN_STATE, state));
        return state;
    }

    /**
     * Marks a state used and returns it. The compare-and-set on the state's version makes two launches that present
     * the same state at the same moment, on any instance, end with one success and one replay.
     */
    LoginState use(String state) {
        if (state == null || state.isBlank() || state.length() > 128) {
            throw new LtiException(Problem.UNKNOWN_STATE, "The launch carries no state issued by this tool; "
                    + "the learner must launch again from the LMS.");
        }
        Instant now = context.now();
        try {
            return context.transact(uow -> {
                Optional<Versioned<LoginState>> found = uow.find(LmsTypes.LOGIN_STATE, state);
                if (found.isEmpty()) {
                    throw new LtiException(Problem.UNKNOWN_STATE, "The launch's state was not issued by this tool; "
                            + "the learner must launch again from the LMS.");
                }
                LoginState s = found.get().value();
                if (s.usedAt() != null) {
                    throw replayed();
                }
                if (!now.isBefore(s.expiresAt())) {
                    throw new LtiException(Problem.STATE_EXPIRED, "The launch's state expired at " + s.expiresAt()
                            + " (it lives " + ttl + "); the learner must launch again from the LMS.");
                }
                LoginState used = s.used(now);
                uow.update(LmsTypes.LOGIN_STATE, used, found.get().version());
                return used;
            });
        } catch (ConflictException e) {
            throw replayed();
        }
    }

    /** Deletes up to {@code limit} states that expired before now, used or not; returns how many. */
    int prune(int limit) {
        if (limit < 1 || limit > IndexRange.MAX_LIMIT) {
            throw ValidationException.of("limit", "must be 1 to " + IndexRange.MAX_LIMIT + " (was " + limit + ")");
        }
        String before = SortKeys.instant(context.now());
        return context.transact(uow -> {
            List<Versioned<LoginState>> expired = uow.findRange(LmsTypes.LOGIN_STATE, "expiry", LmsTypes.ALL,
                    new IndexRange(null, before, limit, false));
            expired.forEach(v -> uow.delete(LmsTypes.LOGIN_STATE, v.value().state(), v.version()));
            return expired.size();
        });
    }

    private static LtiException replayed() {
        return new LtiException(Problem.STATE_REPLAYED, "The launch's state was already used: this is a replay. "
                + "The learner must launch again from the LMS.");
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
