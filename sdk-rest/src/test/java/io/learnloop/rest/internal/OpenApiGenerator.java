package io.learnloop.rest.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.learnloop.core.Page;
import io.learnloop.core.json.LearnloopJson;
import io.learnloop.core.identity.Identifier;
import io.learnloop.core.money.Money;
import io.learnloop.rest.RestApi;
import io.learnloop.rest.Route;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the OpenAPI 3.1 document from the routes and the record classes they read and answer, the way the wire
 * format writes them: a record is an object of all its components (an absent value is written as null, a list is
 * never null), a typed id a string, money an object of minor units and currency. The committed document must equal
 * what this writes ({@code OpenApiDocumentTest}).
 */
final class OpenApiGenerator {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final JsonNodeFactory N = JsonNodeFactory.instance;
    private static final String REF = "#/components/schemas/";
    private static final ObjectMapper WIRE = LearnloopJson.newMapper();

    private final Map<String, ObjectNode> schemas = new TreeMap<>();
    private final Map<String, Class<?>> named = new LinkedHashMap<>();

    static String generate(List<Endpoint> endpoints) {
        try {
            return MAPPER.writeValueAsString(new OpenApiGenerator().document(endpoints)) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode document(List<Endpoint> endpoints) {
        ObjectNode doc = N.objectNode();
        doc.put("openapi", "3.1.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Learnloop HTTP API");
        info.put("version", "1");
        info.put("description", "The HTTP API for front ends, mounted by the host under a base path of its choice."
                + " JSON follows the Learnloop wire format (docs/wire-format.md); errors are RFC 9457 problem"
                + " details with a stable code; listings page by an opaque cursor; POSTs that move money need an"
                + " Idempotency-Key header.");
        doc.putArray("servers").addObject().put("url", "/learnloop/api")
                .put("description", "The Spring Boot starter's default base path (learnloop.api.base-path)");
        doc.putArray("security").addObject().putArray("hostIdentity");
        ObjectNode paths = doc.putObject("paths");
        for (Endpoint e : endpoints) {
            ObjectNode item = paths.has(e.route().path()) ? (ObjectNode) paths.get(e.route().path())
                    : paths.putObject(e.route().path());
            item.set(e.route().method().toLowerCase(java.util.Locale.ROOT), operation(e));
        }
        ObjectNode components = doc.putObject("components");
        problemSchemas();
        ObjectNode s = components.putObject("schemas");
        schemas.forEach(s::set);
        components.set("responses", errorResponses());
        ObjectNode sec = components.putObject("securitySchemes").putObject("hostIdentity");
        sec.put("type", "http");
        sec.put("scheme", "bearer");
        sec.put("description", "Whatever the host authenticates (a session cookie, a bearer token): the mount resolves"
                + " the caller and hands the API its Actor. The API never reads a user id from a request.");
        return doc;
    }

    private ObjectNode operation(Endpoint e) {
        Route r = e.route();
        Doc d = e.doc();
        ObjectNode op = N.objectNode();
        op.put("operationId", r.operationId());
        op.put("summary", d.summary());
        if (r.access() == Route.Access.PUBLIC) {
            op.putArray("security");
        }
        ArrayNode params = N.arrayNode();
        for (String segment : e.segments()) {
            if (segment.startsWith("{")) {
                ObjectNode p = params.addObject();
                p.put("name", segment.substring(1, segment.length() - 1));
                p.put("in", "path");
                p.put("required", true);
                p.putObject("schema").put("type", "string");
            }
        }
        for (String q : d.query()) {
            params.add(query(q, d.limit()));
        }
        if (e.movesMoney()) {
            ObjectNode p = params.addObject();
            p.put("name", "Idempotency-Key");
            p.put("in", "header");
            p.put("required", true);
            p.put("description", "A new random key per operation, the same key on every retry of it. A repeat with"
                    + " the same body answers the first response again (header Idempotent-Replayed: true); with"
                    + " another body it is refused with 422 IDEMPOTENCY_KEY_REUSED.");
            p.putObject("schema").put("type", "string").put("minLength", 1).put("maxLength", Idempotency.MAX_KEY)
                    .put("pattern", "^[!-~]+$");
        }
        if (!params.isEmpty()) {
            op.set("parameters", params);
        }
        if (d.request() != null) {
            ObjectNode body = op.putObject("requestBody");
            body.put("required", true);
            body.putObject("content").putObject("application/json").set("schema", ref(d.request()));
        }
        ObjectNode responses = op.putObject("responses");
        ObjectNode ok = responses.putObject(Integer.toString(d.status()));
        ok.put("description", d.status() == 201 ? "Created" : "OK");
        if (d.status() == 201) {
            ok.putObject("headers").putObject("Location").put("description", "Where the created resource is read")
                    .putObject("schema").put("type", "string");
        }
        ok.putObject("content").putObject("application/json").set("schema", responseSchema(d));
        List<String> errors = e.problemStatuses().stream().map(String::valueOf).toList();
        for (String status : errors) {
            responses.putObject(status).put("$ref", "#/components/responses/Problem" + status);
        }
        return op;
    }

    private static ObjectNode query(String name, Doc.Limit limit) {
        ObjectNode p = N.objectNode();
        p.put("name", name);
        p.put("in", "query");
        ObjectNode s = p.putObject("schema");
        switch (name) {
            case "limit" -> {
                p.put("description", limit.serviceDefault() ? "Items per page, the service's own page size when absent"
                        : "Items per page, " + limit.byDefault() + " when absent");
                s.put("type", "integer").put("minimum", 1).put("maximum", limit.max());
            }
            case "cursor" -> {
                p.put("description", "The nextCursor of the previous page, passed back unchanged");
                s.put("type", "string").put("maxLength", 512);
            }
            case "currency" -> {
                p.put("required", true);
                s.put("type", "string").put("pattern", "^[A-Z]{3}$");
            }
            case "from", "to" -> {
                p.put("required", true);
                p.put("description", "An ISO 8601 instant; from is inclusive, to exclusive");
                s.put("type", "string").put("format", "date-time");
            }
            case "q" -> s.put("type", "string").put("maxLength", 200);
            default -> s.put("type", "string");
        }
        return p;
    }

    private ObjectNode responseSchema(Doc d) {
        return switch (d.shape()) {
            case ONE -> ref(d.response());
            case PAGE -> page(d.response());
            case ITEMS -> items(d.response());
            case RAW -> N.objectNode().put("type", "object");
        };
    }

    private ObjectNode page(Class<?> item) {
        String name = "PageOf" + item.getSimpleName();
        if (!schemas.containsKey(name)) {
            ObjectNode s = object();
            s.withArray("required").add("items").add("nextCursor");
            s.putObject("properties").set("items", array(ref(item)));
            ((ObjectNode) s.get("properties")).putObject("nextCursor").putArray("type").add("string").add("null");
            schemas.put(name, s);
        }
        return N.objectNode().put("$ref", REF + name);
    }

    private ObjectNode items(Class<?> item) {
        String name = "ItemsOf" + item.getSimpleName();
        if (!schemas.containsKey(name)) {
            ObjectNode s = object();
            s.withArray("required").add("items");
            s.putObject("properties").set("items", array(ref(item)));
            schemas.put(name, s);
        }
        return N.objectNode().put("$ref", REF + name);
    }

    private ObjectNode ref(Class<?> type) {
        String name = type.getSimpleName();
        Class<?> earlier = named.putIfAbsent(name, type);
        if (earlier != null && earlier != type) {
            throw new IllegalStateException("two schemas named " + name + ": " + earlier + " and " + type);
        }
        if (!schemas.containsKey(name)) {
            schemas.put(name, N.objectNode()); // reserves the name while the record's own components are walked
            schemas.put(name, record(type));
        }
        return N.objectNode().put("$ref", REF + name);
    }

    private ObjectNode record(Class<?> type) {
        if (type == Money.class) {
            ObjectNode s = object();
            s.put("description", "An amount in minor units of a currency (docs/wire-format.md#money)");
            s.withArray("required").add("minor").add("currency");
            ObjectNode props = s.putObject("properties");
            props.putObject("minor").put("type", "integer").put("format", "int64");
            props.putObject("currency").put("type", "string").put("pattern", "^[A-Z]{3}$");
            return s;
        }
        if (!type.isRecord()) {
            throw new IllegalStateException("no schema for " + type.getName() + ": answer with a record");
        }
        ObjectNode s = object();
        ArrayNode required = s.putArray("required");
        ObjectNode props = s.putObject("properties");
        // Jackson's own view of the record: its components and any other getter it writes (NoteAnchor's "media")
        var description = WIRE.getSerializationConfig().introspect(WIRE.constructType(type));
        for (BeanPropertyDefinition p : description.findProperties()) {
            if (!p.couldSerialize()) {
                continue;
            }
            Member m = p.getAccessor().getMember();
            Type t = m instanceof Method method ? method.getGenericReturnType() : ((Field) m).getGenericType();
            ObjectNode property = schema(t, true);
            if (isComponent(type, m)) {
                required.add(p.getName());
            } else {
                // Derived from the components (Answer's "empty"): written in answers, never needed in a request.
                property.put("readOnly", true);
            }
            props.set(p.getName(), property);
        }
        return s;
    }

    /** Whether a property's accessor is one of the record's components, rather than a getter derived from them. */
    private static boolean isComponent(Class<?> record, Member accessor) {
        for (java.lang.reflect.RecordComponent c : record.getRecordComponents()) {
            if (c.getAccessor().equals(accessor) || c.getName().equals(accessor.getName())) {
                return true;
            }
        }
        return false;
    }

    private ObjectNode schema(Type type, boolean nullable) {
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            Type[] args = p.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw)) {
                // the wire format writes an empty list, never null
                return array(schema(args[0], false));
            }
            if (Map.class.isAssignableFrom(raw)) {
                ObjectNode m = N.objectNode().put("type", "object");
                m.set("additionalProperties", schema(args[1], false));
                return nullable ? orNull(m) : m;
            }
            if (raw == Page.class) {
                ObjectNode ref = page((Class<?>) args[0]);
                return nullable ? orNull(ref) : ref;
            }
            throw new IllegalStateException("no schema for " + type);
        }
        Class<?> c = (Class<?>) type;
        if (c == int.class || c == long.class) {
            return N.objectNode().put("type", "integer");
        }
        if (c == double.class || c == float.class) {
            return N.objectNode().put("type", "number");
        }
        if (c == boolean.class) {
            return N.objectNode().put("type", "boolean");
        }
        ObjectNode s;
        if (c == Integer.class || c == Long.class) {
            s = N.objectNode().put("type", "integer");
        } else if (c == Double.class || c == BigDecimal.class) {
            s = N.objectNode().put("type", "number");
        } else if (c == Boolean.class) {
            s = N.objectNode().put("type", "boolean");
        } else if (c == String.class || Identifier.class.isAssignableFrom(c)) {
            s = N.objectNode().put("type", "string");
        } else if (c == Instant.class) {
            s = N.objectNode().put("type", "string").put("format", "date-time");
        } else if (c == Duration.class) {
            s = N.objectNode().put("type", "string").put("format", "duration");
        } else if (c == LocalDate.class) {
            s = N.objectNode().put("type", "string").put("format", "date");
        } else if (c == Currency.class) {
            s = N.objectNode().put("type", "string").put("pattern", "^[A-Z]{3}$");
        } else if (c.isEnum()) {
            s = N.objectNode().put("type", "string");
            ArrayNode values = s.putArray("enum");
            for (Object constant : c.getEnumConstants()) {
                values.add(((Enum<?>) constant).name());
            }
            if (nullable) {
                values.addNull();
                s.putArray("type").add("string").add("null");
            }
            return s;
        } else {
            s = ref(c);
            return nullable ? orNull(s) : s;
        }
        if (nullable) {
            String t = s.get("type").asText();
            s.putArray("type").add(t).add("null");
        }
        return s;
    }

    private static ObjectNode orNull(ObjectNode s) {
        ObjectNode any = N.objectNode();
        ArrayNode of = any.putArray("anyOf");
        of.add(s);
        of.addObject().put("type", "null");
        return any;
    }

    private static ObjectNode object() {
        ObjectNode s = N.objectNode();
        s.put("type", "object");
        s.put("additionalProperties", false);
        return s;
    }

    private static ObjectNode array(ObjectNode items) {
        ObjectNode a = N.objectNode().put("type", "array");
        a.set("items", items);
        return a;
    }

    private void problemSchemas() {
        ref(Problem.class);
    }

    private static ObjectNode errorResponses() {
        Map<String, String> what = new LinkedHashMap<>();
        what.put("400", "Invalid input (VALIDATION_FAILED): malformed JSON, a bad field, a forged cursor, a missing"
                + " Idempotency-Key; errors lists each bad field");
        what.put("401", "Nobody is signed in (UNAUTHENTICATED)");
        what.put("403", "The caller lacks the role or owns not the resource (FORBIDDEN)");
        what.put("404", "No such route, or no such resource in this tenant (NOT_FOUND)");
        what.put("405", "The route exists under other methods, listed in Allow (METHOD_NOT_ALLOWED)");
        what.put("409", "The resource's state or version forbids it (INVALID_STATE, VERSION_CONFLICT, DUPLICATE_KEY)");
        what.put("413", "The body is longer than the API reads (PAYLOAD_TOO_LARGE)");
        what.put("415", "The body is not application/json (UNSUPPORTED_MEDIA_TYPE)");
        what.put("422", "An Idempotency-Key reused with another body (IDEMPOTENCY_KEY_REUSED), or a valid request the"
                + " domain refuses (CURRENCY_MISMATCH, ARITHMETIC_OVERFLOW, VERIFICATION_FAILED)");
        what.put("500", "A failure of the server (INTERNAL, CONFIGURATION, OUTPUT_FAILED)");
        what.put("501", "The host configured no payment provider, community or recommendation service for the API (CONFIGURATION)");
        what.put("502", "The payment provider failed (REMOTE_FAILURE)");
        what.put("503", "The store or a provider is unavailable or limiting (STORE_UNAVAILABLE, RATE_LIMITED)");
        what.put("504", "The provider's outcome is unknown (REMOTE_FAILURE); retry with the same Idempotency-Key");
        ObjectNode responses = N.objectNode();
        what.forEach((status, description) -> {
            ObjectNode r = responses.putObject("Problem" + status);
            r.put("description", description);
            r.putObject("content").putObject("application/problem+json").putObject("schema")
                    .put("$ref", REF + "Problem");
        });
        return responses;
    }

    /** The endpoints of an API built by {@link RestApiFactory}. */
    static List<Endpoint> endpointsOf(RestApi api) {
        return ((DefaultRestApi) api).endpoints();
    }
}
