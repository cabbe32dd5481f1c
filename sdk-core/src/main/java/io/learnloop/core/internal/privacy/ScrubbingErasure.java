package io.learnloop.core.internal.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.core.event.DomainEvent;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.json.LearnloopJson;
import io.learnloop.core.privacy.Erasure;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.IndexRange;
import io.learnloop.core.store.UnitOfWork;
import io.learnloop.core.store.Versioned;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Pseudonymises records through their JSON form, so one rewriting serves every aggregate type of every module: the
 * learner's id is replaced wherever it stands as a whole token (a field, part of a composite key, a map key), and
 * the named fields are erased.
 *
 * <p>Thread-safe: immutable.
 */
public final class ScrubbingErasure implements Erasure {
    /** What an erased text field reads afterwards. */
    public static final String ERASED = "erased";

    private static final ObjectMapper MAPPER = LearnloopJson.newMapper();

    private static final int BATCH = 100;

    private final ServiceContext ctx;
    private final UserId learner;
    private final UserId pseudonym;

    /**
     * Creates the rewriting of one erasure.
     *
     * @param ctx       the context whose store is rewritten
     * @param learner   whose id goes
     * @param pseudonym what replaces it
     */
    public ScrubbingErasure(ServiceContext ctx, UserId learner, UserId pseudonym) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.learner = Objects.requireNonNull(learner, "learner");
        this.pseudonym = Objects.requireNonNull(pseudonym, "pseudonym");
    }

    @Override
    public ServiceContext context() {
        return ctx;
    }

    @Override
    public java.util.Iterator<io.learnloop.core.commerce.OrderId> ordersOf(UserId someone) {
        return CoreErasers.ordersOf(ctx, someone);
    }

    @Override
    public UserId learner() {
        return learner;
    }

    @Override
    public UserId pseudonym() {
        return pseudonym;
    }

    @Override
    public String pseudonymise(String text) {
        if (text == null) {
            return null;
        }
        String id = learner.value();
        StringBuilder out = null;
        int copied = 0;
        int from = 0;
        int at;
        while ((at = text.indexOf(id, from)) >= 0) {
            int end = at + id.length();
            if ((at == 0 || !partOfId(text.charAt(at - 1))) && (end == text.length() || !partOfId(text.charAt(end)))) {
                if (out == null) {
                    out = new StringBuilder(text.length());
                }
                out.append(text, copied, at).append(pseudonym.value());
                copied = end;
                from = end;
            } else {
                from = at + 1;
            }
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    /**
     * Whether a character may continue an id, so that an id found next to it is only part of a longer one. Keys
     * join ids with {@code :} or {@code |}, which are not.
     */
    private static boolean partOfId(char c) {
        return Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == '@' || c == '+';
    }

    @Override
    public <T> T scrub(AggregateType<T> type, T value, Set<String> erasedFields) {
        JsonNode before = MAPPER.valueToTree(value);
        JsonNode after = scrubNode(before, erasedFields);
        if (after.equals(before)) {
            return value;
        }
        try {
            return MAPPER.treeToValue(after, type.type());
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new LearnloopException(ErrorCode.INTERNAL, "A " + type.name() + " could not be pseudonymised: "
                    + e.getMessage(), e);
        }
    }

    /**
     * An outbox event with the learner's id replaced, or the event itself if it has none.
     *
     * @param event the event
     * @return the event or its replacement
     */
    public DomainEvent scrub(DomainEvent event) {
        Map<String, String> data = new HashMap<>();
        boolean changed = false;
        for (Map.Entry<String, String> e : event.data().entrySet()) {
            String key = pseudonymise(e.getKey());
            String v = pseudonymise(e.getValue());
            changed |= !key.equals(e.getKey()) || !Objects.equals(v, e.getValue());
            data.put(key, v);
        }
        String aggregateId = pseudonymise(event.aggregateId());
        changed |= !aggregateId.equals(event.aggregateId());
        return changed ? new DomainEvent(event.id(), event.tenant(), event.type(), aggregateId, event.occurredAt(),
                data) : event;
    }

    private JsonNode scrubNode(JsonNode node, Set<String> erasedFields) {
        if (node.isTextual()) {
            String text = node.textValue();
            String replaced = pseudonymise(text);
            return replaced.equals(text) ? node : TextNode.valueOf(replaced);
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(n -> out.add(scrubNode(n, erasedFields)));
            return out;
        }
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode child = node.get(name);
                out.set(pseudonymise(name), erasedFields.contains(name) ? erased(child) : scrubNode(child,
                        erasedFields));
            }
            return out;
        }
        return node;
    }

    private static JsonNode erased(JsonNode node) {
        if (node.isTextual()) {
            return TextNode.valueOf(ERASED);
        }
        if (node.isArray()) {
            return JsonNodeFactory.instance.arrayNode();
        }
        return node.isNull() || node.isMissingNode() ? node : JsonNodeFactory.instance.nullNode();
    }

    @Override
    public <T> boolean replace(UnitOfWork uow, AggregateType<T> type, Versioned<T> stored, T scrubbed) {
        if (scrubbed.equals(stored.value())) {
            return false;
        }
        String oldId = type.idOf(stored.value());
        String newId = type.idOf(scrubbed);
        if (oldId.equals(newId)) {
            uow.update(type, scrubbed, stored.version());
        } else {
            uow.delete(type, oldId, stored.version());
            uow.insert(type, scrubbed);
        }
        return true;
    }

    @Override
    public <T> int rewriteAll(AggregateType<T> type, String index, String key, Set<String> erasedFields,
                              UnaryOperator<T> before) {
        boolean sorted = type.isSorted(index);
        int total = 0;
        while (true) {
            List<Versioned<T>> batch = ctx.read(uow -> sorted
                    ? uow.findRange(type, index, key, IndexRange.first(BATCH))
                    : uow.findBy(type, index, key));
            int written = 0;
            for (Versioned<T> row : batch.subList(0, Math.min(BATCH, batch.size()))) {
                String id = type.idOf(row.value());
                written += rewriteOne(type, id, erasedFields, before);
            }
            total += written;
            if (written == 0) {
                // nothing left under the key, or nothing there that names the learner
                return total;
            }
        }
    }

    @Override
    public <T> int rewriteMatching(AggregateType<T> type, java.util.function.Predicate<T> ofLearner,
                                   Set<String> erasedFields, UnaryOperator<T> before) {
        int total = 0;
        for (int offset = 0; ; offset += BATCH) {
            int from = offset;
            List<Versioned<T>> page = ctx.read(uow -> uow.list(type, from, BATCH));
            for (Versioned<T> row : page) {
                if (ofLearner.test(row.value())) {
                    total += rewriteOne(type, type.idOf(row.value()), erasedFields, before);
                }
            }
            if (page.size() < BATCH) {
                return total;
            }
        }
    }

    private <T> int rewriteOne(AggregateType<T> type, String id, Set<String> erasedFields, UnaryOperator<T> before) {
        return ctx.transactRetrying(uow -> uow.find(type, id).map(now -> {
            T changed = before == null ? null : before.apply(now.value());
            if (changed == null) {
                uow.delete(type, id, now.version());
                return 1;
            }
            return replace(uow, type, now, scrub(type, changed, erasedFields)) ? 1 : 0;
        }).orElse(0));
    }

    @Override
    public String toString() {
        return "Erasure[pseudonym=" + pseudonym + "]";
    }
}
