package io.learnloop.rest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnloop.core.Learnloop;
import io.learnloop.core.store.Stores;
import io.learnloop.rest.RestApi;
import io.learnloop.rest.Route;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed OpenAPI document is exactly the one the routes and their records produce, so it cannot drift from
 * the code. After changing a route or a record it answers with, regenerate it:
 * {@code mvn -pl sdk-rest -am test -Dtest=OpenApiDocumentTest -Dsurefire.failIfNoSpecifiedTests=false -Dopenapi.write=true}.
 */
class OpenApiDocumentTest {
    private static final Path SOURCE = Path.of("src/main/resources/io/learnloop/rest/openapi.json");
    private final RestApi api = RestApi.builder(Learnloop.builder().store(Stores.inMemory()).build()).build();

    @Test
    void openApiDocument_whenComparedWithTheRoutes_isExactlyWhatTheyGenerate() throws IOException {
        String generated = OpenApiGenerator.generate(OpenApiGenerator.endpointsOf(api));
        if (Boolean.getBoolean("openapi.write")) {
            Files.writeString(SOURCE, generated, StandardCharsets.UTF_8);
        }
        JsonNode committed = OpenApiGenerator.MAPPER.readTree(RestApi.openApiDocument());
        assertThat(committed)
                .as("the committed OpenAPI document differs from the code; regenerate it with -Dopenapi.write=true")
                .isEqualTo(OpenApiGenerator.MAPPER.readTree(generated));
    }

    @Test
    void openApiDocument_whenRead_hasEveryRouteAndNothingElse() throws IOException {
        JsonNode doc = OpenApiGenerator.MAPPER.readTree(RestApi.openApiDocument());
        TreeSet<String> documented = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").properties().iterator(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(method -> documented.add(
                    method.toUpperCase(Locale.ROOT) + " " + path.getKey() + " "
                            + path.getValue().get(method).get("operationId").asText()));
        }
        TreeSet<String> routed = new TreeSet<>();
        for (Route r : api.routes()) {
            routed.add(r.method() + " " + r.path() + " " + r.operationId());
        }
        assertThat(documented).isEqualTo(routed);
    }

    @Test
    void openApiDocument_whenRead_declaresPerOperationOnlyTheProblemStatusesItsRouteCanAnswer() throws IOException {
        JsonNode doc = OpenApiGenerator.MAPPER.readTree(RestApi.openApiDocument());
        Map<String, TreeSet<String>> statuses = new java.util.TreeMap<>();
        doc.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            TreeSet<String> codes = new TreeSet<>();
            op.getValue().get("responses").fieldNames().forEachRemaining(codes::add);
            statuses.put(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(), codes);
        }));

        statuses.forEach((op, codes) -> {
            if (op.startsWith("GET ")) {
                assertThat(codes).as(op).doesNotContain("409", "413", "415", "422");
            }
            assertThat(codes).as(op).doesNotContain("405");
        });
        assertThat(statuses.get("GET /openapi.json")).containsExactly("200", "500", "503");
        assertThat(statuses.get("GET /courses")).doesNotContain("401", "403", "404", "501");
        assertThat(statuses.get("GET /me/recommendations")).contains("401", "501").doesNotContain("404");
        assertThat(statuses.get("POST /orders/{orderId}/checkout"))
                .contains("400", "401", "404", "409", "413", "415", "422", "501", "502", "504");
        assertThat(statuses.get("POST /orders/{orderId}/cancel")).doesNotContain("413", "415", "501");
    }

    @Test
    void openApiDocument_whenRead_requiresOnlyRecordComponentsSoDerivedPropertiesNeedNotBeSent() throws IOException {
        JsonNode answer = OpenApiGenerator.MAPPER.readTree(RestApi.openApiDocument()).at("/components/schemas/Answer");

        List<String> required = new ArrayList<>();
        answer.get("required").forEach(r -> required.add(r.asText()));

        assertThat(required).containsExactlyInAnyOrder("choices", "text", "number");
        assertThat(answer.at("/properties/empty/readOnly").asBoolean()).isTrue();
    }

    @Test
    void openApiDocument_whenRead_declaresASchemaForEveryReference() throws IOException {
        JsonNode doc = OpenApiGenerator.MAPPER.readTree(RestApi.openApiDocument());
        List<String> missing = new ArrayList<>();
        doc.findValues("$ref").forEach(ref -> {
            String[] parts = ref.asText().substring(2).split("/");
            if (!doc.path(parts[0]).path(parts[1]).has(parts[2])) {
                missing.add(ref.asText());
            }
        });
        assertThat(missing).isEmpty();
        assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
        assertThat(doc.at("/components/securitySchemes/hostIdentity/type").asText()).isEqualTo("http");
    }
}
