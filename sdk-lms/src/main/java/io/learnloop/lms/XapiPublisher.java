package io.learnloop.lms;

import io.learnloop.core.event.EventListener;

/**
 * Turns the core's learning events (lesson and course completion, graded quiz attempts, certificates issued and
 * revoked, orders paid and refunded) into xAPI 1.0.3 statements and sends them to the configured learning record
 * stores through the outbox.
 *
 * <p>Each event becomes one statement per LRS, validated and queued in the core store in one transaction, with an id
 * derived from the event id and the LRS id: an event the outbox delivers twice, or two host instances reacting to it,
 * queue it once, and a re-sent statement carries the same id, which the LRS treats as a no-op. Queued statements are
 * POSTed in batches, oldest first; a batch the LRS does not take (5xx, timeout, 401) stays queued and the outbox
 * hands its announcement out again, so nothing is lost.
 *
 * <p>Thread-safe: implementations are immutable.
 */
public interface XapiPublisher {
    /**
     * The listener to register on the facade: it queues statements for learning events and sends the queues.
     *
     * @return the listener
     */
    EventListener outboxListener();

    /**
     * Sends the statements queued for one LRS now, batch after batch, until its queue is empty or a batch fails. The
     * outbox does this on its own; a host calls it to drain a queue sooner, for example after fixing credentials.
     *
     * @param lrsId the LRS's id
     * @return how many statements the LRS took (stored, or already held identically)
     * @throws XapiException {@code UNKNOWN_LRS}, or the failure of the batch that stopped the run (the batch stays
     *                       queued)
     */
    int sendPending(String lrsId);

    /**
     * Counts the statements still queued for one LRS, up to a limit (the count reads at most that many).
     *
     * @param lrsId the LRS's id
     * @param upTo  the most to count, 1 to 10 000
     * @return the count, at most {@code upTo}
     * @throws XapiException {@code UNKNOWN_LRS}
     */
    int pendingCount(String lrsId, int upTo);

    /**
     * Checks a statement against the xAPI 1.0.3 data rules the publisher enforces before it queues anything:
     * actor, verb and object present; the actor's inverse functional identifier exactly one of {@code mbox},
     * {@code mbox_sha1sum}, {@code openid} and {@code account}; ids absolute IRIs; {@code id} a UUID; timestamps
     * ISO 8601 with a zone; a scaled score within -1..1 and a raw score within min..max; durations ISO 8601; language
     * maps keyed by language tags.
     *
     * @param statementJson one statement as JSON
     * @throws XapiException {@code INVALID_STATEMENT}, whose {@link XapiException#field()} names the first bad
     *                       property
     */
    void validate(String statementJson);
}
