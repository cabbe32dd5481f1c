package io.learnloop.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks real responses against the committed OpenAPI document: the status is one the operation declares, the
 * content type is the declared one, and the body validates against the declared schema (JSON Schema 2020-12, the
 * dialect of OpenAPI 3.1).
 */
final class OpenApiContract {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final JsonNode DOCUMENT = read();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private OpenApiContract() {
    }

    private static JsonNode read() {
        try {
            return MAPPER.readTree(RestApi.openApiDocument());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The path template of the document that a request path matches under a method, or null. */
    static String template(String method, String path) {
        List<String> parts = List.of(path.replaceAll("^/+|/+$", "").split("/+"));
        String best = null;
        int bestLiterals = -1;
        for (Iterator<String> it = DOCUMENT.get("paths").fieldNames(); it.hasNext(); ) {
            String template = it.next();
            if (!DOCUMENT.get("paths").get(template).has(method.toLowerCase(Locale.ROOT))) {
                continue;
            }
            List<String> t = List.of(template.replaceAll("^/+", "").split("/"));
            if (t.size() != parts.size()) {
                continue;
            }
            int literals = 0;
            boolean match = true;
            for (int i = 0; i < t.size() && match; i++) {
                if (!t.get(i).startsWith("{")) {
                    match = t.get(i).equals(parts.get(i));
                    literals++;
                }
            }
            if (match && literals > bestLiterals) {
                best = template;
                bestLiterals = literals;
            }
        }
        return best;
    }

    /** Fails with every violation if the response does not match the document. */
    static void check(RestRequest request, RestResponse response) {
        String template = template(request.method(), request.path());
        JsonNode schema;
        String contentType;
        if (template == null) {
            // no operation: the router's own 404 or 405
            schema = MAPPER.createObjectNode().put("$ref", "#/components/schemas/Problem");
            contentType = "application/problem+json";
        } else {
            JsonNode responses = DOCUMENT.get("paths").get(template).get(request.method().toLowerCase(Locale.ROOT))
                    .get("responses");
            JsonNode declared = responses.get(Integer.toString(response.status()));
            if (declared == null) {
                throw new AssertionError(request.method() + " " + template + " answered " + response.status()
                        + ", which the document does not declare: " + response.bodyText());
            }
            if (declared.has("$ref")) {
                String name = declared.get("$ref").asText().substring("#/components/responses/".length());
                declared = DOCUMENT.get("components").get("responses").get(name);
            }
            Map.Entry<String, JsonNode> content = declared.get("content").properties().iterator().next();
            contentType = content.getKey();
            schema = content.getValue().get("schema");
        }
        if (!contentType.equals(response.contentType())) {
            throw new AssertionError(request.method() + " " + request.path() + " answered " + response.contentType()
                    + ", the document says " + contentType);
        }
        Schema compiled = SCHEMAS.computeIfAbsent(schema.toString(), s -> REGISTRY.getSchema(
                "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"components\":"
                        + DOCUMENT.get("components") + ",\"allOf\":[" + s + "]}", InputFormat.JSON));
        var errors = compiled.validate(response.bodyText(), InputFormat.JSON);
        if (!errors.isEmpty()) {
            throw new AssertionError(request.method() + " " + request.path() + " -> " + response.status()
                    + " does not match the OpenAPI document: " + errors + "\nbody: " + response.bodyText());
        }
    }
}
