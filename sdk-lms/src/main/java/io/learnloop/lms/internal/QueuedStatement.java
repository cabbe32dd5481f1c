package io.learnloop.lms.internal;

import java.time.Instant;

/**
 * One statement waiting for, or done with, one learning record store. Its JSON is fixed when it is queued, so every
 * send of it is byte for byte the same statement: a re-send is a no-op at the LRS, never a conflict.
 *
 * @param id       the statement id (a UUID derived from the event, the LRS and the tenant)
 * @param lrs      the LRS's id
 * @param eventId  the domain event it was made from
 * @param json     the statement as sent
 * @param queuedAt when it was queued (the event's time), the queue's order
 * @param status   PENDING, SENT, REJECTED or CONFLICT
 * @param doneAt   when it left the queue, or null
 * @param problem  why the LRS refused it, or null
 * @param subject  whom it is about: the actor's account name; for a voiding statement, the pseudonym of the erasure
 *                 that queued it; null in rows queued before it was kept
 * @param voids    for a voiding statement, the id of the statement it voids; else null
 */
record QueuedStatement(String id, String lrs, String eventId, String json, Instant queuedAt, String status,
                       Instant doneAt, String problem, String subject, String voids) {
    static final String PENDING = "PENDING";
    static final String SENT = "SENT";
    static final String REJECTED = "REJECTED";
    static final String CONFLICT = "CONFLICT";

    /** The store id: statement ids are per LRS already, the LRS id keeps them readable apart. */
    String key() {
        return lrs + ":" + id;
    }

    /** The queue a statement is filed under: its LRS and status. */
    String queue() {
        return queueOf(lrs, status);
    }

    static String queueOf(String lrs, String status) {
        return Keys.of(lrs, status);
    }

    QueuedStatement done(String newStatus, Instant at, String why) {
        return new QueuedStatement(id, lrs, eventId, json, queuedAt, newStatus, at, why, subject, voids);
    }

    /**
     * The key of the learner index: statements about an actor, whatever their LRS and status; voiding statements
     * only while they wait to be sent (an erasure resumed later finds them so, and once sent nothing needs them).
     * Hashed, so the index holds no account name.
     */
    String subjectKey() {
        if (subject == null) {
            return null;
        }
        if (voids == null) {
            return actorKey(subject);
        }
        return PENDING.equals(status) ? voidsKey(subject) : null;
    }

    static String actorKey(String actorName) {
        return Keys.of("actor", actorName);
    }

    static String voidsKey(String pseudonym) {
        return Keys.of("voids", pseudonym);
    }
}
