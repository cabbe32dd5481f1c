package io.learnloop.lms.internal;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.privacy.Erasure;
import io.learnloop.core.privacy.ErasureScope;
import io.learnloop.core.privacy.PersonalDataEraser;
import io.learnloop.core.store.IndexRange;
import io.learnloop.core.store.Versioned;
import io.learnloop.lms.LrsEndpoint;
import io.learnloop.lms.LrsPurge;
import io.learnloop.lms.XapiConfig;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The xAPI publisher's erasure step. xAPI has no delete, so what reached an LRS is voided, and what did not is
 * dropped:
 * <ol>
 *   <li>Every queue row about the learner (found by the learner index) is deleted. A statement that was sent, or
 *   may have been (pending: a send whose answer was lost may have stored it), is replaced in the same unit of work
 *   by the statement that voids it, queued for the same LRS and filed under the erasure's pseudonym. A statement
 *   the LRS refused (rejected, or in conflict with a different statement under its id, which must not be voided)
 *   is only deleted. So a statement about the learner is never sent after this, and no row names them.</li>
 *   <li>The voiding statements are sent, through the queue's sender (the same batches, retries and answers); an LRS
 *   that does not take them fails the step with {@link io.learnloop.lms.XapiException}, and the voiding statements
 *   stay queued: asking for the erasure again sends them (so does the outbox, which was told they are due).</li>
 *   <li>Each LRS configured with a {@link LrsPurge} is asked to delete the learner's account.</li>
 * </ol>
 * Every part finds what is left and finishes it, so the step is idempotent and resumable.
 *
 * <p>Thread-safe: immutable.
 */
public final class XapiErasure implements PersonalDataEraser {
    private static final int PAGE = 100;

    private final XapiConfig config;

    /**
     * Creates the step.
     *
     * @param config the publisher's configuration: its LRSs, account home page and actor names
     */
    public XapiErasure(XapiConfig config) {
        this.config = config;
    }

    @Override
    public String step() {
        return "xapi";
    }

    @Override
    public boolean holds(ErasureScope scope, UserId learner) {
        String key = QueuedStatement.actorKey(config.actorName(learner));
        return !scope.context().read(uow -> uow.findRange(XapiTypes.STATEMENT, XapiTypes.SUBJECT, key,
                IndexRange.first(1))).isEmpty();
    }

    @Override
    public void erase(Erasure e) {
        ServiceContext ctx = e.context();
        String name = config.actorName(e.learner());
        String pseudonym = e.pseudonym().value();
        replaceByVoids(ctx, QueuedStatement.actorKey(name), pseudonym);
        sendVoids(ctx, QueuedStatement.voidsKey(pseudonym));
        for (LrsEndpoint lrs : config.lrs()) {
            if (lrs.purge().kind() == LrsPurge.Kind.SQL_LRS_DELETE_ACTOR) {
                new SqlLrsPurger(config, lrs, ctx.clock()).deleteActor(config.accountHomePage(), name);
            }
        }
    }

    private void replaceByVoids(ServiceContext ctx, String actorKey, String pseudonym) {
        Set<String> configured = new LinkedHashSet<>(config.lrs().stream().map(LrsEndpoint::id).toList());
        while (true) {
            List<Versioned<QueuedStatement>> page = ctx.read(uow -> uow.findRange(XapiTypes.STATEMENT,
                    XapiTypes.SUBJECT, actorKey, IndexRange.first(PAGE)));
            if (page.isEmpty()) {
                return;
            }
            ctx.transactRetrying(uow -> {
                Set<String> due = new LinkedHashSet<>();
                for (Versioned<QueuedStatement> read : page) {
                    var current = uow.find(XapiTypes.STATEMENT, read.value().key());
                    if (current.isEmpty()) {
                        continue;
                    }
                    QueuedStatement s = current.get().value();
                    boolean mayBeHeld = QueuedStatement.SENT.equals(s.status())
                            || QueuedStatement.PENDING.equals(s.status());
                    // an LRS no longer configured cannot be reached: its rows are only dropped
                    if (mayBeHeld && configured.contains(s.lrs())) {
                        QueuedStatement voiding = VoidingStatements.of(s, config.accountHomePage(), pseudonym,
                                ctx.now());
                        if (uow.find(XapiTypes.STATEMENT, voiding.key()).isEmpty()) {
                            uow.insert(XapiTypes.STATEMENT, voiding);
                            due.add(s.lrs());
                        }
                    }
                    uow.delete(XapiTypes.STATEMENT, s.key(), current.get().version());
                }
                for (String lrs : due) {
                    uow.publish(ctx.event(DefaultXapiPublisher.DUE, lrs, Map.of("lrs", lrs)));
                }
                return null;
            });
        }
    }

    private void sendVoids(ServiceContext ctx, String voidsKey) {
        Map<String, LrsClient> clients = new LinkedHashMap<>();
        for (LrsEndpoint lrs : config.lrs()) {
            clients.put(lrs.id(), new LrsClient(config, lrs, ctx.clock()));
        }
        StatementSender sender = new StatementSender(ctx, config.batchSize());
        while (true) {
            List<QueuedStatement> page = ctx.read(uow -> uow.findRange(XapiTypes.STATEMENT, XapiTypes.SUBJECT,
                    voidsKey, IndexRange.first(config.batchSize()))).stream().map(Versioned::value).toList();
            if (page.isEmpty()) {
                return;
            }
            Map<String, List<QueuedStatement>> byLrs = new LinkedHashMap<>();
            for (QueuedStatement s : page) {
                byLrs.computeIfAbsent(s.lrs(), k -> new java.util.ArrayList<>()).add(s);
            }
            for (Map.Entry<String, List<QueuedStatement>> batch : byLrs.entrySet()) {
                LrsClient client = clients.get(batch.getKey());
                if (client == null) {
                    dropUnreachable(ctx, batch.getValue());
                } else {
                    // every statement leaves the pending queue (taken or refused) or the send throws
                    sender.send(client, batch.getValue());
                }
            }
        }
    }

    /** Voiding statements for an LRS removed from the configuration since they were queued: nobody can send them. */
    private static void dropUnreachable(ServiceContext ctx, List<QueuedStatement> rows) {
        ctx.transactRetrying(uow -> {
            for (QueuedStatement s : rows) {
                uow.find(XapiTypes.STATEMENT, s.key()).ifPresent(v -> uow.delete(XapiTypes.STATEMENT, s.key(),
                        v.version()));
            }
            return null;
        });
    }

    @Override
    public String toString() {
        return "XapiErasure" + config.lrs().stream().map(LrsEndpoint::id).toList();
    }
}
