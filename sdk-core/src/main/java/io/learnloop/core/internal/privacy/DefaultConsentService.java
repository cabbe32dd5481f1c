package io.learnloop.core.internal.privacy;

import io.learnloop.core.Page;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.error.Validator;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.privacy.AuditAction;
import io.learnloop.core.privacy.ConsentDecision;
import io.learnloop.core.privacy.ConsentPurpose;
import io.learnloop.core.privacy.ConsentRecord;
import io.learnloop.core.privacy.ConsentService;
import io.learnloop.core.privacy.Consents;
import io.learnloop.core.store.IndexRange;
import io.learnloop.core.store.Pages;
import io.learnloop.core.store.Versioned;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Consent over the store: each decision is a record of its own, and the learner's standing decisions one aggregate
 * updated in the same transaction, with the audit entry.
 *
 * <p>Thread-safe: immutable.
 */
public final class DefaultConsentService implements ConsentService {
    private final ServiceContext ctx;

    /**
     * Creates the service.
     *
     * @param ctx the service context
     */
    public DefaultConsentService(ServiceContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
    }

    @Override
    public ConsentRecord record(Actor actor, UserId learner, ConsentDecision decision) {
        new Validator().notNull("actor", actor).notNull("learner", learner).notNull("decision", decision)
                .throwIfInvalid();
        requireSelfOrAdmin(actor, learner, "record consent");
        return ctx.transactRetrying(uow -> {
            ConsentRecord r = uow.insert(PrivacyTypes.CONSENT,
                    new ConsentRecord(ctx.newId(), learner, decision, actor.id(), ctx.now())).value();
            Optional<Versioned<Consents>> standing = uow.find(PrivacyTypes.STANDING, learner.value());
            Map<ConsentPurpose, ConsentRecord> latest = new EnumMap<>(ConsentPurpose.class);
            standing.ifPresent(s -> latest.putAll(s.value().latest()));
            latest.put(decision.purpose(), r);
            Consents next = new Consents(learner, latest);
            if (standing.isPresent()) {
                uow.update(PrivacyTypes.STANDING, next, standing.get().version());
            } else {
                uow.insert(PrivacyTypes.STANDING, next);
            }
            AuditTrail.append(ctx, uow, actor.id(), AuditAction.CONSENT_RECORDED, learner,
                    decision.purpose() + (decision.granted() ? " granted" : " refused") + " (" + decision.version()
                            + ")", null);
            return r;
        });
    }

    @Override
    public Consents current(Actor actor, UserId learner) {
        new Validator().notNull("actor", actor).notNull("learner", learner).throwIfInvalid();
        requireSelfOrAdmin(actor, learner, "read consent");
        return standing(learner);
    }

    @Override
    public Page<ConsentRecord> history(Actor actor, UserId learner, String cursor, int limit) {
        new Validator().notNull("actor", actor).notNull("learner", learner).check(limit >= 1 && limit <= MAX_PAGE,
                "limit", "must be 1 to " + MAX_PAGE + " (was " + limit + ")").throwIfInvalid();
        requireSelfOrAdmin(actor, learner, "read consent");
        return ctx.read(uow -> Pages.page(uow, PrivacyTypes.CONSENT, PrivacyTypes.BY_LEARNER, learner.value(),
                IndexRange.last(limit), cursor, Function.identity()));
    }

    @Override
    public boolean allows(UserId learner, ConsentPurpose purpose) {
        new Validator().notNull("learner", learner).notNull("purpose", purpose).throwIfInvalid();
        return standing(learner).allows(purpose);
    }

    private Consents standing(UserId learner) {
        return ctx.read(uow -> uow.find(PrivacyTypes.STANDING, learner.value()).map(Versioned::value)
                .orElseGet(() -> new Consents(learner, Map.of())));
    }

    private static void requireSelfOrAdmin(Actor actor, UserId learner, String operation) {
        if (!actor.id().equals(learner) && !actor.has(Role.ADMIN)) {
            throw new ForbiddenException("User '" + actor.id() + "' may not " + operation + " of learner '" + learner
                    + "': only the learner, or an admin (role ADMIN) acting on the learner's request, may.");
        }
    }

    @Override
    public String toString() {
        return "DefaultConsentService";
    }
}
