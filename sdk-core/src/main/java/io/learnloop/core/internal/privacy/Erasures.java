package io.learnloop.core.internal.privacy;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.core.error.NotFoundException;
import io.learnloop.core.error.Validator;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.privacy.AuditAction;
import io.learnloop.core.privacy.ErasureOutcome;
import io.learnloop.core.privacy.ErasureScope;
import io.learnloop.core.privacy.ErasureState;
import io.learnloop.core.privacy.PersonalDataEraser;
import io.learnloop.core.store.Versioned;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Runs erasures: the state machine {@code REQUESTED -> IN_PROGRESS(step) -> DONE} kept in an {@link ErasureRecord},
 * each step to its end before the record says so, so a stopped erasure resumes at the step it was in.
 *
 * <p>Thread-safe: immutable. Two requests for one learner at once both run the (idempotent) steps; the record's
 * compare-and-set keeps its count right.
 */
public final class Erasures {
    private static final Pattern STEP = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final String PREFIX = "erased-";

    private final ServiceContext ctx;
    private final List<PersonalDataEraser> steps;

    /**
     * Creates the runner.
     *
     * @param ctx   the context
     * @param steps every step, in the order run
     * @throws LearnloopException with {@code CONFIGURATION} if a step's name is malformed or taken twice
     */
    public Erasures(ServiceContext ctx, List<PersonalDataEraser> steps) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.steps = List.copyOf(steps);
        Set<String> names = new HashSet<>();
        for (PersonalDataEraser s : this.steps) {
            String name = s.step();
            if (name == null || !STEP.matcher(name).matches() || !names.add(name)) {
                throw new LearnloopException(ErrorCode.CONFIGURATION, "Erasure step '" + name + "' of "
                        + s.getClass().getName() + " must be unique, and lower-case letters, digits and hyphens"
                        + " (at most 64).");
            }
        }
    }

    /**
     * The erasure record of a learner, if one was ever asked for.
     *
     * @param learner the learner
     * @return the record
     */
    public Optional<ErasureRecord> recordOf(UserId learner) {
        return ctx.read(uow -> uow.find(PrivacyTypes.ERASURE, AuditTrail.digest(learner.value())))
                .map(Versioned::value);
    }

    /**
     * Refuses an export of a learner whose erasure was asked for.
     *
     * @param learner the learner
     * @throws ConflictException while it runs or once it is done
     */
    public void checkExportable(UserId learner) {
        recordOf(learner).ifPresent(r -> {
            if (r.state() == ErasureState.DONE) {
                throw new ConflictException(ErrorCode.INVALID_STATE, "Learner '" + learner + "' was erased on "
                        + r.completedAt() + "; Learnloop holds nothing about them to export.");
            }
            throw new ConflictException(ErrorCode.ERASURE_IN_PROGRESS, "Learner '" + learner + "' is being erased"
                    + " (" + r.stepsDone() + " of " + steps.size() + " steps done); an export now would be"
                    + " incomplete. Finish the erasure by asking for it again; nothing is left to export afterwards.");
        });
    }

    /**
     * Erases a learner, or finishes an erasure that stopped.
     *
     * @param actor   who asks
     * @param learner whose data
     * @param reason  why
     * @return what was done
     */
    public ErasureOutcome erase(Actor actor, UserId learner, String reason) {
        new Validator().notNull("actor", actor).notNull("learner", learner).maxLength("reason", reason, 500)
                .throwIfInvalid();
        if (!actor.id().equals(learner) && !actor.has(Role.ADMIN)) {
            throw new ForbiddenException("User '" + actor.id() + "' may not erase the personal data of learner '"
                    + learner + "': only the learner, or an admin (role ADMIN), may.");
        }
        String key = AuditTrail.digest(learner.value());
        Versioned<ErasureRecord> record = ctx.read(uow -> uow.find(PrivacyTypes.ERASURE, key)).orElse(null);
        if (record != null && record.value().state() == ErasureState.DONE) {
            return new ErasureOutcome(ErasureState.DONE, true, List.of(), record.value().completedAt());
        }
        if (record == null) {
            record = start(learner, key);
        }
        ScrubbingErasure erasure = new ScrubbingErasure(ctx, learner, UserId.of(record.value().pseudonym()));
        List<String> ran = new ArrayList<>();
        for (int i = record.value().stepsDone(); i < steps.size(); i++) {
            PersonalDataEraser step = steps.get(i);
            step.erase(erasure);
            ran.add(step.step());
            Versioned<ErasureRecord> before = record;
            record = ctx.transactRetrying(uow -> {
                Versioned<ErasureRecord> now = uow.get(PrivacyTypes.ERASURE, key);
                return now.value().stepsDone() > before.value().stepsDone() ? now
                        : uow.update(PrivacyTypes.ERASURE, now.value().stepDone(), now.version());
            });
        }
        // events still kept (delivered ones for a while, pending ones until delivered) carry the learner's id too
        ctx.store().rewriteOutbox(ctx.tenant(), erasure::scrub);
        ran.add("outbox");
        UserId recordedActor = actor.id().equals(learner) ? erasure.pseudonym() : actor.id();
        ErasureRecord done = ctx.transactRetrying(uow -> {
            Versioned<ErasureRecord> now = uow.get(PrivacyTypes.ERASURE, key);
            if (now.value().state() == ErasureState.DONE) {
                return now.value();
            }
            AuditTrail.append(ctx, uow, recordedActor, AuditAction.ERASED, erasure.pseudonym(), null,
                    erasure.pseudonymise(reason));
            return uow.update(PrivacyTypes.ERASURE, now.value().done(ctx.now()), now.version()).value();
        });
        return new ErasureOutcome(ErasureState.DONE, false, ran, done.completedAt());
    }

    private Versioned<ErasureRecord> start(UserId learner, String key) {
        ErasureScope scope = new ScrubbingErasure(ctx, learner, learner);
        List<String> blockers = new ArrayList<>();
        boolean known = false;
        for (PersonalDataEraser step : steps) {
            step.blocker(scope, learner).ifPresent(blockers::add);
            known |= step.holds(scope, learner);
        }
        if (!blockers.isEmpty()) {
            throw new ConflictException(ErrorCode.ERASURE_BLOCKED, "Learner '" + learner + "' cannot be erased yet: "
                    + String.join("; ", blockers) + ". Nothing was erased; ask again once that is settled.");
        }
        if (!known) {
            throw new NotFoundException("learner", learner.value());
        }
        ErasureRecord fresh = new ErasureRecord(key, ErasureState.REQUESTED, 0, PREFIX + ctx.newId(), ctx.now(),
                null);
        return ctx.transactRetrying(uow -> uow.find(PrivacyTypes.ERASURE, key)
                .orElseGet(() -> uow.insert(PrivacyTypes.ERASURE, fresh)));
    }

    /**
     * The steps' names, in order.
     *
     * @return the names
     */
    public List<String> stepNames() {
        return steps.stream().map(PersonalDataEraser::step).toList();
    }
}
