package io.learnloop.lms.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.json.LearnloopJson;
import io.learnloop.core.store.IndexRange;
import io.learnloop.core.store.Versioned;
import io.learnloop.http.internal.HttpResponse;
import io.learnloop.lms.XapiException;
import io.learnloop.lms.XapiException.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Sends one LRS's queue, oldest first, a batch per POST, and records what the LRS did with each statement.
 *
 * <ul>
 *   <li>2xx: the batch is stored; its statements leave the queue.</li>
 *   <li>5xx, 429, 408 or no answer (after the HTTP layer's retries), 401, 403: {@link XapiException} is thrown and
 *   the batch stays queued for the next run.</li>
 *   <li>409 or 400 (or another 4xx): the LRS does not say which statement it objects to, so each is PUT alone. A 204
 *   stores it. A 409 means the LRS already holds a statement under that id (xAPI-Communication 2.1.1: it answers 409
 *   or 204 to an identical one, and SHOULD answer 409 to a different one): the held statement is read back and
 *   compared; the same statement is a completed earlier send (a retry whose answer was lost, or another instance),
 *   a different one is a {@link Problem#CONFLICT}. A 400 is {@link Problem#LRS_REJECTED}. Both refusals leave the
 *   queue for good and are announced with {@value #REFUSED}.</li>
 * </ul>
 *
 * <p>Thread-safe: immutable. Two senders may read the same batch at once (two relays, two instances); both send it,
 * the LRS stores it once, and both mark it sent (the second write finds it done and keeps it so).
 */
final class StatementSender {
    static final String REFUSED = "xapi.statement_refused";
    private static final Logger LOG = LoggerFactory.getLogger(StatementSender.class);
    private static final ObjectMapper MAPPER = LearnloopJson.newMapper();
    private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private final ServiceContext context;
    private final int batchSize;

    StatementSender(ServiceContext context, int batchSize) {
        this.context = context;
        this.batchSize = batchSize;
    }

    /** The oldest pending statements of an LRS, at most {@code limit}. */
    List<Versioned<QueuedStatement>> pending(String lrs, int limit) {
        return context.read(uow -> uow.findRange(XapiTypes.STATEMENT, "queue",
                QueuedStatement.queueOf(lrs, QueuedStatement.PENDING), IndexRange.first(limit)));
    }

    /**
     * Sends one batch.
     *
     * @return how many statements the LRS took; 0 when the queue was empty
     */
    int sendBatch(LrsClient client) {
        return send(client, pending(client.id(), batchSize).stream().map(Versioned::value).toList());
    }

    /**
     * Sends chosen pending statements of one LRS as one batch (an erasure's voiding statements), with the answers
     * handled as for the queue.
     *
     * @return how many statements the LRS took
     */
    int send(LrsClient client, List<QueuedStatement> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        HttpResponse response = client.post(batch.stream().map(QueuedStatement::json).toList());
        int status = response.status();
        if (response.ok()) {
            finish(batch);
            return batch.size();
        }
        failIfTransient(client, status, "a batch of " + batch.size());
        int taken = 0;
        for (QueuedStatement s : batch) {
            taken += sendAlone(client, s) ? 1 : 0;
        }
        return taken;
    }

    /** PUTs one statement; true if the LRS holds it now. */
    private boolean sendAlone(LrsClient client, QueuedStatement s) {
        if (!stillPending(s)) {
            return false; // a send nested in an earlier commit of this batch settled it
        }
        HttpResponse response = client.put(s.id(), s.json());
        int status = response.status();
        if (response.ok()) {
            finish(s, QueuedStatement.SENT, null);
            return true;
        }
        failIfTransient(client, status, "statement " + s.id());
        if (status != 409) {
            refuse(s, QueuedStatement.REJECTED, Problem.LRS_REJECTED, status, "the LRS answered HTTP " + status
                    + excerpt(response));
            return false;
        }
        HttpResponse held = client.get(s.id());
        failIfTransient(client, held.status(), "reading back statement " + s.id());
        if (held.status() == 200 && sameStatement(s.json(), held.text())) {
            finish(s, QueuedStatement.SENT, null);
            return true;
        }
        if (held.status() != 200) {
            throw new XapiException(Problem.LRS_UNAVAILABLE, null, held.status(), "The LRS '" + client.id()
                    + "' answered 409 to statement " + s.id() + " but HTTP " + held.status() + " when asked for it;"
                    + " the statement stays queued and is sent again.", null);
        }
        refuse(s, QueuedStatement.CONFLICT, Problem.CONFLICT, 409, "the LRS holds a different statement under "
                + "this id");
        return false;
    }

    private boolean stillPending(QueuedStatement s) {
        return context.read(uow -> uow.find(XapiTypes.STATEMENT, s.key()))
                .map(v -> QueuedStatement.PENDING.equals(v.value().status())).orElse(false);
    }

    private static void failIfTransient(LrsClient client, int status, String what) {
        if (status == 401 || status == 403) {
            throw new XapiException(Problem.LRS_UNAUTHORIZED, null, status, "The LRS '" + client.id()
                    + "' refused the credentials for " + what + " (HTTP " + status + "); check the LRS key and secret."
                    + " The statements stay queued.", null);
        }
        if (status == 408 || status == 429 || status >= 500) {
            throw new XapiException(Problem.LRS_UNAVAILABLE, null, status, "The LRS '" + client.id()
                    + "' answered HTTP " + status + " to " + what + " after every retry; the statements stay queued "
                    + "and are sent again.", null);
        }
    }

    /** Marks a whole batch sent in one transaction. */
    private void finish(List<QueuedStatement> batch) {
        context.transactRetrying(uow -> {
            for (QueuedStatement s : batch) {
                uow.find(XapiTypes.STATEMENT, s.key()).ifPresent(v -> {
                    if (QueuedStatement.PENDING.equals(v.value().status())) {
                        uow.update(XapiTypes.STATEMENT, v.value().done(QueuedStatement.SENT, context.now(), null),
                                v.version());
                    }
                });
            }
            return null;
        });
    }

    private void finish(QueuedStatement s, String status, String problem) {
        context.transactRetrying(uow -> {
            uow.find(XapiTypes.STATEMENT, s.key()).ifPresent(v -> {
                if (QueuedStatement.PENDING.equals(v.value().status())) {
                    uow.update(XapiTypes.STATEMENT, v.value().done(status, context.now(), problem), v.version());
                }
            });
            return null;
        });
    }

    private void refuse(QueuedStatement s, String status, Problem problem, int httpStatus, String why) {
        LOG.warn("xAPI statement {} for LRS {} refused for good: {}", s.id(), s.lrs(), why);
        context.transactRetrying(uow -> {
            uow.find(XapiTypes.STATEMENT, s.key()).ifPresent(v -> {
                if (QueuedStatement.PENDING.equals(v.value().status())) {
                    uow.update(XapiTypes.STATEMENT, v.value().done(status, context.now(), why), v.version());
                    uow.publish(context.event(REFUSED, s.id(), Map.of("lrs", s.lrs(), "statement", s.id(),
                            "event", s.eventId(), "problem", problem.name(), "httpStatus",
                            Integer.toString(httpStatus), "detail", why)));
                }
            });
            return null;
        });
    }

    /**
     * Whether the LRS holds the statement that was sent: the same actor, verb, object, result, context and
     * timestamp (xAPI-Data's statement comparison ignores what the LRS adds: {@code stored}, {@code authority},
     * {@code version}, and the formatting of numbers and timestamps).
     */
    static boolean sameStatement(String sent, String held) {
        try {
            JsonNode a = MAPPER.readTree(sent);
            JsonNode b = MAPPER.readTree(held);
            for (String property : List.of("actor", "verb", "object", "result", "context")) {
                JsonNode x = a.get(property);
                JsonNode y = b.get(property);
                if (x == null ? y != null && !y.isEmpty() : y == null || !x.equals(NUMBERS_BY_VALUE, y)) {
                    return false;
                }
            }
            return Objects.equals(instant(a.get("timestamp")), instant(b.get("timestamp")));
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static Instant instant(JsonNode timestamp) {
        if (timestamp == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(timestamp.asText()).toInstant();
        } catch (DateTimeParseException e) {
            return Instant.MIN;
        }
    }

    private static String excerpt(HttpResponse response) {
        String text = response.text().strip();
        return text.isEmpty() ? "" : ": " + (text.length() > 200 ? text.substring(0, 200) + "..." : text);
    }
}
