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
 */
record QueuedStatement(String id, String lrs, String eventId, String json, Instant queuedAt, String status,
                       Instant doneAt, String problem) {
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
        return new QueuedStatement(id, lrs, eventId, json, queuedAt, newStatus, at, why);
    }
}
