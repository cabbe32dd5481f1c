package io.learnloop.lms.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnloop.core.Learnloop;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.event.DomainEvent;
import io.learnloop.core.event.EventListener;
import io.learnloop.core.json.LearnloopJson;
import io.learnloop.core.store.IndexRange;
import io.learnloop.lms.LrsEndpoint;
import io.learnloop.lms.XapiConfig;
import io.learnloop.lms.XapiException;
import io.learnloop.lms.XapiPublisher;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The xAPI publisher over the core facade. A learning event is mapped to a statement, validated, and queued once per
 * LRS in one transaction that also announces {@value #DUE} for each queue; when the relay hands that announcement
 * back, the LRS's queue is sent. A send that fails throws, so the outbox hands the announcement out again after its
 * lease, and the queue is still there.
 *
 * <p>Thread-safe: immutable; its parts are thread-safe.
 */
public final class DefaultXapiPublisher implements XapiPublisher {
    static final String DUE = "xapi.statements_due";
    /** What a host's sendPending on this thread has sent so far, nested sends included; null outside one. */
    private static final ThreadLocal<int[]> TAKEN = new ThreadLocal<>();
    private static final ObjectMapper MAPPER = LearnloopJson.newMapper();

    private final ServiceContext context;
    private final StatementMapper mapper;
    private final StatementSender sender;
    private final Map<String, LrsClient> clients = new LinkedHashMap<>();

    /**
     * Wires the publisher.
     *
     * @param learnloop the facade
     * @param config    the configuration
     */
    public DefaultXapiPublisher(Learnloop learnloop, XapiConfig config) {
        this.context = learnloop.context();
        this.mapper = new StatementMapper(config);
        this.sender = new StatementSender(context, config.batchSize());
        for (LrsEndpoint lrs : config.lrs()) {
            clients.put(lrs.id(), new LrsClient(config, lrs, context.clock()));
        }
    }

    @Override
    public EventListener outboxListener() {
        return this::onEvent;
    }

    private void onEvent(DomainEvent event) {
        if (DUE.equals(event.type())) {
            LrsClient client = clients.get(event.get("lrs"));
            if (client != null) {
                send(client);
            }
        } else if (StatementMapper.maps(event.type())) {
            mapper.statement(event).ifPresent(statement -> enqueue(event, statement));
        }
    }

    private void enqueue(DomainEvent event, ObjectNode statement) {
        String subject = statement.path("actor").path("account").path("name").asText(null);
        Map<String, String> json = new LinkedHashMap<>();
        for (String lrs : clients.keySet()) {
            ObjectNode withId = JsonNodeFactory.instance.objectNode();
            withId.put("id", StatementIds.of(context.tenant().value(), event.id(), lrs));
            withId.setAll(statement);
            // A statement the LRS would refuse must not block its queue: refuse it here, and keep the event.
            StatementValidator.validate(withId);
            json.put(lrs, withId.toString());
        }
        context.transactRetrying(uow -> {
            json.forEach((lrs, text) -> {
                String id = StatementIds.of(context.tenant().value(), event.id(), lrs);
                QueuedStatement queued = new QueuedStatement(id, lrs, event.id(), text, event.occurredAt(),
                        QueuedStatement.PENDING, null, null, subject, null);
                if (uow.find(XapiTypes.STATEMENT, queued.key()).isEmpty()) {
                    uow.insert(XapiTypes.STATEMENT, queued);
                    uow.publish(context.event(DUE, lrs, Map.of("lrs", lrs, "statement", id)));
                }
            });
            return null;
        });
    }

    /**
     * Sends an LRS's queue until it is empty; a failed batch throws and leaves the rest queued. Every batch takes at
     * least one statement out of the queue (sent, rejected or in conflict) or throws, so the loop ends.
     */
    private int send(LrsClient client) {
        int taken = 0;
        try {
            while (!sender.pending(client.id(), 1).isEmpty()) {
                taken += sender.sendBatch(client);
            }
            return taken;
        } finally {
            int[] total = TAKEN.get();
            if (total != null) {
                total[0] += taken;
            }
        }
    }

    @Override
    public int sendPending(String lrsId) {
        LrsClient client = client(lrsId);
        // Each batch's commit lets the relay deliver waiting announcements on this thread, and those send part of
        // the queue themselves: the host is told the total.
        int[] total = new int[1];
        TAKEN.set(total);
        try {
            send(client);
            return total[0];
        } finally {
            TAKEN.remove();
        }
    }

    @Override
    public int pendingCount(String lrsId, int upTo) {
        client(lrsId);
        if (upTo < 1 || upTo > IndexRange.MAX_LIMIT) {
            throw ValidationException.of("upTo", "must be 1 to " + IndexRange.MAX_LIMIT);
        }
        return sender.pending(lrsId, upTo).size();
    }

    @Override
    public void validate(String statementJson) {
        JsonNode node;
        try {
            node = statementJson == null ? null : MAPPER.readTree(statementJson);
        } catch (JsonProcessingException e) {
            throw XapiException.invalid("statement", "is not JSON (" + e.getOriginalMessage() + ")");
        }
        StatementValidator.validate(node);
    }

    private LrsClient client(String lrsId) {
        return Optional.ofNullable(lrsId == null ? null : clients.get(lrsId)).orElseThrow(() -> new XapiException(
                XapiException.Problem.UNKNOWN_LRS, null, 0, "No LRS is configured with the id '" + lrsId
                + "'; configured: " + clients.keySet() + ".", null));
    }

    @Override
    public String toString() {
        return "XapiPublisher[lrs=" + clients.keySet() + "]";
    }
}
