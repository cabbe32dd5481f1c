package io.learnloop.lms.internal;

import io.learnloop.core.store.UnitOfWork;
import io.learnloop.lms.LtiException;
import io.learnloop.lms.LtiException.Problem;
import io.learnloop.lms.internal.PlatformRows.UsedTokenId;

import java.time.Instant;

/**
 * Single use of client assertion {@code jti}s and Deep Linking {@code nonce}s: each is recorded, until the token that
 * carried it expires, in the transaction that acts on the token. Two requests racing with the same id both insert;
 * the store lets one commit and the other fail with a conflict, which the caller reports as a replay.
 *
 * <p>Thread-safe: static functions only.
 */
final class UsedTokenIds {
    private UsedTokenIds() {
    }

    static void use(UnitOfWork uow, String kind, String clientId, String value, Instant expiresAt, String what) {
        String id = Keys.of(kind, clientId, value);
        if (uow.find(PlatformTypes.USED_TOKEN_ID, id).isPresent()) {
            throw replayed(what);
        }
        uow.insert(PlatformTypes.USED_TOKEN_ID, new UsedTokenId(id, expiresAt));
    }

    static LtiException replayed(String what) {
        return new LtiException(Problem.TOKEN_REPLAYED, "The " + what + " was already used: this is a replay. "
                + "Sign a new one.");
    }
}
