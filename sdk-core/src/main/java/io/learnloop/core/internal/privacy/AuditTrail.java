package io.learnloop.core.internal.privacy;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.error.Validator;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.privacy.AuditAction;
import io.learnloop.core.privacy.AuditEntry;
import io.learnloop.core.store.UnitOfWork;
import io.learnloop.core.store.Versioned;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Writes audit entries inside the unit of work of the action they record, so both commit or neither does.
 *
 * <p>Thread-safe: stateless.
 */
public final class AuditTrail {
    private AuditTrail() {
    }

    /**
     * Adds an entry.
     *
     * @param ctx     the service context (clock and ids)
     * @param uow     the action's unit of work
     * @param actor   who acted
     * @param action  what was done
     * @param subject whom it concerns, or null
     * @param target  what it was done to, or null
     * @param reason  why, or null
     * @return the entry
     */
    public static AuditEntry append(ServiceContext ctx, UnitOfWork uow, UserId actor, AuditAction action,
                                    UserId subject, String target, String reason) {
        return insert(ctx, uow, ctx.newId(), actor, action, subject, target, reason);
    }

    /**
     * Adds an entry once for an action that may be repeated to no effect (a refund retried with the same key): the
     * entry's id is derived from the action, and a repeat finds the first entry.
     *
     * @param ctx     the service context (clock)
     * @param uow     the action's unit of work
     * @param key     what makes the action unique, as {@code action:key}
     * @param actor   who acted
     * @param action  what was done
     * @param subject whom it concerns, or null
     * @param target  what it was done to, or null
     * @param reason  why, or null
     * @return the entry, the first one if the action was recorded before
     */
    public static AuditEntry appendOnce(ServiceContext ctx, UnitOfWork uow, String key, UserId actor,
                                        AuditAction action, UserId subject, String target, String reason) {
        String id = action.name().toLowerCase(Locale.ROOT) + ":" + digest(key);
        return uow.find(PrivacyTypes.AUDIT, id).map(Versioned::value)
                .orElseGet(() -> insert(ctx, uow, id, actor, action, subject, target, reason));
    }

    /** A fixed-length id part whatever the key holds: keys come from hosts and providers. */
    static String digest(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private static AuditEntry insert(ServiceContext ctx, UnitOfWork uow, String id, UserId actor, AuditAction action,
                                     UserId subject, String target, String reason) {
        new Validator().notNull("actor", actor).notNull("action", action)
                .maxLength("target", target, AuditEntry.MAX_TEXT).maxLength("reason", reason, AuditEntry.MAX_TEXT)
                .throwIfInvalid();
        return uow.insert(PrivacyTypes.AUDIT, new AuditEntry(id, ctx.now(), actor, action, subject, target, reason))
                .value();
    }
}
