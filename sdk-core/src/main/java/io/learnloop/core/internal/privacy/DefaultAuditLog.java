package io.learnloop.core.internal.privacy;

import io.learnloop.core.Page;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.error.Validator;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.privacy.AuditAction;
import io.learnloop.core.privacy.AuditEntry;
import io.learnloop.core.privacy.AuditLog;
import io.learnloop.core.store.IndexRange;
import io.learnloop.core.store.Pages;

import java.util.Objects;
import java.util.function.Function;

/**
 * The audit log over the store.
 *
 * <p>Thread-safe: immutable.
 */
public final class DefaultAuditLog implements AuditLog {
    private final ServiceContext ctx;

    /**
     * Creates the log.
     *
     * @param ctx the service context
     */
    public DefaultAuditLog(ServiceContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
    }

    @Override
    public AuditEntry record(Actor actor, AuditAction action, UserId subject, String target, String reason) {
        new Validator().notNull("actor", actor).throwIfInvalid();
        actor.require(Role.AUDITOR, "record an audit entry");
        return ctx.transact(uow -> AuditTrail.append(ctx, uow, actor.id(), action, subject, target, reason));
    }

    @Override
    public Page<AuditEntry> entries(Actor actor, String cursor, int limit) {
        return read(actor, PrivacyTypes.ALL, PrivacyTypes.LOG, cursor, limit);
    }

    @Override
    public Page<AuditEntry> about(Actor actor, UserId subject, String cursor, int limit) {
        new Validator().notNull("subject", subject).throwIfInvalid();
        return read(actor, PrivacyTypes.BY_SUBJECT, subject.value(), cursor, limit);
    }

    private Page<AuditEntry> read(Actor actor, String index, String key, String cursor, int limit) {
        new Validator().notNull("actor", actor).check(limit >= 1 && limit <= MAX_PAGE, "limit",
                "must be 1 to " + MAX_PAGE + " (was " + limit + ")").throwIfInvalid();
        actor.require(Role.AUDITOR, "read the audit log");
        return ctx.read(uow -> Pages.page(uow, PrivacyTypes.AUDIT, index, key, IndexRange.last(limit), cursor,
                Function.identity()));
    }

    @Override
    public String toString() {
        return "DefaultAuditLog";
    }
}
