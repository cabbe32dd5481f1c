package io.learnloop.lms.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnloop.lms.XapiVocabulary;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The statement that voids another (xAPI-Data 2.3.2): verb {@value XapiVocabulary#VOIDED}, object a
 * {@code StatementRef} to the voided statement's id. Its actor is the platform's own account, never the learner's,
 * so the voiding statement names no one; its id is derived from the voided statement's, so an erasure that runs
 * again queues the same statement, which the LRS keeps once.
 *
 * <p>Thread-safe: static functions only.
 */
final class VoidingStatements {
    /** The account name of the platform when it voids statements. */
    static final String ACTOR_NAME = "learnloop-erasure";
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private VoidingStatements() {
    }

    /**
     * The queue row of the statement that voids a sent one.
     *
     * @param voided    the row of the statement to void
     * @param homePage  the account home page of the platform
     * @param pseudonym the erasure's pseudonym, by which a resumed erasure finds the row
     * @param now       when it is queued
     */
    static QueuedStatement of(QueuedStatement voided, String homePage, String pseudonym, Instant now) {
        String id = StatementIds.voiding(voided.id());
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("id", id);
        ObjectNode actor = s.putObject("actor");
        actor.put("objectType", "Agent");
        actor.putObject("account").put("homePage", homePage).put("name", ACTOR_NAME);
        ObjectNode verb = s.putObject("verb");
        verb.put("id", XapiVocabulary.VOIDED);
        verb.putObject("display").put("en-US", "voided");
        s.putObject("object").put("objectType", "StatementRef").put("id", voided.id());
        s.put("timestamp", UTC.format(now));
        StatementValidator.validate(s);
        return new QueuedStatement(id, voided.lrs(), "voiding:" + voided.eventId(), s.toString(), now,
                QueuedStatement.PENDING, null, null, pseudonym, voided.id());
    }
}
